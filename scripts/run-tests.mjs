#!/usr/bin/env node
// Runs every compiled test file with Node's own test runner. Node 20's --test does not expand globs,
// so the files are collected here. Pass package names to narrow the run: `node scripts/run-tests.mjs protocol`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const packages = readdirSync(join(root, 'packages')).filter((p) => only.length === 0 || only.includes(p));

function collect(dir, out) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (entry.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const files = packages.flatMap((p) => collect(join(root, 'packages', p, 'dist', 'test'), []));
if (files.length === 0) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  // --test-force-exit: a test file whose tests have all finished is ended even if a socket it left (a
  // fault-proxy connection towards a process that stopped reading) would keep it from exiting.
  ['--enable-source-maps', '--test', '--test-force-exit', `--test-concurrency=${concurrency}`, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);

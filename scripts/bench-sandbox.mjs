// npm run bench:sandbox [-- --quick]: the sandbox's own benchmark, then the direct apply ceiling between two
// sandboxes (which lives with the syncer benchmark because it needs the conformance package's helpers).
// Both get the same arguments, so --quick shortens both.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const steps = [
  ['packages/sandbox/dist/bench/sandbox-bench.js', ...args],
  ['packages/conformance/dist/bench/run-bench.js', '--only=ceiling', ...args],
];
for (const step of steps) {
  const run = spawnSync(process.execPath, step, { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

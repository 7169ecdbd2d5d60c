// A separate node process that writes to a metadata store, for the conformance tests that need real
// concurrency (two processes contending for one store) or a real crash (SIGKILL mid-write).
//   node store-child.js <opener module URL> <dir> progress-loop <job> <pad bytes>
//   node store-child.js <opener module URL> <dir> writer <tag> <count> <shared job | ->
// The opener module exports `openStore(dir)`, the same function the parent's suite was given.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { MetaStore } from '../../src/model/meta-store.js';
import { crashPayload, sampleJob } from './fixtures.js';

type Opener = (dir: string) => Promise<MetaStore>;

/** Written synchronously so that a line the parent has read describes a write that already committed. */
function say(line: string): void {
  writeSync(1, `${line}\n`);
}

function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.once('data', () => {
      process.stdin.destroy();
      resolve();
    });
  });
}

/** Writes progress forever, continuing from the stored seq like a resumed job, until it is killed. */
async function progressLoop(store: MetaStore, job: string, padBytes: number): Promise<never> {
  const stored = await store.getProgress(job);
  let seq = stored ? ((JSON.parse(stored.progress) as { seq?: number }).seq ?? 0) : 0;
  say('ready');
  for (;;) {
    seq += 1;
    await store.putProgress(job, crashPayload(seq, padBytes));
    say(String(seq));
  }
}

async function writer(
  opener: Opener,
  dir: string,
  tag: string,
  count: number,
  shared: string,
): Promise<void> {
  say('ready');
  await waitForGo();
  // Opened only after "go", so several writers also race to initialise the store.
  const store = await opener(dir);
  let wonContested = false;
  try {
    await store.createJob(sampleJob('contested'), JSON.stringify({ by: tag }));
    wonContested = true;
  } catch (error) {
    if ((error as Error).name !== 'JobExistsError') throw error;
  }
  for (let i = 0; i < count; i++) {
    await store.createJob(sampleJob(`${tag}-${i}`), JSON.stringify({ tag, i }));
    if (shared !== '-') await store.putProgress(shared, JSON.stringify({ tag, seq: i }));
  }
  await store.close();
  say(JSON.stringify({ tag, wonContested }));
}

async function main(): Promise<void> {
  const [moduleUrl, dir, mode, ...args] = process.argv.slice(2);
  if (!moduleUrl || !dir || !mode) throw new Error('usage: store-child <opener module> <dir> <mode> ...');
  const { openStore } = (await import(moduleUrl)) as { openStore: Opener };
  if (mode === 'progress-loop') {
    await progressLoop(await openStore(dir), args[0] ?? 'crashy', Number(args[1] ?? 4096));
  } else if (mode === 'writer') {
    await writer(openStore, dir, args[0] ?? 'w', Number(args[1] ?? 10), args[2] ?? '-');
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

// Guarded so that importing this file by mistake does not start a writer.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

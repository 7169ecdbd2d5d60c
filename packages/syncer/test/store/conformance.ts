// The contract every MetaStore engine must meet, as one suite an engine's test file runs against its own
// store: `runMetaStoreConformance('SqliteMetaStore', openStore, { childModule })`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe } from 'node:test';
import type { MetaStore } from '../../src/model/meta-store.js';
import { describeBasics } from './conformance-basics.js';
import { describeEvents } from './conformance-events.js';
import { describeLeases } from './conformance-leases.js';
import { describeProcesses } from './conformance-processes.js';

/**
 * Opens and initialises a store whose data lives under `dir` (a fresh temporary directory per test). Two
 * calls with the same dir must reach the same data, as two syncers sharing one store would.
 */
export type StoreMaker = (dir: string) => Promise<MetaStore>;

export interface ConformanceOptions {
  /**
   * A module exporting `openStore: StoreMaker` equivalent to the one given, for the tests that run writers
   * in separate node processes (concurrency across processes, SIGKILL mid-write).
   */
  readonly childModule: URL;
}

/** What each test gets: its own directory and an opener that closes everything it opened afterwards. */
export interface ConformanceContext {
  readonly dir: string;
  readonly open: () => Promise<MetaStore>;
  readonly childModule: URL;
}

export function runMetaStoreConformance(
  name: string,
  makeStore: StoreMaker,
  options: ConformanceOptions,
): void {
  describe(`MetaStore conformance: ${name}`, () => {
    let dir = '';
    const opened: MetaStore[] = [];
    const context: ConformanceContext = {
      get dir() {
        return dir;
      },
      open: async () => {
        const store = await makeStore(dir);
        opened.push(store);
        return store;
      },
      childModule: options.childModule,
    };
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ccr-meta-store-'));
    });
    afterEach(async () => {
      // close() must be idempotent: tests close some stores themselves.
      for (const store of opened.splice(0)) await store.close();
      await rm(dir, { recursive: true, force: true });
    });
    describeBasics(context);
    describeProcesses(context);
    describeLeases(context);
    describeEvents(context);
  });
}

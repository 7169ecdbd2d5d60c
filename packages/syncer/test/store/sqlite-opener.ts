// How the conformance suite opens a SQLite store, both in the test process and in its child processes.
import { join } from 'node:path';
import type { MetaStore } from '../../src/model/meta-store.js';
import { SqliteMetaStore } from '../../src/store/sqlite-meta-store.js';

export const SQLITE_FILE = 'ccr.db';

export async function openStore(dir: string): Promise<MetaStore> {
  const store = new SqliteMetaStore({ path: join(dir, SQLITE_FILE) });
  await store.init();
  return store;
}

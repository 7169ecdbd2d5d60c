// How the conformance suite opens a MySQL or PostgreSQL store, in the test process and in its child
// processes: the server comes from the environment the test file set up (CCR_TEST_STORE_*), and each test
// directory gets a database of its own, named after the directory.
import { basename } from 'node:path';
import type { MetaStore } from '../../src/model/meta-store.js';
import { createMetaStore } from '../../src/store/index.js';

export function databaseFor(dir: string): string {
  return `ccr_${basename(dir)
    .replace(/[^A-Za-z0-9]/g, '_')
    .toLowerCase()}`;
}

export async function openStore(dir: string): Promise<MetaStore> {
  const env = process.env;
  const engine = env.CCR_TEST_STORE_ENGINE;
  if (engine !== 'mysql' && engine !== 'postgresql') throw new Error('CCR_TEST_STORE_ENGINE is not set');
  const store = createMetaStore({
    dbType: engine,
    dbHost: env.CCR_TEST_STORE_HOST ?? '127.0.0.1',
    dbPort: Number(env.CCR_TEST_STORE_PORT),
    dbUser: env.CCR_TEST_STORE_USER ?? '',
    dbPassword: env.CCR_TEST_STORE_PASSWORD ?? '',
    dbName: databaseFor(dir),
  });
  await store.init();
  return store;
}

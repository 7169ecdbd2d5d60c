// The --db_type switch: SQLite works, MySQL says plainly that it does not exist yet, anything else is refused.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createMetaStore,
  DEFAULT_DB_DIR,
  MetaStoreCorruptError,
  MetaStoreOpenError,
  type MetaStoreOptions,
  openMetaStore,
  SqliteMetaStore,
} from '../../src/store/index.js';
import { sampleJob } from './fixtures.js';

describe('createMetaStore', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccr-store-factory-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds a SQLite store at --db_dir, created on init()', async () => {
    const path = join(dir, 'meta.db');
    const store = createMetaStore({ dbType: 'sqlite3', dbDir: path });
    assert.ok(store instanceof SqliteMetaStore);
    assert.equal(existsSync(path), false, 'nothing is written before init()');
    await store.init();
    await store.createJob(sampleJob('f'), '{}');
    await store.close();
    assert.equal(existsSync(path), true);
  });

  it('defaults --db_dir to ccr.db like the Go syncer', () => {
    const store = createMetaStore({ dbType: 'sqlite3' });
    assert.ok(store instanceof SqliteMetaStore);
    assert.equal(store.path, DEFAULT_DB_DIR);
    assert.equal(DEFAULT_DB_DIR, 'ccr.db');
  });

  it('refuses an empty --db_dir', () => {
    assert.throws(() => createMetaStore({ dbType: 'sqlite3', dbDir: '' }), MetaStoreOpenError);
  });

  it('refuses an unknown db_type up front', () => {
    const options = { dbType: 'oracle' } as unknown as MetaStoreOptions;
    assert.throws(
      () => createMetaStore(options),
      /unknown db_type "oracle": expected sqlite3 or mysql or postgresql/,
    );
  });

  it('a MySQL store that cannot reach its server says where, without echoing its password', async () => {
    const store = createMetaStore({
      dbType: 'mysql',
      dbHost: '127.0.0.1',
      dbPort: 1,
      dbUser: 'ccr',
      dbPassword: 'hunter2',
    });
    await assert.rejects(store.init(), (error: Error) => {
      assert.ok(error instanceof MetaStoreOpenError);
      assert.match(error.message, /MySQL metadata server 127\.0\.0\.1:1 as ccr/);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
    await store.close();
  });

  it('openMetaStore returns an initialised store, or the reason it cannot', async () => {
    const store = await openMetaStore({ dbType: 'sqlite3', dbDir: join(dir, 'open.db') });
    assert.deepEqual(await store.listJobs(), []);
    await store.close();
    const bad = join(dir, 'bad.db');
    await writeFile(bad, 'not sqlite'.repeat(100));
    await assert.rejects(openMetaStore({ dbType: 'sqlite3', dbDir: bad }), MetaStoreCorruptError);
  });
});

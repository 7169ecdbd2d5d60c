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
  MetaStoreNotImplementedError,
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

  it('says MySQL is not implemented yet, without echoing its password', () => {
    assert.throws(
      () => createMetaStore({ dbType: 'mysql', dbHost: 'meta', dbUser: 'ccr', dbPassword: 'hunter2' }),
      (error: Error) => {
        assert.ok(error instanceof MetaStoreNotImplementedError);
        assert.match(error.message, /MySQL metadata store is not implemented yet/);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
  });

  it('refuses an unknown db_type up front', () => {
    const options = { dbType: 'postgresql' } as unknown as MetaStoreOptions;
    assert.throws(() => createMetaStore(options), /unknown db_type "postgresql": expected sqlite3 or mysql/);
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

// The SQLite engine: the shared conformance suite, then what only a file on disk can get wrong — journal
// mode, schema versions, foreign or damaged files, lock waits.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  MetaStoreClosedError,
  MetaStoreCorruptError,
  MetaStoreOpenError,
  MetaStoreSchemaError,
  SQLITE_SCHEMA_VERSION,
  SqliteMetaStore,
} from '../../src/store/index.js';
import { LineChild } from './child-process.js';
import { runMetaStoreConformance } from './conformance.js';
import { sampleJob, sampleProgress } from './fixtures.js';
import { openStore, SQLITE_FILE } from './sqlite-opener.js';

runMetaStoreConformance('SqliteMetaStore', openStore, {
  childModule: new URL('./sqlite-opener.js', import.meta.url),
});

const LOCK_HOLDER = new URL('./sqlite-lock-holder.js', import.meta.url);
const STORE_CHILD = new URL('./store-child.js', import.meta.url);

function raw(path: string): Database.Database {
  return new Database(path, { fileMustExist: true });
}

describe('SqliteMetaStore on disk', () => {
  let dir = '';
  let path = '';
  const stores: SqliteMetaStore[] = [];
  async function open(
    options: { busyTimeoutMs?: number; now?: () => number } = {},
  ): Promise<SqliteMetaStore> {
    const store = new SqliteMetaStore({ path, ...options });
    stores.push(store);
    await store.init();
    return store;
  }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccr-sqlite-store-'));
    path = join(dir, SQLITE_FILE);
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a WAL file with the versioned schema, HA tables included', async () => {
    await (await open()).close();
    const db = raw(path);
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('user_version', { simple: true }), SQLITE_SCHEMA_VERSION);
      const columns = (table: string) =>
        (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map(
          (c) => c.name,
        );
      assert.deepEqual(columns('jobs'), ['name', 'record', 'created_at', 'updated_at']);
      assert.deepEqual(columns('progresses'), ['job_name', 'progress', 'updated_at']);
      assert.deepEqual(columns('syncers'), ['id', 'heartbeat_at', 'epoch', 'hostname', 'pid']);
      assert.deepEqual(columns('job_owners'), [
        'job_name',
        'syncer_id',
        'epoch',
        'assigned_at',
        'expires_at',
      ]);
    } finally {
      db.close();
    }
  });

  it('stamps rows with the injected clock', async () => {
    let now = 1_000;
    const store = await open({ now: () => now });
    await store.createJob(sampleJob('t'), sampleProgress('t', 1));
    now = 2_000;
    await store.updateJob({ ...sampleJob('t'), state: 'paused' });
    now = 3_000;
    await store.putProgress('t', sampleProgress('t', 2));
    assert.equal((await store.getProgress('t'))?.updatedAt, 3_000);
    const db = raw(path);
    try {
      assert.deepEqual(db.prepare('SELECT created_at, updated_at FROM jobs').get(), {
        created_at: 1_000,
        updated_at: 2_000,
      });
    } finally {
      db.close();
    }
  });

  it('fails with MetaStoreClosedError before init()', async () => {
    const store = new SqliteMetaStore({ path });
    await assert.rejects(store.listJobs(), MetaStoreClosedError);
  });

  it('refuses a file written by a newer schema and leaves it untouched', async () => {
    await (await open()).close();
    const db = raw(path);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    db.close();
    const before = await readFile(path);
    await assert.rejects(open(), (error: Error) => {
      assert.ok(error instanceof MetaStoreSchemaError);
      assert.match(error.message, new RegExp(`schema version ${SQLITE_SCHEMA_VERSION + 1}, newer than`));
      return true;
    });
    assert.deepEqual(await readFile(path), before);
  });

  it('refuses a file that is not a database instead of starting empty', async () => {
    const garbage = Buffer.from('this is a log file, not a database\n'.repeat(200));
    await writeFile(path, garbage);
    await assert.rejects(open(), (error: Error) => {
      assert.ok(error instanceof MetaStoreCorruptError);
      assert.match(error.message, /is damaged or not a SQLite database/);
      return true;
    });
    assert.deepEqual(await readFile(path), garbage);
  });

  it('refuses a database with a damaged page', async () => {
    const store = await open();
    for (let i = 0; i < 30; i++) await store.createJob(sampleJob(`j${i}`), 'x'.repeat(20_000));
    await store.close();
    const db = raw(path);
    const root = db
      .prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'progresses'`)
      .pluck()
      .get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = await readFile(path);
    bytes.fill(0xa5, (root - 1) * pageSize, root * pageSize);
    await writeFile(path, bytes);
    await assert.rejects(open(), MetaStoreCorruptError);
  });

  it('refuses a Go ccr-syncer metadata file without touching it', async () => {
    const db = new Database(path);
    db.exec(`CREATE TABLE jobs (job_name TEXT PRIMARY KEY, job_info TEXT, belong_to TEXT);
      CREATE TABLE progresses (job_name TEXT PRIMARY KEY, progress TEXT);
      INSERT INTO jobs VALUES ('old', '{}', '127.0.0.1:9190');`);
    db.close();
    const before = await readFile(path);
    await assert.rejects(open(), /Go ccr-syncer/);
    assert.deepEqual(await readFile(path), before);
  });

  it('refuses an unversioned file holding other tables', async () => {
    const db = new Database(path);
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();
    await assert.rejects(
      open(),
      (error: Error) => error instanceof MetaStoreSchemaError && /notes/.test(error.message),
    );
  });

  it('names the file when its directory does not exist', async () => {
    path = join(dir, 'missing', SQLITE_FILE);
    await assert.rejects(
      open(),
      (error: Error) => error instanceof MetaStoreOpenError && error.message.includes(path),
    );
  });

  it('reports a tampered record as corrupt without quoting it', async () => {
    const store = await open();
    await store.createJob(sampleJob('t'), '{}');
    const db = raw(path);
    db.prepare(`UPDATE jobs SET record = '["hunter2"]'`).run();
    db.close();
    await assert.rejects(store.getJob('t'), (error: Error) => {
      assert.ok(error instanceof MetaStoreCorruptError);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
    await assert.rejects(store.listJobs(), MetaStoreCorruptError);
  });

  it('waits for a write lock held by another process', async () => {
    const store = await open();
    await store.createJob(sampleJob('w'), sampleProgress('w', 1));
    const holder = new LineChild(LOCK_HOLDER, [path, '400']);
    await holder.waitForLine((line) => line === 'locked');
    const started = Date.now();
    await store.putProgress('w', sampleProgress('w', 2));
    assert.ok(Date.now() - started >= 200, 'the write waited for the lock');
    assert.equal((await holder.exited).code, 0);
    assert.equal((await store.getProgress('w'))?.progress, sampleProgress('w', 2));
  });

  it('fails the write, keeping the old progress, when the lock outlasts the busy timeout', async () => {
    const store = await open({ busyTimeoutMs: 50 });
    await store.createJob(sampleJob('w'), sampleProgress('w', 1));
    const holder = new LineChild(LOCK_HOLDER, [path, '1500']);
    await holder.waitForLine((line) => line === 'locked');
    await assert.rejects(store.putProgress('w', sampleProgress('w', 2)), /locked|busy/i);
    await holder.exited;
    assert.equal((await store.getProgress('w'))?.progress, sampleProgress('w', 1));
  });

  it('lets several processes initialise a fresh file at the same moment', async () => {
    const writers = ['p', 'q', 'r'].map(
      (tag) =>
        new LineChild(STORE_CHILD, [
          new URL('./sqlite-opener.js', import.meta.url).href,
          dir,
          'writer',
          tag,
          '5',
          '-',
        ]),
    );
    for (const writer of writers) await writer.waitForLine((line) => line === 'ready');
    for (const writer of writers) writer.send('go');
    for (const exit of await Promise.all(writers.map((writer) => writer.exited)))
      assert.equal(exit.code, 0, exit.stderr);
    const store = await open();
    assert.equal((await store.listJobs()).length, 1 + 3 * 5);
    const db = raw(path);
    try {
      assert.equal(db.pragma('quick_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
  });
});

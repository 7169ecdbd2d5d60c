// The shared store suite against a real MariaDB or PostgreSQL server started for the test file, plus what
// only a server store can get wrong: the database created on first use, several syncers initialising a new
// database at once, and a database holding the Go syncer's tables refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { MetaStore } from '../../src/model/meta-store.js';
import { createMetaStore, MetaStoreSchemaError } from '../../src/store/index.js';
import { runMetaStoreConformance } from './conformance.js';
import type { DbServer } from './db-servers.js';
import { sampleJob, sampleProgress } from './fixtures.js';
import { openStore } from './server-opener.js';

export function runServerStoreSuite(name: string, start: () => Promise<DbServer>): void {
  let server: DbServer | undefined;
  before(async () => {
    server = await start();
    Object.assign(process.env, {
      CCR_TEST_STORE_ENGINE: server.engine,
      CCR_TEST_STORE_HOST: server.host,
      CCR_TEST_STORE_PORT: String(server.port),
      CCR_TEST_STORE_USER: server.user,
      CCR_TEST_STORE_PASSWORD: server.password,
    });
  });
  after(async () => {
    await server?.stop();
  });

  runMetaStoreConformance(name, openStore, { childModule: new URL('./server-opener.js', import.meta.url) });

  describe(`${name} on its server`, () => {
    const open = (db: string): MetaStore =>
      createMetaStore({
        dbType: server!.engine,
        dbHost: server!.host,
        dbPort: server!.port,
        dbUser: server!.user,
        dbPassword: server!.password,
        dbName: db,
      });

    it('five syncers initialising a new database at once create it and its schema once', async () => {
      const stores = Array.from({ length: 5 }, () => open('ccr_race'));
      await Promise.all(stores.map((s) => s.init()));
      await stores[0]!.createJob(sampleJob('j'), sampleProgress('j', 1));
      for (const s of stores)
        assert.deepEqual(
          (await s.listJobs()).map((j) => j.name),
          ['j'],
        );
      await Promise.all(stores.map((s) => s.close()));
    });

    it("refuses a database holding the Go syncer's tables, naming it, and changes nothing", async () => {
      const db = 'ccr_go_meta';
      if (server!.engine === 'mysql') {
        const conn = await mysql.createConnection({
          host: server!.host,
          port: server!.port,
          user: server!.user,
          password: server!.password,
        });
        await conn.query(`CREATE DATABASE ${db}`);
        await conn.query(
          `CREATE TABLE ${db}.jobs (job_name VARCHAR(128) PRIMARY KEY, job_info TEXT, belong_to VARCHAR(96))`,
        );
        await conn.query(`CREATE TABLE ${db}.progresses (job_name VARCHAR(128) PRIMARY KEY, progress TEXT)`);
        await conn.end();
      } else {
        const admin = new pg.Client({
          host: server!.host,
          port: server!.port,
          user: server!.user,
          password: server!.password,
          database: 'postgres',
        });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${db}`);
        await admin.end();
        const c = new pg.Client({
          host: server!.host,
          port: server!.port,
          user: server!.user,
          password: server!.password,
          database: db,
        });
        await c.connect();
        await c.query('CREATE TABLE jobs (job_name TEXT PRIMARY KEY, job_info TEXT, belong_to TEXT)');
        await c.query('CREATE TABLE progresses (job_name TEXT PRIMARY KEY, progress TEXT)');
        await c.end();
      }
      const store = open(db);
      await assert.rejects(
        store.init(),
        (e: unknown) => e instanceof MetaStoreSchemaError && /Go ccr-syncer/.test((e as Error).message),
      );
      await store.close();
    });
  });
}

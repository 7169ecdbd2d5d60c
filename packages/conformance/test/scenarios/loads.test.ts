// Loads users run on replicated tables besides INSERT VALUES and stream load: LOAD DATA LOCAL INFILE over
// the MySQL connection (Doris's MySQL load), INSERT INTO … SELECT from another table, and group-commit
// inserts (several statements, one transaction); each reaches the target as the rows it wrote, with no
// full sync.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { rows, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

const TABLE = (name: string) =>
  `CREATE TABLE $db.${name} (k INT, v VARCHAR(16)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
   PROPERTIES (${TABLE_PROPS})`;

describe('table sync: other loads', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('LOAD DATA LOCAL INFILE replicates its rows', async () => {
    await fx.run('load_mysql', async (s) => {
      await s.source(TABLE('t'), `INSERT INTO $db.t VALUES (1, 'one')`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.src.query({
        sql: `LOAD DATA LOCAL INFILE 'rows.csv' INTO TABLE ${job.srcName} COLUMNS TERMINATED BY ',' (k, v)`,
        infileStreamFactory: () => Readable.from([Buffer.from('2,two\n3,three\n')]),
      } as mysql.QueryOptions);
      await job.sameRows();
      assert.deepEqual(await rows(s.dest, `SELECT k, v FROM ${job.destName} ORDER BY k`), [
        { k: 1, v: 'one' },
        { k: 2, v: 'two' },
        { k: 3, v: 'three' },
      ]);
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });

  it('INSERT INTO … SELECT from another table replicates (database job)', async () => {
    await fx.run('load_insert_select', async (s) => {
      await s.source(TABLE('src'), TABLE('dst'), `INSERT INTO $db.src VALUES (1, 'a'), (2, 'b'), (3, 'c')`);
      const db = await s.createJob('');
      const table = db.table('dst');
      await s.source(`INSERT INTO $db.dst SELECT k * 10, concat(v, v) FROM $db.src WHERE k > 1`);
      await table.sameRows();
      await db.table('src').sameRows();
      assert.equal(await db.fullSyncs(), 1, 'no second full sync');
      assert.deepEqual(await rows(s.dest, `SELECT k, v FROM ${table.destName} ORDER BY k`), [
        { k: 20, v: 'bb' },
        { k: 30, v: 'cc' },
      ]);
    });
  });

  it('group-commit inserts (five statements, one transaction on the source) replicate', async () => {
    await fx.run('load_group_commit', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v VARCHAR(16)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES (${TABLE_PROPS}, "group_commit_interval_ms" = "300")`,
        `INSERT INTO $db.t VALUES (1, 'before')`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.src.query('SET group_commit = async_mode');
      try {
        for (let k = 2; k <= 6; k++) await s.source(`INSERT INTO $db.t VALUES (${k}, 'grouped')`);
      } finally {
        await s.src.query('SET group_commit = off_mode');
      }
      // async_mode answers before the group commits: wait until the source shows it, then compare
      const grouped = async (conn: mysql.Connection, table: string) =>
        Number(
          (await rows<{ n: unknown }>(conn, `SELECT COUNT(*) AS n FROM ${table} WHERE v = 'grouped'`))[0]?.n,
        );
      for (let i = 0; (await grouped(s.src, job.srcName)) < 5; i++) {
        assert.ok(i < 100, 'the group committed on the source');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await job.sameRows();
      assert.equal(await grouped(s.dest, job.destName), 5);
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });
});

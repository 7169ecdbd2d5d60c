// Database-level jobs (db_sync/table, db_sync/view, db_sync/common of the regression suites) through the
// real binaries: create_ccr with empty table names copies the whole database once, then tables created,
// loaded, renamed, replaced, truncated and dropped on the source — and views — follow by replay, with
// exactly the source's rows on the target and no second full sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ScenarioFixture, TABLE_PROPS, TableJob } from '../../src/index.js';

describe('database sync: tables and views', () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it("follows the table set of the database and every table's rows", async () => {
    await fx.run('db_tables', async (s) => {
      const create = (t: string, key = 'DUPLICATE') =>
        `CREATE TABLE $db.${t} (k INT, v VARCHAR(16)) ${key} KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;
      await s.source(
        create('a'),
        create('b', 'UNIQUE'),
        `INSERT INTO $db.a VALUES (1, 'a1'), (2, 'a2')`,
        `INSERT INTO $db.b VALUES (1, 'b1')`,
        `CREATE VIEW $db.va AS SELECT k, v FROM $db.a WHERE k > 1`,
      );
      const db = await s.createJob('');
      const table = (name: string) => new TableJob(s, db.name, name, name);
      await table('a').sameRows();
      await table('b').sameRows();
      await table('va').sameRows();
      assert.equal(await db.fullSyncs(), 1);

      await s.source(
        create('c'),
        `INSERT INTO $db.c VALUES (5, 'c5'), (6, 'c6')`,
        `INSERT INTO $db.a VALUES (3, 'a3')`,
        `ALTER TABLE $db.c RENAME c2`,
        `INSERT INTO $db.c2 VALUES (7, 'c7')`,
        `TRUNCATE TABLE $db.b`,
        `INSERT INTO $db.b VALUES (9, 'b9')`,
        create('d'),
        `INSERT INTO $db.d VALUES (4, 'd4')`,
        `ALTER TABLE $db.a REPLACE WITH TABLE d PROPERTIES ("swap" = "true")`,
        `INSERT INTO $db.a VALUES (8, 'a8')`,
        `ALTER VIEW $db.va AS SELECT k, v FROM $db.c2`,
        create('gone'),
        `INSERT INTO $db.gone VALUES (1, 'x')`,
        `DROP TABLE $db.gone FORCE`,
      );
      await db.caughtUp();
      for (const t of ['a', 'b', 'c2', 'd', 'va']) await table(t).sameRows();
      const names = async (conn: typeof s.src, database: string) =>
        ((await conn.query(`SHOW TABLES FROM \`${database}\``))[0] as Array<Record<string, string>>)
          .map((r) => Object.values(r)[0])
          .sort();
      assert.deepEqual(await names(s.dest, s.destDb), await names(s.src, s.srcDb));
      assert.equal(await db.fullSyncs(), 1, 'the database was copied once, at the start');
      const status = await db.must('job_status');
      assert.match(JSON.stringify(status), /DB(Tables)?IncrementalSync/);
    });
  });
});

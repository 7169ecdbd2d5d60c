// Database jobs and the table lifecycle beyond plain DDL (db_sync/table drop_recover*, db_sync/rollup,
// db_sync/mv, db_sync/idx_*): a table dropped and recovered from the recycle bin (under its name or a new
// one) comes back downstream with its rows through a partial sync of that table; rollups and synchronous
// materialized views created after the job appear, and renames and drops of them follow — never a second
// full sync of the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { indexSchemas, rollupNames, rows, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

const T = (t: string) => `CREATE TABLE $db.${t} (k1 INT, k2 INT, v1 INT, v2 BIGINT) DUPLICATE KEY(k1, k2)
  DISTRIBUTED BY HASH(k1) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;

describe('database sync: recover, rollups and materialized views', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('a dropped table recovered (under its name, then a new one) comes back with its rows', async () => {
    await fx.run('dbr_recover', async (s) => {
      await s.source(T('a'), T('keep'), 'INSERT INTO $db.a VALUES (1, 1, 1, 1), (2, 2, 2, 2)');
      const job = await s.createJob('');
      await s.source('DROP TABLE $db.a', 'INSERT INTO $db.keep VALUES (1, 1, 1, 1)');
      await job.table('keep').sameRows();
      await job.caughtUp();
      const names = async () =>
        (await rows<Record<string, string>>(s.dest, `SHOW TABLES FROM \`${s.destDb}\``))
          .map((t) => Object.values(t)[0])
          .filter((t) => !t?.startsWith('__ccr_'))
          .sort();
      assert.deepEqual(await names(), ['keep'], 'the dropped table is gone downstream');
      await s.source('RECOVER TABLE $db.a', 'INSERT INTO $db.a VALUES (3, 3, 3, 3)');
      await job.table('a').sameRows();
      await s.source(
        'DROP TABLE $db.a',
        'RECOVER TABLE $db.a AS a_back',
        'INSERT INTO $db.a_back VALUES (4, 4, 4, 4)',
      );
      await job.table('a_back').sameRows();
      await job.caughtUp();
      assert.deepEqual(await names(), ['a_back', 'keep']);
      assert.equal(await job.fullSyncs(), 1, 'no full sync of the database');
    });
  });

  it('rollups and materialized views created, renamed and dropped after the job starts', async () => {
    await fx.run('dbr_rollups', async (s) => {
      await s.source(T('t'), 'INSERT INTO $db.t VALUES (1, 1, 10, 100), (2, 1, 20, 200)');
      const job = await s.createJob('');
      const t = job.table('t');
      await s.source(
        'ALTER TABLE $db.t ADD ROLLUP r1 (k2, k1, v1)',
        'INSERT INTO $db.t VALUES (3, 2, 30, 300)',
      );
      await t.converge('DESC ALL', indexSchemas);
      await t.sameRows();
      await s.source(
        'CREATE MATERIALIZED VIEW mv_sum AS SELECT k1, SUM(v2) FROM $db.t GROUP BY k1',
        'INSERT INTO $db.t VALUES (4, 2, 40, 400)',
      );
      await t.converge('DESC ALL', indexSchemas);
      await s.source('ALTER TABLE $db.t RENAME ROLLUP r1 r2', 'INSERT INTO $db.t VALUES (5, 3, 50, 500)');
      await t.converge('DESC ALL', indexSchemas);
      // Paused, so the load is replayed after its rollup was dropped on the source: the target cannot
      // commit it into a rollup whose source rowsets are gone, and copies the table again instead.
      await job.must('pause');
      await s.source('INSERT INTO $db.t VALUES (6, 3, 60, 600)', 'ALTER TABLE $db.t DROP ROLLUP r2');
      await job.must('resume');
      await t.converge('DESC ALL', indexSchemas);
      await t.sameRows();
      assert.deepEqual(await t.target(rollupNames), ['mv_sum']);
      assert.equal(await job.fullSyncs(), 1, 'no full sync of the database');
    });
  });
});

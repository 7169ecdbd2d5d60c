// Table partial sync during incremental replay (table_ps_inc/, test_ts_col_filter_dropped_indexes): a
// heavy schema change is copied by a partial sync of the table, not a full sync; loads written before,
// during and after it are neither lost nor counted twice (an aggregate table shows both), and loads after
// it use the new schema (the syncer's cached table meta is refreshed).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { columns, rows, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

const AGG_TABLE = `CREATE TABLE $db.t (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
  PROPERTIES (${TABLE_PROPS})`;

describe('table sync: partial sync during incremental', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('paused: a key column added first and loads on one key aggregate once downstream', async () => {
    await fx.run('ps_agg', async (s) => {
      await s.source(AGG_TABLE, `INSERT INTO $db.t VALUES (1, 1), (2, 10)`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      const partials = await job.syncs('partial');
      await job.must('pause');
      await s.source(
        `INSERT INTO $db.t VALUES (1, 1)`,
        `ALTER TABLE $db.t ADD COLUMN k0 INT KEY DEFAULT "0" FIRST`,
        `INSERT INTO $db.t VALUES (0, 1, 1)`,
        `INSERT INTO $db.t VALUES (0, 1, 2)`,
        `INSERT INTO $db.t VALUES (0, 1, 3)`,
      );
      await job.must('resume');
      await job.converge('columns', columns);
      await job.sameRows();
      const [sum] = await rows<{ v: string }>(s.dest, `SELECT v FROM ${job.destName} WHERE k0 = 0 AND k = 1`);
      const [expected] = await rows<{ v: string }>(
        s.src,
        `SELECT v FROM ${job.srcName} WHERE k0 = 0 AND k = 1`,
      );
      assert.equal(sum?.v, expected?.v, 'the aggregated value counts every load exactly once');
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
      assert.ok((await job.syncs('partial')) > partials, 'the schema change was copied by a partial sync');
    });
  });

  it('running: a load with the new column count right after a key column is added arrives', async () => {
    await fx.run('ps_cache', async (s) => {
      await s.source(AGG_TABLE, `INSERT INTO $db.t VALUES (1, 1)`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      // A load before the change makes the syncer cache the table's meta.
      await s.source(`INSERT INTO $db.t VALUES (2, 2)`);
      await job.sameRows();
      await s.source(
        `ALTER TABLE $db.t ADD COLUMN k2 INT KEY DEFAULT "0"`,
        `INSERT INTO $db.t VALUES (3, 3, 3)`,
      );
      await job.converge('columns', columns);
      await job.sameRows();
      await s.source(`INSERT INTO $db.t VALUES (4, 4, 4), (1, 0, 5)`);
      await job.sameRows();
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });

  it('paused: loads into the index a schema change replaced are filtered, none is lost', async () => {
    await fx.run('ps_shadow', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v VARCHAR(8)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 'a')`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await job.must('pause');
      await s.source(
        `INSERT INTO $db.t VALUES (2, 'b'), (3, 'c')`,
        `INSERT INTO $db.t VALUES (4, 'd')`,
        // A key column: a heavy schema change whose old index is dropped when it finishes.
        `ALTER TABLE $db.t ADD COLUMN k2 INT KEY DEFAULT "5" AFTER k`,
        `INSERT INTO $db.t VALUES (5, 6, 'e')`,
      );
      await job.must('resume');
      await job.converge('columns', columns);
      await job.sameRows();
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });
});

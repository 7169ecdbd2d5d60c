// Rollups and synchronous materialized views of a synced table (table_sync/rollup*, table_sync/mv,
// test_ts_rollup_col_*): rollups and MVs present before the job are restored; later ones appear, renames and
// drops follow, and column changes inside a rollup leave `DESC … ALL` identical on both sides — through
// replay or partial syncs, never through a new full sync — while rows keep arriving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { indexSchemas, rollupNames, ScenarioFixture, TABLE_PROPS, type TableJob } from '../../src/index.js';

const TABLE = `CREATE TABLE $db.t (k1 INT, k2 INT, k3 VARCHAR(8), v1 INT, v2 BIGINT) DUPLICATE KEY(k1, k2)
  DISTRIBUTED BY HASH(k1) BUCKETS 2
  ROLLUP (r_old (k2, k1, v1))
  PROPERTIES (${TABLE_PROPS})`;
const ROWS = `INSERT INTO $db.t VALUES (1, 1, 'a', 10, 100), (2, 1, 'b', 20, 200), (3, 2, 'c', 30, 300)`;

/** Same materialized indexes with the same columns, same rows, and no full sync since `fulls`. */
async function followed(job: TableJob, fulls: number): Promise<string[]> {
  await job.converge('DESC ALL', indexSchemas);
  await job.sameRows();
  assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
  return job.target(rollupNames);
}

describe('table sync: rollups and materialized views', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('a restored rollup is present, a new one appears, renames and drops follow', async () => {
    await fx.run('rollup_add_drop', async (s) => {
      await s.source(TABLE, ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      assert.deepEqual(await followed(job, fulls), ['r_old']);
      await s.source(
        `ALTER TABLE $db.t ADD ROLLUP r_new (k3, k1, v2)`,
        `INSERT INTO $db.t VALUES (4, 4, 'd', 40, 400)`,
      );
      assert.deepEqual(await followed(job, fulls), ['r_new', 'r_old']);
      await s.source(
        `ALTER TABLE $db.t RENAME ROLLUP r_old r_renamed`,
        `INSERT INTO $db.t VALUES (5, 5, 'e', 50, 500)`,
      );
      assert.deepEqual(await followed(job, fulls), ['r_new', 'r_renamed']);
      await s.source(`ALTER TABLE $db.t DROP ROLLUP r_new`, `INSERT INTO $db.t VALUES (6, 6, 'f', 60, 600)`);
      assert.deepEqual(await followed(job, fulls), ['r_renamed']);
    });
  });

  it('key and value columns added to, dropped from and reordered in a rollup', async () => {
    await fx.run('rollup_cols', async (s) => {
      await s.source(TABLE, ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD COLUMN k4 INT KEY DEFAULT "4" AFTER k2 TO r_old`,
        `ALTER TABLE $db.t ADD COLUMN v3 INT DEFAULT "3" TO r_old`,
        `INSERT INTO $db.t VALUES (7, 7, 7, 'g', 70, 700, 7)`,
      );
      await followed(job, fulls);
      await s.source(`ALTER TABLE $db.t DROP COLUMN v1 FROM r_old`);
      await followed(job, fulls);
      await s.source(
        `ALTER TABLE $db.t ORDER BY (k1, k2, k4, v3) FROM r_old`,
        `INSERT INTO $db.t VALUES (8, 8, 8, 'h', 80, 800, 8)`,
      );
      await followed(job, fulls);
    });
  });

  it('a restored sync materialized view is present; a new one appears and a dropped one goes', async () => {
    await fx.run('mv_create_drop', async (s) => {
      await s.source(
        TABLE,
        ROWS,
        `CREATE MATERIALIZED VIEW mv_before AS SELECT k1, SUM(v1) FROM $db.t GROUP BY k1`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      assert.ok((await followed(job, fulls)).includes('mv_before'));
      await s.source(
        `CREATE MATERIALIZED VIEW mv_after AS SELECT k2, MAX(v2) FROM $db.t GROUP BY k2`,
        `INSERT INTO $db.t VALUES (9, 9, 'i', 90, 900)`,
      );
      assert.ok((await followed(job, fulls)).includes('mv_after'));
      await s.source(
        `DROP MATERIALIZED VIEW mv_after ON $db.t`,
        `INSERT INTO $db.t VALUES (10, 10, 'j', 100, 1000)`,
      );
      assert.ok(!(await followed(job, fulls)).includes('mv_after'));
    });
  });
});

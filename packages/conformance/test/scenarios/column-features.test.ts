// Column features users replicate (table_sync test_ts_col_auto_increment and friends): AUTO_INCREMENT
// values are generated on the source only and arrive on the target as written, through the full sync and
// through incremental loads; the restored table keeps the column's AUTO_INCREMENT definition. Generated
// columns arrive with their computed values and their definition, by restore and by CREATE TABLE replay.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { columns, rows, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

describe('table sync: column features', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('AUTO_INCREMENT values are copied, not generated again, before and after the full sync', async () => {
    await fx.run('col_auto_inc', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (id BIGINT NOT NULL AUTO_INCREMENT(10), v VARCHAR(8)) UNIQUE KEY(id)
         DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t (v) VALUES ('a'), ('b')`,
      );
      const job = await s.createJob('t');
      await job.sameRows();
      assert.deepEqual(await job.target(columns), await job.source(columns), 'columns after restore');
      await s.source(`INSERT INTO $db.t (v) VALUES ('c')`, `INSERT INTO $db.t VALUES (NULL, 'd'), (5, 'e')`);
      await job.sameRows();
      const ids = (await rows<{ id: string }>(s.dest, `SELECT id FROM ${job.destName} ORDER BY id`)).map(
        (r) => Number(r.id),
      );
      assert.equal(ids.length, 5);
      assert.equal(ids[0], 5);
      assert.ok(
        ids.slice(1).every((id) => id >= 10),
        `generated ids start at 10: ${ids}`,
      );
      // the restored table's generator continues past the values it holds (Doris carries it in the backup)
      await s.target(`INSERT INTO ${job.destName} (v) VALUES ('target')`);
      const after = (await rows<{ id: string }>(s.dest, `SELECT id FROM ${job.destName}`)).map((r) =>
        Number(r.id),
      );
      assert.equal(new Set(after).size, 6, `no id twice on the target: ${after}`);
    });
  });

  it('generated columns keep their definition and values through restore and CREATE TABLE replay', async () => {
    await fx.run('col_generated', async (s) => {
      const create = (t: string) =>
        `CREATE TABLE $db.${t} (a INT, b INT AS (a * 10), c VARCHAR(16) AS (concat('v', b)))
         DUPLICATE KEY(a) DISTRIBUTED BY HASH(a) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;
      await s.source(create('t'), `INSERT INTO $db.t (a) VALUES (1), (2)`);
      const db = await s.createJob('');
      const t = db.table('t');
      await t.sameRows();
      await s.source(
        create('later'),
        `INSERT INTO $db.t (a) VALUES (3)`,
        `INSERT INTO $db.later (a) VALUES (4)`,
      );
      await t.sameRows();
      const later = db.table('later');
      await later.sameRows();
      for (const table of [t, later]) {
        assert.deepEqual(await table.target(columns), await table.source(columns), 'columns on the target');
      }
      assert.deepEqual(await rows(s.dest, `SELECT * FROM ${later.destName}`), [{ a: 4, b: 40, c: 'v40' }]);
      // the target computes the same values for a row written there directly
      await s.target(`INSERT INTO ${t.destName} (a) VALUES (7)`);
      assert.deepEqual(await rows(s.dest, `SELECT b, c FROM ${t.destName} WHERE a = 7`), [
        { b: 70, c: 'v70' },
      ]);
    });
  });
});

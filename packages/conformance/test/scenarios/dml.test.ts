// DML beyond plain inserts (table_sync/dml, test_ts_dml_*, test_ts_part_add's overwrite): DELETE with
// conditions over several column types, UPDATE of a unique table, and INSERT OVERWRITE of a whole table or
// of one partition leave the target with exactly the source's rows, without a new full sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rows, type Scenario, ScenarioFixture, TABLE_PROPS, type TableJob } from '../../src/index.js';

async function noNewFullSync(job: TableJob, fulls: number): Promise<void> {
  assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
}

/**
 * Asserts the target's rows (`columns` joined by spaces, in key order) against rows worked out by hand:
 * "target equals source" alone would pass a DML bug both sandboxes share.
 */
async function targetHolds(s: Scenario, job: TableJob, columns: string, expected: string[]): Promise<void> {
  const got = await rows(s.dest, `SELECT ${columns} FROM ${job.destName} ORDER BY 1, 2`);
  assert.deepEqual(
    got.map((r) => Object.values(r).join(' ')),
    expected,
  );
}

describe('table sync: DML', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('DELETE statements over int, string, date, decimal and boolean columns', async () => {
    await fx.run('dml_delete', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, name VARCHAR(16), d DATE, amount DECIMAL(10, 2), flag BOOLEAN)
         DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"))
         DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 'ann', '2024-01-01', 1.50, true), (2, 'bob', '2024-02-01', 2.50, false),
           (3, 'cid', '2024-03-01', 3.50, true), (4, 'dan', '2024-04-01', 4.50, false),
           (101, 'eve', '2024-05-01', 5.50, true), (102, 'fay', '2024-06-01', 6.50, false),
           (103, 'gus', '2024-07-01', 7.50, true)`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `DELETE FROM $db.t PARTITIONS (p0, p1) WHERE k = 1`,
        `DELETE FROM $db.t PARTITIONS (p0, p1) WHERE name = 'bob'`,
        `DELETE FROM $db.t PARTITIONS (p0, p1) WHERE d >= '2024-07-01'`,
        `DELETE FROM $db.t PARTITION (p1) WHERE amount < 6.00`,
        `DELETE FROM $db.t PARTITIONS (p0, p1) WHERE flag = false AND k > 100`,
        `INSERT INTO $db.t VALUES (5, 'new', '2024-08-01', 8.50, true)`,
      );
      await job.sameRows();
      // 1 by key, 2 by name, 103 by date, 101 by amount in p1, 102 by flag; 5 inserted.
      await targetHolds(s, job, 'k, name', ['3 cid', '4 dan', '5 new']);
      await noNewFullSync(job, fulls);
    });
  });

  it('UPDATE of a merge-on-write unique table', async () => {
    await fx.run('dml_update', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v INT, note VARCHAR(16)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES (${TABLE_PROPS}, "enable_unique_key_merge_on_write" = "true")`,
        `INSERT INTO $db.t VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c')`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `UPDATE $db.t SET v = v * 10 WHERE k >= 2`,
        `UPDATE $db.t SET note = 'updated' WHERE k = 1`,
        `DELETE FROM $db.t WHERE k = 3`,
        `INSERT INTO $db.t VALUES (3, 30, 'again')`,
      );
      await job.sameRows();
      await targetHolds(s, job, 'k, v, note', ['1 1 updated', '2 20 b', '3 30 again']);
      await noNewFullSync(job, fulls);
    });
  });

  it('INSERT OVERWRITE of an unpartitioned table, then an insert', async () => {
    await fx.run('dml_overwrite', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v VARCHAR(8)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 'old'), (2, 'old')`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `INSERT OVERWRITE TABLE $db.t VALUES (10, 'new')`,
        `INSERT INTO $db.t VALUES (11, 'after')`,
      );
      await job.sameRows();
      await targetHolds(s, job, 'k, v', ['10 new', '11 after']);
      await noNewFullSync(job, fulls);
    });
  });

  it('INSERT OVERWRITE of one partition leaves the other partitions alone', async () => {
    await fx.run('dml_overwrite_part', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v VARCHAR(8)) DUPLICATE KEY(k)
         PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"))
         DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 'old'), (101, 'old'), (102, 'old')`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `INSERT OVERWRITE TABLE $db.t PARTITION (p1) VALUES (150, 'new')`,
        `INSERT INTO $db.t VALUES (2, 'after')`,
      );
      await job.sameRows();
      await targetHolds(s, job, 'k, v', ['1 old', '2 after', '150 new']);
      await noNewFullSync(job, fulls);
    });
  });
});

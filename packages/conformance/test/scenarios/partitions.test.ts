// Partition operations on a synced table (table_sync/partition, test_ts_part_*, test_tbl_part_add_drop,
// test_ts_tbl_truncate, test_cds_part_add_drop, test_cds_part_replace_drop): added range and list
// partitions, drops, renames, temporary-partition replacement and truncation reach the target with the
// same names, bounds and rows — by replaying the DDL or a partial sync, never by a new full sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  partitionNames,
  partitions,
  rowCount,
  ScenarioFixture,
  TABLE_PROPS,
  type TableJob,
} from '../../src/index.js';

const RANGE_TABLE = `CREATE TABLE $db.t (k INT, v VARCHAR(16)) DUPLICATE KEY(k)
  PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"),
    PARTITION p2 VALUES LESS THAN ("300"), PARTITION p3 VALUES LESS THAN ("400"))
  DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;
const FOUR_PARTITION_ROWS = `INSERT INTO $db.t VALUES (1, 'a'), (2, 'b'), (101, 'c'), (201, 'd'), (301, 'e')`;

async function noNewFullSync(job: TableJob, before: number): Promise<void> {
  assert.equal(await job.fullSyncs(), before, 'no full sync was needed');
}

describe('table sync: partitions', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('added range partitions (default, explicit and other bucket counts) and dropped ones follow', async () => {
    await fx.run('part_range', async (s) => {
      await s.source(RANGE_TABLE, FOUR_PARTITION_ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD PARTITION p4 VALUES LESS THAN ("500")`,
        `ALTER TABLE $db.t ADD PARTITION p5 VALUES [("500"), ("600")) DISTRIBUTED BY HASH(k) BUCKETS 2`,
        `ALTER TABLE $db.t ADD PARTITION p6 VALUES LESS THAN ("700") DISTRIBUTED BY HASH(k) BUCKETS 5`,
        `INSERT INTO $db.t VALUES (401, 'p4'), (501, 'p5'), (601, 'p6')`,
      );
      await job.converge('partitions', partitions);
      await job.sameRows();
      // Dropping a partition removes its rows downstream too.
      await s.source(`ALTER TABLE $db.t DROP PARTITION p1`, `ALTER TABLE $db.t DROP PARTITION p5`);
      const names = await job.converge('partitions', partitionNames);
      assert.ok(!names.includes('p1') && !names.includes('p5'), `dropped partitions are gone: ${names}`);
      await job.sameRows();
      assert.equal(await rowCount(s.dest, s.destDb, 't', 'k >= 100 AND k < 200'), 0);
      await noNewFullSync(job, fulls);
    });
  });

  it('list partitions with multi-column value tuples are added and loaded', async () => {
    await fx.run('part_list', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT NOT NULL, region VARCHAR(8) NOT NULL, v INT) DUPLICATE KEY(k, region)
         PARTITION BY LIST(k, region) (PARTITION pa VALUES IN ((1, "eu"), (2, "eu")), PARTITION pb VALUES IN ((1, "us")))
         DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 'eu', 1), (1, 'us', 2)`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD PARTITION pc VALUES IN ((3, "eu"), (3, "us"))`,
        `INSERT INTO $db.t VALUES (3, 'us', 3), (2, 'eu', 4)`,
      );
      await job.converge('partitions', partitions);
      await job.sameRows();
      await noNewFullSync(job, fulls);
    });
  });

  it('a renamed partition keeps its range and rows and takes new loads', async () => {
    await fx.run('part_rename', async (s) => {
      await s.source(RANGE_TABLE, FOUR_PARTITION_ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD PARTITION p4 VALUES LESS THAN ("500")`,
        `INSERT INTO $db.t VALUES (401, 'x')`,
        `ALTER TABLE $db.t RENAME PARTITION p4 p4_renamed`,
        `ALTER TABLE $db.t RENAME PARTITION p0 p0_renamed`,
        `INSERT INTO $db.t VALUES (402, 'y'), (3, 'z')`,
      );
      const names = await job.converge('partitions', partitions);
      assert.ok(
        names.some((p) => p.startsWith('p4_renamed ')),
        `renamed partition present: ${names}`,
      );
      await job.sameRows();
      await noNewFullSync(job, fulls);
    });
  });

  it('a partition replaced by a temporary one changes only that partition', async () => {
    await fx.run('part_replace', async (s) => {
      await s.source(RANGE_TABLE, FOUR_PARTITION_ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD TEMPORARY PARTITION tp1 VALUES [("100"), ("200"))`,
        `INSERT INTO $db.t TEMPORARY PARTITION (tp1) VALUES (150, 'new'), (151, 'new')`,
      );
      // Temporary partitions are never replicated: the job passes them by.
      await job.caughtUp();
      assert.deepEqual(await job.target((c, d, t) => partitions(c, d, t, true)), []);
      await s.source(`ALTER TABLE $db.t REPLACE PARTITION (p1) WITH TEMPORARY PARTITION (tp1)`);
      await job.sameRows();
      await job.converge('partitions', partitions);
      await job.converge('temporary partitions', (c, d, t) => partitions(c, d, t, true));
      assert.equal(await rowCount(s.dest, s.destDb, 't', 'k >= 100 AND k < 200'), 2);
      await noNewFullSync(job, fulls);
    });
  });

  it('truncating partitions empties exactly those, truncating the table empties all', async () => {
    await fx.run('part_truncate', async (s) => {
      await s.source(RANGE_TABLE, FOUR_PARTITION_ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(`TRUNCATE TABLE $db.t PARTITION (p0, p2)`);
      await job.sameRows();
      assert.equal(await rowCount(s.dest, s.destDb, 't', 'k < 100 OR (k >= 200 AND k < 300)'), 0);
      assert.ok((await rowCount(s.dest, s.destDb, 't')) > 0, 'the other partitions keep their rows');
      await s.source(`TRUNCATE TABLE $db.t`, `INSERT INTO $db.t VALUES (5, 'after')`);
      await job.sameRows();
      await job.converge('partitions', partitions);
      await noNewFullSync(job, fulls);
    });
  });

  it('a paused job replays loads into partitions that were dropped or replaced meanwhile', async () => {
    await fx.run('part_backlog', async (s) => {
      await s.source(RANGE_TABLE, FOUR_PARTITION_ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await job.must('pause');
      await s.source(
        `ALTER TABLE $db.t ADD PARTITION p4 VALUES LESS THAN ("500")`,
        `INSERT INTO $db.t VALUES (450, 'gone soon')`,
        `ALTER TABLE $db.t DROP PARTITION p4`,
        `INSERT INTO $db.t VALUES (250, 'replaced soon')`,
        `ALTER TABLE $db.t ADD TEMPORARY PARTITION tp2 VALUES [("200"), ("300"))`,
        `INSERT INTO $db.t TEMPORARY PARTITION (tp2) VALUES (260, 'swapped in')`,
        `ALTER TABLE $db.t REPLACE PARTITION (p2) WITH TEMPORARY PARTITION (tp2)`,
        `INSERT INTO $db.t VALUES (7, 'last')`,
      );
      await job.must('resume');
      await job.sameRows();
      await job.converge('partitions', partitions);
      await noNewFullSync(job, fulls);
    });
  });

  it('a partition replaced and then dropped while paused is gone downstream', async () => {
    await fx.run('part_repl_drop', async (s) => {
      await s.source(RANGE_TABLE, FOUR_PARTITION_ROWS);
      const job = await s.createJob('t');
      await job.must('pause');
      await s.source(
        `ALTER TABLE $db.t ADD TEMPORARY PARTITION tp2 VALUES [("200"), ("300"))`,
        `INSERT INTO $db.t TEMPORARY PARTITION (tp2) VALUES (250, 'swapped in')`,
        `ALTER TABLE $db.t REPLACE PARTITION (p2) WITH TEMPORARY PARTITION (tp2)`,
        `ALTER TABLE $db.t DROP PARTITION p2`,
        `INSERT INTO $db.t VALUES (7, 'last')`,
      );
      await job.must('resume');
      await job.converge('partitions', partitions);
      await job.sameRows();
    });
  });
});

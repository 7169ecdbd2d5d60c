// Bucket numbers (table_sync test_ts_alt_modify_distribution / test_ts_tbl_bucket_auto): after MODIFY
// DISTRIBUTION on the source, partitions added later have the new bucket count on both sides (Doris 2.1
// logs no record for the default itself; the ADD_PARTITION record carries the partition's buckets), and
// their rows replicate into them — which needs the target's buckets to match the source's tablet by tablet.
// A BUCKETS AUTO table stays automatic on the target, restored or created by replay, partitions included.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTable, partitions, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

describe('table sync: bucket numbers', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('partitions added after MODIFY DISTRIBUTION get the new bucket count on the target too', async () => {
    await fx.run('buckets_modify', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v INT) DUPLICATE KEY(k)
         PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"))
         DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 1), (2, 2)`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t MODIFY DISTRIBUTION DISTRIBUTED BY HASH(k) BUCKETS 5`,
        `ALTER TABLE $db.t ADD PARTITION p1 VALUES LESS THAN ("200")`,
        `INSERT INTO $db.t VALUES (150, 1), (151, 2), (152, 3), (3, 3)`,
      );
      const parts = await job.converge('partitions', partitions);
      assert.ok(
        parts.some((p) => p.startsWith('p1 ') && p.endsWith(' | 5')),
        parts.join('\n'),
      );
      await job.sameRows();
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });

  it('a BUCKETS AUTO table keeps automatic bucketing, and its partitions follow, for table and database jobs', async () => {
    await fx.run('buckets_auto', async (s) => {
      const create = (t: string) =>
        `CREATE TABLE $db.${t} (k INT, v INT) DUPLICATE KEY(k)
         PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"))
         DISTRIBUTED BY HASH(k) BUCKETS AUTO PROPERTIES (${TABLE_PROPS})`;
      await s.source(create('t'), `INSERT INTO $db.t VALUES (1, 1)`);
      const db = await s.createJob('');
      const t = db.table('t');
      await t.sameRows();
      await s.source(
        create('later'),
        `ALTER TABLE $db.t ADD PARTITION p1 VALUES LESS THAN ("200")`,
        `INSERT INTO $db.t VALUES (150, 2)`,
        `INSERT INTO $db.later VALUES (5, 5)`,
      );
      for (const job of [t, db.table('later')]) {
        await job.converge('partitions', partitions);
        await job.sameRows();
        assert.match(await job.target(createTable), /DISTRIBUTED BY HASH\(`k`\) BUCKETS AUTO/);
      }
      assert.equal(await db.fullSyncs(), 1, 'no second full sync');
    });
  });
});

// Table properties (table_sync/prop, table_sync/alt_prop, test_ts_table_modify_comment): what the full sync
// and later ALTERs carry to the target and what they must not. Carried: comment, compression, key/storage
// settings, dynamic-partition settings (but switched off). Never carried: colocate_with, storage_policy,
// dynamic_partition changes made later, the source's is_being_synced — the target always says true.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  partitions,
  ScenarioFixture,
  sandboxOnly,
  TABLE_PROPS,
  tableComment,
  tableProperties,
} from '../../src/index.js';

const DYNAMIC = `"dynamic_partition.enable" = "true", "dynamic_partition.time_unit" = "DAY",
  "dynamic_partition.start" = "-2", "dynamic_partition.end" = "2", "dynamic_partition.prefix" = "p",
  "dynamic_partition.buckets" = "2"`;

const props = (...args: Parameters<typeof tableProperties>) => tableProperties(...args);

describe('table sync: table properties', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('the restore keeps the comment and storage settings, drops colocation and marks the table synced', async () => {
    await fx.run('prop_restore', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v VARCHAR(8)) DUPLICATE KEY(k) COMMENT 'orders of the day'
         DISTRIBUTED BY HASH(k) BUCKETS 3
         PROPERTIES (${TABLE_PROPS}, "colocate_with" = "ccr_group", "compression" = "ZSTD",
           "disable_auto_compaction" = "true", "light_schema_change" = "true")`,
        `INSERT INTO $db.t VALUES (1, 'a')`,
      );
      const job = await s.createJob('t');
      await job.sameRows();
      const [src, dest] = [await job.source(props), await job.target(props)];
      assert.equal(await job.target(tableComment), await job.source(tableComment));
      assert.notEqual(await job.target(tableComment), '', 'the comment is not lost');
      for (const key of ['compression', 'disable_auto_compaction', 'light_schema_change', 'binlog.enable']) {
        assert.equal(dest.get(key), src.get(key), `${key} carried by the restore`);
      }
      assert.equal(src.get('colocate_with'), 'ccr_group');
      assert.equal(dest.get('colocate_with'), undefined, 'colocation is not carried');
      assert.equal(dest.get('is_being_synced'), 'true', 'the target is marked as being synced');
      assert.notEqual(src.get('is_being_synced'), 'true');
    });
  });

  it('a dynamic-partition table is restored with its partitions and dynamic partitioning off', async () => {
    await fx.run('prop_dynamic', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (d DATE, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) ()
         DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS}, ${DYNAMIC})`,
        `INSERT INTO $db.t VALUES (CURDATE(), 1)`,
      );
      const job = await s.createJob('t');
      await job.converge('partitions', partitions);
      await job.sameRows();
      const [src, dest] = [await job.source(props), await job.target(props)];
      assert.equal(src.get('dynamic_partition.enable'), 'true');
      assert.equal(dest.get('dynamic_partition.enable'), 'false', 'the target creates no partitions itself');
      for (const key of ['time_unit', 'start', 'end', 'prefix', 'buckets']) {
        const name = `dynamic_partition.${key}`;
        assert.equal(dest.get(name), src.get(name), `${name} carried by the restore`);
      }
      // Later dynamic-partition changes stay on the source (a table job does not forward them).
      const before = dest;
      await s.source(
        `ALTER TABLE $db.t SET ("dynamic_partition.end" = "3")`,
        `ALTER TABLE $db.t SET ("dynamic_partition.prefix" = "pp")`,
      );
      await job.caughtUp();
      const after = await job.target(props);
      for (const key of ['end', 'prefix', 'enable']) {
        const name = `dynamic_partition.${key}`;
        assert.equal(after.get(name), before.get(name), `${name} not forwarded`);
      }
      // Partitions the source creates for the new settings do arrive, as partitions.
      await job.converge('partitions', partitions);
    });
  });

  it('a table comment change is forwarded; is_being_synced set on the source is not', async () => {
    await fx.run('prop_alter', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT) DUPLICATE KEY(k) COMMENT 'old' DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES (${TABLE_PROPS})`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(`ALTER TABLE $db.t MODIFY COMMENT "new comment, with 'quotes'"`);
      assert.match(await job.converge('table comment', tableComment), /^new comment/);
      await s.source(
        `ALTER TABLE $db.t SET ("is_being_synced" = "true")`,
        `ALTER TABLE $db.t SET ("is_being_synced" = "false")`,
      );
      await job.caughtUp();
      assert.equal((await job.target(props)).get('is_being_synced'), 'true');
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });

  it(
    'a storage policy is not carried by the restore',
    sandboxOnly('on a real Doris the table would need an existing storage policy and S3 resource'),
    async () => {
      await fx.run('prop_stor_policy', async (s) => {
        await s.source(
          `CREATE TABLE $db.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
           PROPERTIES (${TABLE_PROPS}, "storage_policy" = "cold_s3")`,
          `INSERT INTO $db.t VALUES (1)`,
        );
        const job = await s.createJob('t');
        await job.sameRows();
        assert.equal((await job.source(props)).get('storage_policy'), 'cold_s3');
        assert.equal((await job.target(props)).get('storage_policy'), undefined);
      });
    },
  );

  it('colocate_with set later is not forwarded', async () => {
    await fx.run('prop_colocate', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
      );
      const job = await s.createJob('t');
      await s.source(`ALTER TABLE $db.t SET ("colocate_with" = "ccr_group_later")`);
      await job.caughtUp();
      assert.equal((await job.source(props)).get('colocate_with'), 'ccr_group_later');
      assert.equal((await job.target(props)).get('colocate_with'), undefined);
    });
  });
});

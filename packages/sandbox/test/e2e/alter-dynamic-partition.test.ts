// Dynamic partitions: created at CREATE TABLE / ALTER TABLE SET time and by the periodic scheduler, old ones
// force-dropped, nothing done while the table is a CCR target (is_being_synced), with ADD_PARTITION /
// DROP_PARTITION records and Doris 2.1's dynamic_partition.* lines in SHOW CREATE TABLE.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, readBinlogs, showCreate } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

const DAY = 86_400_000;

function ymd(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10).replace(/-/g, '');
}

function dateText(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

describe('dynamic partitions', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({
      backends: 1,
      args: ['--fe-config', 'dynamic_partition_check_interval_seconds=1'],
    });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function seqNow(): Promise<bigint> {
    const all = await readBinlogs(sandbox, 'src');
    return all[all.length - 1]?.commitSeq ?? -1n;
  }

  const names = async (table: string) =>
    (await query<{ PartitionName: string }>(conn, `SHOW PARTITIONS FROM src.${table}`))
      .map((r) => r.PartitionName)
      .sort();

  it('creates today and the next `end` days when the table is created', async () => {
    const from = await seqNow();
    await conn.query(`CREATE TABLE src.dp (d DATE, v INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) ()
      DISTRIBUTED BY HASH(d) BUCKETS 2 PROPERTIES ("replication_num" = "1", "dynamic_partition.enable" = "true",
      "dynamic_partition.time_unit" = "DAY", "dynamic_partition.time_zone" = "UTC", "dynamic_partition.start" = "-3",
      "dynamic_partition.end" = "2", "dynamic_partition.prefix" = "p", "dynamic_partition.buckets" = "3")`);
    assert.deepEqual(await names('dp'), [`p${ymd(0)}`, `p${ymd(1)}`, `p${ymd(2)}`]);
    const buckets = await query<{ Buckets: string }>(conn, 'SHOW PARTITIONS FROM src.dp');
    assert.ok(buckets.every((b) => b.Buckets === '3'));
    await conn.query(`INSERT INTO src.dp VALUES ('${dateText(1)}', 1)`);
    const records = (await readBinlogs(sandbox, 'src', from)).filter((b) => b.type !== 'UPSERT');
    assert.deepEqual(
      records.map((b) => b.type),
      ['CREATE_TABLE', 'ADD_PARTITION', 'ADD_PARTITION', 'ADD_PARTITION'],
    );
    const first = records[1]!.record;
    assert.equal(first.kind, 'addPartition');
    if (first.kind === 'addPartition') {
      assert.equal(
        first.sql,
        `ADD PARTITION \`p${ymd(0)}\` VALUES [("${dateText(0)}"), ("${dateText(1)}")) ("version_info" = "1");`,
      );
      assert.equal(first.partition.distributionInfo?.bucketNum, 3);
    }
    const ddl = await showCreate(conn, 'src.dp');
    assert.match(
      ddl,
      /"dynamic_partition.enable" = "true",\n"dynamic_partition.time_unit" = "DAY",\n"dynamic_partition.time_zone" = "UTC",\n"dynamic_partition.start" = "-3",\n"dynamic_partition.end" = "2",\n"dynamic_partition.prefix" = "p",\n"dynamic_partition.replication_allocation" = "tag.location.default: 1",\n"dynamic_partition.buckets" = "3",\n"dynamic_partition.create_history_partition" = "false",\n"dynamic_partition.history_partition_num" = "-1",\n"dynamic_partition.hot_partition_num" = "0",\n"dynamic_partition.reserved_history_periods" = "NULL"/,
    );
    await expectError(
      conn,
      `ALTER TABLE src.dp ADD PARTITION px VALUES [('2000-01-01'), ('2000-01-02'))`,
      'Cannot add/drop partition on a Dynamic Partition Table',
    );
  });

  it('adds history partitions and force-drops partitions older than `start`', async () => {
    const from = await seqNow();
    await conn.query(`ALTER TABLE src.dp SET ("dynamic_partition.create_history_partition" = "true")`);
    assert.deepEqual(
      await names('dp'),
      [-3, -2, -1, 0, 1, 2].map((d) => `p${ymd(d)}`),
    );
    await conn.query(`ALTER TABLE src.dp SET ("dynamic_partition.enable" = "false")`);
    await conn.query(`ALTER TABLE src.dp ADD PARTITION pold VALUES [('2000-01-01'), ('2000-01-02'))`);
    await conn.query(`ALTER TABLE src.dp SET ("dynamic_partition.enable" = "true")`);
    assert.ok(!(await names('dp')).includes('pold'));
    const records = (await readBinlogs(sandbox, 'src', from)).filter(
      (b) => b.type !== 'MODIFY_TABLE_PROPERTY',
    );
    assert.deepEqual(
      records.map((b) => b.type),
      ['ADD_PARTITION', 'ADD_PARTITION', 'ADD_PARTITION', 'ADD_PARTITION', 'DROP_PARTITION'],
    );
    const drop = records[4]!.record;
    assert.equal(drop.kind, 'dropPartition');
    if (drop.kind === 'dropPartition') {
      assert.deepEqual(
        [drop.partitionName, drop.forceDrop, drop.sql],
        ['pold', true, 'DROP PARTITION `pold` FORCE'],
      );
    }
  });

  it('leaves CCR targets alone until is_being_synced is turned off', async () => {
    await conn.query(`ALTER TABLE src.dp SET ("is_being_synced" = "true")`);
    await conn.query(`ALTER TABLE src.dp SET ("dynamic_partition.end" = "4")`);
    assert.ok(!(await names('dp')).includes(`p${ymd(4)}`));
    await conn.query(`ALTER TABLE src.dp SET ("is_being_synced" = "false")`);
    assert.ok((await names('dp')).includes(`p${ymd(4)}`));
  });

  it('names week, month and year partitions like Doris and runs periodically', async () => {
    await conn.query(`ADMIN SET FRONTEND CONFIG ("dynamic_partition_enable" = "false")`);
    for (const unit of ['WEEK', 'MONTH', 'YEAR']) {
      await conn.query(`CREATE TABLE src.dp_${unit} (d DATETIME, v INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) ()
        DISTRIBUTED BY HASH(d) BUCKETS 1 PROPERTIES ("replication_num" = "1", "dynamic_partition.enable" = "true",
        "dynamic_partition.time_unit" = "${unit}", "dynamic_partition.time_zone" = "UTC", "dynamic_partition.end" = "1",
        "dynamic_partition.prefix" = "p")`);
      assert.deepEqual(await names(`dp_${unit}`), []);
    }
    await conn.query(`ADMIN SET FRONTEND CONFIG ("dynamic_partition_enable" = "true")`);
    const deadline = Date.now() + 5000;
    while ((await names('dp_YEAR')).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const now = new Date();
    const y = now.getUTCFullYear();
    const m = now.getUTCMonth();
    assert.deepEqual(await names('dp_YEAR'), [`p${y}`, `p${y + 1}`]);
    const month = (offset: number) => {
      const d = new Date(Date.UTC(y, m + offset, 1));
      return `p${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    assert.deepEqual(await names('dp_MONTH'), [month(0), month(1)]);
    const weeks = await names('dp_WEEK');
    assert.equal(weeks.length, 2);
    assert.ok(weeks.every((w) => /^p\d{4}_\d{2}$/.test(w)));
    const [range] = await query<{ Range: string }>(conn, 'SHOW PARTITIONS FROM src.dp_MONTH');
    assert.match(range!.Range, /types: \[DATETIMEV2\]; keys: \[\d{4}-\d{2}-01 00:00:00\]/);
  });
});

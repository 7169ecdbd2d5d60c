// Partition DDL through ALTER TABLE: what SHOW PARTITIONS / SELECT show afterwards and the records the
// syncer replays (ADD_PARTITION `sql` with version_info, DROP_PARTITION with the partition id,
// REPLACE_PARTITIONS, MODIFY_PARTITIONS, barrier-wrapped RENAME_PARTITION).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, readBinlogs, showCreate } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

interface PartitionRow {
  PartitionId: string;
  PartitionName: string;
  VisibleVersion: string;
  Range: string;
  Buckets: string;
  StorageMedium: string;
}

describe('ALTER TABLE partitions', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 2 });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`CREATE TABLE src.p (d DATE, v INT) DUPLICATE KEY(d)
      PARTITION BY RANGE(d) (PARTITION p1 VALUES [('2024-01-01'), ('2024-02-01')))
      DISTRIBUTED BY HASH(d) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO src.p VALUES ('2024-01-05', 1)`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function seqNow(): Promise<bigint> {
    const all = await readBinlogs(sandbox, 'src');
    return all[all.length - 1]?.commitSeq ?? -1n;
  }

  const partitions = (temporary = false) =>
    query<PartitionRow>(conn, `SHOW ${temporary ? 'TEMPORARY ' : ''}PARTITIONS FROM src.p`);

  it('adds range partitions with the ADD_PARTITION clause the syncer replays', async () => {
    const from = await seqNow();
    await conn.query(`ALTER TABLE src.p ADD PARTITION p2 VALUES LESS THAN ('2024-03-01')`);
    await conn.query(
      `ALTER TABLE src.p ADD PARTITION p3 VALUES [('2024-03-01'), ('2024-04-01')) ("version_info" = "5") DISTRIBUTED BY HASH(d) BUCKETS 3`,
    );
    await conn.query(`ALTER TABLE src.p ADD PARTITION IF NOT EXISTS p3 VALUES LESS THAN ('2024-05-01')`);
    const rows = await partitions();
    assert.deepEqual(
      rows.map((r) => [r.PartitionName, r.Buckets, r.VisibleVersion]),
      [
        ['p1', '2', '2'],
        ['p2', '2', '1'],
        ['p3', '3', '5'],
      ],
    );
    assert.equal(
      rows[1]!.Range,
      '[types: [DATEV2]; keys: [2024-02-01]; ..types: [DATEV2]; keys: [2024-03-01]; )',
    );
    assert.match(
      await showCreate(conn, 'src.p'),
      /PARTITION p2 VALUES \[\('2024-02-01'\), \('2024-03-01'\)\)/,
    );
    await conn.query(`INSERT INTO src.p VALUES ('2024-02-10', 2), ('2024-03-10', 3)`);
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n FROM src.p'), [{ n: '3' }]);

    const adds = (await readBinlogs(sandbox, 'src', from)).filter((b) => b.type === 'ADD_PARTITION');
    assert.equal(adds.length, 2);
    const [p2, p3] = adds.map((b) => b.record);
    assert.ok(p2?.kind === 'addPartition' && p3?.kind === 'addPartition');
    if (p2?.kind === 'addPartition' && p3?.kind === 'addPartition') {
      assert.equal(
        p2.sql,
        'ADD PARTITION `p2` VALUES [("2024-02-01"), ("2024-03-01")) ("version_info" = "1");',
      );
      assert.equal(
        p3.sql,
        'ADD PARTITION `p3` VALUES [("2024-03-01"), ("2024-04-01")) ("version_info" = "5");',
      );
      assert.equal(p2.partition.name, 'p2');
      assert.equal(p2.partition.id.toString(), rows[1]!.PartitionId);
      assert.equal(p2.partition.distributionInfo?.type, 'HASH');
      assert.equal(p2.partition.distributionInfo?.bucketNum, 2);
      assert.deepEqual(
        p2.partition.distributionInfo?.distributionColumns.map((c) => c.name),
        ['d'],
      );
      assert.equal(p3.partition.distributionInfo?.bucketNum, 3);
      assert.equal(p2.isTempPartition, false);
      assert.equal(p2.commitSeq, adds[0]!.commitSeq);
    }
    await expectError(
      conn,
      `ALTER TABLE src.p ADD PARTITION p2 VALUES LESS THAN ('2024-09-01')`,
      'Duplicate partition name p2',
    );
    await expectError(
      conn,
      `ALTER TABLE src.p ADD PARTITION px VALUES [('2024-01-15'), ('2024-01-20'))`,
      'is intersected with range',
    );
    await expectError(
      conn,
      `ALTER TABLE src.p ADD PARTITION px VALUES [('2024-06-01'), ('2024-07-01')) DISTRIBUTED BY HASH(v) BUCKETS 3`,
      'Cannot assign hash distribution with different distribution cols',
    );
  });

  it('drops partitions with DROP_PARTITION records', async () => {
    const ids = new Map((await partitions()).map((r) => [r.PartitionName, r.PartitionId]));
    const from = await seqNow();
    await conn.query('ALTER TABLE src.p DROP PARTITION p3');
    await conn.query('ALTER TABLE src.p DROP PARTITION IF EXISTS nope');
    await expectError(conn, 'ALTER TABLE src.p DROP PARTITION nope', 'Error in list of partitions to nope');
    assert.deepEqual(
      (await partitions()).map((r) => r.PartitionName),
      ['p1', 'p2'],
    );
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n FROM src.p'), [{ n: '2' }]);
    const [drop] = await readBinlogs(sandbox, 'src', from);
    assert.equal(drop?.type, 'DROP_PARTITION');
    assert.equal(drop?.record.kind, 'dropPartition');
    if (drop?.record.kind === 'dropPartition') {
      assert.equal(drop.record.pid.toString(), ids.get('p3'));
      assert.equal(drop.record.partitionName, 'p3');
      assert.equal(drop.record.sql, 'DROP PARTITION `p3`');
      assert.equal(drop.record.forceDrop, false);
    }
  });

  it('replaces a partition with a loaded temporary partition', async () => {
    const from = await seqNow();
    await conn.query(`ALTER TABLE src.p ADD TEMPORARY PARTITION tp1 VALUES [('2024-01-01'), ('2024-02-01'))`);
    await conn.query(
      `INSERT INTO src.p TEMPORARY PARTITION (tp1) VALUES ('2024-01-07', 70), ('2024-01-08', 80)`,
    );
    assert.deepEqual(
      (await partitions(true)).map((r) => r.PartitionName),
      ['tp1'],
    );
    await expectError(
      conn,
      'ALTER TABLE src.p ADD COLUMN w INT',
      'Can not alter table when there are temp partitions in table',
    );
    const oldId = (await partitions()).find((r) => r.PartitionName === 'p1')!.PartitionId;
    await conn.query('ALTER TABLE src.p REPLACE PARTITION (p1) WITH TEMPORARY PARTITION (tp1)');
    assert.deepEqual(await partitions(true), []);
    const p1 = (await partitions()).find((r) => r.PartitionName === 'p1')!;
    assert.notEqual(p1.PartitionId, oldId);
    assert.deepEqual(await query(conn, `SELECT v FROM src.p WHERE d < '2024-02-01' ORDER BY v`), [
      { v: 70 },
      { v: 80 },
    ]);

    const records = (await readBinlogs(sandbox, 'src', from)).filter((b) => b.type !== 'UPSERT');
    assert.deepEqual(
      records.map((b) => b.type),
      ['ADD_PARTITION', 'REPLACE_PARTITIONS'],
    );
    const [add, replace] = records.map((b) => b.record);
    assert.equal(add?.kind, 'addPartition');
    if (add?.kind === 'addPartition') {
      assert.equal(add.isTempPartition, true);
      assert.equal(
        add.sql,
        'ADD TEMPORARY PARTITION `tp1` VALUES [("2024-01-01"), ("2024-02-01")) ("version_info" = "1");',
      );
    }
    assert.ok(replace?.kind === 'replacePartitions');
    if (replace?.kind === 'replacePartitions') {
      assert.deepEqual([replace.partitions, replace.tempPartitions], [['p1'], ['tp1']]);
      assert.equal(replace.strictRange, true);
      assert.equal(replace.useTempPartitionName, false);
      assert.equal(replace.tblName, 'p');
    }
  });

  it('modifies and renames partitions', async () => {
    const from = await seqNow();
    await conn.query(`ALTER TABLE src.p MODIFY PARTITION p2 SET ("storage_medium" = "SSD")`);
    await conn.query('ALTER TABLE src.p RENAME PARTITION p2 p_feb');
    const rows = await partitions();
    assert.deepEqual(
      rows.map((r) => [r.PartitionName, r.StorageMedium]),
      [
        ['p1', 'HDD'],
        ['p_feb', 'SSD'],
      ],
    );
    const [modify, rename] = await readBinlogs(sandbox, 'src', from);
    assert.equal(modify?.type, 'MODIFY_PARTITIONS');
    assert.equal(modify?.record.kind, 'modifyPartitions');
    if (modify?.record.kind === 'modifyPartitions') {
      assert.equal(modify.record.infos[0]?.partitionId.toString(), rows[1]!.PartitionId);
    }
    assert.deepEqual([rename?.type, rename?.effective], ['BARRIER', 'RENAME_PARTITION']);
    assert.equal(rename?.record.kind, 'renamePartition');
    if (rename?.record.kind === 'renamePartition') {
      assert.deepEqual(
        [rename.record.p.toString(), rename.record.oP, rename.record.nP, rename.record.ind],
        [rows[1]!.PartitionId, 'p2', 'p_feb', -1n],
      );
    }
    await expectError(
      conn,
      'ALTER TABLE src.p RENAME PARTITION p1 p_feb',
      'Partition name[p_feb] is already used',
    );
  });

  it('handles list partitions and unpartitioned tables', async () => {
    await conn.query(`CREATE TABLE src.l (c VARCHAR(8), v INT) DUPLICATE KEY(c) PARTITION BY LIST(c)
      (PARTITION pa VALUES IN ("a")) DISTRIBUTED BY HASH(c) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    const from = await seqNow();
    await conn.query(`ALTER TABLE src.l ADD PARTITION pb VALUES IN ("b", "c")`);
    const [add] = await readBinlogs(sandbox, 'src', from);
    assert.equal(add?.record.kind, 'addPartition');
    if (add?.record.kind === 'addPartition') {
      assert.equal(add.record.sql, 'ADD PARTITION `pb` VALUES IN (("b"),("c")) ("version_info" = "1");');
    }
    await conn.query(`INSERT INTO src.l VALUES ('c', 1)`);
    await conn.query(
      `CREATE TABLE src.u (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`,
    );
    await expectError(
      conn,
      'ALTER TABLE src.u ADD PARTITION p1 VALUES LESS THAN (10)',
      'Alter table [u] failed. Not a partitioned table',
    );
    await expectError(
      conn,
      'ALTER TABLE src.u DROP PARTITION u',
      'Alter table [u] failed. Not a partitioned table',
    );
  });
});

// Full sync the way the CCR syncer runs it, between two real sandbox processes: BACKUP on the source,
// getSnapshot, restoreSnapshot on the target, then the target holds the same rows, DDL and partition
// versions as the source had at the snapshot — under ids of its own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinlogType, parseJson, type TGetMetaResult } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import {
  backup,
  createTableText,
  getSnapshot,
  partitionVersions,
  type Row,
  restore,
  type Snapshot,
} from './backup-restore-helpers.js';
import { readBinlogs } from './binlog-reader.js';
import { query, SandboxProcess } from './sandbox-process.js';

const SOURCE_ID_BASE = 9007199254740993n;
const TABLES = ['dup_range', 'uniq_list', 'agg'];
const ORDER: Record<string, string> = {
  dup_range: 'k, dt, v',
  uniq_list: 'id, city',
  agg: 'k',
};

async function getMeta(sandbox: SandboxProcess, db: string): Promise<TGetMetaResult> {
  const fe = sandbox.thrift();
  try {
    return await fe.getMeta({ user: 'root', passwd: '', db: { name: db } });
  } finally {
    fe.close();
  }
}

describe('backup and restore between two sandboxes', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const atSnapshot: Record<string, { rows: Row[]; ddl: string; versions: Record<string, string> }> = {};
  let snapshot: Snapshot;
  let backupRow: Row;

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: 2, args: ['--id-base', String(SOURCE_ID_BASE)] }),
      SandboxProcess.start({ backends: 2 }),
    ]);
    src = await source.connect();
    dst = await target.connect();
    await src.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
    await src.query(`CREATE TABLE src.dup_range (k INT, dt DATE, v VARCHAR(20)) DUPLICATE KEY(k, dt)
      PARTITION BY RANGE(dt) (PARTITION p1 VALUES LESS THAN ('2024-02-01'), PARTITION p2 VALUES LESS THAN ('2024-03-01'))
      DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES ("replication_num" = "1")`);
    await src.query(`CREATE TABLE src.uniq_list (id BIGINT, city VARCHAR(16), score DOUBLE) UNIQUE KEY(id, city)
      PARTITION BY LIST(city) (PARTITION pa VALUES IN ("a", "b"), PARTITION pc VALUES IN ("c"))
      DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await src.query(`CREATE TABLE src.agg (k INT, s BIGINT SUM, m INT MAX) AGGREGATE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 4 PROPERTIES ("replication_num" = "2")`);
    await src.query(`CREATE VIEW src.v AS SELECT k, s FROM src.agg WHERE k > 1`);
    await src.query(
      `INSERT INTO src.dup_range VALUES (1, '2024-01-05', 'a'), (2, '2024-02-07', 'b'), (1, '2024-01-05', 'a')`,
    );
    await src.query(`INSERT INTO src.dup_range VALUES (3, '2024-01-09', NULL), (4, '2024-02-28', 'd')`);
    await src.query(
      `INSERT INTO src.uniq_list VALUES (1, 'a', 1.5), (2, 'b', 2.5), (3, 'c', 3.5), (9007199254740993, 'c', 0)`,
    );
    await src.query(`INSERT INTO src.uniq_list VALUES (1, 'a', 10.25), (3, 'c', -1)`);
    await src.query(`INSERT INTO src.agg VALUES (1, 10, 5), (2, 20, 7), (3, 1, 1)`);
    await src.query(`INSERT INTO src.agg VALUES (1, 5, 9), (2, 1, 1)`);
    for (const t of TABLES) {
      atSnapshot[t] = {
        rows: await query(src, `SELECT * FROM src.${t} ORDER BY ${ORDER[t]}`),
        ddl: await createTableText(src, `src.${t}`),
        versions: await partitionVersions(src, `src.${t}`),
      };
    }
    backupRow = await backup(src, 'src', 'ccrs_job_1_1');
    // Written after the snapshot: must not reach the target.
    await src.query(`INSERT INTO src.agg VALUES (1, 1000, 1000), (50, 50, 50)`);
    await src.query(`INSERT INTO src.dup_range VALUES (7, '2024-01-01', 'late')`);
    snapshot = await getSnapshot(source, 'src', 'ccrs_job_1_1');
    await dst.query(`CREATE DATABASE dst PROPERTIES ("binlog.enable" = "true")`);
  });

  after(async () => {
    await src?.end();
    await dst?.end();
    await source?.destroy();
    await target?.destroy();
  });

  it('shows the finished backup with Doris columns', () => {
    assert.deepEqual(Object.keys(backupRow), [
      'JobId',
      'SnapshotName',
      'DbName',
      'State',
      'BackupObjs',
      'CreateTime',
      'SnapshotFinishedTime',
      'UploadFinishedTime',
      'FinishedTime',
      'UnfinishedTasks',
      'Progress',
      'TaskErrMsg',
      'Status',
      'Timeout',
    ]);
    assert.equal(backupRow.Status, '[OK]');
    assert.equal(backupRow.DbName, 'src');
    assert.equal(backupRow.Timeout, '86400');
    assert.equal(backupRow.UploadFinishedTime, '\\N');
    assert.match(String(backupRow.CreateTime), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(backupRow.BackupObjs, '[src.dup_range], [src.uniq_list], [src.agg], [src.v]');
  });

  it('exports job_info with exact ids and one barrier per table as its commit seq', async () => {
    const info = parseJson(snapshot.jobInfo) as Record<string, unknown>;
    assert.equal(info.name, 'ccrs_job_1_1');
    assert.equal(info.database, 'src');
    const objects = info.backup_objects as Record<
      string,
      { id: bigint; partitions: Record<string, unknown> }
    >;
    assert.deepEqual(Object.keys(objects).sort(), [...TABLES].sort());
    assert.deepEqual(Object.keys(objects.dup_range!.partitions).sort(), ['p1', 'p2']);
    const views = (info.new_backup_objects as { views: Array<{ name: string }> }).views;
    assert.deepEqual(
      views.map((v) => v.name),
      ['v'],
    );
    const seqs = info.table_commit_seq_map as Record<string, bigint>;
    const ids = Object.values(objects).map((o) => o.id);
    assert.ok(
      ids.every((id) => id > SOURCE_ID_BASE),
      'ids stay exact above 2^53',
    );
    assert.deepEqual(Object.keys(seqs).sort(), ids.map(String).sort());
    const barriers = (await readBinlogs(source, 'src')).filter((b) => b.type === BinlogType.BARRIER);
    for (const [tableId, seq] of Object.entries(seqs)) {
      const b = barriers.find((x) => x.commitSeq === seq);
      assert.ok(b, `a BARRIER at seq ${seq}`);
      assert.deepEqual(b.tableIds, [BigInt(tableId)]);
    }
    assert.ok(snapshot.result.commit_seq! > 0n);
    const expected = Date.parse(String(backupRow.CreateTime).replace(' ', 'T')) + 86_400_000;
    assert.ok(Math.abs(Number(snapshot.result.expiredAt) - expected) < 2000);
  });

  it('gzips meta and job_info on request', async () => {
    const compressed = await getSnapshot(source, 'src', 'ccrs_job_1_1', true);
    assert.equal(compressed.result.compressed, true);
    assert.deepEqual(compressed.meta, snapshot.meta);
    assert.equal(compressed.jobInfo, snapshot.jobInfo);
  });

  it('restores rows, DDL and versions of the snapshot into the target, under target ids', async () => {
    const row = await restore(source, target, dst, snapshot, {
      db: 'dst',
      label_name: 'ccrs_job_1_1_r_1',
      atomic_restore: true,
    });
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.equal(row.Status, '[OK]');
    assert.equal(row.ReserveReplica, 'true');
    for (const t of TABLES) {
      assert.deepEqual(
        await query(dst, `SELECT * FROM dst.${t} ORDER BY ${ORDER[t]}`),
        atSnapshot[t]!.rows,
        t,
      );
      // COUNT(*) is answered from stored row counts, not by scanning: it must agree with the rows.
      assert.deepEqual(
        await query(dst, `SELECT COUNT(*) AS n FROM dst.${t}`),
        [{ n: String(atSnapshot[t]!.rows.length) }],
        t,
      );
      assert.equal(await createTableText(dst, `dst.${t}`), atSnapshot[t]!.ddl, t);
      assert.deepEqual(await partitionVersions(dst, `dst.${t}`), atSnapshot[t]!.versions, t);
      const [ddl] = await query(dst, `SHOW CREATE TABLE dst.${t}`);
      assert.match(String(ddl!['Create Table']), /"is_being_synced" = "true"/);
    }
    assert.deepEqual(await query(dst, 'SELECT * FROM dst.v ORDER BY k'), [
      { k: 2, s: '21' },
      { k: 3, s: '1' },
    ]);
    const [view] = await query(dst, 'SHOW CREATE VIEW dst.v');
    assert.match(String(view!['Create View']), /`internal`\.`dst`\.`agg`/);
  });

  it('gives restored objects target ids, tablets in bucket order', async () => {
    const sourceMeta = (await getMeta(source, 'src')).db_meta!;
    const targetMeta = (await getMeta(target, 'dst')).db_meta!;
    assert.equal(targetMeta.tables?.length, 3);
    for (const table of targetMeta.tables ?? []) {
      const original = sourceMeta.tables!.find((t) => t.name === table.name)!;
      assert.ok(table.id! < SOURCE_ID_BASE, 'target ids come from the target');
      assert.equal(table.partitions?.length, original.partitions?.length);
      for (const p of table.partitions ?? []) {
        assert.ok(p.id! < SOURCE_ID_BASE);
        for (const index of p.indexes ?? []) {
          assert.ok(index.id! < SOURCE_ID_BASE);
          const ids = (index.tablets ?? []).map((t) => t.id!);
          const sourceCount = original.partitions!.find((x) => x.name === p.name)!.indexes![0]!.tablets!
            .length;
          assert.equal(ids.length, sourceCount);
          for (let i = 1; i < ids.length; i++) assert.ok(ids[i]! > ids[i - 1]!, 'increasing in bucket order');
        }
      }
    }
  });

  it('lets the target load into restored tables and record its own binlog', async () => {
    await dst.query(`INSERT INTO dst.agg VALUES (1, 1, 1)`);
    assert.deepEqual(await query(dst, 'SELECT s FROM dst.agg WHERE k = 1'), [{ s: '16' }]);
    const upserts = (await readBinlogs(target, 'dst')).filter((b) => b.type === BinlogType.UPSERT);
    assert.equal(upserts.length, 1);
    const versions = await partitionVersions(dst, 'dst.agg');
    assert.equal(versions.agg, String(Number(atSnapshot.agg!.versions.agg) + 1));
  });

  it('ends is_being_synced with ALTER TABLE SET', async () => {
    await dst.query(`ALTER TABLE dst.agg SET ("is_being_synced" = "false")`);
    const [ddl] = await query(dst, 'SHOW CREATE TABLE dst.agg');
    assert.match(String(ddl!['Create Table']), /"is_being_synced" = "false"/);
  });
});

// Rollups and synchronous materialized views: jobs visible in SHOW ALTER TABLE ROLLUP / MATERIALIZED VIEW,
// index tablets filled from the base index, ALTER_JOB (type ROLLUP) records, and the barrier-wrapped
// RENAME_ROLLUP / DROP_ROLLUP records.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, readBinlogs, waitForAlterJobs } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('ALTER TABLE rollups and materialized views', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  let procBase: string;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`CREATE TABLE src.r (k1 INT, k2 INT, v INT) DUPLICATE KEY(k1, k2) DISTRIBUTED BY HASH(k1) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await conn.query('INSERT INTO src.r VALUES (1, 1, 10), (1, 2, 20), (2, 1, 5)');
    const [db] = await query<{ DbId: string }>(conn, `SHOW PROC '/dbs/'`).then((rows) =>
      rows.filter((r) => (r as unknown as { DbName: string }).DbName === 'src'),
    );
    const [table] = await query<{ TableId: string }>(conn, `SHOW PROC '/dbs/${db!.DbId}/'`);
    const [partition] = await query<{ PartitionId: string }>(
      conn,
      `SHOW PROC '/dbs/${db!.DbId}/${table!.TableId}/partitions'`,
    );
    procBase = `/dbs/${db!.DbId}/${table!.TableId}/partitions/${partition!.PartitionId}`;
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function seqNow(): Promise<bigint> {
    const all = await readBinlogs(sandbox, 'src');
    return all[all.length - 1]?.commitSeq ?? -1n;
  }

  async function indexes() {
    return query<{ IndexId: string; IndexName: string; State: string }>(conn, `SHOW PROC '${procBase}'`);
  }

  async function rowsOf(indexId: string): Promise<number> {
    const tablets = await query<{ RowCount: string }>(conn, `SHOW PROC '${procBase}/${indexId}'`);
    return tablets.reduce((n, t) => n + Number(t.RowCount), 0);
  }

  it('builds a rollup in a job and records its states', async () => {
    const from = await seqNow();
    await conn.query('ALTER TABLE src.r ADD ROLLUP r1 (k2, v)');
    await expectError(conn, 'ALTER TABLE src.r ADD COLUMN w INT', "Table[r]'s state(ROLLUP) is not NORMAL");
    const jobs = await waitForAlterJobs(conn, 'src', 'ROLLUP');
    assert.deepEqual(
      jobs.map((j) => {
        const r = j as unknown as Record<string, string>;
        return [r.TableName, r.BaseIndexName, r.RollupIndexName, r.State, r.Timeout];
      }),
      [['r', 'r', 'r1', 'FINISHED', '86400']],
    );
    const r1 = (await indexes()).find((i) => i.IndexName === 'r1')!;
    assert.equal(r1.State, 'NORMAL');
    assert.equal(await rowsOf(r1.IndexId), 3);
    await conn.query('INSERT INTO src.r VALUES (3, 3, 3)');
    assert.equal(await rowsOf(r1.IndexId), 4);

    const records = (await readBinlogs(sandbox, 'src', from)).filter((b) => b.type === 'ALTER_JOB');
    assert.deepEqual(
      records.map((b) => (b.record.kind === 'alterJob' ? b.record.jobState : '')),
      ['PENDING', 'WAITING_TXN', 'FINISHED'],
    );
    const last = records[2]!.record;
    assert.equal(last.kind, 'alterJob');
    if (last.kind === 'alterJob') {
      assert.deepEqual(
        [last.type, last.rollUpIndexName, last.rollupIndexId.toString(), last.baseIndexName, last.rawSql],
        ['ROLLUP', 'r1', r1.IndexId, 'r', ''],
      );
      assert.equal('rollUpIndexName' in last.raw, true);
    }
  });

  it('adds a value column to a rollup and the base index (ADD COLUMN … TO rollup)', async () => {
    const r1 = (await indexes()).find((i) => i.IndexName === 'r1')!;
    const from = await seqNow();
    await conn.query('ALTER TABLE src.r ADD COLUMN extra INT DEFAULT "1" TO r1');
    const [record] = await readBinlogs(sandbox, 'src', from);
    assert.equal(record?.type, 'MODIFY_TABLE_ADD_OR_DROP_COLUMNS');
    assert.equal(record?.record.kind, 'modifyTableAddOrDropColumns');
    if (record?.record.kind === 'modifyTableAddOrDropColumns') {
      assert.equal(
        record.record.rawSql,
        'ALTER TABLE `src`.`r` ADD COLUMN `extra` int NULL DEFAULT "1" COMMENT "" IN `r1`',
      );
      const rollup = record.record.indexSchemaMap.get(BigInt(r1.IndexId));
      assert.deepEqual(
        rollup?.map((c) => c.name),
        ['k2', 'v', 'extra'],
      );
      assert.equal(record.record.indexSchemaMap.size, 2);
    }
    assert.deepEqual(await query(conn, 'SELECT DISTINCT extra FROM src.r'), [{ extra: 1 }]);
    await conn.query('ALTER TABLE src.r DROP COLUMN extra');
  });

  it('renames and drops a rollup with barrier-wrapped records', async () => {
    const r1 = (await indexes()).find((i) => i.IndexName === 'r1')!;
    const from = await seqNow();
    await conn.query('ALTER TABLE src.r RENAME ROLLUP r1 r1x');
    await expectError(conn, 'ALTER TABLE src.r ADD ROLLUP r1x (k1)', 'Rollup index[r1x] already exists');
    await expectError(
      conn,
      'ALTER TABLE src.r DROP ROLLUP r',
      'Cannot drop base index by using DROP ROLLUP or DROP MATERIALIZED VIEW.',
    );
    await expectError(
      conn,
      'ALTER TABLE src.r DROP ROLLUP nope',
      'Materialized view [nope] does not exist in table [r]',
    );
    await conn.query('ALTER TABLE src.r DROP ROLLUP r1x');
    assert.deepEqual(
      (await indexes()).map((i) => i.IndexName),
      ['r'],
    );
    const records = await readBinlogs(sandbox, 'src', from);
    assert.deepEqual(
      records.map((b) => [b.type, b.effective]),
      [
        ['BARRIER', 'RENAME_ROLLUP'],
        ['BARRIER', 'DROP_ROLLUP'],
      ],
    );
    const [rename, drop] = records.map((b) => b.record);
    assert.equal(rename?.kind, 'renameRollup');
    if (rename?.kind === 'renameRollup') {
      assert.deepEqual([rename.ind.toString(), rename.oR, rename.nR], [r1.IndexId, 'r1', 'r1x']);
    }
    assert.equal(drop?.kind, 'dropRollup');
    if (drop?.kind === 'dropRollup') {
      assert.deepEqual([drop.indexId.toString(), drop.indexName, drop.tableName], [r1.IndexId, 'r1x', 'r']);
    }
  });

  it('creates and drops a synchronous materialized view', async () => {
    const from = await seqNow();
    const sql = 'CREATE MATERIALIZED VIEW mv1 AS SELECT k1, SUM(v) FROM src.r GROUP BY k1';
    await conn.query(sql);
    const jobs = await query<Record<string, string>>(conn, 'SHOW ALTER TABLE MATERIALIZED VIEW FROM src');
    assert.ok(jobs.some((j) => j.RollupIndexName === 'mv1'));
    await waitForAlterJobs(conn, 'src', 'ROLLUP');
    const mv = (await indexes()).find((i) => i.IndexName === 'mv1')!;
    assert.equal(await rowsOf(mv.IndexId), 3, 'one row per k1');
    const [pending] = (await readBinlogs(sandbox, 'src', from)).filter((b) => b.type === 'ALTER_JOB');
    assert.equal(pending?.record.kind, 'alterJob');
    if (pending?.record.kind === 'alterJob') assert.equal(pending.record.rawSql, sql);
    await expectError(conn, sql, 'Materialized view[mv1] already exists');

    // DESC … ALL lists the base index first, then each rollup/MV, its name on its first row only.
    const all = await query<Record<string, string | null>>(conn, 'DESC src.r ALL');
    assert.deepEqual(Object.keys(all[0]!), [
      'IndexName',
      'IndexKeysType',
      'Field',
      'Type',
      'InternalType',
      'Null',
      'Key',
      'Default',
      'Extra',
      'Visible',
      'DefineExpr',
      'WhereClause',
    ]);
    const mvRows = all.slice(all.findIndex((r) => r.IndexName === 'mv1'));
    assert.deepEqual(
      mvRows.map((r) => [r.IndexName, r.IndexKeysType, r.Field, r.Key, r.Extra]),
      [
        ['mv1', 'AGG_KEYS', 'mv_k1', 'true', ''],
        ['', '', 'mva_SUM__CAST(`v` AS bigint)', 'false', 'SUM'],
      ],
    );
    assert.equal(all[0]?.IndexName, 'r', 'the base index comes first');
    assert.ok(
      all.some((r) => r.Field === '' && r.IndexName === ''),
      'indexes are separated by an empty row',
    );

    const before = await seqNow();
    await conn.query('DROP MATERIALIZED VIEW mv1 ON src.r');
    await conn.query('DROP MATERIALIZED VIEW IF EXISTS mv1 ON src.r');
    const [drop] = await readBinlogs(sandbox, 'src', before);
    assert.deepEqual([drop?.type, drop?.effective], ['BARRIER', 'DROP_ROLLUP']);
    assert.equal(drop?.record.kind, 'dropRollup');
    if (drop?.record.kind === 'dropRollup') assert.equal(drop.record.indexName, 'mv1');
  });
});

// DELETE on a real sandbox process: delete jobs (predicate rowsets) on duplicate / aggregate / merge-on-read
// unique tables, delete-sign rewrites on merge-on-write unique tables, Doris's condition rules and messages,
// partition selection, and the UPSERT binlog each successful DELETE leaves (and that failures leave none).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinlogType, type ParsedBinlog } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { lastCommitSeq, readBinlogs } from './binlog-reader.js';
import { okInfo } from './ok-info.js';
import { query, SandboxProcess } from './sandbox-process.js';

type OkPacket = { affectedRows: number; info: string };

describe('DELETE', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;

  const binlogs = (after: bigint) => readBinlogs(sandbox, 'ddb', after);
  const lastSeq = () => lastCommitSeq(sandbox, 'ddb');

  async function run(sql: string): Promise<OkPacket> {
    const [result] = await conn.query(sql);
    return result as OkPacket;
  }

  async function fails(sql: string, message: string | RegExp): Promise<void> {
    await assert.rejects(conn.query(sql), (e: Error) => {
      if (typeof message === 'string') assert.ok(e.message.includes(message), e.message);
      else assert.match(e.message, message);
      return true;
    });
  }

  function upsert(b: ParsedBinlog | undefined) {
    assert.equal(b?.type, BinlogType.UPSERT);
    assert.equal(b!.record.kind, 'upsert');
    if (b!.record.kind !== 'upsert') throw new Error('not an upsert');
    return b!.record;
  }

  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE ddb PROPERTIES ("binlog.enable" = "true")`);
    await conn.query('USE ddb');
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('runs a delete job on a duplicate table: rows go, one UPSERT per job, the rowset carries the predicate', async () => {
    await conn.query(`CREATE TABLE dup (k INT, v VARCHAR(10), d DATE) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await conn.query(
      `INSERT INTO dup VALUES (1, 'a', '2024-01-01'), (2, 'b', '2024-01-02'), (2, 'bb', '2024-01-03'), (3, 'c', NULL)`,
    );
    const from = await lastSeq();
    const result = await run(`DELETE FROM dup WHERE k = 2 AND v = 'b'`);
    assert.equal(result.affectedRows, 0);
    assert.match(okInfo(result), /^\{'label':'delete_[0-9a-f-]{36}', 'txnId':'\d+', 'status':'VISIBLE'\}$/);
    assert.deepEqual(await query(conn, 'SELECT k, v FROM dup ORDER BY k, v'), [
      { k: 1, v: 'a' },
      { k: 2, v: 'bb' },
      { k: 3, v: 'c' },
    ]);
    // Value columns are allowed on duplicate tables, and so are IN, IS NULL, NOT, BETWEEN and OR on one column.
    await run(`DELETE FROM dup WHERE d IS NULL`);
    await run(`DELETE FROM dup WHERE k = 5 OR k = 1`);
    await run(`DELETE FROM dup WHERE NOT (k <> 2) AND d BETWEEN '2024-01-01' AND '2024-12-31'`);
    assert.deepEqual(await query(conn, 'SELECT * FROM dup'), []);

    const records = await binlogs(from);
    assert.equal(records.length, 4);
    const first = upsert(records[0]);
    assert.match(first.label, /^delete_/);
    const [tableId] = [...first.tableRecords.keys()];
    const tableRecord = first.tableRecords.get(tableId!)!;
    const [partition] = tableRecord.partitionRecords;
    assert.equal(partition!.version, 3n, 'version 2 was the INSERT');
    assert.equal(partition!.isTempPartition, false);

    // The rowset the syncer would ingest is a predicate rowset with no rows.
    const dbId = (await query<{ DbId: string; DbName: string }>(conn, `SHOW PROC '/dbs'`)).find(
      (r) => r.DbName === 'ddb',
    )!.DbId;
    const tablets = await query<{ TabletId: string }>(
      conn,
      `SHOW PROC '/dbs/${dbId}/${tableId}/partitions/${partition!.partitionId}/${tableRecord.indexIds[0]}'`,
    );
    const be = `http://127.0.0.1:${sandbox.ready.backends[0]!.httpPort}/api/_binlog/_download`;
    const tablet = tablets[0]!.TabletId;
    const info = await (
      await fetch(`${be}?method=get_binlog_info&tablet_id=${tablet}&binlog_version=3`)
    ).text();
    const rowsetId = info.split(':')[0];
    const meta = (await (
      await fetch(`${be}?method=get_rowset_meta&tablet_id=${tablet}&rowset_id=${rowsetId}&binlog_version=3`)
    ).json()) as { numRows: number; deletePredicate?: string };
    assert.equal(meta.numRows, 0);
    assert.equal(meta.deletePredicate, "`k` = 2 AND `v` = 'b'");
  });

  it("rejects what a delete job cannot carry with Doris's messages, changing nothing", async () => {
    await conn.query(`CREATE TABLE agg (k INT, s BIGINT SUM, f DOUBLE MAX) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO agg VALUES (1, 10, 1.5), (2, 20, 2.5)`);
    await conn.query(`CREATE TABLE d2 (k INT, v VARCHAR(10), f FLOAT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO d2 VALUES (1, 'x', 1.0)`);
    const from = await lastSeq();
    await fails(
      'DELETE FROM agg WHERE s = 10',
      'delete predicate on value column only supports Unique table with merge-on-write enabled and Duplicate table, but Table[agg] is an Aggregate table.',
    );
    await fails('DELETE FROM d2 WHERE f = 1.0', 'Column[f] type is float or double.');
    await fails(
      `DELETE FROM d2 WHERE v LIKE 'x%'`,
      'Where clause only supports compound predicate, binary predicate, is_null predicate or in predicate. But we meet',
    );
    await fails("DELETE FROM d2 WHERE k = 1 OR v = 'x'", 'But we meet');
    await fails('DELETE FROM d2 WHERE k + 1 = 2', 'Left expr of binary predicate should be column name');
    await fails('DELETE FROM d2 WHERE k = k', 'Right expr of binary predicate should be value');
    await fails(
      'DELETE FROM d2 WHERE k IN (SELECT k FROM agg)',
      /Where clause only supports compound predicate, binary predicate, is_null predicate or in predicate\.$/,
    );
    await fails('DELETE FROM d2 WHERE nope = 1', /Unknown column 'nope'/);
    await fails('DELETE FROM d2', 'delete command must contain filter');
    await fails('DELETE FROM d2 PARTITION (p9) WHERE k = 1', 'Partition does not exist. name: p9');
    assert.deepEqual(await binlogs(from), []);
    assert.deepEqual(await query(conn, 'SELECT k, s FROM agg ORDER BY k'), [
      { k: 1, s: '10' },
      { k: 2, s: '20' },
    ]);
    // A key condition is fine on an aggregate table.
    await run('DELETE FROM agg WHERE k = 1');
    assert.deepEqual(await query(conn, 'SELECT k FROM agg'), [{ k: 2 }]);
  });

  it('selects partitions: by condition, by PARTITION, or all with delete_without_partition', async () => {
    await conn.query(`CREATE TABLE p (dt DATE, k INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt)
      (PARTITION p1 VALUES LESS THAN ('2024-02-01'), PARTITION p2 VALUES LESS THAN ('2024-03-01'),
       PARTITION p3 VALUES LESS THAN ('2024-04-01'))
      DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    await conn.query(
      `INSERT INTO p VALUES ('2024-01-05', 1), ('2024-02-05', 2), ('2024-03-05', 3), ('2024-03-06', 4)`,
    );
    await fails(
      'DELETE FROM p WHERE k = 1',
      'This is a range or list partitioned table. You should specify partition in delete stmt, or set delete_without_partition to true',
    );
    let from = await lastSeq();
    await run(`DELETE FROM p WHERE dt >= '2024-03-01' AND k = 4`);
    const byRange = upsert((await binlogs(from))[0]);
    assert.equal(
      [...byRange.tableRecords.values()][0]!.partitionRecords.length,
      1,
      'only p3 can hold the rows',
    );
    from = await lastSeq();
    await run('DELETE FROM p PARTITION (p1, p2) WHERE k = 2');
    const named = upsert((await binlogs(from))[0]);
    assert.equal([...named.tableRecords.values()][0]!.partitionRecords.length, 2);
    // A condition no partition can satisfy deletes nothing and runs no job.
    from = await lastSeq();
    const none = await run(`DELETE FROM p WHERE dt = '2030-01-01'`);
    assert.match(okInfo(none), /'txnId':'-1'/);
    assert.deepEqual(await binlogs(from), []);
    await conn.query('SET delete_without_partition = true');
    await run('DELETE FROM p WHERE k = 1');
    await conn.query('SET delete_without_partition = false');
    assert.deepEqual(await query(conn, 'SELECT k FROM p ORDER BY k'), [{ k: 3 }]);
  });

  it('re-writes matching rows with the delete sign on merge-on-write unique tables', async () => {
    await conn.query(`CREATE TABLE u (k INT, v INT, s VARCHAR(5)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO u VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c')`);
    const from = await lastSeq();
    // Any WHERE works, even one a delete job could not carry.
    const result = await run(`DELETE FROM u WHERE s LIKE 'b%' OR v >= 3`);
    assert.equal(result.affectedRows, 2);
    assert.match(okInfo(result), /^\{'label':'insert_[0-9a-f_]+', 'status':'VISIBLE', 'txnId':'\d+'\}$/);
    assert.deepEqual(await query(conn, 'SELECT k FROM u ORDER BY k'), [{ k: 1 }]);
    const record = upsert((await binlogs(from))[0]);
    assert.equal([...record.tableRecords.values()][0]!.partitionRecords.length, 1);
    // The keys are only marked deleted: a later load of the same key is visible again.
    await conn.query(`INSERT INTO u VALUES (2, 22, 'z')`);
    await run('DELETE FROM u');
    assert.deepEqual(await query(conn, 'SELECT * FROM u'), []);
    // Nothing matches: nothing is written.
    const before = await lastSeq();
    const empty = await run('DELETE FROM u WHERE k = 42');
    assert.equal(empty.affectedRows, 0);
    assert.deepEqual(await binlogs(before), []);
  });

  it('uses a delete job on merge-on-read unique tables for key conditions, the delete sign otherwise', async () => {
    await conn.query(`CREATE TABLE mor (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1", "enable_unique_key_merge_on_write" = "false")`);
    await conn.query('INSERT INTO mor VALUES (1, 10), (2, 20), (3, 30)');
    const byKey = await run('DELETE FROM mor WHERE k = 1');
    assert.match(okInfo(byKey), /^\{'label':'delete_/);
    const byValue = await run('DELETE FROM mor WHERE v = 20');
    assert.match(okInfo(byValue), /^\{'label':'insert_/);
    assert.equal(byValue.affectedRows, 1);
    await fails('DELETE FROM mor', 'delete all rows is forbidden temporary.');
    assert.deepEqual(await query(conn, 'SELECT k, v FROM mor'), [{ k: 3, v: 30 }]);
  });

  it('keeps deleted rows deleted across SIGKILL', async () => {
    await conn.end();
    await sandbox.kill('SIGKILL');
    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir, backends: 1 });
    conn = await sandbox.connect();
    await conn.query('USE ddb');
    assert.deepEqual(await query(conn, 'SELECT k, v FROM mor'), [{ k: 3, v: 30 }]);
    assert.deepEqual(await query(conn, 'SELECT * FROM dup'), []);
  });
});

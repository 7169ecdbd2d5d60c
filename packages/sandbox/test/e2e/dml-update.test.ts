// UPDATE on a real sandbox process: new row versions written as one load (UPSERT binlog), Doris's rules and
// messages, strict-mode value checks, the sequence column, and that a failed UPDATE changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinlogType } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { lastCommitSeq, readBinlogs } from './binlog-reader.js';
import { okInfo } from './ok-info.js';
import { query, SandboxProcess } from './sandbox-process.js';

type OkPacket = { affectedRows: number; info: string };

describe('UPDATE', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;

  const binlogs = (after: bigint) => readBinlogs(sandbox, 'udb', after);
  const lastSeq = () => lastCommitSeq(sandbox, 'udb');

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

  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 2 });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE udb PROPERTIES ("binlog.enable" = "true")`);
    await conn.query('USE udb');
    await conn.query(`CREATE TABLE u (k INT, v INT NOT NULL, s VARCHAR(5), d DECIMAL(6, 2)) UNIQUE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES ("replication_num" = "2")`);
    await conn.query(`INSERT INTO u VALUES (1, 1, 'a', 1.5), (2, 2, 'b', 2.5), (3, 3, 'c', NULL)`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('writes new versions of the matching rows as one load with an UPSERT binlog', async () => {
    const from = await lastSeq();
    const result = await run(`UPDATE u SET v = v * 10, s = concat(s, '!'), d = d + 1 WHERE k >= 2`);
    assert.equal(result.affectedRows, 2);
    assert.match(okInfo(result), /^\{'label':'insert_[0-9a-f_]+', 'status':'VISIBLE', 'txnId':'\d+'\}$/);
    assert.deepEqual(await query(conn, 'SELECT k, v, s, d FROM u ORDER BY k'), [
      { k: 1, v: 1, s: 'a', d: '1.50' },
      { k: 2, v: 20, s: 'b!', d: '3.50' },
      { k: 3, v: 30, s: 'c!', d: null },
    ]);
    const records = await binlogs(from);
    assert.deepEqual(
      records.map((b) => b.type),
      [BinlogType.UPSERT],
    );
    // Without WHERE every row is updated; a WHERE that matches nothing writes nothing.
    assert.equal((await run('UPDATE u SET s = NULL')).affectedRows, 3);
    const before = await lastSeq();
    assert.equal((await run('UPDATE u SET v = 0 WHERE k = 99')).affectedRows, 0);
    assert.deepEqual(await binlogs(before), []);
  });

  it("answers Doris's errors and changes nothing when an UPDATE fails", async () => {
    await conn.query(`CREATE TABLE dup (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`CREATE TABLE agg (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    const from = await lastSeq();
    const snapshot = await query(conn, 'SELECT * FROM u ORDER BY k');
    await fails('UPDATE dup SET v = 1', 'Only unique table could be updated.');
    await fails('UPDATE agg SET v = 1', 'Only unique table could be updated.');
    await fails('UPDATE u SET k = 5 WHERE k = 1', 'Only value columns of unique table could be updated');
    await fails('UPDATE u SET zz = 1, yy = 2', 'unknown column in assignment list: yy, zz');
    await fails('UPDATE u SET v = NULL WHERE k = 1', 'Insert has filtered data in strict mode');
    await fails(`UPDATE u SET d = 123456.78`, 'Insert has filtered data in strict mode');
    await fails('UPDATE u SET v = 1 WHERE nope = 1', /Unknown column 'nope'/);
    assert.deepEqual(await binlogs(from), []);
    assert.deepEqual(await query(conn, 'SELECT * FROM u ORDER BY k'), snapshot);
  });

  it('keeps the sequence column in step with its mapped column', async () => {
    await conn.query(`CREATE TABLE seq (k INT, s INT, v VARCHAR(5)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1", "function_column.sequence_col" = "s")`);
    await conn.query(`INSERT INTO seq VALUES (1, 5, 'a')`);
    await run(`UPDATE seq SET v = 'b' WHERE k = 1`);
    assert.deepEqual(await query(conn, 'SELECT * FROM seq'), [{ k: 1, s: 5, v: 'b' }]);
    await run(`UPDATE seq SET s = 9, v = 'c'`);
    // A later load with a smaller sequence value loses against the updated row.
    await conn.query(`INSERT INTO seq VALUES (1, 7, 'old')`);
    assert.deepEqual(await query(conn, 'SELECT * FROM seq'), [{ k: 1, s: 9, v: 'c' }]);
  });

  it('keeps updated rows across SIGKILL', async () => {
    const before = await query(conn, 'SELECT * FROM u ORDER BY k');
    await conn.end();
    await sandbox.kill('SIGKILL');
    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir, backends: 2 });
    conn = await sandbox.connect();
    await conn.query('USE udb');
    assert.deepEqual(await query(conn, 'SELECT * FROM u ORDER BY k'), before);
  });
});

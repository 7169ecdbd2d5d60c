// Binlog GC of table streams by their own limits (database binlog off): ttl_seconds drops UPSERTs older than
// the TTL, max_bytes and max_history_nums drop the oldest records until the stream fits; a reader behind the
// cut gets BINLOG_TOO_OLD_COMMIT_SEQ, a reader at the head still reads what is left. GC runs on the FE's
// binlog_gc_interval_second timer, set to one second here.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatusCode } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { SandboxProcess } from './sandbox-process.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('binlog GC by table limits', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({ args: ['--fe-config', 'binlog_gc_interval_second=1'] });
    conn = await sandbox.connect();
    await conn.query('CREATE DATABASE g');
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function table(name: string, limit: string): Promise<void> {
    await conn.query(`CREATE TABLE g.${name} (k INT, v VARCHAR(64)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", ${limit})`);
    for (let i = 0; i < 5; i++) await conn.query(`INSERT INTO g.${name} VALUES (${i}, '${'x'.repeat(40)}')`);
  }

  /** The status of reading the table's stream from its start, and the records still there. */
  async function tableStream(name: string) {
    const fe = sandbox.thrift();
    try {
      const r = await fe.getBinlog({ user: 'root', passwd: '', db: 'g', table: name, prev_commit_seq: 0n });
      return r.status?.status_code;
    } finally {
      fe.close();
    }
  }

  async function untilTooOld(name: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while ((await tableStream(name)) !== StatusCode.BINLOG_TOO_OLD_COMMIT_SEQ) {
      assert.ok(Date.now() < deadline, `GC never cut the stream of ${name}`);
      await sleep(200);
    }
  }

  it('ttl_seconds drops records older than the TTL', async () => {
    await table('ttl', '"binlog.ttl_seconds" = "1"');
    await untilTooOld('ttl');
  });

  it('max_history_nums keeps the newest records', async () => {
    await table('nums', '"binlog.max_history_nums" = "2"');
    await untilTooOld('nums');
    const fe = sandbox.thrift();
    try {
      const head = await fe.getBinlogLag({
        user: 'root',
        passwd: '',
        db: 'g',
        table: 'nums',
        prev_commit_seq: 0n,
      });
      const left = await fe.getBinlogLag({
        user: 'root',
        passwd: '',
        db: 'g',
        table: 'nums',
        prev_commit_seq: head.first_commit_seq!,
      });
      assert.equal(left.lag, 2n, 'the two newest records are left');
    } finally {
      fe.close();
    }
  });

  it('max_bytes keeps the records that fit', async () => {
    await table('bytes', '"binlog.max_bytes" = "1000"');
    await untilTooOld('bytes');
  });

  it('leaves a table within its limits alone', async () => {
    await table('kept', '"binlog.ttl_seconds" = "3600"');
    await sleep(1500);
    assert.equal(await tableStream('kept'), StatusCode.OK);
  });

  it("SHOW PROC '/binlog' lists each table stream with its length, size, commit times and limits", async () => {
    const before = Date.now();
    await table('shown', '"binlog.ttl_seconds" = "7200", "binlog.max_history_nums" = "100"');
    const [rows] = (await conn.query(`SHOW PROC '/binlog'`)) as unknown as [
      Array<Record<string, string | null>>,
    ];
    const row = rows.find((r) => r.Name === 'g.shown');
    assert.ok(row, JSON.stringify(rows.map((r) => r.Name)));
    assert.equal(row.Type, 'table');
    assert.equal(row.Dropped, 'false');
    assert.equal(row.BinlogLength, '6', 'five UPSERTs and the dummy head');
    assert.ok(Number(row.BinlogSize) > 5 * 40, `size ${row.BinlogSize}`);
    const first = Number(row.FirstBinlogCommittedTime);
    const last = Number(row.LastBinlogCommittedTime);
    assert.ok(first >= before - 1000 && first <= last && last <= Date.now() + 1000, `${first}..${last}`);
    assert.match(String(row.ReadableLastBinlogCommittedTime), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(row.BinlogTtlSeconds, '7200');
    assert.equal(row.BinlogMaxBytes, '9223372036854775807');
    assert.equal(row.BinlogMaxHistoryNums, '100');
    await conn.query(
      'CREATE DATABASE gdb PROPERTIES ("binlog.enable" = "true", "binlog.ttl_seconds" = "600")',
    );
    await conn.query(`CREATE TABLE gdb.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await conn.query('INSERT INTO gdb.t VALUES (1)');
    const [again] = (await conn.query(`SHOW PROC '/binlog'`)) as unknown as [
      Array<Record<string, string | null>>,
    ];
    const db = again.filter((r) => String(r.Name).startsWith('gdb'));
    assert.deepEqual(
      db.map((r) => [r.Name, r.Type, r.BinlogTtlSeconds]),
      [['gdb', 'db', '600']],
      'a database with binlog enabled shows its own stream only',
    );
  });

  it("getBinlogLag: a stream GC has not cut yet answers first_commit_seq -1 with the stream's creation time, also after a restart", async () => {
    const lag = async () => {
      const fe = sandbox.thrift();
      try {
        return await fe.getBinlogLag({
          user: 'root',
          passwd: '',
          db: 'g',
          table: 'fresh',
          prev_commit_seq: -1n,
        });
      } finally {
        fe.close();
      }
    };
    const before = BigInt(Date.now());
    await table('fresh', '"binlog.ttl_seconds" = "3600"');
    const first = await lag();
    assert.equal(first.first_commit_seq, -1n);
    const created = first.first_binlog_timestamp!;
    assert.ok(created >= before && created <= BigInt(Date.now()), `creation time ${created}`);
    assert.equal(first.lag, 5n);
    await conn.end();
    await sandbox.kill('SIGKILL');
    sandbox = await SandboxProcess.start({
      dataDir: sandbox.dataDir,
      args: ['--fe-config', 'binlog_gc_interval_second=1'],
    });
    conn = await sandbox.connect();
    assert.equal((await lag()).first_binlog_timestamp, created);
  });
});

// The binlog a scripted workload produces, read back with getBinlog over thrift, exactly as CCR reads it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinlogType, parseBinlog, StatusCode } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';

describe('binlog over FrontendService.getBinlog', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 2, args: ['--id-base', '9007199254740993'] });
    conn = await sandbox.connect();
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function readAll(db: string, table?: string) {
    const fe = sandbox.thrift();
    try {
      const out = [];
      let prev = -1n;
      for (;;) {
        const r = await fe.getBinlog({
          user: 'root',
          passwd: '',
          db,
          ...(table ? { table } : {}),
          prev_commit_seq: prev,
        });
        if (r.status?.status_code === StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ) return out;
        assert.equal(r.status?.status_code, StatusCode.OK, JSON.stringify(r.status));
        const b = r.binlogs![0]!;
        out.push(parseBinlog(b));
        prev = b.commit_seq!;
      }
    } finally {
      fe.close();
    }
  }

  it('records the scripted workload with increasing seqs, exact 64-bit ids and payload keys', async () => {
    const fe = sandbox.thrift();
    const none = await fe.getBinlog({ user: 'root', passwd: '', db: 'nope', prev_commit_seq: 0n });
    assert.equal(none.status?.status_code, StatusCode.ANALYSIS_ERROR);
    fe.close();

    await conn.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
    const empty = sandbox.thrift();
    const notFound = await empty.getBinlog({ user: 'root', passwd: '', db: 'src', prev_commit_seq: 0n });
    assert.equal(notFound.status?.status_code, StatusCode.BINLOG_NOT_FOUND_DB);
    empty.close();

    await conn.query(`CREATE TABLE src.t (k INT, v VARCHAR(8)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await conn.query(`INSERT INTO src.t VALUES (1, 'a'), (2, 'b')`);
    await conn.query(`INSERT INTO src.t WITH LABEL my_label_1 VALUES (3, 'c')`);
    await conn.query(`TRUNCATE TABLE src.t`);
    await conn.query(`DROP TABLE src.t`);

    const all = await readAll('src');
    assert.deepEqual(
      all.map((b) => b.type),
      [
        BinlogType.CREATE_TABLE,
        BinlogType.UPSERT,
        BinlogType.UPSERT,
        BinlogType.TRUNCATE_TABLE,
        BinlogType.DROP_TABLE,
      ],
    );
    for (let i = 1; i < all.length; i++) assert.ok(all[i]!.commitSeq > all[i - 1]!.commitSeq);
    const [create, up1, up2] = all;
    assert.ok(create!.dbId > 9007199254740993n, 'ids come from the 64-bit id base');
    assert.equal(create!.record.kind, 'createTable');
    if (create!.record.kind === 'createTable') {
      assert.equal(create!.record.tableName, 't');
      assert.match(create!.record.sql, /"binlog.enable" = "true"/);
    }
    assert.equal(up2!.record.kind, 'upsert');
    if (up2!.record.kind === 'upsert' && up1!.record.kind === 'upsert') {
      assert.equal(up2!.record.label, 'my_label_1');
      assert.equal(up2!.record.commitSeq, up2!.commitSeq);
      const [tableRecord] = [...up2!.record.tableRecords.values()];
      const versions1 = [...up1!.record.tableRecords.values()][0]!.partitionRecords.map((p) => p.version);
      assert.deepEqual(versions1, [2n]);
      assert.deepEqual(
        tableRecord!.partitionRecords.map((p) => [p.version, p.range]),
        [[3n, '']],
      );
      assert.ok(up2!.timestamp > 0n);
    }
  });

  it('answers too-new and lag like Doris', async () => {
    const fe = sandbox.thrift();
    try {
      const all = await readAll('src');
      const last = all[all.length - 1]!.commitSeq;
      const tooNew = await fe.getBinlog({ user: 'root', passwd: '', db: 'src', prev_commit_seq: last });
      assert.equal(tooNew.status?.status_code, StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ);
      const lag = await fe.getBinlogLag({
        user: 'root',
        passwd: '',
        db: 'src',
        prev_commit_seq: all[1]!.commitSeq,
      });
      assert.equal(lag.status?.status_code, StatusCode.OK);
      assert.equal(lag.lag, BigInt(all.length - 2));
      assert.equal(lag.last_commit_seq, last);
      const badAuth = await fe.getBinlog({ user: 'root', passwd: 'wrong', db: 'src', prev_commit_seq: 0n });
      assert.equal(badAuth.status?.status_code, StatusCode.ANALYSIS_ERROR);
      assert.match(badAuth.status?.error_msgs?.[0] ?? '', /Access denied/);
    } finally {
      fe.close();
    }
  });

  it('keeps every statement and binlog across SIGKILL', async () => {
    await conn.query(`CREATE TABLE src.p (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
      PROPERTIES ("replication_num" = "2", "binlog.enable" = "true")`);
    await conn.query('INSERT INTO src.p VALUES (1, 1), (2, 2), (3, 3)');
    const before = await readAll('src');
    await conn.end();
    await sandbox.kill('SIGKILL');
    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir, backends: 2 });
    conn = await sandbox.connect();
    assert.deepEqual(await query(conn, 'SELECT k, v FROM src.p ORDER BY k'), [
      { k: 1, v: 1 },
      { k: 2, v: 2 },
      { k: 3, v: 3 },
    ]);
    const after = await readAll('src');
    assert.deepEqual(
      after.map((b) => [b.commitSeq, b.type]),
      before.map((b) => [b.commitSeq, b.type]),
    );
    await conn.query('INSERT INTO src.p VALUES (4, 4)');
    const more = await readAll('src');
    assert.ok(
      more[more.length - 1]!.commitSeq > before[before.length - 1]!.commitSeq,
      'seqs keep increasing after restart',
    );
  });
});

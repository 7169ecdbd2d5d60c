// INSERT OVERWRITE on a real sandbox process, with Doris 2.1's temporary-partition protocol visible in the
// binlog: ADD_PARTITION of `iot_temp_*` partitions, an UPSERT into them (isTempPartition), then
// REPLACE_PARTITIONS; the replaced partitions keep their names, get new ids, and failures change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinlogType } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { lastCommitSeq, readBinlogs } from './binlog-reader.js';
import { okInfo } from './ok-info.js';
import { query, SandboxProcess } from './sandbox-process.js';

type OkPacket = { affectedRows: number; info: string };
type PartitionRow = { PartitionId: string; PartitionName: string; VisibleVersion: string };

describe('INSERT OVERWRITE', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;

  const binlogs = (after: bigint) => readBinlogs(sandbox, 'odb', after);
  const lastSeq = () => lastCommitSeq(sandbox, 'odb');
  const partitions = (table: string) => query<PartitionRow>(conn, `SHOW PARTITIONS FROM ${table}`);

  async function run(sql: string): Promise<OkPacket> {
    const [result] = await conn.query(sql);
    return result as OkPacket;
  }

  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE odb PROPERTIES ("binlog.enable" = "true")`);
    await conn.query('USE odb');
    await conn.query(`CREATE TABLE p (dt DATE, k INT, v VARCHAR(5)) DUPLICATE KEY(dt) PARTITION BY RANGE(dt)
      (PARTITION p1 VALUES LESS THAN ('2024-02-01'), PARTITION p2 VALUES LESS THAN ('2024-03-01'))
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await conn.query(`INSERT INTO p VALUES ('2024-01-05', 1, 'a'), ('2024-02-05', 2, 'b')`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('overwrites the whole table through temporary partitions and records their protocol', async () => {
    const old = await partitions('p');
    const from = await lastSeq();
    const result = await run(
      `INSERT OVERWRITE TABLE p VALUES ('2024-01-07', 7, 'x'), ('2024-01-08', 8, 'y')`,
    );
    assert.equal(result.affectedRows, 2);
    assert.match(okInfo(result), /^\{'label':'insert_[0-9a-f_]+', 'status':'VISIBLE', 'txnId':'\d+'\}$/);
    assert.deepEqual(await query(conn, 'SELECT dt, k, v FROM p ORDER BY k'), [
      { dt: '2024-01-07', k: 7, v: 'x' },
      { dt: '2024-01-08', k: 8, v: 'y' },
    ]);
    const now = await partitions('p');
    assert.deepEqual(
      now.map((r) => r.PartitionName),
      ['p1', 'p2'],
    );
    assert.ok(
      now.every((r, i) => r.PartitionId !== old[i]!.PartitionId),
      'the replacements are new partitions',
    );
    assert.deepEqual(
      now.map((r) => r.VisibleVersion),
      ['2', '1'],
    );

    const records = await binlogs(from);
    assert.deepEqual(
      records.map((b) => b.type),
      [BinlogType.ADD_PARTITION, BinlogType.ADD_PARTITION, BinlogType.UPSERT, BinlogType.REPLACE_PARTITIONS],
    );
    const added = records.slice(0, 2).map((b) => {
      assert.equal(b.record.kind, 'addPartition');
      if (b.record.kind !== 'addPartition') return undefined;
      assert.equal(b.record.isTempPartition, true);
      assert.match(
        b.record.sql,
        /^ADD TEMPORARY PARTITION `iot_temp_p\d` VALUES \[\("[-0-9]+"\), \("[-0-9]+"\)\) \("version_info" = "1"\);$/,
      );
      return [b.record.partition.name, b.record.partition.id];
    });
    assert.deepEqual(
      added.map((a) => a?.[0]),
      ['iot_temp_p1', 'iot_temp_p2'],
    );
    assert.deepEqual(
      added.map((a) => String(a?.[1])),
      now.map((r) => r.PartitionId),
      'the temporary partitions become the formal ones',
    );
    const load = records[2]!.record;
    assert.equal(load.kind, 'upsert');
    if (load.kind === 'upsert') {
      const [tableRecord] = [...load.tableRecords.values()];
      assert.deepEqual(
        tableRecord!.partitionRecords.map((r) => [String(r.partitionId), r.isTempPartition, r.version]),
        [[now[0]!.PartitionId, true, 2n]],
      );
    }
    const replace = records[3]!.record;
    assert.equal(replace.kind, 'replacePartitions');
    if (replace.kind === 'replacePartitions') {
      assert.equal(replace.tblName, 'p');
      assert.equal(replace.dbName, 'odb');
      assert.deepEqual(replace.partitions, ['p1', 'p2']);
      assert.deepEqual(replace.tempPartitions, ['iot_temp_p1', 'iot_temp_p2']);
      assert.equal(replace.strictRange, true);
      assert.equal(replace.useTempPartitionName, false);
      assert.equal(replace.force, false);
    }
  });

  it('overwrites only the named partitions, from a SELECT', async () => {
    await conn.query(`CREATE TABLE src (dt DATE, k INT, v VARCHAR(5)) DUPLICATE KEY(dt) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO src VALUES ('2024-02-10', 10, 's'), ('2024-02-11', 11, 't')`);
    const p1 = (await partitions('p'))[0]!;
    const from = await lastSeq();
    await run('INSERT OVERWRITE TABLE p PARTITION (p2) SELECT dt, k, v FROM src');
    assert.deepEqual(await query(conn, 'SELECT k FROM p ORDER BY k'), [
      { k: 7 },
      { k: 8 },
      { k: 10 },
      { k: 11 },
    ]);
    assert.equal((await partitions('p'))[0]!.PartitionId, p1.PartitionId, 'p1 is untouched');
    const records = await binlogs(from);
    const replace = records[records.length - 1]!.record;
    assert.equal(replace.kind, 'replacePartitions');
    if (replace.kind === 'replacePartitions') {
      assert.deepEqual(replace.partitions, ['p2']);
      assert.deepEqual(replace.tempPartitions, ['iot_temp_p2']);
    }
  });

  it('empties the table when the overwrite has no rows, and overwrites unpartitioned tables', async () => {
    const from = await lastSeq();
    const result = await run('INSERT OVERWRITE TABLE p SELECT dt, k, v FROM src WHERE k > 100');
    assert.equal(result.affectedRows, 0);
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n FROM p'), [{ n: '0' }]);
    assert.deepEqual(
      (await binlogs(from)).map((b) => b.type),
      [BinlogType.ADD_PARTITION, BinlogType.ADD_PARTITION, BinlogType.REPLACE_PARTITIONS],
    );
    await conn.query(`CREATE TABLE flat (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await conn.query('INSERT INTO flat VALUES (1, 1), (2, 2)');
    const before = await lastSeq();
    await run('INSERT OVERWRITE TABLE flat (k, v) VALUES (3, 30), (3, 31)');
    assert.deepEqual(await query(conn, 'SELECT * FROM flat'), [{ k: 3, v: 31 }]);
    const replace = (await binlogs(before)).find((b) => b.type === BinlogType.REPLACE_PARTITIONS)!.record;
    assert.equal(replace.kind, 'replacePartitions');
    if (replace.kind === 'replacePartitions') {
      assert.deepEqual(replace.partitions, ['flat']);
      assert.deepEqual(replace.tempPartitions, ['iot_temp_flat']);
    }
  });

  it('changes nothing when the overwrite fails', async () => {
    await conn.query(`INSERT INTO p VALUES ('2024-01-05', 1, 'a')`);
    const snapshot = { rows: await query(conn, 'SELECT * FROM p'), parts: await partitions('p') };
    const from = await lastSeq();
    await assert.rejects(
      conn.query(`INSERT OVERWRITE TABLE p PARTITION (p2) VALUES ('2024-01-09', 9, 'z')`),
      /Insert has filtered data in strict mode/,
    );
    await assert.rejects(
      conn.query(`INSERT OVERWRITE TABLE p VALUES ('2024-01-09', 9, 'toolong')`),
      /strict mode/,
    );
    await assert.rejects(
      conn.query(`INSERT OVERWRITE TABLE p PARTITION (p9) VALUES ('2024-01-09', 9, 'z')`),
      /p9/,
    );
    await assert.rejects(conn.query(`INSERT OVERWRITE TABLE p SELECT nope FROM src`), /nope/);
    assert.deepEqual(await binlogs(from), []);
    assert.deepEqual(await query(conn, 'SELECT * FROM p'), snapshot.rows);
    assert.deepEqual(await partitions('p'), snapshot.parts);
    assert.deepEqual(await query(conn, `SHOW TEMPORARY PARTITIONS FROM p`), []);
  });

  it('puts the replaced partitions in the recycle bin and keeps the result across SIGKILL', async () => {
    await run(`INSERT OVERWRITE TABLE p PARTITION (p1) VALUES ('2024-01-20', 20, 'n')`);
    // The old p1 is recoverable, but only where it does not collide with the new one.
    await assert.rejects(
      conn.query('RECOVER PARTITION p1 FROM p'),
      /partition\[p1\] already exist in table\[p\]/,
    );
    await assert.rejects(conn.query('RECOVER PARTITION p1 FROM p AS p1_old'), /Partition item conflict/);
    const before = await query(conn, 'SELECT * FROM p ORDER BY k');
    await conn.end();
    await sandbox.kill('SIGKILL');
    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir, backends: 1 });
    conn = await sandbox.connect();
    await conn.query('USE odb');
    assert.deepEqual(await query(conn, 'SELECT * FROM p ORDER BY k'), before);
    assert.deepEqual(
      (await partitions('p')).map((r) => r.PartitionName),
      ['p1', 'p2'],
    );
  });
});

// The recycle bin and RECOVER on a real sandbox process: dropped tables, databases and partitions come back
// with their ids and data (RECOVER_INFO binlog for tables and partitions), FORCE drops and expired entries
// are erased together with their BE data, errors match Doris's, and the bin survives SIGKILL.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BinlogType } from '@doris-ccr/protocol';
import Database from 'better-sqlite3';
import type mysql from 'mysql2/promise';
import { lastCommitSeq, readBinlogs } from './binlog-reader.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('recycle bin and RECOVER', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;

  async function fails(sql: string, message: string | RegExp): Promise<void> {
    await assert.rejects(conn.query(sql), (e: Error) => {
      if (typeof message === 'string') assert.ok(e.message.includes(message), e.message);
      else assert.match(e.message, message);
      return true;
    });
  }

  async function dbId(db: string): Promise<string | undefined> {
    return (await query<{ DbId: string; DbName: string }>(conn, `SHOW PROC '/dbs'`)).find(
      (r) => r.DbName === db,
    )?.DbId;
  }

  async function tableId(db: string, table: string): Promise<string | undefined> {
    const rows = await query<{ TableId: string; TableName: string }>(
      conn,
      `SHOW PROC '/dbs/${await dbId(db)}'`,
    );
    return rows.find((r) => r.TableName === table)?.TableId;
  }

  async function tabletIds(db: string, table: string): Promise<string[]> {
    const base = `/dbs/${await dbId(db)}/${await tableId(db, table)}/partitions`;
    const out: string[] = [];
    for (const { PartitionId } of await query<{ PartitionId: string }>(conn, `SHOW PROC '${base}'`)) {
      for (const { IndexId } of await query<{ IndexId: string }>(
        conn,
        `SHOW PROC '${base}/${PartitionId}'`,
      )) {
        for (const t of await query<{ TabletId: string }>(
          conn,
          `SHOW PROC '${base}/${PartitionId}/${IndexId}'`,
        )) {
          out.push(t.TabletId);
        }
      }
    }
    return out;
  }

  /** Rows the BEs still hold for these tablets, read from the sandbox's data file. */
  function storedRows(tablets: readonly string[]): number {
    const file = new Database(join(sandbox.dataDir, 'sandbox.db'), { readonly: true });
    try {
      const marks = tablets.map(() => '?').join(', ');
      const row = file
        .prepare(`SELECT count(*) AS n FROM tablet_rows WHERE tablet_id IN (${marks})`)
        .get(...tablets.map(BigInt));
      return (row as { n: number }).n;
    } finally {
      file.close();
    }
  }

  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE rdb PROPERTIES ("binlog.enable" = "true")`);
    await conn.query('USE rdb');
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function createTable(name: string): Promise<void> {
    await conn.query(`CREATE TABLE ${name} (k INT, v VARCHAR(10)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await conn.query(`INSERT INTO ${name} VALUES (1, 'a'), (2, 'b')`);
  }

  it('recovers a dropped table with its id and data and records RECOVER_INFO', async () => {
    await createTable('t1');
    const id = await tableId('rdb', 't1');
    const tablets = await tabletIds('rdb', 't1');
    const from = await lastCommitSeq(sandbox, 'rdb');
    await conn.query('DROP TABLE t1');
    await fails('SELECT * FROM t1', 'does not exist');
    assert.equal(storedRows(tablets), 2, 'the data waits in the recycle bin');
    await conn.query('RECOVER TABLE t1');
    assert.equal(await tableId('rdb', 't1'), id);
    assert.deepEqual(await query(conn, 'SELECT * FROM t1 ORDER BY k'), [
      { k: 1, v: 'a' },
      { k: 2, v: 'b' },
    ]);
    await conn.query(`INSERT INTO t1 VALUES (3, 'c')`);
    const records = await readBinlogs(sandbox, 'rdb', from);
    assert.deepEqual(
      records.map((b) => b.type),
      [BinlogType.DROP_TABLE, BinlogType.RECOVER_INFO, BinlogType.UPSERT],
    );
    const recover = records[1]!;
    assert.deepEqual(recover.tableIds, [BigInt(id!)]);
    assert.deepEqual(recover.record.raw, {
      dbId: BigInt((await dbId('rdb'))!),
      newDbName: '',
      tableId: BigInt(id!),
      tableName: 't1',
      newTableName: '',
      partitionId: -1n,
      partitionName: '',
      newPartitionName: '',
    });
    // The table stream of the recovered table carries the record too (CREATE/DROP_TABLE never do).
    const fe = sandbox.thrift();
    try {
      const r = await fe.getBinlog({
        user: 'root',
        passwd: '',
        db: 'rdb',
        table: 't1',
        prev_commit_seq: from,
      });
      assert.equal(r.binlogs?.[0]?.type, BinlogType.RECOVER_INFO);
    } finally {
      fe.close();
    }
  });

  it("recovers under a new name and answers Doris's errors", async () => {
    await conn.query('DROP TABLE t1');
    await createTable('t1');
    await fails('RECOVER TABLE t1', "Table 't1' already exists");
    await conn.query('RECOVER TABLE t1 AS t1_old');
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n FROM t1_old'), [{ n: '3' }]);
    const from = await lastCommitSeq(sandbox, 'rdb');
    await fails('RECOVER TABLE t1', "Table 't1' already exists");
    await fails('RECOVER TABLE nope', "Unknown table 'nope' or table id '-1' in rdb");
    await fails('RECOVER TABLE nope AS t1', "Table 't1' already exists");
    await fails('RECOVER DATABASE rdb', 'Database[rdb] already exist.');
    await fails('RECOVER DATABASE nodb', "Unknown database 'nodb' or database id '-1'");
    await fails('RECOVER PARTITION p1 FROM t1', "No partition named 'p1' or partition id '-1' in table t1");
    assert.deepEqual(await readBinlogs(sandbox, 'rdb', from), []);
    const recover = (await readBinlogs(sandbox, 'rdb'))
      .filter((b) => b.type === BinlogType.RECOVER_INFO)
      .pop()!;
    assert.equal(recover.record.kind, 'recoverInfo');
    if (recover.record.kind === 'recoverInfo') {
      assert.equal(recover.record.tableName, 't1');
      assert.equal(recover.record.newTableName, 't1_old');
    }
  });

  it('erases FORCE-dropped tables and their BE data at once', async () => {
    await createTable('f1');
    const tablets = await tabletIds('rdb', 'f1');
    assert.equal(storedRows(tablets), 2);
    await conn.query('DROP TABLE f1 FORCE');
    assert.equal(storedRows(tablets), 0);
    await fails('RECOVER TABLE f1', "Unknown table 'f1' or table id '-1' in rdb");
  });

  it('recovers a dropped partition (ALTER TABLE … DROP PARTITION) with RECOVER_INFO', async () => {
    await conn.query(`CREATE TABLE part (dt DATE, k INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt)
      (PARTITION p1 VALUES LESS THAN ('2024-02-01'), PARTITION p2 VALUES LESS THAN ('2024-03-01'))
      DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await conn.query(`INSERT INTO part VALUES ('2024-01-05', 1), ('2024-02-05', 2)`);
    const p1 = (
      await query<{ PartitionId: string; PartitionName: string }>(conn, 'SHOW PARTITIONS FROM part')
    )[0]!;
    await conn.query('ALTER TABLE part DROP PARTITION p1');
    const from = await lastCommitSeq(sandbox, 'rdb');
    await conn.query('RECOVER PARTITION p1 FROM part AS p1_back');
    assert.deepEqual(
      (await query<{ PartitionId: string; PartitionName: string }>(conn, 'SHOW PARTITIONS FROM part')).map(
        (r) => [r.PartitionId, r.PartitionName],
      ),
      [
        [p1.PartitionId, 'p1_back'],
        [(await query<{ PartitionId: string }>(conn, 'SHOW PARTITIONS FROM part'))[1]!.PartitionId, 'p2'],
      ],
    );
    assert.deepEqual(await query(conn, 'SELECT k FROM part ORDER BY k'), [{ k: 1 }, { k: 2 }]);
    const [record] = await readBinlogs(sandbox, 'rdb', from);
    assert.equal(record!.type, BinlogType.RECOVER_INFO);
    assert.deepEqual(record!.record.raw, {
      dbId: BigInt((await dbId('rdb'))!),
      newDbName: '',
      tableId: BigInt((await tableId('rdb', 'part'))!),
      tableName: 'part',
      newTableName: '',
      partitionId: BigInt(p1.PartitionId),
      partitionName: 'p1',
      newPartitionName: 'p1_back',
    });
  });

  it('recovers a dropped database with its tables, views and data', async () => {
    await conn.query('CREATE DATABASE gone');
    await conn.query(`CREATE TABLE gone.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    await conn.query('INSERT INTO gone.t VALUES (7)');
    await conn.query('CREATE VIEW gone.v AS SELECT k FROM gone.t');
    const ids = { db: await dbId('gone'), t: await tableId('gone', 't') };
    await conn.query('DROP DATABASE gone');
    await fails('SELECT * FROM gone.t', /Unknown database 'gone'/);
    await conn.query('RECOVER DATABASE gone');
    assert.equal(await dbId('gone'), ids.db);
    assert.equal(await tableId('gone', 't'), ids.t);
    assert.deepEqual(await query(conn, 'SELECT * FROM gone.v'), [{ k: 7 }]);
    await conn.query('DROP DATABASE gone');
    await conn.query('CREATE DATABASE gone');
    await fails('RECOVER DATABASE gone', 'Database[gone] already exist.');
    await conn.query('RECOVER DATABASE gone AS back');
    assert.deepEqual(await query(conn, 'SELECT * FROM back.t'), [{ k: 7 }]);
    await conn.query('DROP DATABASE back FORCE');
    await fails('RECOVER DATABASE back', "Unknown database 'back'");
  });

  it('keeps the recycle bin across SIGKILL', async () => {
    await createTable('kept');
    await conn.query('DROP TABLE kept');
    await conn.end();
    await sandbox.kill('SIGKILL');
    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir, backends: 1 });
    conn = await sandbox.connect();
    await conn.query('USE rdb');
    await conn.query('RECOVER TABLE kept');
    assert.deepEqual(await query(conn, 'SELECT * FROM kept ORDER BY k'), [
      { k: 1, v: 'a' },
      { k: 2, v: 'b' },
    ]);
  });

  it('erases entries older than catalog_trash_expire_second, with their BE data', async () => {
    await createTable('old');
    const tablets = await tabletIds('rdb', 'old');
    await conn.query('CREATE DATABASE olddb');
    await conn.query(`ADMIN SET FRONTEND CONFIG ("catalog_trash_expire_second" = "1")`);
    // The table goes last: once its data is erased, the older entries have expired too.
    await conn.query('DROP DATABASE olddb');
    await conn.query('ALTER TABLE part DROP PARTITION p2');
    await new Promise((r) => setTimeout(r, 50));
    await conn.query('DROP TABLE old');
    const deadline = Date.now() + 10_000;
    while (storedRows(tablets) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    assert.equal(storedRows(tablets), 0);
    await fails('RECOVER TABLE old', "Unknown table 'old'");
    await fails('RECOVER DATABASE olddb', "Unknown database 'olddb'");
    await fails('RECOVER PARTITION p2 FROM part', "No partition named 'p2'");
    await conn.query(`ADMIN SET FRONTEND CONFIG ("catalog_trash_expire_second" = "86400")`);
  });
});

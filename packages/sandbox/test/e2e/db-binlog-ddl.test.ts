// The database-level binlog stream (getBinlog with a db and no table) as a database CCR job reads it: the
// table DDL of every table of the database — CREATE/DROP TABLE and VIEW, RENAME, REPLACE with and without
// swap, TRUNCATE, RECOVER (also under a new name), ALTER VIEW, ALTER DATABASE — with the payloads Doris
// 2.1 writes (binlog-records.md §6), in commit-seq order, on a real sandbox process.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinlogType, type ParsedBinlog, StatusCode, unwrapBarrier } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { lastCommitSeq, readBinlogs } from './binlog-reader.js';
import { dbIdOf, tableIdOf } from './catalog-ids.js';
import { query, SandboxProcess } from './sandbox-process.js';

const TABLE = (name: string) => `CREATE TABLE ${name} (k INT, v VARCHAR(8)) UNIQUE KEY(k)
  DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`;

describe('database-level binlog stream: table DDL', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  let dbId: bigint;

  /** Runs the statements and returns the records they added to the db stream. */
  async function step(...statements: string[]): Promise<ParsedBinlog[]> {
    const from = await lastCommitSeq(sandbox, 'd');
    for (const sql of statements) await conn.query(sql);
    return readBinlogs(sandbox, 'd', from);
  }

  /** The one record a statement added, unwrapped if 2.1 ships it inside a BARRIER. */
  async function only(sql: string, wrapped?: number) {
    const records = await step(sql);
    assert.equal(records.length, 1, `${sql}: ${records.map((r) => r.type).join(', ')}`);
    const [b] = records;
    if (wrapped === undefined) return { binlog: b!, record: b!.record };
    assert.equal(b!.type, BinlogType.BARRIER, sql);
    assert.equal(b!.record.kind === 'barrier' && b!.record.binlogType, wrapped, sql);
    return { binlog: b!, record: unwrapBarrier(b!.record) };
  }

  const id = (table: string) => tableIdOf(conn, 'd', table);

  before(async () => {
    // GC every second, so the retention test does not wait 15 s.
    sandbox = await SandboxProcess.start({
      backends: 1,
      args: ['--fe-config', 'binlog_gc_interval_second=1'],
    });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE d PROPERTIES ("binlog.enable" = "true")`);
    await conn.query('USE d');
    dbId = await dbIdOf(conn, 'd');
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('records CREATE TABLE with the synced DDL (is_being_synced); the new table inherits binlog.enable', async () => {
    const { binlog, record } = await only(TABLE('a'));
    const [shown] = await query<{ 'Create Table': string }>(conn, 'SHOW CREATE TABLE a');
    assert.match(shown!['Create Table'], /"binlog\.enable" = "true"/);
    const aId = await id('a');
    assert.equal(binlog.type, BinlogType.CREATE_TABLE);
    assert.deepEqual(binlog.tableIds, [aId]);
    assert.equal(binlog.timestamp, -1n, '2.1 stamps only UPSERTs');
    assert.deepEqual(record.raw, {
      commitSeq: binlog.commitSeq,
      dbId,
      dbName: 'd',
      tableId: aId,
      tableName: 'a',
      tableType: 'OLAP',
      // Env.getSyncedDdlStmt: SHOW CREATE TABLE's text, marked as a CCR target.
      sql: shown!['Create Table'].replace('"is_being_synced" = "false"', '"is_being_synced" = "true"'),
    });
    await assert.rejects(
      conn.query(`${TABLE('off')}`.replace('"1")', '"1", "binlog.enable" = "false")')),
      /Cannot create table with binlog disabled when database binlog enable/,
    );
  });

  it("prints every table's binlog config, taking the database's as the default", async () => {
    await conn.query(`CREATE DATABASE plain PROPERTIES ("binlog.ttl_seconds" = "3600")`);
    await conn.query(`CREATE TABLE plain.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    const [shown] = await query<{ 'Create Table': string }>(conn, 'SHOW CREATE TABLE plain.t');
    assert.match(
      shown!['Create Table'],
      /\n"binlog\.enable" = "false",\n"binlog\.ttl_seconds" = "3600",\n"binlog\.max_bytes" = "9223372036854775807",\n"binlog\.max_history_nums" = "9223372036854775807",\n/,
    );
    assert.deepEqual(await readBinlogs(sandbox, 'plain'), [], 'nothing is recorded without binlog.enable');
    await conn.query('DROP DATABASE plain FORCE');
  });

  it('spells out rollups and auto bucketing in the synced DDL, so replaying it rebuilds the table', async () => {
    const { record } = await only(`CREATE TABLE r (k INT, d DATE, v BIGINT SUM) AGGREGATE KEY(k, d)
      DISTRIBUTED BY HASH(k) BUCKETS AUTO ROLLUP (by_day (d, v)) PROPERTIES ("replication_num" = "1")`);
    assert.equal(record.kind, 'createTable');
    const sql = record.kind === 'createTable' ? record.sql : '';
    assert.match(
      sql,
      /\nDISTRIBUTED BY HASH\(`k`\) BUCKETS AUTO\nROLLUP \(\nby_day \(d, v\)\n\)\nPROPERTIES \(/,
    );
    assert.match(sql, /"is_being_synced" = "true",\n"_auto_bucket" = "true",/);
    // What a database job does with it on its target: qualify the name and run it.
    await conn.query('CREATE DATABASE replay');
    await conn.query(sql.replace('CREATE TABLE `r`', 'CREATE TABLE `replay`.`r`'));
    const [source] = await query<{ 'Create Table': string }>(conn, 'SHOW CREATE TABLE d.r');
    const [replayed] = await query<{ 'Create Table': string }>(conn, 'SHOW CREATE TABLE replay.r');
    assert.equal(
      replayed!['Create Table'],
      source!['Create Table'].replace('"is_being_synced" = "false"', '"is_being_synced" = "true"'),
    );
    const indexes = async (db: string) =>
      (await query<{ IndexName: string }>(conn, `DESC ${db}.r ALL`)).map((r) => r.IndexName).filter(Boolean);
    assert.deepEqual(await indexes('d'), ['r', 'by_day']);
    assert.deepEqual(await indexes('replay'), ['r', 'by_day']);
    await conn.query('DROP DATABASE replay FORCE');
  });

  it('records loads of every table and CREATE VIEW / ALTER VIEW in the same stream', async () => {
    const upsert = await only(`INSERT INTO a VALUES (1, 'x'), (2, 'y')`);
    assert.equal(upsert.binlog.type, BinlogType.UPSERT);
    assert.deepEqual(upsert.binlog.tableIds, [await id('a')]);
    assert.ok(upsert.binlog.timestamp > 0n);

    const view = await only('CREATE VIEW va AS SELECT k FROM a');
    const vaId = await id('va');
    assert.equal(view.binlog.type, BinlogType.CREATE_TABLE);
    assert.deepEqual(view.binlog.tableIds, [vaId]);
    const [shown] = await query<{ 'Create View': string }>(conn, 'SHOW CREATE VIEW va');
    assert.deepEqual(view.record.raw, {
      commitSeq: view.binlog.commitSeq,
      dbId,
      dbName: 'd',
      tableId: vaId,
      tableName: 'va',
      tableType: 'VIEW',
      sql: shown!['Create View'],
    });
    assert.match(shown!['Create View'], /^CREATE VIEW `va` .* AS SELECT `internal`\.`d`\.`a`\.`k` FROM/);

    const alter = await only('ALTER VIEW va AS SELECT k, v FROM a', BinlogType.MODIFY_VIEW_DEF);
    assert.deepEqual(alter.binlog.tableIds, [vaId]);
    assert.equal(alter.record.kind, 'modifyViewDef');
    if (alter.record.kind === 'modifyViewDef') {
      assert.equal(alter.record.dbId, dbId);
      assert.equal(alter.record.tableId, vaId);
      assert.equal(
        alter.record.inlineViewDef,
        'SELECT `internal`.`d`.`a`.`k`, `internal`.`d`.`a`.`v` FROM `internal`.`d`.`a`',
      );
    }

    // What a database job does with both on its target: point them at the target db and run them.
    const toTarget = (sql: string) => sql.replaceAll('`internal`.`d`.', '`internal`.`rv`.');
    await conn.query(`CREATE DATABASE rv; ${TABLE('rv.a')}; INSERT INTO rv.a VALUES (7, 'seven')`);
    const created = view.record.kind === 'createTable' ? view.record.sql : '';
    await conn.query(toTarget(created).replace('CREATE VIEW `va`', 'CREATE VIEW `rv`.`va`'));
    assert.deepEqual(await query(conn, 'SELECT * FROM rv.va'), [{ k: 7 }]);
    const def = alter.record.kind === 'modifyViewDef' ? alter.record.inlineViewDef : '';
    await conn.query(`ALTER VIEW \`rv\`.\`va\` AS ${toTarget(def)}`);
    assert.deepEqual(await query(conn, 'SELECT * FROM rv.va'), [{ k: 7, v: 'seven' }]);
    const [replayed] = await query<{ 'Create View': string }>(conn, 'SHOW CREATE VIEW rv.va');
    const [source] = await query<{ 'Create View': string }>(conn, 'SHOW CREATE VIEW d.va');
    assert.equal(replayed!['Create View'], toTarget(source!['Create View']));
    await conn.query('DROP DATABASE rv FORCE');
  });

  it('records RENAME TABLE barrier-wrapped with the old and the new name', async () => {
    const aId = await id('a');
    const { binlog, record } = await only('ALTER TABLE a RENAME a2', BinlogType.RENAME_TABLE);
    assert.deepEqual(binlog.tableIds, [aId]);
    assert.deepEqual(record.raw, {
      db: dbId,
      tb: aId,
      ind: -1n,
      p: -1n,
      nT: 'a2',
      oT: 'a',
      nR: '',
      oR: '',
      nP: '',
      oP: '',
    });
    assert.equal(await id('a2'), aId);
  });

  it('records REPLACE TABLE with swap: names exchanged, both tables kept', async () => {
    await conn.query(TABLE('b'));
    await conn.query(`INSERT INTO b VALUES (10, 'b')`);
    const [aId, bId] = [await id('a2'), await id('b')];
    const { binlog, record } = await only(
      `ALTER TABLE a2 REPLACE WITH TABLE b PROPERTIES ("swap" = "true")`,
      BinlogType.REPLACE_TABLE,
    );
    assert.deepEqual(binlog.tableIds, [aId]);
    assert.deepEqual(record.raw, {
      dbId,
      origTblId: aId,
      origTblName: 'a2',
      newTblName: bId,
      actualNewTblName: 'b',
      swapTable: true,
      isForce: false,
    });
    assert.equal(await id('a2'), bId);
    assert.equal(await id('b'), aId);
    assert.deepEqual(await query(conn, 'SELECT k FROM a2'), [{ k: 10 }]);
  });

  it('records REPLACE TABLE without swap: the replaced table goes, the other takes its name', async () => {
    const [a2Id, bId] = [await id('a2'), await id('b')];
    const { binlog, record } = await only(
      `ALTER TABLE a2 REPLACE WITH TABLE b PROPERTIES ("swap" = "false")`,
      BinlogType.REPLACE_TABLE,
    );
    assert.deepEqual(binlog.tableIds, [a2Id]);
    assert.deepEqual(record.raw, {
      dbId,
      origTblId: a2Id,
      origTblName: 'a2',
      newTblName: bId,
      actualNewTblName: 'b',
      swapTable: false,
      isForce: false,
    });
    assert.equal(await id('a2'), bId);
    assert.deepEqual(await query(conn, `SHOW TABLES LIKE 'b'`), []);
    assert.deepEqual(await query(conn, 'SELECT k FROM a2 ORDER BY k'), [{ k: 1 }, { k: 2 }]);
  });

  it('records TRUNCATE TABLE', async () => {
    const a2Id = await id('a2');
    const { binlog, record } = await only('TRUNCATE TABLE a2');
    assert.equal(binlog.type, BinlogType.TRUNCATE_TABLE);
    assert.deepEqual(binlog.tableIds, [a2Id]);
    assert.equal(record.kind, 'truncateTable');
    if (record.kind === 'truncateTable') {
      assert.deepEqual(
        [record.dbId, record.db, record.tblId, record.table, record.isEntireTable, record.rawSql],
        [dbId, 'd', a2Id, 'a2', true, ''],
      );
    }
    assert.deepEqual(await query(conn, 'SELECT k FROM a2'), []);

    await conn.query(`CREATE TABLE tp (k INT) DUPLICATE KEY(k) PARTITION BY RANGE(k)
      (PARTITION p1 VALUES LESS THAN (10), PARTITION p2 VALUES LESS THAN (20), PARTITION p3 VALUES LESS THAN (30))
      DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    const some = await only('TRUNCATE TABLE tp PARTITIONS (p1, p3)');
    assert.equal(some.record.kind === 'truncateTable' && some.record.isEntireTable, false);
    assert.equal(some.record.kind === 'truncateTable' && some.record.rawSql, 'PARTITIONS (p1, p3)');
  });

  it('records DROP TABLE and RECOVER TABLE, also under a new name, with the same table id', async () => {
    await conn.query(`INSERT INTO a2 VALUES (5, 'r')`);
    const a2Id = await id('a2');
    const records = await step(
      'DROP TABLE a2',
      'RECOVER TABLE a2',
      'DROP TABLE a2',
      'RECOVER TABLE a2 AS a3',
    );
    assert.deepEqual(
      records.map((r) => [r.type, r.tableIds]),
      [
        [BinlogType.DROP_TABLE, [a2Id]],
        [BinlogType.RECOVER_INFO, [a2Id]],
        [BinlogType.DROP_TABLE, [a2Id]],
        [BinlogType.RECOVER_INFO, [a2Id]],
      ],
    );
    assert.deepEqual(records[0]!.record.raw, {
      commitSeq: records[0]!.commitSeq,
      dbId,
      tableId: a2Id,
      tableName: 'a2',
      isView: false,
      rawSql: 'DROP TABLE IF EXISTS `a2`',
    });
    const recovered = (newTableName: string) => ({
      dbId,
      newDbName: '',
      tableId: a2Id,
      tableName: 'a2',
      newTableName,
      partitionId: -1n,
      partitionName: '',
      newPartitionName: '',
    });
    assert.deepEqual(records[1]!.record.raw, recovered(''));
    assert.deepEqual(records[3]!.record.raw, recovered('a3'));
    assert.equal(await id('a3'), a2Id);
    assert.deepEqual(await query(conn, 'SELECT k, v FROM a3'), [{ k: 5, v: 'r' }]);
  });

  it('records DROP TABLE FORCE (not recoverable) and DROP VIEW (isView)', async () => {
    const [a3Id, vaId] = [await id('a3'), await id('va')];
    const records = await step('DROP TABLE a3 FORCE', 'DROP VIEW va');
    assert.deepEqual(
      records.map((r) => [r.type, r.tableIds, r.record.kind === 'dropTable' && r.record.isView]),
      [
        [BinlogType.DROP_TABLE, [a3Id], false],
        [BinlogType.DROP_TABLE, [vaId], true],
      ],
    );
    assert.equal(
      records[1]!.record.kind === 'dropTable' && records[1]!.record.rawSql,
      'DROP TABLE IF EXISTS `va`',
    );
    await assert.rejects(conn.query('RECOVER TABLE a3'), /Unknown table 'a3'/);
  });

  it('records ALTER DATABASE SET PROPERTIES without table ids', async () => {
    const { binlog, record } = await only(`ALTER DATABASE d SET PROPERTIES ("binlog.ttl_seconds" = "7200")`);
    assert.equal(binlog.type, BinlogType.ALTER_DATABASE_PROPERTY);
    assert.deepEqual(binlog.tableIds, []);
    assert.deepEqual(record.raw, { dbId, dbName: 'd', properties: { 'binlog.ttl_seconds': '7200' } });
    const [shown] = await query<{ 'Create Database': string }>(conn, 'SHOW CREATE DATABASE d');
    assert.match(shown!['Create Database'], /"binlog\.enable" = "true"/);
    assert.match(shown!['Create Database'], /"binlog\.ttl_seconds" = "7200"/);
  });

  it('orders the whole stream by commit seq and keeps CREATE/DROP out of the table streams', async () => {
    const all = await readBinlogs(sandbox, 'd');
    for (let i = 1; i < all.length; i++) assert.ok(all[i]!.commitSeq > all[i - 1]!.commitSeq);
    const fe = sandbox.thrift();
    try {
      await conn.query(TABLE('t'));
      const tId = await id('t');
      await conn.query(`INSERT INTO t VALUES (1, 'a')`);
      const r = await fe.getBinlog({ user: 'root', passwd: '', db: 'd', table: 't', prev_commit_seq: -1n });
      assert.deepEqual(
        r.binlogs?.map((b) => [b.type, b.table_ids]),
        [[BinlogType.UPSERT, [tId]]],
      );
    } finally {
      fe.close();
    }
  });

  it('answers TOO_NEW at the head, and TOO_OLD with the db dummy and the lag after retention cut the stream', async () => {
    const fe = sandbox.thrift();
    const request = (prev: bigint) => ({ user: 'root', passwd: '', db: 'd', prev_commit_seq: prev });
    try {
      const head = await lastCommitSeq(sandbox, 'd');
      const tooNew = await fe.getBinlog(request(head));
      assert.equal(tooNew.status?.status_code, StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ);
      assert.deepEqual(tooNew.binlogs ?? [], []);
      const before = await readBinlogs(sandbox, 'd');
      const lag = await fe.getBinlogLag(request(before[before.length - 3]!.commitSeq));
      assert.deepEqual([lag.status?.status_code, lag.lag], [StatusCode.OK, 2n]);

      // The db's retention governs the db stream: keep the newest three records.
      await conn.query(`ALTER DATABASE d SET PROPERTIES ("binlog.max_history_nums" = "3")`);
      const all = await readBinlogs(sandbox, 'd');
      const firstKept = all[all.length - 3]!.commitSeq;
      const deadline = Date.now() + 10_000;
      let r = await fe.getBinlog(request(-1n));
      while (r.status?.status_code !== StatusCode.BINLOG_TOO_OLD_COMMIT_SEQ && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        r = await fe.getBinlog(request(-1n));
      }
      assert.equal(r.status?.status_code, StatusCode.BINLOG_TOO_OLD_COMMIT_SEQ);
      const dummySeq = all[all.length - 4]!.commitSeq;
      assert.deepEqual(
        r.binlogs?.map((b) => [b.type, b.commit_seq, b.belong, b.db_id, b.data]),
        [[BinlogType.DUMMY, dummySeq, -1n, dbId, undefined]],
      );
      const resumed = await fe.getBinlog(request(dummySeq));
      assert.equal(resumed.binlogs?.[0]?.commit_seq, firstKept);
      const fromOld = await fe.getBinlogLag(request(-1n));
      assert.deepEqual(
        [fromOld.lag, fromOld.first_commit_seq, fromOld.last_commit_seq],
        [4n, dummySeq, all[all.length - 1]!.commitSeq],
        'an expired position counts the dummy too',
      );
    } finally {
      fe.close();
    }
  });
});

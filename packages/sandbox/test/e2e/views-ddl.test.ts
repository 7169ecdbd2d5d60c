// CREATE / ALTER / DROP VIEW on a real sandbox process: the definition Doris keeps (fully qualified names),
// SHOW CREATE VIEW, SELECT through views, information_schema, the binlog records the syncer replays, and
// that a failing statement leaves neither a view nor a binlog behind.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinlogType, unwrapBarrier } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { lastCommitSeq, readBinlogs } from './binlog-reader.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('views', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;

  const binlogs = (db: string, after = -1n) => readBinlogs(sandbox, db, after);
  const lastSeq = (db: string) => lastCommitSeq(sandbox, db);

  async function fails(sql: string, message: RegExp): Promise<void> {
    await assert.rejects(conn.query(sql), (e: Error) => {
      assert.match(e.message, message);
      return true;
    });
  }

  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE vdb PROPERTIES ("binlog.enable" = "true")`);
    await conn.query('USE vdb');
    await conn.query(`CREATE TABLE t (k INT, v VARCHAR(10), n INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await conn.query(`INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('stores the definition fully qualified, answers SHOW CREATE VIEW and SELECT, and records CREATE_TABLE', async () => {
    const from = await lastSeq('vdb');
    await conn.query('CREATE VIEW v1 AS SELECT k, v FROM t WHERE n > 10');
    const definition =
      'SELECT `internal`.`vdb`.`t`.`k`, `internal`.`vdb`.`t`.`v` FROM `internal`.`vdb`.`t` WHERE `internal`.`vdb`.`t`.`n` > 10';
    const [shown] = await query<Record<string, string>>(conn, 'SHOW CREATE VIEW v1');
    assert.deepEqual(Object.keys(shown!), [
      'View',
      'Create View',
      'character_set_client',
      'collation_connection',
    ]);
    assert.equal(shown!.View, 'v1');
    assert.ok(shown!['Create View']!.startsWith('CREATE VIEW `v1`'), shown!['Create View']);
    assert.ok(shown!['Create View']!.endsWith(` AS ${definition};`), shown!['Create View']);
    const [asTable] = await query<Record<string, string>>(conn, 'SHOW CREATE TABLE v1');
    assert.equal(asTable!['Create View'], shown!['Create View']);
    assert.deepEqual(await query(conn, 'SELECT * FROM v1 ORDER BY k'), [
      { k: 2, v: 'b' },
      { k: 3, v: 'c' },
    ]);
    assert.deepEqual(
      await query(
        conn,
        `SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'vdb' AND  table_type = 'VIEW'`,
      ),
      [{ table_name: 'v1', table_type: 'VIEW' }],
    );
    const [record] = await binlogs('vdb', from);
    assert.equal(record!.type, BinlogType.CREATE_TABLE);
    assert.equal(record!.record.kind, 'createTable');
    if (record!.record.kind === 'createTable') {
      assert.equal(record!.record.tableType, 'VIEW');
      assert.equal(record!.record.tableName, 'v1');
      assert.equal(record!.record.dbName, 'vdb');
      assert.equal(record!.record.commitSeq, record!.commitSeq);
      assert.equal(record!.record.sql, `CREATE VIEW \`v1\` COMMENT 'VIEW' AS ${definition};`);
      assert.deepEqual(record!.tableIds, [record!.record.tableId]);
    }
  });

  it('expands *, qualifies aliases and subqueries as Nereids does, and applies a column list', async () => {
    await conn.query('CREATE VIEW v2 (a COMMENT "first", b) AS SELECT x.k, count(*) c FROM t x GROUP BY x.k');
    const [v2] = await query<Record<string, string>>(conn, 'SHOW CREATE VIEW v2');
    assert.match(
      v2!['Create View']!,
      / AS SELECT `internal`\.`vdb`\.`x`\.`k` AS `a`, count\(\*\) AS `b` FROM `internal`\.`vdb`\.`t` `x` GROUP BY `internal`\.`vdb`\.`x`\.`k`;$/,
    );
    assert.deepEqual(await query(conn, 'SELECT a, b FROM v2 ORDER BY a'), [
      { a: 1, b: '1' },
      { a: 2, b: '1' },
      { a: 3, b: '1' },
    ]);
    assert.deepEqual(
      (await query<{ Field: string }>(conn, 'DESC v2')).map((r) => r.Field),
      ['a', 'b'],
    );
    await conn.query('CREATE VIEW v3 AS SELECT * FROM (SELECT k, n + 1 AS m FROM t) s WHERE s.m > 15');
    const [v3] = await query<Record<string, string>>(conn, 'SHOW CREATE VIEW v3');
    assert.match(
      v3!['Create View']!,
      / AS SELECT `internal`\.`vdb`\.`s`\.`k`, `s`\.`m` FROM \(SELECT `internal`\.`vdb`\.`t`\.`k`, `internal`\.`vdb`\.`t`\.`n` \+ 1 AS `m` FROM `internal`\.`vdb`\.`t`\) `s` WHERE `s`\.`m` > 15;$/,
    );
    assert.deepEqual(await query(conn, 'SELECT k, m FROM v3 ORDER BY k'), [
      { k: 2, m: '21' },
      { k: 3, m: '31' },
    ]);
    // A view over a view reads through both definitions.
    await conn.query('CREATE VIEW v4 AS SELECT k FROM v3 WHERE m > 25');
    assert.deepEqual(await query(conn, 'SELECT * FROM v4'), [{ k: 3 }]);
  });

  it('records ALTER VIEW and CREATE OR REPLACE VIEW as a barrier-wrapped MODIFY_VIEW_DEF', async () => {
    const [{ TableId: viewId }] = (
      await query<{ TableId: string }>(conn, `SHOW PROC '/dbs/${await dbId()}'`)
    ).filter((r) => (r as unknown as { TableName: string }).TableName === 'v1') as [{ TableId: string }];
    const from = await lastSeq('vdb');
    await conn.query('ALTER VIEW v1 AS SELECT k, n FROM t WHERE k = 1');
    await conn.query('CREATE OR REPLACE VIEW v1 (kk, nn) AS SELECT k, n FROM t WHERE k = 2');
    assert.deepEqual(await query(conn, 'SELECT * FROM v1'), [{ kk: 2, nn: 20 }]);
    const records = await binlogs('vdb', from);
    assert.deepEqual(
      records.map((b) => b.type),
      [BinlogType.BARRIER, BinlogType.BARRIER],
    );
    const defs = records.map((b) => {
      assert.deepEqual(b.tableIds, [BigInt(viewId)]);
      assert.equal(b.record.kind, 'barrier');
      if (b.record.kind === 'barrier') assert.equal(b.record.binlogType, BinlogType.MODIFY_VIEW_DEF);
      const inner = unwrapBarrier(b.record);
      assert.equal(inner.kind, 'modifyViewDef');
      if (inner.kind !== 'modifyViewDef') return undefined;
      assert.equal(inner.tableId, BigInt(viewId));
      assert.equal(inner.sqlMode, 0);
      return { def: inner.inlineViewDef, columns: inner.newFullSchema.map((c) => [c.name, c.type.type]) };
    });
    assert.deepEqual(defs, [
      {
        def: 'SELECT `internal`.`vdb`.`t`.`k`, `internal`.`vdb`.`t`.`n` FROM `internal`.`vdb`.`t` WHERE `internal`.`vdb`.`t`.`k` = 1',
        columns: [
          ['k', 'INT'],
          ['n', 'INT'],
        ],
      },
      {
        def: 'SELECT `internal`.`vdb`.`t`.`k` AS `kk`, `internal`.`vdb`.`t`.`n` AS `nn` FROM `internal`.`vdb`.`t` WHERE `internal`.`vdb`.`t`.`k` = 2',
        columns: [
          ['kk', 'INT'],
          ['nn', 'INT'],
        ],
      },
    ]);
  });

  it('records DROP VIEW as DROP_TABLE with isView', async () => {
    await conn.query('CREATE VIEW gone AS SELECT 1 AS one');
    const from = await lastSeq('vdb');
    await conn.query('DROP VIEW gone');
    await conn.query('DROP VIEW IF EXISTS gone');
    const [record] = await binlogs('vdb', from);
    assert.equal(record!.type, BinlogType.DROP_TABLE);
    assert.equal(record!.record.kind, 'dropTable');
    if (record!.record.kind === 'dropTable') {
      assert.equal(record!.record.isView, true);
      assert.equal(record!.record.tableName, 'gone');
      assert.equal(record!.record.rawSql, 'DROP TABLE IF EXISTS `gone`');
    }
    await fails('SELECT * FROM gone', /does not exist/);
  });

  it("answers Doris's errors and leaves nothing behind when a statement fails", async () => {
    const from = await lastSeq('vdb');
    await fails('CREATE VIEW v1 AS SELECT 1', /Table 'v1' already exists/);
    await conn.query('CREATE VIEW IF NOT EXISTS v1 AS SELECT 1');
    await fails('CREATE VIEW bad AS SELECT nope FROM t', /Unknown column 'nope'/);
    await fails('CREATE VIEW bad AS SELECT k FROM missing', /missing/);
    await fails('CREATE VIEW bad (x) AS SELECT k, v FROM t', /different column counts/);
    await fails('CREATE VIEW bad AS SELECT k, k FROM t', /Duplicate column name 'k'/);
    await fails('CREATE OR REPLACE VIEW t AS SELECT 1', /is not VIEW/);
    await fails('ALTER VIEW t AS SELECT 1', /ALTER VIEW not allowed on a table/);
    await fails('ALTER VIEW v1 AS SELECT nope FROM t', /Unknown column 'nope'/);
    await fails('DROP VIEW t', /is not VIEW/);
    await fails('DROP TABLE v1', /is not TABLE/);
    assert.deepEqual(await binlogs('vdb', from), []);
    assert.deepEqual(await query(conn, `SHOW TABLES LIKE 'bad'`), []);
    assert.deepEqual(await query(conn, 'SELECT * FROM v1'), [{ kk: 2, nn: 20 }]);
  });

  it('checks the privilege on the view, not on the tables it reads', async () => {
    await conn.query(`CREATE USER 'viewer' IDENTIFIED BY 'pw'`);
    await conn.query('GRANT SELECT_PRIV ON vdb.v4 TO viewer');
    const other = await sandbox.connect('viewer', 'pw');
    try {
      assert.deepEqual(await query(other, 'SELECT * FROM vdb.v4'), [{ k: 3 }]);
      await assert.rejects(other.query('SELECT * FROM vdb.t'), /SELECT/);
    } finally {
      await other.end();
    }
  });

  it('keeps views and their definitions across SIGKILL', async () => {
    const before = await query(conn, 'SHOW CREATE VIEW v3');
    await conn.end();
    await sandbox.kill('SIGKILL');
    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir, backends: 1 });
    conn = await sandbox.connect();
    await conn.query('USE vdb');
    assert.deepEqual(await query(conn, 'SHOW CREATE VIEW v3'), before);
    assert.deepEqual(await query(conn, 'SELECT k FROM v4'), [{ k: 3 }]);
  });

  async function dbId(): Promise<string> {
    const rows = await query<{ DbId: string; DbName: string }>(conn, `SHOW PROC '/dbs'`);
    return rows.find((r) => r.DbName === 'vdb')!.DbId;
  }
});

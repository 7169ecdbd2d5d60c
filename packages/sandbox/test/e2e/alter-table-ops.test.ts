// Whole-table ALTERs: RENAME, SET properties, REPLACE WITH TABLE — the catalog afterwards (SHOW CREATE TABLE,
// SHOW TABLES, SELECT) and the records (barrier-wrapped RENAME_TABLE / REPLACE_TABLE, MODIFY_TABLE_PROPERTY
// with its `SET (k=v)` sql).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, readBinlogs, showCreate } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('ALTER TABLE rename, properties and replace', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function seqNow(): Promise<bigint> {
    const all = await readBinlogs(sandbox, 'src');
    return all[all.length - 1]?.commitSeq ?? -1n;
  }

  async function createTable(name: string, rows: number): Promise<void> {
    await conn.query(`CREATE TABLE src.${name} (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    const values = Array.from({ length: rows }, (_, i) => `(${i}, ${i})`).join(', ');
    await conn.query(`INSERT INTO src.${name} VALUES ${values}`);
  }

  const count = async (table: string) =>
    (await query<{ n: string }>(conn, `SELECT COUNT(*) AS n FROM src.${table}`))[0]!.n;

  it('renames a table', async () => {
    await createTable('orders', 2);
    const from = await seqNow();
    await conn.query('ALTER TABLE src.orders RENAME orders_v2');
    assert.deepEqual(await query(conn, `SHOW TABLES FROM src LIKE 'orders%'`), [
      { Tables_in_src: 'orders_v2' },
    ]);
    assert.equal(await count('orders_v2'), '2');
    assert.match(await showCreate(conn, 'src.orders_v2'), /^CREATE TABLE `orders_v2`/);
    const [rename] = await readBinlogs(sandbox, 'src', from);
    assert.deepEqual(
      [rename?.type, rename?.effective, rename?.tableIds.length],
      ['BARRIER', 'RENAME_TABLE', 1],
    );
    if (rename?.record.kind === 'renameTable') {
      assert.deepEqual(
        [rename.record.oT, rename.record.nT, rename.record.ind, rename.record.p],
        ['orders', 'orders_v2', -1n, -1n],
      );
    }
    await expectError(conn, 'ALTER TABLE src.orders_v2 RENAME orders_v2', 'Same table name');
  });

  it('sets table properties with MODIFY_TABLE_PROPERTY records', async () => {
    await createTable('props', 1);
    const from = await seqNow();
    await conn.query(`ALTER TABLE src.props SET ("is_being_synced" = "true")`);
    await conn.query(`ALTER TABLE src.props SET ("binlog.enable" = "true", "binlog.ttl_seconds" = "3600")`);
    await conn.query(`ALTER TABLE src.props SET ("group_commit_interval_ms" = "2000")`);
    const ddl = await showCreate(conn, 'src.props');
    assert.match(ddl, /"is_being_synced" = "true"/);
    assert.match(ddl, /"binlog.enable" = "true",\n"binlog.ttl_seconds" = "3600"/);
    assert.match(ddl, /"group_commit_interval_ms" = "2000"/);
    const records = await readBinlogs(sandbox, 'src', from);
    assert.deepEqual(
      records.map((b) => b.type),
      ['MODIFY_TABLE_PROPERTY', 'MODIFY_TABLE_PROPERTY', 'MODIFY_TABLE_PROPERTY'],
    );
    const [synced, binlog, commit] = records.map((b) => b.record);
    assert.equal(synced?.kind, 'modifyTableProperty');
    if (synced?.kind === 'modifyTableProperty') {
      assert.equal(synced.sql, 'SET (is_being_synced=true)');
      assert.equal(synced.tableName, 'props');
    }
    assert.equal(binlog?.kind, 'modifyTableProperty');
    if (binlog?.kind === 'modifyTableProperty') {
      assert.equal(binlog.properties.get('binlog.ttl_seconds'), '3600');
      assert.equal(binlog.properties.get('binlog.enable'), 'true');
    }
    assert.equal(commit?.kind, 'modifyTableProperty');
    if (commit?.kind === 'modifyTableProperty') {
      assert.deepEqual(Object.fromEntries(commit.properties), { group_commit_interval_ms: '2000' });
    }
    await expectError(
      conn,
      `ALTER TABLE src.props SET ("is_being_synced" = "true", "disable_auto_compaction" = "true")`,
      'Can only set one table property at a time',
    );
    await expectError(
      conn,
      `ALTER TABLE src.props SET ("no_such_property" = "1")`,
      'Unknown table property: [no_such_property]',
    );
    await expectError(
      conn,
      `ALTER TABLE src.props SET ("light_schema_change" = "false")`,
      'Can not alter light_schema_change from true to false currently',
    );
    await expectError(
      conn,
      `ALTER TABLE src.props SET ("binlog.enable" = "false")`,
      'db binlog is enable, but table binlog is disable',
    );
  });

  it('replaces a table with and without swap', async () => {
    await createTable('a', 3);
    await createTable('b', 7);
    const ids = new Map(
      (await query<{ TableName: string; TableId: string }>(conn, `SHOW PROC '/dbs/${await dbId()}/'`)).map(
        (r) => [r.TableName, r.TableId],
      ),
    );
    const from = await seqNow();
    await conn.query(`ALTER TABLE src.a REPLACE WITH TABLE b PROPERTIES ("swap" = "true")`);
    assert.deepEqual([await count('a'), await count('b')], ['7', '3']);
    await conn.query(`ALTER TABLE src.a REPLACE WITH TABLE b PROPERTIES ("swap" = "false")`);
    assert.equal(await count('a'), '3');
    assert.deepEqual(await query(conn, `SHOW TABLES FROM src LIKE 'b'`), []);
    const records = await readBinlogs(sandbox, 'src', from);
    assert.deepEqual(
      records.map((b) => [b.type, b.effective]),
      [
        ['BARRIER', 'REPLACE_TABLE'],
        ['BARRIER', 'REPLACE_TABLE'],
      ],
    );
    const [swap, noSwap] = records.map((b) => b.record);
    if (swap?.kind === 'replaceTable' && noSwap?.kind === 'replaceTable') {
      assert.deepEqual(
        [
          swap.origTblId.toString(),
          swap.origTblName,
          swap.newTblName.toString(),
          swap.actualNewTblName,
          swap.swapTable,
        ],
        [ids.get('a'), 'a', ids.get('b'), 'b', true],
      );
      // After the swap the table named `a` is the former `b`.
      assert.deepEqual(
        [noSwap.origTblId.toString(), noSwap.newTblName.toString(), noSwap.swapTable],
        [ids.get('b'), ids.get('a'), false],
      );
    }
    await expectError(conn, 'ALTER TABLE src.a REPLACE WITH TABLE nope', "Unknown table 'nope'");
  });

  async function dbId(): Promise<string> {
    const rows = await query<{ DbName: string; DbId: string }>(conn, `SHOW PROC '/dbs/'`);
    return rows.find((r) => r.DbName === 'src')!.DbId;
  }
});

// Test helper: database and table ids as the CCR syncer looks them up, through `show proc '/dbs/'` and
// `show proc '/dbs/<dbId>/'`.
import assert from 'node:assert/strict';
import type mysql from 'mysql2/promise';
import { query } from './sandbox-process.js';

export async function dbIdOf(conn: mysql.Connection, db: string): Promise<bigint> {
  const rows = await query<{ DbId: string; DbName: string }>(conn, `SHOW PROC '/dbs/'`);
  const row = rows.find((r) => r.DbName === db);
  assert.ok(row, `database ${db} is listed by show proc '/dbs/'`);
  return BigInt(row.DbId);
}

/** Table name → id of every table and view of `db`. */
export async function tableIdsOf(conn: mysql.Connection, db: string): Promise<Map<string, bigint>> {
  const rows = await query<{ TableId: string; TableName: string }>(
    conn,
    `SHOW PROC '/dbs/${await dbIdOf(conn, db)}/'`,
  );
  return new Map(rows.map((r) => [r.TableName, BigInt(r.TableId)]));
}

export async function tableIdOf(conn: mysql.Connection, db: string, table: string): Promise<bigint> {
  const id = (await tableIdsOf(conn, db)).get(table);
  assert.ok(id !== undefined, `table ${db}.${table} is listed by show proc`);
  return id;
}

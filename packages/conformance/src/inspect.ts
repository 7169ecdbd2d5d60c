// Readers of what a user can see of a table through SQL — rows, columns, partitions, indexes, properties —
// in a shape that is comparable between the source and the target: ids, versions, times and sizes (which
// legitimately differ between two clusters) are left out, and the table's own name is abstracted so that
// a target table under another name (an alias) compares equal.
import type mysql from 'mysql2/promise';

export type Row = Record<string, unknown>;

/** Backtick-quotes an identifier. */
export function q(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

export function qualified(db: string, table: string): string {
  return `${q(db)}.${q(table)}`;
}

export async function rows<T = Row>(conn: mysql.Connection, sql: string): Promise<T[]> {
  const [result] = await conn.query(sql);
  return result as T[];
}

/** Every row as `[column, value]` pairs in column order, sorted, so the comparison ignores row order. */
export async function tableRows(conn: mysql.Connection, db: string, table: string): Promise<string[]> {
  const result = await rows(conn, `SELECT * FROM ${qualified(db, table)}`);
  return result.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, String(v)]))).sort();
}

export async function rowCount(
  conn: mysql.Connection,
  db: string,
  table: string,
  where = '',
): Promise<number> {
  const [r] = await rows<{ n: unknown }>(
    conn,
    `SELECT COUNT(*) AS n FROM ${qualified(db, table)}${where ? ` WHERE ${where}` : ''}`,
  );
  return Number(r?.n ?? 0);
}

/** `DESC t`: the columns in order with type, nullability, key flag, default and aggregation. */
export async function columns(conn: mysql.Connection, db: string, table: string): Promise<string[]> {
  const result = await rows(conn, `DESC ${qualified(db, table)}`);
  return result.map((r) => [r.Field, r.Type, r.Null, r.Key, r.Default, r.Extra].map(String).join(' '));
}

/** `SHOW FULL COLUMNS`: like columns() plus each column's comment. */
export async function columnComments(conn: mysql.Connection, db: string, table: string): Promise<string[]> {
  const result = await rows(conn, `SHOW FULL COLUMNS FROM ${qualified(db, table)}`);
  return result.map((r) => `${String(r.Field)}: ${String(r.Comment ?? '')}`);
}

/**
 * `DESC t ALL`: every materialized index (base, rollups, sync MVs) with its columns. The base index is
 * named after the table, so its name is replaced by `<base>` to compare a table with its alias.
 */
export async function indexSchemas(conn: mysql.Connection, db: string, table: string): Promise<string[]> {
  const result = await rows(conn, `DESC ${qualified(db, table)} ALL`);
  return result.map((r) => {
    const index = r.IndexName === table ? '<base>' : String(r.IndexName ?? '');
    return [index, r.IndexKeysType, r.Field, r.Type, r.Null, r.Key, r.Default, r.Extra].map(String).join(' ');
  });
}

/** Names of the materialized indexes other than the base one (rollups and sync MVs). */
export async function rollupNames(conn: mysql.Connection, db: string, table: string): Promise<string[]> {
  const result = await rows(conn, `DESC ${qualified(db, table)} ALL`);
  return result
    .map((r) => String(r.IndexName ?? ''))
    .filter((name) => name !== '' && name !== table)
    .sort();
}

/** `SHOW PARTITIONS`: name, range or list values, distribution key and bucket count, by name. */
export async function partitions(
  conn: mysql.Connection,
  db: string,
  table: string,
  temporary = false,
): Promise<string[]> {
  const result = await rows(
    conn,
    `SHOW ${temporary ? 'TEMPORARY ' : ''}PARTITIONS FROM ${qualified(db, table)}`,
  );
  return result
    .map((r) => [r.PartitionName, r.Range, r.DistributionKey, r.Buckets].map(String).join(' | '))
    .sort();
}

export async function partitionNames(conn: mysql.Connection, db: string, table: string): Promise<string[]> {
  const result = await rows(conn, `SHOW PARTITIONS FROM ${qualified(db, table)}`);
  return result.map((r) => String(r.PartitionName)).sort();
}

export async function createTable(conn: mysql.Connection, db: string, table: string): Promise<string> {
  const [r] = await rows(conn, `SHOW CREATE TABLE ${qualified(db, table)}`);
  return String(r?.['Create Table'] ?? '');
}

/** The PROPERTIES of SHOW CREATE TABLE as a map. */
export function propertiesOf(createTableText: string): Map<string, string> {
  const at = createTableText.lastIndexOf('PROPERTIES (');
  const map = new Map<string, string>();
  if (at < 0) return map;
  for (const m of createTableText.slice(at).matchAll(/"([^"]+)"\s*=\s*"((?:[^"\\]|\\.)*)"/g))
    map.set(m[1]!, m[2]!);
  return map;
}

export async function tableProperties(
  conn: mysql.Connection,
  db: string,
  table: string,
): Promise<Map<string, string>> {
  return propertiesOf(await createTable(conn, db, table));
}

/** The `INDEX name (cols) USING … COMMENT …` lines of SHOW CREATE TABLE, sorted. */
export async function indexDefinitions(conn: mysql.Connection, db: string, table: string): Promise<string[]> {
  const text = await createTable(conn, db, table);
  return text
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .filter((l) => /^INDEX\s/i.test(l))
    .sort();
}

/** The table comment (`COMMENT '…'` after the key clause of SHOW CREATE TABLE). */
export async function tableComment(conn: mysql.Connection, db: string, table: string): Promise<string> {
  const text = await createTable(conn, db, table);
  const m = /\)\s*ENGINE=OLAP[\s\S]*?\nCOMMENT '((?:[^'\\]|\\.)*)'/.exec(text);
  return m?.[1] ?? '';
}

/** The key model line of SHOW CREATE TABLE, e.g. ``UNIQUE KEY(`k`)``. */
export async function keysClause(conn: mysql.Connection, db: string, table: string): Promise<string> {
  const text = await createTable(conn, db, table);
  return /^(DUPLICATE|UNIQUE|AGGREGATE) KEY\(.*\)$/m.exec(text)?.[0] ?? '';
}

export async function tableExists(conn: mysql.Connection, db: string, table: string): Promise<boolean> {
  const result = await rows(conn, `SHOW TABLES FROM ${q(db)}`);
  return result.some((r) => Object.values(r)[0] === table);
}

/** Transactions of a database that are neither visible nor aborted (`SHOW PROC '/dbs/'`). */
export async function runningTransactions(conn: mysql.Connection, db: string): Promise<number> {
  const result = await rows(conn, `SHOW PROC '/dbs/'`);
  const row = result.find((r) => r.DbName === db || r.DbName === `default_cluster:${db}`);
  return Number(row?.RunningTransactionNum ?? 0);
}

/** BACKUP or RESTORE jobs of a database that have not reached FINISHED or CANCELLED. */
export async function unfinishedJobs(
  conn: mysql.Connection,
  db: string,
  kind: 'BACKUP' | 'RESTORE',
): Promise<Row[]> {
  const result = await rows(conn, `SHOW ${kind} FROM ${q(db)}`);
  return result.filter((r) => r.State !== 'FINISHED' && r.State !== 'CANCELLED');
}

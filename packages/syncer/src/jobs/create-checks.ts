// The checks a table job passes before it is created (the Go syncer's first-run checks, with its messages):
// binlog enabled on both clusters, the source table exists with binlog and light schema change on, the
// target table does not exist yet (unless allowed). Ids are resolved here and kept in the job's specs.

import { quoteIdent as q } from '../clients/sql-quote.js';
import { JobServiceError } from '../model/job-service.js';
import type { Spec } from '../model/spec.js';
import type { ClusterAccess, Row } from './cluster-access.js';
import type { TableFilter } from './db-sync/table-filter.js';
import { propertiesOf } from './health/binlog-retention.js';

/** LIKE pattern that matches exactly `name` (escapes `_`, `%` and `\`, which the Go syncer does not). */
export function exactLike(name: string): string {
  return name.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/'/g, "\\'");
}

export async function dbId(access: ClusterAccess, db: string): Promise<string | undefined> {
  const rows = await access.sql.query<{ DbId: string; DbName: string }>(`show proc '/dbs/'`);
  return rows.find((r) => r.DbName === db || r.DbName === `default_cluster:${db}`)?.DbId?.toString();
}

async function tableId(access: ClusterAccess, db: string, table: string): Promise<string | undefined> {
  const id = await dbId(access, db);
  if (!id) return undefined;
  const rows = await access.sql.query<{ TableId: string; TableName: string }>(`show proc '/dbs/${id}/'`);
  return rows.find((r) => r.TableName === table)?.TableId?.toString();
}

export async function tableExists(access: ClusterAccess, db: string, table: string): Promise<boolean> {
  const rows = await access.sql.query<Row>(`SHOW TABLES FROM ${q(db)} LIKE '${exactLike(table)}'`);
  return rows.some((r) => Object.values(r)[0] === table);
}

export async function databaseExists(access: ClusterAccess, db: string): Promise<boolean> {
  const rows = await access.sql.query<{ Database: string }>(`SHOW DATABASES LIKE '${exactLike(db)}'`);
  return rows.some((r) => r.Database === db);
}

/** The properties a table job's source table needs (binlog, light schema change) that it lacks. */
export async function missingTableProperties(
  access: ClusterAccess,
  db: string,
  table: string,
): Promise<string[]> {
  const ddl = await access.sql.query<{ 'Create Table': string }>(`SHOW CREATE TABLE ${q(db)}.${q(table)}`);
  const text = String(ddl[0]?.['Create Table'] ?? '');
  return ['"binlog.enable" = "true"', '"light_schema_change" = "true"'].filter((p) => !text.includes(p));
}

/** The properties of a database's SHOW CREATE DATABASE text. */
export async function databaseProperties(access: ClusterAccess, db: string): Promise<Map<string, string>> {
  const rows = await access.sql.query<{ 'Create Database': string }>(`SHOW CREATE DATABASE ${q(db)}`);
  return propertiesOf(String(rows[0]?.['Create Database'] ?? ''));
}

/** The OLAP tables of a source database a database job copies whose binlog is off, sorted. */
export async function tablesWithoutBinlog(
  src: ClusterAccess,
  db: string,
  srcDbId: string,
  filter: TableFilter,
): Promise<{ copied: number; withoutBinlog: string[] }> {
  const tables = await src.sql.query<{ TableName: string; Type?: string }>(`show proc '/dbs/${srcDbId}/'`);
  const copied = tables
    .map((t) => ({ name: String(t.TableName), type: String(t.Type ?? 'OLAP').toUpperCase() }))
    .filter((t) => t.type === 'OLAP' && filter.matches(t.name));
  // A database of hundreds of tables: a few statements in flight at a time, not one after another.
  const withoutBinlog: string[] = [];
  const pending = [...copied];
  const worker = async () => {
    for (let t = pending.shift(); t; t = pending.shift()) {
      const ddl = await src.sql.query<{ 'Create Table': string }>(`SHOW CREATE TABLE ${q(db)}.${q(t.name)}`);
      if (!String(ddl[0]?.['Create Table'] ?? '').includes('"binlog.enable" = "true"'))
        withoutBinlog.push(t.name);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { copied: copied.length, withoutBinlog: withoutBinlog.sort() };
}

/**
 * Both clusters' binlog feature checks at once (read-only, each a few round trips to an FE and its BEs);
 * when both fail, the source's failure is the one reported, as when they ran one after the other.
 */
async function checkBinlogFeatures(src: ClusterAccess, dest: ClusterAccess): Promise<void> {
  const [s, d] = await Promise.allSettled([src.checkBinlogFeature(), dest.checkBinlogFeature()]);
  if (s.status === 'rejected') throw s.reason;
  if (d.status === 'rejected') throw d.reason;
}

export interface CheckedSpecs {
  readonly src: Spec;
  readonly dest: Spec;
}

export async function checkTableJob(
  src: ClusterAccess,
  dest: ClusterAccess,
  allowTableExists: boolean,
): Promise<CheckedSpecs> {
  await checkBinlogFeatures(src, dest);
  const s = src.spec;
  const d = dest.spec;
  if (!(await databaseExists(src, s.database)))
    throw new JobServiceError(`src database ${s.database} not exists`);
  if (!(await tableExists(src, s.database, s.table)))
    throw new JobServiceError(`src table ${s.database}.${s.table} not exists`);
  const missing = await missingTableProperties(src, s.database, s.table);
  if (missing.length > 0) {
    throw new JobServiceError(
      `src table ${s.database}.${s.table} only support property: ${missing.join(', ')}`,
    );
  }
  const srcDbId = await dbId(src, s.database);
  const srcTableId = await tableId(src, s.database, s.table);
  if (!srcDbId || !srcTableId)
    throw new JobServiceError(`src table ${s.database}.${s.table} has no id (is it an OLAP table?)`);
  if (!(await databaseExists(dest, d.database)))
    await dest.sql.execute(`CREATE DATABASE IF NOT EXISTS ${q(d.database)}`);
  if (!allowTableExists && (await tableExists(dest, d.database, d.table))) {
    throw new JobServiceError(`dest table ${d.database}.${d.table} already exists`, 409);
  }
  const destDbId = await dbId(dest, d.database);
  return {
    src: { ...s, db_id: srcDbId, table_id: srcTableId },
    dest: { ...d, ...(destDbId ? { db_id: destDbId } : {}) },
  };
}

/** Properties of the source database the target database is created with (the rest is target-local). */
const COPIED_DB_PROPERTIES = ['replication_allocation', 'replication_num'];

/**
 * A database job's checks: binlog on both clusters, on the source database and on every source table it
 * will copy; the target database is created with the source's replication properties if missing.
 */
export async function checkDbJob(
  src: ClusterAccess,
  dest: ClusterAccess,
  filter: TableFilter,
): Promise<CheckedSpecs> {
  await checkBinlogFeatures(src, dest);
  const s = src.spec;
  const d = dest.spec;
  if (!(await databaseExists(src, s.database)))
    throw new JobServiceError(`src database ${s.database} not exists`);
  const dbProps = await databaseProperties(src, s.database);
  if (dbProps.get('binlog.enable') !== 'true')
    throw new JobServiceError(`src database ${s.database} has no binlog enabled ("binlog.enable" = "true")`);
  const srcDbId = await dbId(src, s.database);
  if (!srcDbId) throw new JobServiceError(`src database ${s.database} has no id`);
  const { withoutBinlog } = await tablesWithoutBinlog(src, s.database, srcDbId, filter);
  if (withoutBinlog.length > 0)
    throw new JobServiceError(
      `src tables without binlog enabled: ${withoutBinlog.slice(0, 20).join(', ')}${withoutBinlog.length > 20 ? ', …' : ''}`,
    );
  if (!(await databaseExists(dest, d.database))) {
    const copied = COPIED_DB_PROPERTIES.filter((k) => dbProps.has(k)).map(
      (k) => `"${k}" = "${dbProps.get(k)!.replace(/"/g, '\\"')}"`,
    );
    await dest.sql.execute(
      `CREATE DATABASE IF NOT EXISTS ${q(d.database)}${copied.length ? ` PROPERTIES (${copied.join(', ')})` : ''}`,
    );
  }
  const destDbId = await dbId(dest, d.database);
  return {
    src: { ...s, db_id: srcDbId },
    dest: { ...d, ...(destDbId ? { db_id: destDbId } : {}) },
  };
}

// What every statement executor gets: the FE's services and the calling session's state, plus helpers
// for the checks nearly every statement makes (database resolution, privileges, table lookup).
import type { Database } from '../../catalog/database.js';
import { tableByName } from '../../catalog/database.js';
import type { OlapTable, TableObject } from '../../catalog/table.js';
import type { StoredValue } from '../../types/doris-type.js';
import type { Privilege } from '../auth/privilege.js';
import type { Frontend } from '../frontend.js';
import { dorisError, SqlError } from '../mysql/session-types.js';
import type { TableName } from '../sql/index.js';

export interface SessionState {
  readonly user: string;
  readonly connectionId: number;
  currentDb: string | undefined;
  readonly variables: Map<string, StoredValue>;
  /** Index of the FE this session is connected to (SHOW FRONTENDS' CurrentConnected). */
  readonly frontendIndex?: number;
}

export interface ExecContext {
  readonly fe: Frontend;
  readonly session: SessionState;
  /** The statement's own text (views store it; errors quote it). */
  readonly text: string;
}

export function requireDb(ctx: ExecContext, name: string | undefined): Database {
  const dbName = name ?? ctx.session.currentDb;
  if (!dbName) throw dorisError('No database selected', 1046);
  const db = ctx.fe.catalog.databaseByName(dbName);
  if (!db) throw new SqlError(`errCode = 2, detailMessage = Unknown database '${dbName}'`, 1049, '42000');
  return db;
}

export function checkPriv(ctx: ExecContext, privilege: Privilege, db?: string, table?: string): void {
  const allowed =
    db === undefined
      ? ctx.fe.auth.has(ctx.session.user, privilege)
      : table === undefined
        ? ctx.fe.auth.has(ctx.session.user, privilege, db)
        : ctx.fe.auth.has(ctx.session.user, privilege, db, table);
  if (!allowed) {
    const target =
      db === undefined ? '' : table === undefined ? ` for database '${db}'` : ` for table '${db}.${table}'`;
    throw new SqlError(
      `errCode = 2, detailMessage = Access denied; you need (at least one of) the (${privilege}) privilege(s)${target} for this operation`,
      1227,
      '42000',
    );
  }
}

export function findTable(ctx: ExecContext, name: TableName): { db: Database; table: TableObject } {
  const db = requireDb(ctx, name.database);
  const table = tableByName(db, name.table);
  if (!table) throw new SqlError(`errCode = 2, detailMessage = Unknown table '${name.table}'`, 1051, '42S02');
  return { db, table };
}

export function findOlapTable(ctx: ExecContext, name: TableName): { db: Database; table: OlapTable } {
  const { db, table } = findTable(ctx, name);
  if (table.kind !== 'OLAP') throw dorisError(`${db.name}.${table.name} is not OLAP table`, 1347);
  return { db, table };
}

/** A boolean session variable as SET stores it (`1`, `true`, `on`); unset is false. */
export function sessionFlag(ctx: ExecContext, name: string): boolean {
  const value = ctx.session.variables.get(name);
  return (
    value === 1 ||
    value === '1' ||
    (typeof value === 'string' && ['true', 'on'].includes(value.toLowerCase()))
  );
}

export function unsupported(what: string): never {
  throw dorisError(`${what} is not supported by doris-sandbox`);
}

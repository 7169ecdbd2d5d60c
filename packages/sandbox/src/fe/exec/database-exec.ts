// CREATE / DROP / ALTER DATABASE, USE, SHOW DATABASES, SHOW CREATE DATABASE.

import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import { BINLOG_KEYS, checkBinlogProperty } from '../binlog/binlog-config.js';
import { checkDbName } from '../ddl/name-format.js';
import { dorisError, SqlError } from '../mysql/session-types.js';
import { recycleDatabase } from '../recycle/recycle-bin.js';
import type {
  AlterDatabasePropertiesStatement,
  CreateDatabaseStatement,
  DropDatabaseStatement,
  ShowCreateDatabaseStatement,
  ShowDatabasesStatement,
  UseStatement,
} from '../sql/index.js';
import { logDdl } from './ddl-log.js';
import { checkPriv, type ExecContext, requireDb } from './exec-context.js';
import { likeMatcher, ok, textResult } from './result-helpers.js';

const DB_PROPERTY_KEYS = new Set([...BINLOG_KEYS, 'replication_allocation', 'replication_num']);

function validateDbProperties(
  properties: ReadonlyArray<{ key: string; value: string }>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, value } of properties) {
    if (!DB_PROPERTY_KEYS.has(key)) throw dorisError(`Unknown database property: ${key}`);
    if (key.startsWith('binlog.')) {
      const problem = checkBinlogProperty(key, value);
      if (problem) throw dorisError(problem);
    }
    out.set(key, value);
  }
  return out;
}

export function createDatabase(ctx: ExecContext, stmt: CreateDatabaseStatement) {
  checkDbName(stmt.database);
  checkPriv(ctx, 'CREATE', stmt.database);
  if (ctx.fe.catalog.databaseByName(stmt.database)) {
    if (stmt.ifNotExists) return ok();
    throw new SqlError(
      `errCode = 2, detailMessage = Can't create database '${stmt.database}'; database exists`,
      1007,
      'HY000',
    );
  }
  const properties = validateDbProperties(stmt.properties);
  if (properties.has('binlog.enable') && !ctx.fe.config.bool('enable_feature_binlog')) {
    throw dorisError('Binlog feature is not enabled');
  }
  ctx.fe.commit(() => {
    const db: Database = {
      id: ctx.fe.sequences.allocId(),
      name: stmt.database,
      properties,
      tables: new Map(),
      createTime: ctx.fe.clock.now(),
    };
    ctx.fe.catalog.saveDatabase(db);
    ctx.fe.sequences.allocJournalId();
  });
  return ok();
}

export function dropDatabase(ctx: ExecContext, stmt: DropDatabaseStatement) {
  const db = ctx.fe.catalog.databaseByName(stmt.database);
  if (!db) {
    if (stmt.ifExists) return ok();
    throw new SqlError(
      `errCode = 2, detailMessage = Can't drop database '${stmt.database}'; database doesn't exist`,
      1008,
      'HY000',
    );
  }
  checkPriv(ctx, 'DROP', db.name);
  if (!stmt.force && ctx.fe.txns.running(db.id).length > 0) {
    throw dorisError(
      `There are still some transactions in the COMMITTED state waiting to be completed. The database [${db.name}] cannot be dropped. If you want to forcibly drop(cannot be recovered), please use "DROP DATABASE <database> FORCE".`,
    );
  }
  const tables = [...db.tables.values()];
  const tabletIds = tables.flatMap((t) => (t.kind === 'OLAP' ? tabletsOf(t) : []));
  ctx.fe.commit(() => {
    ctx.fe.catalog.dropDatabase(db);
    ctx.fe.binlog.dropDatabase(db.id);
    // Without FORCE the database, its tables and their data wait in the recycle bin for RECOVER.
    if (stmt.force)
      for (const backend of ctx.fe.backends.values()) for (const id of tabletIds) backend.dropTablet(id);
    else recycleDatabase(ctx.fe, db, tables);
    ctx.fe.sequences.allocJournalId();
  });
  if (ctx.session.currentDb === db.name) ctx.session.currentDb = undefined;
  return ok();
}

export function tabletsOf(table: import('../../catalog/table.js').OlapTable): bigint[] {
  const ids: bigint[] = [];
  for (const p of [...table.partitions.values(), ...table.tempPartitions.values()]) {
    for (const index of p.indexes.values()) for (const t of index.tablets) ids.push(t.id);
  }
  return ids;
}

export function alterDatabaseProperties(ctx: ExecContext, stmt: AlterDatabasePropertiesStatement) {
  const db = requireDb(ctx, stmt.database);
  checkPriv(ctx, 'ALTER', db.name);
  const changes = validateDbProperties(stmt.properties);
  if (
    [...changes.keys()].some((k) => k.startsWith('binlog.')) &&
    !ctx.fe.config.bool('enable_feature_binlog')
  ) {
    throw dorisError('Binlog feature is not enabled');
  }
  if (changes.get('binlog.enable') === 'true') {
    // Every OLAP table must have binlog on before the database may (binlog-records.md §1.2).
    for (const table of db.tables.values()) {
      if (table.kind === 'OLAP' && table.properties.get('binlog.enable') !== 'true') {
        throw dorisError(`binlog is not enable in table[${table.name}] in db [${db.name}]`);
      }
    }
  }
  ctx.fe.commit(() => {
    for (const [k, v] of changes) db.properties.set(k, v);
    ctx.fe.catalog.saveDatabase(db);
    logDdl(ctx.fe, BinlogType.ALTER_DATABASE_PROPERTY, db.id, [], () => ({
      dbId: db.id,
      dbName: db.name,
      properties: Object.fromEntries(changes),
    }));
  });
  return ok();
}

export function useDatabase(ctx: ExecContext, stmt: UseStatement) {
  if (stmt.catalog !== undefined && stmt.catalog !== 'internal')
    throw dorisError(`Unknown catalog '${stmt.catalog}'`);
  const db = requireDb(ctx, stmt.database);
  if (
    !ctx.fe.auth.hasAnyInDb(ctx.session.user, 'SELECT', db.name) &&
    !ctx.fe.auth.hasAnyInDb(ctx.session.user, 'LOAD', db.name)
  ) {
    throw new SqlError(
      `errCode = 2, detailMessage = Access denied for user '${ctx.session.user}' to database '${db.name}'`,
      1044,
      '42000',
    );
  }
  ctx.session.currentDb = db.name;
  return ok();
}

export function showDatabases(ctx: ExecContext, stmt: ShowDatabasesStatement) {
  const match = likeMatcher(stmt.like);
  const names = ['information_schema', 'mysql', ...ctx.fe.catalog.databases().map((d) => d.name)]
    .filter((n) => match(n))
    .filter((n) => n === 'information_schema' || n === 'mysql' || visibleDb(ctx, n))
    .sort();
  return textResult(
    ['Database'],
    names.map((n) => [n]),
  );
}

function visibleDb(ctx: ExecContext, db: string): boolean {
  return ['SELECT', 'LOAD', 'ALTER', 'CREATE', 'DROP'].some((p) =>
    ctx.fe.auth.hasAnyInDb(ctx.session.user, p as 'SELECT', db),
  );
}

export function showCreateDatabase(ctx: ExecContext, stmt: ShowCreateDatabaseStatement) {
  const db = requireDb(ctx, stmt.database);
  let sql = `CREATE DATABASE \`${db.name}\``;
  if (db.properties.size > 0) {
    sql += `\nPROPERTIES (\n${[...db.properties].map(([k, v]) => `"${k}" = "${v}"`).join(',\n')}\n)`;
  }
  return textResult(['Database', 'Create Database'], [[db.name, sql]]);
}

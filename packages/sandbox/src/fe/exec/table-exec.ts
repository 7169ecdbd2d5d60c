// CREATE TABLE [LIKE], DROP TABLE, TRUNCATE TABLE: catalog changes with their binlog records.

import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import { tableByName } from '../../catalog/database.js';
import type { OlapTable, Partition } from '../../catalog/table.js';
import { checkColumnName, checkTableName } from '../ddl/name-format.js';
import { buildOlapTable } from '../ddl/table-builder.js';
import { allocatePartition } from '../ddl/tablet-allocator.js';
import { runDynamicPartitionForTable } from '../dynamic-partition/dynamic-partition-scheduler.js';
import { dorisError, SqlError } from '../mysql/session-types.js';
import { recycleTable } from '../recycle/recycle-bin.js';
import { showCreateTable } from '../render/show-create-table.js';
import type {
  CreateTableLikeStatement,
  CreateTableStatement,
  DropTableStatement,
  TruncateTableStatement,
} from '../sql/index.js';
import { parseStatement } from '../sql/index.js';
import { tabletsOf } from './database-exec.js';
import { logDdl, logDropTable } from './ddl-log.js';
import { checkPriv, type ExecContext, findOlapTable, findTable, requireDb } from './exec-context.js';
import { ok } from './result-helpers.js';

function tableExists(name: string): SqlError {
  return new SqlError(`errCode = 2, detailMessage = Table '${name}' already exists`, 1050, '42S01');
}

export function createTable(ctx: ExecContext, stmt: CreateTableStatement) {
  checkTableName(stmt.table.table);
  for (const column of stmt.columns) checkColumnName(column.name);
  const db = requireDb(ctx, stmt.table.database);
  checkPriv(ctx, 'CREATE', db.name, stmt.table.table);
  if (tableByName(db, stmt.table.table)) {
    if (stmt.ifNotExists) return ok();
    throw tableExists(stmt.table.table);
  }
  if (
    stmt.properties.some((p) => p.key.startsWith('binlog.')) &&
    !ctx.fe.config.bool('enable_feature_binlog')
  ) {
    throw dorisError('Binlog feature is not enabled');
  }
  const table = ctx.fe.commit(() => {
    const built = buildOlapTable(stmt, {
      allocId: () => ctx.fe.sequences.allocId(),
      backends: [...ctx.fe.backends.values()],
      now: ctx.fe.clock.now(),
      dbProperties: db.properties,
    });
    addTable(ctx, db, built);
    return built;
  });
  // Doris creates the first dynamic partitions right after CREATE TABLE.
  runDynamicPartitionForTable(ctx.fe, db.id, table.id);
  return ok();
}

/** Saves a new table and records CREATE_TABLE (with the SHOW CREATE TABLE text, as Doris does). */
export function addTable(ctx: ExecContext, db: Database, table: OlapTable): bigint {
  ctx.fe.catalog.saveTable(db, table);
  return logDdl(ctx.fe, BinlogType.CREATE_TABLE, db.id, [table.id], (seq) => ({
    commitSeq: seq,
    dbId: db.id,
    dbName: db.name,
    tableId: table.id,
    tableName: table.name,
    tableType: 'OLAP',
    sql: showCreateTable(table, { binlogFeature: true, forSync: true }),
  }));
}

export function createTableLike(ctx: ExecContext, stmt: CreateTableLikeStatement) {
  checkTableName(stmt.table.table);
  const { table: source } = findOlapTable(ctx, stmt.source);
  const db = requireDb(ctx, stmt.table.database);
  checkPriv(ctx, 'CREATE', db.name, stmt.table.table);
  if (tableByName(db, stmt.table.table)) {
    if (stmt.ifNotExists) return ok();
    throw tableExists(stmt.table.table);
  }
  // Re-create from the source's DDL so the copy gets fresh ids and empty partitions, as Doris does.
  const binlogFeature = ctx.fe.config.bool('enable_feature_binlog');
  const ddl = showCreateTable(source, { binlogFeature }).replace(
    /^CREATE TABLE `[^`]*`/,
    `CREATE TABLE \`${stmt.table.table.replace(/`/g, '``')}\``,
  );
  const parsed = parseStatement(ddl);
  if (parsed.kind !== 'CreateTableStatement')
    throw dorisError('CREATE TABLE LIKE: cannot copy the source table');
  const props = parsed.properties.filter((p) => p.key !== 'is_being_synced');
  return createTable(ctx, {
    ...parsed,
    table: { ...stmt.table },
    properties: props,
    ifNotExists: stmt.ifNotExists,
  });
}

export function dropTable(ctx: ExecContext, stmt: DropTableStatement, expectView = false) {
  const db = requireDb(ctx, stmt.table.database);
  const table = tableByName(db, stmt.table.table);
  if (!table) {
    if (stmt.ifExists) return ok();
    throw new SqlError(`errCode = 2, detailMessage = Unknown table '${stmt.table.table}'`, 1051, '42S02');
  }
  if (expectView && table.kind !== 'VIEW') throw dorisError(`${db.name}.${table.name} is not VIEW`, 1347);
  if (!expectView && table.kind === 'VIEW')
    throw dorisError(`${db.name}.${table.name} is not TABLE. Use 'DROP VIEW ${table.name}'`, 1347);
  checkPriv(ctx, 'DROP', db.name, table.name);
  if (table.kind === 'OLAP' && table.state !== 'NORMAL') {
    throw dorisError(
      `The table [${table.name}]'s state is ${table.state}, cannot be dropped. please cancel the operation on olap table firstly. If you want to forcibly drop(cannot be recovered), please use "DROP table FORCE".`,
    );
  }
  const tablets = table.kind === 'OLAP' ? tabletsOf(table) : [];
  ctx.fe.commit(() => {
    ctx.fe.catalog.dropTable(db, table);
    // Without FORCE the table and its tablets' data wait in the recycle bin for RECOVER.
    if (stmt.force)
      for (const backend of ctx.fe.backends.values()) for (const id of tablets) backend.dropTablet(id);
    else recycleTable(ctx.fe, db, table);
    logDropTable(ctx.fe, db, table);
  });
  return ok();
}

export function truncateTable(ctx: ExecContext, stmt: TruncateTableStatement) {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'LOAD', db.name, table.name);
  const targets: Partition[] = [];
  if (stmt.partitions.length === 0) targets.push(...table.partitions.values());
  else {
    for (const name of stmt.partitions) {
      const p = [...table.partitions.values()].find((x) => x.name === name);
      if (!p) throw dorisError(`Partition ${name} does not exist`);
      targets.push(p);
    }
  }
  ctx.fe.commit(() => {
    const oldIds: bigint[] = [];
    const replaced = new Map<bigint, Partition>();
    for (const old of targets) {
      // Truncation swaps in a fresh, empty partition with new ids (Doris does the same).
      const fresh = allocatePartition(
        {
          name: old.name,
          item: old.item,
          buckets: old.buckets,
          replicationNum: old.replicationNum,
          isTemp: false,
          storageMedium: old.storageMedium,
        },
        [...old.indexes.keys()],
        [...ctx.fe.backends.values()],
        () => ctx.fe.sequences.allocId(),
        ctx.fe.clock.now(),
      );
      replaced.set(old.id, fresh);
      oldIds.push(old.id);
      for (const index of old.indexes.values()) {
        for (const tablet of index.tablets)
          for (const backend of ctx.fe.backends.values()) backend.dropTablet(tablet.id);
      }
      ctx.fe.store.deletePartitionVersion(old.id);
    }
    replacePartitionsInPlace(table, replaced);
    ctx.fe.catalog.saveTable(db, table);
    // PartitionNames.toSql: the names as written, unquoted.
    const rawSql = stmt.partitions.length === 0 ? '' : `PARTITIONS (${stmt.partitions.join(', ')})`;
    logDdl(ctx.fe, BinlogType.TRUNCATE_TABLE, db.id, [table.id], () => ({
      dbId: db.id,
      db: db.name,
      tblId: table.id,
      table: table.name,
      isEntireTable: stmt.partitions.length === 0,
      rawSql,
      oldPartitionIds: oldIds,
    }));
  });
  return ok();
}

/** Swaps partitions by id while keeping their position (partition order is definition order). */
export function replacePartitionsInPlace(table: OlapTable, replaced: ReadonlyMap<bigint, Partition>): void {
  const order = [...table.partitions.values()].map((p) => replaced.get(p.id) ?? p);
  table.partitions.clear();
  for (const p of order) table.partitions.set(p.id, p);
}

export { findTable };

// RECOVER TABLE / PARTITION / DATABASE: bring a recycled object back with its ids, tablets and data, under its
// old name or a new one. Table and partition recovery record RECOVER_INFO (the syncer answers it with a
// partial snapshot); database recovery records nothing, as in Doris (its RecoverInfo has no table name).
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import { tableByName } from '../../catalog/database.js';
import { compareKeys, rangesOverlap } from '../../catalog/partition-item.js';
import type { OlapTable, Partition } from '../../catalog/table.js';
import { logDdl } from '../exec/ddl-log.js';
import { commitAtomically } from '../exec/dml/atomic-commit.js';
import { type ExecContext, requireDb } from '../exec/exec-context.js';
import { ok } from '../exec/result-helpers.js';
import { partitionTypes } from '../load/publisher.js';
import { dorisError, SqlError } from '../mysql/session-types.js';
import type {
  RecoverDatabaseStatement,
  RecoverPartitionStatement,
  RecoverTableStatement,
} from '../sql/index.js';
import { latest, recycledDatabases, recycledPartitions, recycledTables } from './recycle-entries.js';

/** RECOVER needs ALTER, CREATE or ADMIN on the object (Doris checks the three with OR). */
function checkRecoverPriv(ctx: ExecContext, db: string, table?: string): void {
  const user = ctx.session.user;
  const allowed = (['ALTER', 'CREATE', 'ADMIN'] as const).some((p) =>
    table === undefined ? ctx.fe.auth.has(user, p, db) : ctx.fe.auth.has(user, p, db, table),
  );
  if (allowed) return;
  if (table === undefined) {
    throw new SqlError(
      `errCode = 2, detailMessage = Access denied for user '${user}' to database '${db}'`,
      1044,
      '42000',
    );
  }
  throw new SqlError(
    `errCode = 2, detailMessage = RECOVERY command denied to user '${user}'@'%' for table '${db}: ${table}'`,
    1142,
    '42000',
  );
}

function tableExists(name: string): SqlError {
  return new SqlError(`errCode = 2, detailMessage = Table '${name}' already exists`, 1050, '42S01');
}

/** RECOVER_INFO as the FE's Gson writes RecoverInfo (member order as declared; no commitSeq). */
function recoverInfo(
  dbId: bigint,
  tableId: bigint,
  tableName: string,
  newTableName: string,
  partition?: { id: bigint; name: string; newName: string },
): object {
  return {
    dbId,
    newDbName: '',
    tableId,
    tableName,
    newTableName,
    partitionId: partition?.id ?? -1n,
    partitionName: partition?.name ?? '',
    newPartitionName: partition?.newName ?? '',
  };
}

export function recoverTable(ctx: ExecContext, stmt: RecoverTableStatement) {
  const db = requireDb(ctx, stmt.table.database);
  const name = stmt.table.table;
  checkRecoverPriv(ctx, db.name, name);
  const target = stmt.newName ?? name;
  if (tableByName(db, target)) throw tableExists(target);
  const entry = latest(recycledTables(ctx.fe.store).filter((e) => e.dbId === db.id && e.table.name === name));
  if (!entry) throw dorisError(`Unknown table '${name}' or table id '-1' in ${db.name}`);
  const table = entry.table;
  commitAtomically(ctx.fe, () => {
    ctx.fe.store.deleteObject(table.id);
    table.name = target;
    ctx.fe.catalog.saveTable(db, table);
    logDdl(ctx.fe, BinlogType.RECOVER_INFO, db.id, [table.id], () =>
      recoverInfo(db.id, table.id, name, stmt.newName ?? ''),
    );
  });
  return ok();
}

function findOlapTable(db: Database, name: string): OlapTable {
  const table = tableByName(db, name);
  if (!table) throw new SqlError(`errCode = 2, detailMessage = Unknown table '${name}'`, 1051, '42S02');
  if (table.kind !== 'OLAP') throw dorisError(`Table '${name}' is not a OLAP table`);
  return table;
}

function partitionNamed(table: OlapTable, name: string): Partition | undefined {
  // Partition names are case-insensitive in Doris.
  const lower = name.toLowerCase();
  return [...table.partitions.values()].find((p) => p.name.toLowerCase() === lower);
}

function conflicts(table: OlapTable, recovered: Partition): boolean {
  const item = recovered.item;
  if (!item) return table.partitions.size > 0;
  const types = partitionTypes(table);
  return [...table.partitions.values()].some((p) => {
    if (!p.item || p.item.kind !== item.kind) return false;
    if (p.item.kind === 'range' && item.kind === 'range') return rangesOverlap(types, p.item, item);
    if (p.item.kind === 'list' && item.kind === 'list') {
      const existing = p.item.keys;
      return item.keys.some((k) => existing.some((e) => compareKeys(types, e, k) === 0));
    }
    return false;
  });
}

/** Puts a recovered partition back where its range sorts (SHOW PARTITIONS lists ranges in order). */
function addInOrder(table: OlapTable, partition: Partition): void {
  const all = [...table.partitions.values(), partition];
  const item = partition.item;
  if (item?.kind === 'range') {
    const types = partitionTypes(table);
    all.sort((a, b) =>
      a.item?.kind === 'range' && b.item?.kind === 'range'
        ? compareKeys(types, a.item.lower, b.item.lower)
        : 0,
    );
  }
  table.partitions.clear();
  for (const p of all) table.partitions.set(p.id, p);
}

export function recoverPartition(ctx: ExecContext, stmt: RecoverPartitionStatement) {
  const db = requireDb(ctx, stmt.table.database);
  const table = findOlapTable(db, stmt.table.table);
  checkRecoverPriv(ctx, db.name, table.name);
  const name = stmt.partition;
  const target = stmt.newName ?? name;
  if (partitionNamed(table, target)) {
    throw dorisError(`partition[${target}] already exist in table[${table.name}]`);
  }
  const lower = name.toLowerCase();
  const entry = latest(
    recycledPartitions(ctx.fe.store).filter(
      (e) => e.tableId === table.id && e.partition.name.toLowerCase() === lower,
    ),
  );
  if (!entry) throw dorisError(`No partition named '${name}' or partition id '-1' in table ${table.name}`);
  if (conflicts(table, entry.partition)) {
    throw dorisError(`Can not recover partition[${name}]. Partition item conflict.`);
  }
  const partition: Partition = { ...entry.partition, name: target };
  commitAtomically(ctx.fe, () => {
    ctx.fe.store.deleteObject(partition.id);
    addInOrder(table, partition);
    ctx.fe.catalog.saveTable(db, table);
    logDdl(ctx.fe, BinlogType.RECOVER_INFO, db.id, [table.id], () =>
      recoverInfo(db.id, table.id, table.name, '', {
        id: partition.id,
        name: entry.partition.name,
        newName: stmt.newName ?? '',
      }),
    );
  });
  return ok();
}

export function recoverDatabase(ctx: ExecContext, stmt: RecoverDatabaseStatement) {
  const name = stmt.database;
  const target = stmt.newName ?? name;
  checkRecoverPriv(ctx, name);
  if (ctx.fe.catalog.databaseByName(target)) throw dorisError(`Database[${target}] already exist.`);
  const entry = latest(recycledDatabases(ctx.fe.store).filter((e) => e.name === name));
  if (!entry) throw dorisError(`Unknown database '${name}' or database id '-1'`);
  const ids = new Set(entry.tableIds);
  const tables = recycledTables(ctx.fe.store).filter((t) => t.dbId === entry.id && ids.has(t.table.id));
  const missing = entry.tableNames.filter((n) => !tables.some((t) => t.table.name === n));
  if (missing.length > 0) {
    throw dorisError(`Tables[[${missing.join(', ')}]] is missing. Can not recover db`);
  }
  commitAtomically(ctx.fe, () => {
    ctx.fe.store.deleteObject(entry.id);
    const db: Database = {
      id: entry.id,
      name: target,
      properties: entry.properties,
      tables: new Map(),
      createTime: entry.createTime,
    };
    ctx.fe.catalog.saveDatabase(db);
    for (const { table } of tables) {
      ctx.fe.store.deleteObject(table.id);
      ctx.fe.catalog.saveTable(db, table);
    }
    ctx.fe.sequences.allocJournalId();
  });
  return ok();
}

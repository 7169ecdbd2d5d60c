// The catalog recycle bin (Doris's CatalogRecycleBin): DROP TABLE / DROP PARTITION / DROP DATABASE without
// FORCE keep the object (and its tablets' data on the BEs) for `catalog_trash_expire_second`, so RECOVER can
// bring it back with the same ids (recover-exec.ts). Expired entries are erased by the daemon
// (recycle-daemon.ts, recycle-erase.ts). FORCE drops never come here: their callers erase at once.
import type { Database } from '../../catalog/database.js';
import type { OlapTable, Partition, TableObject } from '../../catalog/table.js';
import type { Frontend } from '../frontend.js';
import { ensureRecycleDaemon } from './recycle-daemon.js';
import { putRecycledDatabase, putRecycledPartition, putRecycledTable } from './recycle-entries.js';

/** Keeps a dropped table; the caller has already removed it from the catalog (inside its commit). */
export function recycleTable(fe: Frontend, db: Database, table: TableObject): void {
  putRecycledTable(fe.store, { dbId: db.id, table, recycleTime: fe.clock.now() });
  ensureRecycleDaemon(fe);
}

/** Keeps a dropped partition; the caller has already removed it from the table (inside its commit). */
export function recyclePartition(fe: Frontend, db: Database, table: OlapTable, partition: Partition): void {
  putRecycledPartition(fe.store, {
    dbId: db.id,
    tableId: table.id,
    tableName: table.name,
    partition,
    recycleTime: fe.clock.now(),
  });
  ensureRecycleDaemon(fe);
}

/**
 * Keeps a dropped database and the tables it had (`tables` as they were before the drop emptied it). As in
 * Doris, each table becomes a recycled table of its own and the database remembers their ids and names, so
 * RECOVER DATABASE can collect them again.
 */
export function recycleDatabase(fe: Frontend, db: Database, tables: readonly TableObject[]): void {
  const now = fe.clock.now();
  for (const table of tables) putRecycledTable(fe.store, { dbId: db.id, table, recycleTime: now });
  putRecycledDatabase(fe.store, {
    id: db.id,
    name: db.name,
    properties: db.properties,
    createTime: db.createTime,
    tableIds: tables.map((t) => t.id),
    tableNames: tables.map((t) => t.name),
    recycleTime: now,
  });
  ensureRecycleDaemon(fe);
}

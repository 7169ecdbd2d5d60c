// Erasing recycle bin entries for good: the tablets' data on every BE, the partition version rows and the bin
// entry itself. Runs inside the caller's store transaction (the expiry daemon commits one pass at a time).
import type { Frontend } from '../frontend.js';
import {
  partitionTabletIds,
  type RecycledDatabase,
  type RecycledPartition,
  type RecycledTable,
  recycledDatabases,
  recycledPartitions,
  recycledTables,
  tableTabletIds,
} from './recycle-entries.js';

function dropTablets(fe: Frontend, tabletIds: readonly bigint[]): void {
  for (const backend of fe.backends.values()) for (const id of tabletIds) backend.dropTablet(id);
}

/** Erases a recycled table for good: its tablets' data on every BE and the bin entry. */
export function eraseTable(fe: Frontend, entry: RecycledTable): void {
  if (entry.table.kind === 'OLAP') {
    dropTablets(fe, tableTabletIds(entry.table));
    for (const p of [...entry.table.partitions.values(), ...entry.table.tempPartitions.values()]) {
      fe.store.deletePartitionVersion(p.id);
    }
  }
  fe.store.deleteObject(entry.table.id);
}

export function erasePartition(fe: Frontend, entry: RecycledPartition): void {
  dropTablets(fe, partitionTabletIds(entry.partition));
  fe.store.deletePartitionVersion(entry.partition.id);
  fe.store.deleteObject(entry.partition.id);
}

/** Erases a recycled database together with the recycled tables it still owns. */
export function eraseDatabase(fe: Frontend, entry: RecycledDatabase): void {
  const owned = new Set(entry.tableIds);
  for (const t of recycledTables(fe.store))
    if (t.dbId === entry.id && owned.has(t.table.id)) eraseTable(fe, t);
  fe.store.deleteObject(entry.id);
}

/**
 * Erases every entry older than `catalog_trash_expire_second` in one store transaction; returns how many
 * entries went. Doris also waits at least 10 minutes before erasing anything; the sandbox honours only the
 * configured expiry so that tests can observe it.
 */
export function purgeExpiredEntries(fe: Frontend): number {
  const expireMs = fe.config.int('catalog_trash_expire_second') * 1000;
  const now = fe.clock.now();
  const expired = (e: { recycleTime: number }) => now - e.recycleTime > expireMs;
  const databases = recycledDatabases(fe.store).filter(expired);
  const tables = recycledTables(fe.store).filter(expired);
  const partitions = recycledPartitions(fe.store).filter(expired);
  if (databases.length + tables.length + partitions.length === 0) return 0;
  return fe.commit(() => {
    // Databases first: erasing one also erases the tables it owns, which must not be erased twice.
    for (const d of databases) eraseDatabase(fe, d);
    const remaining = new Set(recycledTables(fe.store).map((t) => t.table.id));
    for (const t of tables) if (remaining.has(t.table.id)) eraseTable(fe, t);
    for (const p of partitions) erasePartition(fe, p);
    return databases.length + tables.length + partitions.length;
  });
}

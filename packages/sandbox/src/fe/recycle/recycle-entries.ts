// What the recycle bin keeps and how it is stored. Entries live only in the metadata store (catalog_objects
// rows of the recycled_* kinds), never in memory: a recycle or recover then commits or rolls back with the
// statement's own store transaction, and the bin survives a restart without a load step.
import type { OlapTable, Partition, TableObject } from '../../catalog/table.js';
import { decodeJson, encodeJson } from '../../storage/json-codec.js';
import type { MetaStore } from '../../storage/meta-store.js';

/** A dropped table or view (Doris's RecycleTableInfo), with the database it belonged to. */
export interface RecycledTable {
  readonly dbId: bigint;
  readonly table: TableObject;
  /** ms since epoch, from the FE clock. */
  readonly recycleTime: number;
}

/** A dropped partition (RecyclePartitionInfo): the partition object keeps its item, tablets and version. */
export interface RecycledPartition {
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly tableName: string;
  readonly partition: Partition;
  readonly recycleTime: number;
}

/** A dropped database (RecycleDatabaseInfo); its tables are recycled as RecycledTable entries of their own. */
export interface RecycledDatabase {
  readonly id: bigint;
  readonly name: string;
  readonly properties: Map<string, string>;
  readonly createTime: number;
  readonly tableIds: bigint[];
  readonly tableNames: string[];
  readonly recycleTime: number;
}

export function putRecycledTable(store: MetaStore, entry: RecycledTable): void {
  store.putObject('recycled_table', entry.table.id, entry.dbId, encodeJson(entry));
}

export function putRecycledPartition(store: MetaStore, entry: RecycledPartition): void {
  store.putObject('recycled_partition', entry.partition.id, entry.tableId, encodeJson(entry));
}

export function putRecycledDatabase(store: MetaStore, entry: RecycledDatabase): void {
  store.putObject('recycled_database', entry.id, null, encodeJson(entry));
}

export function recycledTables(store: MetaStore): RecycledTable[] {
  return store.objects('recycled_table').map((row) => decodeJson<RecycledTable>(row.body));
}

export function recycledPartitions(store: MetaStore): RecycledPartition[] {
  return store.objects('recycled_partition').map((row) => decodeJson<RecycledPartition>(row.body));
}

export function recycledDatabases(store: MetaStore): RecycledDatabase[] {
  return store.objects('recycled_database').map((row) => decodeJson<RecycledDatabase>(row.body));
}

/** The most recently recycled of several same-named entries (what RECOVER without an id picks, as in Doris). */
export function latest<T extends { readonly recycleTime: number }>(entries: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const e of entries) if (!best || e.recycleTime >= best.recycleTime) best = e;
  return best;
}

/** Every tablet id of a table's partitions (formal and temporary) across all materialized indexes. */
export function tableTabletIds(table: OlapTable): bigint[] {
  return [...table.partitions.values(), ...table.tempPartitions.values()].flatMap(partitionTabletIds);
}

export function partitionTabletIds(partition: Partition): bigint[] {
  return [...partition.indexes.values()].flatMap((index) => index.tablets.map((t) => t.id));
}

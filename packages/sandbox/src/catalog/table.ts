// Catalog objects of a database: OLAP tables (with partitions, materialized indexes, tablets, replicas) and
// views. Plain data, mutated only by the FE's executors and restored from the store at start-up.
import type { Column } from './column.js';
import type { PartitionItem } from './partition-item.js';

export type KeysType = 'DUP_KEYS' | 'UNIQUE_KEYS' | 'AGG_KEYS';
export type PartitionType = 'UNPARTITIONED' | 'RANGE' | 'LIST';

export interface Replica {
  readonly id: bigint;
  readonly backendId: bigint;
  /** ADMIN SET REPLICA STATUS "bad": neither read nor written; the tablet scheduler replaces it. */
  bad?: boolean;
  /** ADMIN SET REPLICA STATUS "drop": still read and written until a healthy replica replaces it. */
  userDrop?: boolean;
  /**
   * Set when the tablet scheduler removes the replica (decommission, drop, balance, surplus): Doris's
   * DECOMMISSION replica state with its watermark. It is deleted once no transaction of the database with
   * an id up to `afterTxn` is still running, so loads that started before the move still commit here.
   */
  leaving?: { afterTxn: bigint };
}

export interface Tablet {
  readonly id: bigint;
  readonly replicas: Replica[];
}

/** The tablets of one materialized index within one partition, in bucket order. */
export interface PartitionIndex {
  readonly indexId: bigint;
  readonly tablets: Tablet[];
}

export interface Partition {
  readonly id: bigint;
  name: string;
  readonly item: PartitionItem | undefined;
  readonly buckets: number;
  readonly isTemp: boolean;
  /** Keyed by index id: the base index and every rollup/shadow index. */
  readonly indexes: Map<bigint, PartitionIndex>;
  visibleVersion: bigint;
  visibleVersionTime: number;
  readonly replicationNum: number;
  storageMedium: 'HDD' | 'SSD';
}

export type IndexState = 'NORMAL' | 'SHADOW';

/** Schema of a materialized index (the base index is named after the table; rollups have their own names). */
export interface IndexMeta {
  readonly id: bigint;
  name: string;
  columns: Column[];
  readonly keysType: KeysType;
  schemaHash: number;
  schemaVersion: number;
  state: IndexState;
  /** For synchronous materialized views: the defining SELECT text. */
  readonly defineSql?: string;
}

export interface IndexDef {
  readonly id: bigint;
  name: string;
  readonly columns: string[];
  readonly indexType: 'INVERTED' | 'BITMAP' | 'NGRAM_BF' | 'BLOOMFILTER';
  readonly properties: Map<string, string>;
  comment: string;
}

export interface Distribution {
  readonly type: 'HASH' | 'RANDOM';
  readonly columns: string[];
  buckets: number;
  readonly autoBuckets: boolean;
}

export type TableState = 'NORMAL' | 'SCHEMA_CHANGE' | 'ROLLUP' | 'RESTORE' | 'WAITING_STABLE';

export interface OlapTable {
  readonly kind: 'OLAP';
  readonly id: bigint;
  name: string;
  readonly keysType: KeysType;
  baseIndexId: bigint;
  readonly indexes: Map<bigint, IndexMeta>;
  readonly partitionType: PartitionType;
  readonly partitionColumns: string[];
  readonly partitions: Map<bigint, Partition>;
  readonly tempPartitions: Map<bigint, Partition>;
  readonly distribution: Distribution;
  readonly properties: Map<string, string>;
  comment: string;
  readonly invertedIndexes: IndexDef[];
  state: TableState;
  nextColumnUniqueId: number;
  readonly createTime: number;
}

export interface View {
  readonly kind: 'VIEW';
  readonly id: bigint;
  name: string;
  /** The SELECT as Doris stores it: fully qualified with `internal`.`db`. */
  definition: string;
  columns: Array<{ name: string; typeSql: string; comment: string }>;
  comment: string;
  readonly createTime: number;
}

export type TableObject = OlapTable | View;

export function baseIndex(table: OlapTable): IndexMeta {
  const index = table.indexes.get(table.baseIndexId);
  if (!index) throw new Error(`table ${table.name} has no base index ${table.baseIndexId}`);
  return index;
}

export function baseColumns(table: OlapTable): Column[] {
  return baseIndex(table).columns;
}

export function allPartitions(table: OlapTable): Partition[] {
  return [...table.partitions.values(), ...table.tempPartitions.values()];
}

/** Whether the table's VARIANT columns read arrays of objects as nested columns (`variant_enable_flatten_nested`). */
export function flattensNested(table: OlapTable): boolean {
  return table.properties.get('variant_enable_flatten_nested')?.toLowerCase() === 'true';
}

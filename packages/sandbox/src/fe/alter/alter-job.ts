// Alter jobs (Doris's AlterJobV2 and IndexChangeJob): schema changes that rewrite data into shadow
// indexes, rollup / synchronous materialized view builds, and inverted index builds. A job is plain data,
// persisted as a catalog object of kind 'job' after every state change so it survives a restart.
import type { Column } from '../../catalog/column.js';
import type { IndexDef, KeysType, Replica } from '../../catalog/table.js';

export type AlterJobState = 'PENDING' | 'WAITING_TXN' | 'RUNNING' | 'FINISHED' | 'CANCELLED';

/** A new tablet built from one tablet of the origin (or base) index, on the same backends. */
export interface JobTablet {
  readonly id: bigint;
  readonly originTabletId: bigint;
  readonly replicas: Replica[];
}

export interface JobPartition {
  readonly partitionId: bigint;
  readonly tablets: JobTablet[];
}

interface JobBase {
  readonly jobId: bigint;
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly tableName: string;
  readonly rawSql: string;
  readonly createTimeMs: number;
  finishedTimeMs: number;
  readonly timeoutMs: number;
  state: AlterJobState;
  errMsg: string;
  /** Transactions with a smaller id must finish before the job converts data (-1 until WAITING_TXN). */
  watershedTxnId: bigint;
}

/** One index rewritten by a schema change: the shadow index replaces the origin index when the job finishes. */
export interface ShadowIndex {
  readonly shadowIndexId: bigint;
  readonly originIndexId: bigint;
  /** `__doris_shadow_<origin name>` while the job runs. */
  readonly shadowName: string;
  readonly originName: string;
  readonly schemaVersion: number;
  readonly schemaHash: number;
  /** New schema; modified columns keep their unique id and carry the shadow prefix until the job ends. */
  readonly columns: Column[];
  readonly keysType: KeysType;
  readonly partitions: JobPartition[];
}

export interface SchemaChangeJob extends JobBase {
  readonly kind: 'SCHEMA_CHANGE';
  /** A light schema change is a metadata-only job that is FINISHED when created (shown by SHOW ALTER). */
  readonly light: boolean;
  readonly indexes: ShadowIndex[];
  /** The table's index definitions once the job finishes (heavy ADD/DROP INDEX of non-inverted indexes). */
  readonly newIndexDefs?: IndexDef[];
  /**
   * Table properties the job sets when it finishes (null removes one): bloom filter columns and fpp, the
   * sequence type of ENABLE FEATURE "SEQUENCE_LOAD" — Doris changes them with the rewritten data.
   */
  readonly newProperties?: Readonly<Record<string, string | null>>;
}

export interface RollupJob extends JobBase {
  readonly kind: 'ROLLUP';
  readonly baseIndexId: bigint;
  readonly baseIndexName: string;
  readonly rollupIndexId: bigint;
  readonly rollupIndexName: string;
  readonly columns: Column[];
  readonly keysType: KeysType;
  readonly schemaHash: number;
  /** Synchronous materialized view: the defining statement. */
  readonly defineSql?: string;
  readonly partitions: JobPartition[];
}

/** BUILD INDEX (or a heavy index drop) on one partition. */
export interface IndexChangeJob extends JobBase {
  readonly kind: 'INDEX_CHANGE';
  readonly partitionId: bigint;
  readonly partitionName: string;
  readonly isDropOp: boolean;
  readonly originIndexId: bigint;
  readonly alterIndexes: IndexDef[];
}

export type AlterJob = SchemaChangeJob | RollupJob | IndexChangeJob;

export function isFinalState(state: AlterJobState): boolean {
  return state === 'FINISHED' || state === 'CANCELLED';
}

/** Doris's alter_table_timeout_second default (one day). */
export const ALTER_TIMEOUT_MS = 86_400_000;

export const SHADOW_PREFIX = '__doris_shadow_';

export function stripShadowPrefix(name: string): string {
  return name.startsWith(SHADOW_PREFIX) ? name.slice(SHADOW_PREFIX.length) : name;
}

import { asInt64, type ObjectReader } from '../../json/reader.js';
import type { JsonObject, JsonValue } from '../../json/value.js';
import { type IndexDef, readIndexDef } from './index-def.js';

/** ALTER_JOB (5): a state change of a schema-change or rollup job. */
export interface AlterJobRecord {
  readonly kind: 'alterJob';
  /** `SCHEMA_CHANGE` or `ROLLUP`. */
  readonly type: string;
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly tableName: string;
  readonly jobId: bigint;
  /** `PENDING`, `WAITING_TXN`, `RUNNING`, `FINISHED` or `CANCELLED`. */
  readonly jobState: string;
  readonly rawSql: string;
  /** Schema change only: shadow index id → origin index id. */
  readonly iim: ReadonlyMap<bigint, bigint>;
  /** Rollup only (2.1.8/3.0.4+). */
  readonly rollupIndexId: bigint;
  /** Rollup only; read from `rollUpIndexName` or `rollupIndexName` (any letter case). */
  readonly rollUpIndexName: string;
  readonly baseIndexId: bigint;
  readonly baseIndexName: string;
  readonly raw: JsonObject;
}

/** INDEX_CHANGE_JOB (20): a state change of a `BUILD INDEX` / heavy index drop job (one per partition). */
export interface IndexChangeJobRecord {
  readonly kind: 'indexChangeJob';
  readonly jobId: bigint;
  /** `WAITING_TXN`, `RUNNING`, `FINISHED` or `CANCELLED`. */
  readonly jobState: string;
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly tableName: string;
  readonly partitionId: bigint;
  readonly partitionName: string;
  readonly errMsg: string;
  readonly createTimeMs: bigint;
  readonly finishedTimeMs: bigint;
  readonly watershedTxnId: bigint;
  readonly isDropOp: boolean;
  readonly alterInvertedIndexes: readonly IndexDef[];
  readonly originIndexId: bigint;
  /** FE-internal, verbatim. */
  readonly invertedIndexBatchTask: JsonValue | undefined;
  /** Some versions only, verbatim. */
  readonly failedTabletBackends: JsonValue | undefined;
  readonly timeoutMs: bigint;
  readonly raw: JsonObject;
}

export function readAlterJob(r: ObjectReader): AlterJobRecord {
  return {
    kind: 'alterJob',
    type: r.string('type'),
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    tableName: r.string('tableName'),
    jobId: r.int64('jobId'),
    jobState: r.string('jobState'),
    rawSql: r.string('rawSql'),
    iim: r.idMap('iim', asInt64),
    rollupIndexId: r.int64('rollupIndexId'),
    rollUpIndexName: r.string(['rollUpIndexName', 'rollupIndexName']),
    baseIndexId: r.int64('baseIndexId'),
    baseIndexName: r.string('baseIndexName'),
    raw: r.raw,
  };
}

export function readIndexChangeJob(r: ObjectReader): IndexChangeJobRecord {
  return {
    kind: 'indexChangeJob',
    jobId: r.int64('jobId'),
    jobState: r.string('jobState'),
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    tableName: r.string('tableName'),
    partitionId: r.int64('partitionId'),
    partitionName: r.string('partitionName'),
    errMsg: r.string('errMsg'),
    createTimeMs: r.int64('createTimeMs'),
    finishedTimeMs: r.int64('finishedTimeMs'),
    watershedTxnId: r.int64('watershedTxnId'),
    isDropOp: r.boolean('isDropOp'),
    alterInvertedIndexes: r.objectList('alterInvertedIndexes', readIndexDef),
    originIndexId: r.int64('originIndexId'),
    invertedIndexBatchTask: r.value('invertedIndexBatchTask'),
    failedTabletBackends: r.value('failedTabletBackends'),
    timeoutMs: r.int64('timeoutMs'),
    raw: r.raw,
  };
}

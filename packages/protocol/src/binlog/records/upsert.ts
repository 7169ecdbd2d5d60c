import type { ObjectReader } from '../../json/reader.js';
import { asObject } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';

/** One partition written by a load transaction. */
export interface UpsertPartitionRecord {
  readonly partitionId: bigint;
  /** Canonical range/list string of the partition, verbatim (`''` for unpartitioned tables). */
  readonly range: string;
  /** Partition version produced by the txn (the `binlog_version` for ingest). */
  readonly version: bigint;
  readonly isTempPartition: boolean;
  /** 3.0+ sub-txn id; −1 for ordinary txns; 0 when absent (2.1). */
  readonly stid: bigint;
  readonly raw: JsonObject;
}

/** What a load transaction wrote into one table. */
export interface UpsertTableRecord {
  readonly partitionRecords: readonly UpsertPartitionRecord[];
  /** Materialized indexes written (may include shadow indexes of a running schema change / rollup). */
  readonly indexIds: readonly bigint[];
  readonly raw: JsonObject;
}

/** UPSERT (0): a load transaction became visible. */
export interface UpsertRecord {
  readonly kind: 'upsert';
  readonly commitSeq: bigint;
  readonly txnId: bigint;
  /** Txn finish time, ms (JSON key spelled `timeStamp`). */
  readonly timeStamp: bigint;
  readonly label: string;
  readonly dbId: bigint;
  /** Table id → what the txn wrote into it. */
  readonly tableRecords: ReadonlyMap<bigint, UpsertTableRecord>;
  /** 3.0+ txn-insert only: sub-txn ids in order; empty otherwise. */
  readonly stids: readonly bigint[];
  readonly raw: JsonObject;
}

function readPartitionRecord(r: ObjectReader): UpsertPartitionRecord {
  return {
    partitionId: r.int64('partitionId'),
    range: r.string('range'),
    version: r.int64('version'),
    isTempPartition: r.boolean('isTempPartition'),
    stid: r.int64('stid'),
    raw: r.raw,
  };
}

function readTableRecord(r: ObjectReader): UpsertTableRecord {
  return {
    partitionRecords: r.objectList('partitionRecords', readPartitionRecord),
    indexIds: r.int64List('indexIds'),
    raw: r.raw,
  };
}

export function readUpsert(r: ObjectReader): UpsertRecord {
  return {
    kind: 'upsert',
    commitSeq: r.int64('commitSeq'),
    txnId: r.int64('txnId'),
    timeStamp: r.int64('timeStamp'),
    label: r.string('label'),
    dbId: r.int64('dbId'),
    tableRecords: r.idMap('tableRecords', (value, path) => readTableRecord(asObject(value, path))),
    stids: r.int64List('stids'),
    raw: r.raw,
  };
}

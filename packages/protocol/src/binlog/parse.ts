import { JsonSyntaxError, parseJson } from '../json/parse.js';
import { JsonReadError, ObjectReader } from '../json/reader.js';
import { describeJsonType, isJsonObject } from '../json/value.js';
import { BinlogType, type BinlogTypeName, binlogTypeName, describeBinlogType } from './binlog-type.js';
import { BinlogRecordError } from './errors.js';
import type { BinlogRecord, BinlogRecordKind, BinlogRecordOfKind } from './record.js';
import { readBarrierFields } from './records/barrier.js';
import {
  readModifyDistributionBucketNum,
  readModifyDistributionType,
} from './records/distribution-records.js';
import { dummyRecord } from './records/dummy.js';
import { readAlterJob, readIndexChangeJob } from './records/job-records.js';
import {
  readAddPartition,
  readDropPartition,
  readModifyPartitions,
  readReplacePartitions,
} from './records/partition-records.js';
import {
  readAlterDatabaseProperty,
  readModifyComment,
  readModifyTableProperty,
  readModifyViewDef,
} from './records/property-records.js';
import { readRename } from './records/rename-records.js';
import {
  readDropRollup,
  readModifyTableAddOrDropColumns,
  readModifyTableAddOrDropInvertedIndices,
  readRenameColumn,
} from './records/schema-records.js';
import {
  readCreateTable,
  readDropTable,
  readRecoverInfo,
  readReplaceTable,
  readTruncateTable,
} from './records/table-records.js';
import { readUpsert } from './records/upsert.js';

type PayloadReader = (r: ObjectReader, commitSeq: bigint) => BinlogRecord;

/** Readers of every type that carries a JSON payload (all but DUMMY). */
const PAYLOAD_READERS: Readonly<Record<Exclude<BinlogTypeName, 'DUMMY'>, PayloadReader>> = {
  UPSERT: readUpsert,
  ADD_PARTITION: readAddPartition,
  CREATE_TABLE: readCreateTable,
  DROP_PARTITION: readDropPartition,
  DROP_TABLE: readDropTable,
  ALTER_JOB: readAlterJob,
  MODIFY_TABLE_ADD_OR_DROP_COLUMNS: readModifyTableAddOrDropColumns,
  ALTER_DATABASE_PROPERTY: readAlterDatabaseProperty,
  MODIFY_TABLE_PROPERTY: readModifyTableProperty,
  BARRIER: readBarrier,
  MODIFY_PARTITIONS: readModifyPartitions,
  REPLACE_PARTITIONS: readReplacePartitions,
  TRUNCATE_TABLE: readTruncateTable,
  RENAME_TABLE: (r) => readRename(r, 'renameTable'),
  RENAME_COLUMN: readRenameColumn,
  MODIFY_COMMENT: readModifyComment,
  MODIFY_VIEW_DEF: readModifyViewDef,
  REPLACE_TABLE: readReplaceTable,
  MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES: readModifyTableAddOrDropInvertedIndices,
  INDEX_CHANGE_JOB: readIndexChangeJob,
  RENAME_ROLLUP: (r) => readRename(r, 'renameRollup'),
  RENAME_PARTITION: (r) => readRename(r, 'renamePartition'),
  DROP_ROLLUP: readDropRollup,
  RECOVER_INFO: readRecoverInfo,
  MODIFY_DISTRIBUTION_BUCKET_NUM: readModifyDistributionBucketNum,
  MODIFY_DISTRIBUTION_TYPE: readModifyDistributionType,
};

function readBarrier(r: ObjectReader, commitSeq: bigint): BinlogRecord {
  const fields = readBarrierFields(r);
  if (fields.binlog === '') return { ...fields, wrapped: undefined };
  let wrapped: BinlogRecord;
  try {
    wrapped = parseBinlogPayload(fields.binlogType, fields.binlog, commitSeq);
  } catch (error) {
    const reason = error instanceof BinlogRecordError ? error.reason : String(error);
    throw new BinlogRecordError(
      commitSeq,
      BinlogType.BARRIER,
      `wrapped ${describeBinlogType(fields.binlogType)} payload: ${reason}`,
      { cause: error },
    );
  }
  return { ...fields, wrapped };
}

/**
 * Parses the JSON payload (`TBinlog.data`) of a binlog of the given TBinlogType.
 *
 * Barrier wrappers are parsed recursively (`wrapped`, with the same commit seq); DUMMY needs no data.
 *
 * @throws BinlogRecordError for an unknown type, missing or malformed JSON, a payload that is not a JSON
 *   object, or a member of the wrong JSON type. Nothing else is ever thrown.
 */
export function parseBinlogPayload(
  type: number,
  data: string | null | undefined,
  commitSeq: bigint,
): BinlogRecord {
  const name = binlogTypeName(type);
  if (name === undefined) throw new BinlogRecordError(commitSeq, type, `unknown binlog type ${type}`);
  if (name === 'DUMMY') return dummyRecord();
  if (data === undefined || data === null) throw new BinlogRecordError(commitSeq, type, 'binlog has no data');
  try {
    const value = parseJson(data);
    if (!isJsonObject(value)) {
      throw new BinlogRecordError(
        commitSeq,
        type,
        `payload is ${describeJsonType(value)}, not a JSON object`,
      );
    }
    return PAYLOAD_READERS[name](new ObjectReader(value), commitSeq);
  } catch (error) {
    if (error instanceof BinlogRecordError) throw error;
    if (error instanceof JsonSyntaxError) {
      throw new BinlogRecordError(commitSeq, type, `malformed JSON: ${error.message}`, { cause: error });
    }
    if (error instanceof JsonReadError) {
      throw new BinlogRecordError(commitSeq, type, error.message, { cause: error });
    }
    if (error instanceof RangeError) {
      throw new BinlogRecordError(commitSeq, type, 'payload nests too deeply', { cause: error });
    }
    // Defensive: a bug in a reader must still surface as a typed, attributable error.
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new BinlogRecordError(commitSeq, type, `unexpected error: ${detail}`, { cause: error });
  }
}

/** The effective record: the innermost wrapped record of a barrier wrapper, otherwise `record` itself. */
export function unwrapBarrier(record: BinlogRecord): BinlogRecord {
  let current = record;
  while (current.kind === 'barrier' && current.wrapped !== undefined) current = current.wrapped;
  return current;
}

/** Narrows a record to one kind, or undefined (handy after {@link unwrapBarrier}). */
export function asRecordOfKind<K extends BinlogRecordKind>(
  record: BinlogRecord,
  kind: K,
): BinlogRecordOfKind<K> | undefined {
  return record.kind === kind ? (record as BinlogRecordOfKind<K>) : undefined;
}

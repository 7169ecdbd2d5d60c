import { BinlogRecordError } from './errors.js';
import { parseBinlogPayload } from './parse.js';
import type { BinlogRecord } from './record.js';

/**
 * Structural view of the thrift `TBinlog` struct (fe-thrift.md §2.10). Every field is optional; thrift
 * code generators may also leave absent fields as `null`.
 */
export interface BinlogEnvelope {
  commit_seq?: bigint | null;
  timestamp?: bigint | null;
  type?: number | null;
  db_id?: bigint | null;
  table_ids?: readonly bigint[] | null;
  data?: string | null;
  belong?: bigint | null;
  /** FE-internal; ignored. */
  table_ref?: bigint | null;
  /** FE-internal; ignored. */
  remove_enable_cache?: boolean | null;
}

/** A binlog with its envelope fields normalised and its payload parsed. */
export interface ParsedBinlog {
  /** −1 when absent. */
  readonly commitSeq: bigint;
  /** ms epoch; −1 when absent (and for most non-UPSERT types in 2.1). */
  readonly timestamp: bigint;
  /** TBinlogType value as received (BARRIER for wrapped records; see {@link unwrapBarrier}). */
  readonly type: number;
  /** −1 when absent. */
  readonly dbId: bigint;
  /** Empty when absent (db-only records, DUMMY). */
  readonly tableIds: readonly bigint[];
  /** DUMMY: −1 = db dummy, else the owning table id; −1 when absent. */
  readonly belong: bigint;
  readonly record: BinlogRecord;
}

/**
 * Normalises a TBinlog and parses its payload.
 *
 * @throws BinlogRecordError when the binlog has no type or its payload cannot be parsed.
 */
export function parseBinlog(envelope: BinlogEnvelope): ParsedBinlog {
  const commitSeq = envelope.commit_seq ?? -1n;
  const type = envelope.type;
  if (type === undefined || type === null) {
    throw new BinlogRecordError(commitSeq, -1, 'binlog has no type');
  }
  return {
    commitSeq,
    timestamp: envelope.timestamp ?? -1n,
    type,
    dbId: envelope.db_id ?? -1n,
    tableIds: envelope.table_ids ? [...envelope.table_ids] : [],
    belong: envelope.belong ?? -1n,
    record: parseBinlogPayload(type, envelope.data, commitSeq),
  };
}

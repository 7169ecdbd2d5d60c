import { describeBinlogType } from './binlog-type.js';

/**
 * A binlog payload could not be turned into a record: unknown type, missing or malformed JSON, a payload
 * that is not an object, or a member of the wrong JSON type.
 */
export class BinlogRecordError extends Error {
  override readonly name = 'BinlogRecordError';
  /** Commit seq of the binlog (the outer one for barrier-wrapped records). */
  readonly commitSeq: bigint;
  /** The TBinlog `type` value as received (BARRIER for wrapped records). */
  readonly binlogType: number;
  /** What was wrong, without the commit seq / type prefix. */
  readonly reason: string;

  constructor(commitSeq: bigint, binlogType: number, reason: string, options?: { cause?: unknown }) {
    super(`binlog commit seq ${commitSeq}, type ${describeBinlogType(binlogType)}: ${reason}`, options);
    this.commitSeq = commitSeq;
    this.binlogType = binlogType;
    this.reason = reason;
  }
}

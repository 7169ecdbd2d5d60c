import assert from 'node:assert/strict';
import {
  type BinlogRecord,
  BinlogRecordError,
  type BinlogRecordKind,
  type BinlogRecordOfKind,
  parseBinlogPayload,
} from '../../src/binlog/index.js';

/** Parses `data` as a payload of `type` and asserts the record has `kind`, returning it narrowed. */
export function parseAs<K extends BinlogRecordKind>(
  type: number,
  data: string,
  kind: K,
  commitSeq = 100n,
): BinlogRecordOfKind<K> {
  const record: BinlogRecord = parseBinlogPayload(type, data, commitSeq);
  return expectKind(record, kind);
}

export function expectKind<K extends BinlogRecordKind>(
  record: BinlogRecord | undefined,
  kind: K,
): BinlogRecordOfKind<K> {
  assert.ok(record !== undefined, `expected a ${kind} record, got undefined`);
  assert.equal(record.kind, kind);
  return record as BinlogRecordOfKind<K>;
}

/** Runs `fn`, asserts it throws a BinlogRecordError and returns the error for further checks. */
export function expectBinlogError(fn: () => unknown): BinlogRecordError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof BinlogRecordError, `expected BinlogRecordError, got ${String(thrown)}`);
  return thrown;
}

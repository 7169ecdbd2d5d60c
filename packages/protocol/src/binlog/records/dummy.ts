import type { JsonObject } from '../../json/value.js';

/**
 * DUMMY (7): the head element of every binlog stream (returned with BINLOG_TOO_OLD_COMMIT_SEQ). It has no
 * payload; its meaning is in the envelope (`commit_seq` = largest expired seq, `belong`). A consumer runs
 * a full sync when it receives one.
 */
export interface DummyRecord {
  readonly kind: 'dummy';
  /** Always an empty object: DUMMY carries no data. */
  readonly raw: JsonObject;
}

export function dummyRecord(): DummyRecord {
  return { kind: 'dummy', raw: {} };
}

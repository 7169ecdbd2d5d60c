// Every catalog change takes a journal id (the commit seq) and, when binlog is enabled for it, leaves a
// binlog record with Doris's payload for its type. DDL payloads are written the way the FE's Gson does.
import type { Frontend } from '../frontend.js';
import { gsonJson } from '../load/publisher.js';

/** Allocates the operation's journal id and records its binlog; runs inside the operation's commit. */
export function logDdl(
  fe: Frontend,
  type: number,
  dbId: bigint,
  tableIds: bigint[],
  payload: (seq: bigint) => object,
): bigint {
  const seq = fe.sequences.allocJournalId();
  fe.binlog.record({ commitSeq: seq, dbId, type, timestamp: -1n, tableIds, data: gsonJson(payload(seq)) });
  return seq;
}

/** Wraps a record type that 2.1 ships inside a BARRIER (binlog-records.md §5). */
export function barrierPayload(dbId: bigint, tableId: bigint, binlogType: number, inner: object): object {
  return { dbId, tableId, binlogType, binlog: gsonJson(inner) };
}

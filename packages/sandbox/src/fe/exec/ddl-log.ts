// Every catalog change takes a journal id (the commit seq) and, when binlog is enabled for it, leaves a
// binlog record with Doris's payload for its type. DDL payloads are written the way the FE's Gson does.
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import type { TableObject } from '../../catalog/table.js';
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

/**
 * DROP_TABLE as Doris's DropTableRecord writes it for every drop (DROP TABLE, DROP VIEW, a restore's
 * clean_tables): one `DROP TABLE IF EXISTS` statement for tables and views alike; isView tells them apart.
 */
export function logDropTable(fe: Frontend, db: Database, table: TableObject): bigint {
  return logDdl(fe, BinlogType.DROP_TABLE, db.id, [table.id], (seq) => ({
    commitSeq: seq,
    dbId: db.id,
    tableId: table.id,
    tableName: table.name,
    isView: table.kind === 'VIEW',
    rawSql: `DROP TABLE IF EXISTS \`${table.name}\``,
  }));
}

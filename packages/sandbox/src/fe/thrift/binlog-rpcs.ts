// getBinlog, getBinlogLag and lockBinlog: reading the source cluster's binlog streams (fe-thrift.md §6.4–6.5).
import {
  BinlogType,
  StatusCode,
  type TBinlog,
  type TGetBinlogLagResult,
  type TGetBinlogRequest,
  type TGetBinlogResult,
  type TLockBinlogRequest,
  type TLockBinlogResult,
} from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import { tableByName } from '../../catalog/database.js';
import type { BinlogRead } from '../binlog/binlog-manager.js';
import type { Frontend } from '../frontend.js';
import {
  authenticate,
  checkPrivilege,
  failure,
  guarded,
  ok,
  RpcError,
  require,
  resolveDb,
} from './rpc-support.js';

/** Picks the table stream: table_id first, else the name (which must be an OLAP table). */
function resolveTableId(db: Database, request: { table?: string; table_id?: bigint }): bigint | undefined {
  if (request.table_id !== undefined && request.table_id > 0n) return request.table_id;
  if (request.table === undefined || request.table === '') return undefined;
  const table = tableByName(db, request.table);
  if (table?.kind !== 'OLAP') {
    throw new RpcError(StatusCode.ANALYSIS_ERROR, `table ${request.table} is not found or not an OLAP table`);
  }
  return table.id;
}

function tableNameOf(db: Database, tableId: bigint | undefined): string | undefined {
  return tableId === undefined ? undefined : db.tables.get(tableId)?.name;
}

export function toThriftBinlogs(read: BinlogRead): TBinlog[] {
  return read.binlogs.map((b) =>
    'dummy' in b
      ? {
          commit_seq: b.dummy.commitSeq,
          timestamp: b.dummy.timestamp,
          type: BinlogType.DUMMY,
          db_id: b.dbId,
          belong: b.belong,
        }
      : {
          commit_seq: b.commitSeq,
          timestamp: b.timestamp,
          type: b.type,
          db_id: b.dbId,
          table_ids: b.tableIds,
          ...(b.data === undefined ? {} : { data: b.data }),
        },
  );
}

export function getBinlog(fe: Frontend, request: TGetBinlogRequest): Promise<TGetBinlogResult> {
  return guarded(() => {
    require(request, 'user', 'passwd', 'db', 'prev_commit_seq');
    const user = authenticate(fe, request.user, request.passwd);
    const db = resolveDb(fe, request.db!);
    const tableId = resolveTableId(db, request);
    checkPrivilege(fe, user, 'SELECT', db.name, tableNameOf(db, tableId));
    // 2.1/3.0 return exactly one binlog; newer FEs honour num_acquired (clamped to 1..255).
    const count =
      request.num_acquired === undefined ? 1 : Math.min(255, Math.max(1, Number(request.num_acquired)));
    const read = fe.binlog.read(db.id, tableId, request.prev_commit_seq!, count);
    if (read.status !== StatusCode.OK && read.status !== StatusCode.BINLOG_TOO_OLD_COMMIT_SEQ) {
      return { status: failure(read.status, statusText(read.status, db.name, tableId)) };
    }
    return { status: { status_code: read.status }, binlogs: toThriftBinlogs(read) };
  });
}

function statusText(code: number, db: string, tableId: bigint | undefined): string {
  switch (code) {
    case StatusCode.BINLOG_NOT_FOUND_DB:
      return `no binlog found for db ${db}`;
    case StatusCode.BINLOG_NOT_FOUND_TABLE:
      return `no binlog found for table ${tableId} in db ${db}`;
    case StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ:
      return 'no newer binlog';
    default:
      return 'binlog error';
  }
}

export function getBinlogLag(fe: Frontend, request: TGetBinlogRequest): Promise<TGetBinlogLagResult> {
  return guarded(() => {
    require(request, 'user', 'passwd', 'db', 'prev_commit_seq');
    const user = authenticate(fe, request.user, request.passwd);
    const db = resolveDb(fe, request.db!);
    const tableId = resolveTableId(db, request);
    checkPrivilege(fe, user, 'SELECT', db.name, tableNameOf(db, tableId));
    const lag = fe.binlog.lag(db.id, tableId, request.prev_commit_seq!);
    if (lag.status !== StatusCode.OK)
      return { status: failure(lag.status, statusText(lag.status, db.name, tableId)) };
    return {
      status: ok(),
      lag: lag.lag,
      first_commit_seq: lag.firstSeq,
      last_commit_seq: lag.lastSeq,
      first_binlog_timestamp: lag.firstTimestamp,
      last_binlog_timestamp: lag.lastTimestamp,
      next_commit_seq: lag.nextSeq,
      next_binlog_timestamp: lag.nextTimestamp,
    };
  });
}

export function lockBinlog(fe: Frontend, request: TLockBinlogRequest): Promise<TLockBinlogResult> {
  return guarded(() => {
    require(request, 'user', 'passwd', 'db', 'job_unique_id');
    const user = authenticate(fe, request.user, request.passwd);
    const db = resolveDb(fe, request.db!);
    const tableId = resolveTableId(db, request);
    checkPrivilege(fe, user, 'SELECT', db.name, tableNameOf(db, tableId));
    const result = fe.binlog.lock(db.id, tableId, request.job_unique_id!, request.lock_commit_seq);
    if (result.status !== StatusCode.OK) {
      return {
        status: failure(result.status, statusText(result.status, db.name, tableId)),
        locked_commit_seq: -1n,
      };
    }
    return { status: ok(), locked_commit_seq: result.seq };
  });
}

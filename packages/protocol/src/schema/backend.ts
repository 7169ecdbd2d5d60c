// BackendService structs used by CCR (Doris BackendService.thrift): ingest_binlog and query_ingest_binlog.
import { type Infer, opt, struct, t } from '../thrift/schema.js';
import { TStatus, TUniqueId } from './common.js';

export const TIngestBinlogRequest = struct('TIngestBinlogRequest', {
  txn_id: opt(1, t.i64),
  remote_tablet_id: opt(2, t.i64),
  binlog_version: opt(3, t.i64),
  remote_host: opt(4, t.string),
  remote_port: opt(5, t.string),
  partition_id: opt(6, t.i64),
  local_tablet_id: opt(7, t.i64),
  load_id: opt(8, t.struct(TUniqueId)),
});
export type TIngestBinlogRequest = Infer<typeof TIngestBinlogRequest>;

export const TIngestBinlogResult = struct('TIngestBinlogResult', {
  status: opt(1, t.struct(TStatus)),
  is_async: opt(2, t.bool),
});
export type TIngestBinlogResult = Infer<typeof TIngestBinlogResult>;

/** TIngestBinlogStatus (implicit numbering in the IDL). */
export const IngestBinlogStatus = {
  ANALYSIS_ERROR: 0,
  UNKNOWN: 1,
  NOT_FOUND: 2,
  OK: 3,
  FAILED: 4,
  DOING: 5,
} as const;

export const TQueryIngestBinlogRequest = struct('TQueryIngestBinlogRequest', {
  txn_id: opt(1, t.i64),
  partition_id: opt(2, t.i64),
  tablet_id: opt(3, t.i64),
  load_id: opt(4, t.struct(TUniqueId)),
});
export type TQueryIngestBinlogRequest = Infer<typeof TQueryIngestBinlogRequest>;

export const TQueryIngestBinlogResult = struct('TQueryIngestBinlogResult', {
  status: opt(1, t.i32),
  err_msg: opt(2, t.string),
});
export type TQueryIngestBinlogResult = Infer<typeof TQueryIngestBinlogResult>;

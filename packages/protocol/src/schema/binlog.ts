// TBinlog and the getBinlog / getBinlogLag / lockBinlog structs (Doris FrontendService.thrift).
import { type Infer, opt, struct, t } from '../thrift/schema.js';
import { TNetworkAddress, TStatus } from './common.js';

export const TBinlog = struct('TBinlog', {
  commit_seq: opt(1, t.i64),
  timestamp: opt(2, t.i64),
  type: opt(3, t.i32),
  db_id: opt(4, t.i64),
  table_ids: opt(5, t.list(t.i64)),
  data: opt(6, t.string),
  belong: opt(7, t.i64),
  table_ref: opt(8, t.i64),
  remove_enable_cache: opt(9, t.bool),
});
export type TBinlog = Infer<typeof TBinlog>;

/** Also the request of getBinlogLag (a typedef in Doris). */
export const TGetBinlogRequest = struct('TGetBinlogRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  passwd: opt(3, t.string),
  db: opt(4, t.string),
  table: opt(5, t.string),
  table_id: opt(6, t.i64),
  user_ip: opt(7, t.string),
  token: opt(8, t.string),
  prev_commit_seq: opt(9, t.i64),
  num_acquired: opt(10, t.i64),
  allow_follower_read: opt(11, t.bool),
});
export type TGetBinlogRequest = Infer<typeof TGetBinlogRequest>;
export const TGetBinlogLagRequest = TGetBinlogRequest;
export type TGetBinlogLagRequest = TGetBinlogRequest;

export const TGetBinlogResult = struct('TGetBinlogResult', {
  status: opt(1, t.struct(TStatus)),
  next_commit_seq: opt(2, t.i64),
  binlogs: opt(3, t.list(t.struct(TBinlog))),
  fe_version: opt(4, t.string),
  fe_meta_version: opt(5, t.i64),
  master_address: opt(6, t.struct(TNetworkAddress)),
});
export type TGetBinlogResult = Infer<typeof TGetBinlogResult>;

export const TGetBinlogLagResult = struct('TGetBinlogLagResult', {
  status: opt(1, t.struct(TStatus)),
  lag: opt(2, t.i64),
  master_address: opt(3, t.struct(TNetworkAddress)),
  first_commit_seq: opt(4, t.i64),
  last_commit_seq: opt(5, t.i64),
  first_binlog_timestamp: opt(6, t.i64),
  last_binlog_timestamp: opt(7, t.i64),
  next_commit_seq: opt(8, t.i64),
  next_binlog_timestamp: opt(9, t.i64),
});
export type TGetBinlogLagResult = Infer<typeof TGetBinlogLagResult>;

export const TLockBinlogRequest = struct('TLockBinlogRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  passwd: opt(3, t.string),
  db: opt(4, t.string),
  table: opt(5, t.string),
  table_id: opt(6, t.i64),
  token: opt(7, t.string),
  job_unique_id: opt(8, t.string),
  lock_commit_seq: opt(9, t.i64),
});
export type TLockBinlogRequest = Infer<typeof TLockBinlogRequest>;

export const TLockBinlogResult = struct('TLockBinlogResult', {
  status: opt(1, t.struct(TStatus)),
  locked_commit_seq: opt(2, t.i64),
  master_address: opt(3, t.struct(TNetworkAddress)),
});
export type TLockBinlogResult = Infer<typeof TLockBinlogResult>;

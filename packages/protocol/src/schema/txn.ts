// beginTxn / commitTxn / rollbackTxn structs (Doris FrontendService.thrift). `txn_commit_attachment` (ids 9
// and 10) carries routine/mini-load attachments that CCR never sends; it is not declared, so a decoder skips it.
import { type Infer, opt, struct, t } from '../thrift/schema.js';
import { TNetworkAddress, TStatus, TTabletCommitInfo, TUniqueId } from './common.js';

/** TSubTxnType: INSERT = 0, DELETE = 1. */
export const SubTxnType = { INSERT: 0, DELETE: 1 } as const;

export const TSubTxnInfo = struct('TSubTxnInfo', {
  sub_txn_id: opt(1, t.i64),
  table_id: opt(2, t.i64),
  tablet_commit_infos: opt(3, t.list(t.struct(TTabletCommitInfo))),
  sub_txn_type: opt(4, t.i32),
});
export type TSubTxnInfo = Infer<typeof TSubTxnInfo>;

export const TBeginTxnRequest = struct('TBeginTxnRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  passwd: opt(3, t.string),
  db: opt(4, t.string),
  table_ids: opt(5, t.list(t.i64)),
  user_ip: opt(6, t.string),
  label: opt(7, t.string),
  auth_code: opt(8, t.i64),
  timeout: opt(9, t.i64),
  request_id: opt(10, t.struct(TUniqueId)),
  token: opt(11, t.string),
  backend_id: opt(12, t.i64),
  sub_txn_num: opt(13, t.i64),
});
export type TBeginTxnRequest = Infer<typeof TBeginTxnRequest>;

export const TBeginTxnResult = struct('TBeginTxnResult', {
  status: opt(1, t.struct(TStatus)),
  txn_id: opt(2, t.i64),
  job_status: opt(3, t.string),
  db_id: opt(4, t.i64),
  master_address: opt(5, t.struct(TNetworkAddress)),
  sub_txn_ids: opt(6, t.list(t.i64)),
});
export type TBeginTxnResult = Infer<typeof TBeginTxnResult>;

export const TCommitTxnRequest = struct('TCommitTxnRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  passwd: opt(3, t.string),
  db: opt(4, t.string),
  user_ip: opt(5, t.string),
  txn_id: opt(6, t.i64),
  commit_infos: opt(7, t.list(t.struct(TTabletCommitInfo))),
  auth_code: opt(8, t.i64),
  thrift_rpc_timeout_ms: opt(10, t.i64),
  token: opt(11, t.string),
  db_id: opt(12, t.i64),
  txn_insert: opt(13, t.bool),
  sub_txn_infos: opt(14, t.list(t.struct(TSubTxnInfo))),
  only_commit: opt(15, t.bool),
});
export type TCommitTxnRequest = Infer<typeof TCommitTxnRequest>;

export const TCommitTxnResult = struct('TCommitTxnResult', {
  status: opt(1, t.struct(TStatus)),
  master_address: opt(2, t.struct(TNetworkAddress)),
});
export type TCommitTxnResult = Infer<typeof TCommitTxnResult>;

export const TRollbackTxnRequest = struct('TRollbackTxnRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  passwd: opt(3, t.string),
  db: opt(4, t.string),
  user_ip: opt(5, t.string),
  txn_id: opt(6, t.i64),
  reason: opt(7, t.string),
  auth_code: opt(9, t.i64),
  token: opt(11, t.string),
  db_id: opt(12, t.i64),
});
export type TRollbackTxnRequest = Infer<typeof TRollbackTxnRequest>;

export const TRollbackTxnResult = struct('TRollbackTxnResult', {
  status: opt(1, t.struct(TStatus)),
  master_address: opt(2, t.struct(TNetworkAddress)),
});
export type TRollbackTxnResult = Infer<typeof TRollbackTxnResult>;

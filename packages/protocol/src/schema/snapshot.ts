// getSnapshot / restoreSnapshot / getMasterToken structs (Doris FrontendService.thrift).
import { type Infer, opt, struct, t } from '../thrift/schema.js';
import { TNetworkAddress, TStatus } from './common.js';

/** TSnapshotType: CCR always uses LOCAL (the `__keep_on_local__` pseudo repository). */
export const SnapshotType = { REMOTE: 0, LOCAL: 1 } as const;

export const TTableRef = struct('TTableRef', {
  table: opt(1, t.string),
  alias_name: opt(3, t.string),
});
export type TTableRef = Infer<typeof TTableRef>;

export const TGetSnapshotRequest = struct('TGetSnapshotRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  passwd: opt(3, t.string),
  db: opt(4, t.string),
  table: opt(5, t.string),
  token: opt(6, t.string),
  label_name: opt(7, t.string),
  snapshot_name: opt(8, t.string),
  snapshot_type: opt(9, t.i32),
  enable_compress: opt(10, t.bool),
});
export type TGetSnapshotRequest = Infer<typeof TGetSnapshotRequest>;

export const TGetSnapshotResult = struct('TGetSnapshotResult', {
  status: opt(1, t.struct(TStatus)),
  meta: opt(2, t.binary),
  job_info: opt(3, t.binary),
  master_address: opt(4, t.struct(TNetworkAddress)),
  compressed: opt(5, t.bool),
  expiredAt: opt(6, t.i64),
  commit_seq: opt(7, t.i64),
});
export type TGetSnapshotResult = Infer<typeof TGetSnapshotResult>;

export const TRestoreSnapshotRequest = struct('TRestoreSnapshotRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  passwd: opt(3, t.string),
  db: opt(4, t.string),
  table: opt(5, t.string),
  token: opt(6, t.string),
  label_name: opt(7, t.string),
  repo_name: opt(8, t.string),
  table_refs: opt(9, t.list(t.struct(TTableRef))),
  properties: opt(10, t.map(t.string, t.string)),
  meta: opt(11, t.binary),
  job_info: opt(12, t.binary),
  clean_tables: opt(13, t.bool),
  clean_partitions: opt(14, t.bool),
  atomic_restore: opt(15, t.bool),
  compressed: opt(16, t.bool),
  force_replace: opt(17, t.bool),
});
export type TRestoreSnapshotRequest = Infer<typeof TRestoreSnapshotRequest>;

export const TRestoreSnapshotResult = struct('TRestoreSnapshotResult', {
  status: opt(1, t.struct(TStatus)),
  master_address: opt(2, t.struct(TNetworkAddress)),
});
export type TRestoreSnapshotResult = Infer<typeof TRestoreSnapshotResult>;

export const TGetMasterTokenRequest = struct('TGetMasterTokenRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  password: opt(3, t.string),
});
export type TGetMasterTokenRequest = Infer<typeof TGetMasterTokenRequest>;

export const TGetMasterTokenResult = struct('TGetMasterTokenResult', {
  status: opt(1, t.struct(TStatus)),
  token: opt(2, t.string),
  master_address: opt(3, t.struct(TNetworkAddress)),
});
export type TGetMasterTokenResult = Infer<typeof TGetMasterTokenResult>;

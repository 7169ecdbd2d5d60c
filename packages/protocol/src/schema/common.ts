// Structs shared by FrontendService and BackendService (Doris Types.thrift / Status.thrift).
import { type Infer, opt, req, struct, t } from '../thrift/schema.js';

export const TStatus = struct('TStatus', {
  status_code: req(1, t.i32),
  error_msgs: opt(2, t.list(t.string)),
});
export type TStatus = Infer<typeof TStatus>;

export const TNetworkAddress = struct('TNetworkAddress', {
  hostname: req(1, t.string),
  port: req(2, t.i32),
});
export type TNetworkAddress = Infer<typeof TNetworkAddress>;

export const TUniqueId = struct('TUniqueId', {
  hi: req(1, t.i64),
  lo: req(2, t.i64),
});
export type TUniqueId = Infer<typeof TUniqueId>;

export const TTabletCommitInfo = struct('TTabletCommitInfo', {
  tabletId: req(1, t.i64),
  backendId: req(2, t.i64),
  invalid_dict_cols: opt(3, t.list(t.string)),
});
export type TTabletCommitInfo = Infer<typeof TTabletCommitInfo>;

export const TBackend = struct('TBackend', {
  host: req(1, t.string),
  be_port: req(2, t.i32),
  http_port: req(3, t.i32),
  brpc_port: opt(4, t.i32),
  is_alive: opt(5, t.bool),
  id: opt(6, t.i64),
});
export type TBackend = Infer<typeof TBackend>;

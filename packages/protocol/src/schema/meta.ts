// getMeta / getBackendMeta structs (Doris FrontendService.thrift): the physical layout the syncer plans
// ingests with. Request-side partition/index/tablet structs exist in Doris but the FE ignores them.
import { type Infer, opt, req, struct, t } from '../thrift/schema.js';
import { TBackend, TNetworkAddress, TStatus } from './common.js';

export const TGetMetaReplica = struct('TGetMetaReplica', { id: opt(1, t.i64) });
export const TGetMetaTablet = struct('TGetMetaTablet', {
  id: opt(1, t.i64),
  replicas: opt(2, t.list(t.struct(TGetMetaReplica))),
});
export const TGetMetaIndex = struct('TGetMetaIndex', {
  id: opt(1, t.i64),
  name: opt(2, t.string),
  tablets: opt(3, t.list(t.struct(TGetMetaTablet))),
});
export const TGetMetaPartition = struct('TGetMetaPartition', {
  id: opt(1, t.i64),
  name: opt(2, t.string),
  key: opt(3, t.string),
  range: opt(4, t.string),
  is_temp: opt(5, t.bool),
  indexes: opt(6, t.list(t.struct(TGetMetaIndex))),
});
export const TGetMetaTable = struct('TGetMetaTable', {
  id: opt(1, t.i64),
  name: opt(2, t.string),
  in_trash: opt(3, t.bool),
  partitions: opt(4, t.list(t.struct(TGetMetaPartition))),
});
export type TGetMetaTable = Infer<typeof TGetMetaTable>;
export const TGetMetaDB = struct('TGetMetaDB', {
  id: opt(1, t.i64),
  name: opt(2, t.string),
  only_table_names: opt(3, t.bool),
  tables: opt(4, t.list(t.struct(TGetMetaTable))),
});
export type TGetMetaDB = Infer<typeof TGetMetaDB>;

export const TGetMetaRequest = struct('TGetMetaRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  passwd: opt(3, t.string),
  user_ip: opt(4, t.string),
  token: opt(5, t.string),
  db: opt(6, t.struct(TGetMetaDB)),
});
export type TGetMetaRequest = Infer<typeof TGetMetaRequest>;

export const TGetMetaReplicaMeta = struct('TGetMetaReplicaMeta', {
  id: opt(1, t.i64),
  backend_id: opt(2, t.i64),
  version: opt(3, t.i64),
});
export type TGetMetaReplicaMeta = Infer<typeof TGetMetaReplicaMeta>;

export const TGetMetaTabletMeta = struct('TGetMetaTabletMeta', {
  id: opt(1, t.i64),
  replicas: opt(2, t.list(t.struct(TGetMetaReplicaMeta))),
});
export type TGetMetaTabletMeta = Infer<typeof TGetMetaTabletMeta>;

export const TGetMetaIndexMeta = struct('TGetMetaIndexMeta', {
  id: opt(1, t.i64),
  name: opt(2, t.string),
  tablets: opt(3, t.list(t.struct(TGetMetaTabletMeta))),
});
export type TGetMetaIndexMeta = Infer<typeof TGetMetaIndexMeta>;

export const TGetMetaPartitionMeta = struct('TGetMetaPartitionMeta', {
  id: opt(1, t.i64),
  name: opt(2, t.string),
  key: opt(3, t.string),
  range: opt(4, t.string),
  visible_version: opt(5, t.i64),
  is_temp: opt(6, t.bool),
  indexes: opt(7, t.list(t.struct(TGetMetaIndexMeta))),
});
export type TGetMetaPartitionMeta = Infer<typeof TGetMetaPartitionMeta>;

export const TGetMetaTableMeta = struct('TGetMetaTableMeta', {
  id: opt(1, t.i64),
  name: opt(2, t.string),
  in_trash: opt(3, t.bool),
  partitions: opt(4, t.list(t.struct(TGetMetaPartitionMeta))),
  type: opt(5, t.string),
});
export type TGetMetaTableMeta = Infer<typeof TGetMetaTableMeta>;

export const TGetMetaDBMeta = struct('TGetMetaDBMeta', {
  id: opt(1, t.i64),
  name: opt(2, t.string),
  tables: opt(3, t.list(t.struct(TGetMetaTableMeta))),
  dropped_partitions: opt(4, t.list(t.i64)),
  dropped_tables: opt(5, t.list(t.i64)),
  dropped_indexes: opt(6, t.list(t.i64)),
  dropped_partition_map: opt(7, t.map(t.i64, t.i64)),
  dropped_table_map: opt(8, t.map(t.i64, t.i64)),
  dropped_index_map: opt(9, t.map(t.i64, t.i64)),
});
export type TGetMetaDBMeta = Infer<typeof TGetMetaDBMeta>;

export const TGetMetaResult = struct('TGetMetaResult', {
  status: req(1, t.struct(TStatus)),
  db_meta: opt(2, t.struct(TGetMetaDBMeta)),
  master_address: opt(3, t.struct(TNetworkAddress)),
});
export type TGetMetaResult = Infer<typeof TGetMetaResult>;

export const TGetBackendMetaRequest = struct('TGetBackendMetaRequest', {
  cluster: opt(1, t.string),
  user: opt(2, t.string),
  passwd: opt(3, t.string),
  user_ip: opt(4, t.string),
  token: opt(5, t.string),
  backend_id: opt(6, t.i64),
});
export type TGetBackendMetaRequest = Infer<typeof TGetBackendMetaRequest>;

export const TGetBackendMetaResult = struct('TGetBackendMetaResult', {
  status: req(1, t.struct(TStatus)),
  backends: opt(2, t.list(t.struct(TBackend))),
  master_address: opt(3, t.struct(TNetworkAddress)),
});
export type TGetBackendMetaResult = Infer<typeof TGetBackendMetaResult>;

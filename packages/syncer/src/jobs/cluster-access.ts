// What the job engine needs from one Doris cluster. The clients layer (src/clients) provides it for real
// clusters; keeping the engine on this narrow port makes its logic independent of pooling and failover.
import type { FrontendClient, TIngestBinlogRequest, TIngestBinlogResult } from '@doris-ccr/protocol';
import type { Spec } from '../model/spec.js';

export type Row = Record<string, unknown>;

export interface SqlAccess {
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  execute(sql: string): Promise<void>;
}

export type FeAccess = Pick<
  FrontendClient,
  | 'beginTxn'
  | 'commitTxn'
  | 'rollbackTxn'
  | 'getBinlog'
  | 'getBinlogLag'
  | 'getSnapshot'
  | 'restoreSnapshot'
  | 'getMasterToken'
  | 'getMeta'
  | 'getBackendMeta'
>;

export interface BackendTarget {
  readonly host: string;
  readonly be_port: number;
}

export interface ClusterAccess {
  readonly spec: Spec;
  readonly sql: SqlAccess;
  readonly fe: FeAccess;
  /** Fails (JobServiceError-worthy message) unless the FE and every BE have enable_feature_binlog on. */
  checkBinlogFeature(): Promise<void>;
  /** ingest_binlog on a target BE, within the per-BE concurrency limit. */
  ingest(backend: BackendTarget, request: TIngestBinlogRequest): Promise<TIngestBinlogResult>;
  close(): Promise<void>;
}

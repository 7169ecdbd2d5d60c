// The two Doris Thrift services CCR uses, limited to the methods the syncer calls (FrontendService on the FE
// rpc_port, BackendService on each BE's be_port). Method names are the wire names.
import { createThriftClient, type ThriftClient, type ThriftClientOptions } from '../thrift/client.js';
import { method, service } from '../thrift/service.js';
import {
  TIngestBinlogRequest,
  TIngestBinlogResult,
  TQueryIngestBinlogRequest,
  TQueryIngestBinlogResult,
} from './backend.js';
import {
  TGetBinlogLagResult,
  TGetBinlogRequest,
  TGetBinlogResult,
  TLockBinlogRequest,
  TLockBinlogResult,
} from './binlog.js';
import { TGetBackendMetaRequest, TGetBackendMetaResult, TGetMetaRequest, TGetMetaResult } from './meta.js';
import {
  TGetMasterTokenRequest,
  TGetMasterTokenResult,
  TGetSnapshotRequest,
  TGetSnapshotResult,
  TRestoreSnapshotRequest,
  TRestoreSnapshotResult,
} from './snapshot.js';
import {
  TBeginTxnRequest,
  TBeginTxnResult,
  TCommitTxnRequest,
  TCommitTxnResult,
  TRollbackTxnRequest,
  TRollbackTxnResult,
} from './txn.js';

export const FrontendService = service('FrontendService', {
  beginTxn: method('beginTxn', TBeginTxnRequest, TBeginTxnResult),
  commitTxn: method('commitTxn', TCommitTxnRequest, TCommitTxnResult),
  rollbackTxn: method('rollbackTxn', TRollbackTxnRequest, TRollbackTxnResult),
  getBinlog: method('getBinlog', TGetBinlogRequest, TGetBinlogResult),
  getBinlogLag: method('getBinlogLag', TGetBinlogRequest, TGetBinlogLagResult),
  getSnapshot: method('getSnapshot', TGetSnapshotRequest, TGetSnapshotResult),
  restoreSnapshot: method('restoreSnapshot', TRestoreSnapshotRequest, TRestoreSnapshotResult),
  getMasterToken: method('getMasterToken', TGetMasterTokenRequest, TGetMasterTokenResult),
  getMeta: method('getMeta', TGetMetaRequest, TGetMetaResult),
  getBackendMeta: method('getBackendMeta', TGetBackendMetaRequest, TGetBackendMetaResult),
  lockBinlog: method('lockBinlog', TLockBinlogRequest, TLockBinlogResult),
});
export type FrontendService = typeof FrontendService;

export const BackendService = service('BackendService', {
  ingest_binlog: method('ingest_binlog', TIngestBinlogRequest, TIngestBinlogResult, 'ingest_binlog_request'),
  query_ingest_binlog: method(
    'query_ingest_binlog',
    TQueryIngestBinlogRequest,
    TQueryIngestBinlogResult,
    'query_ingest_binlog_request',
  ),
});
export type BackendService = typeof BackendService;

export type FrontendClient = ThriftClient<FrontendService>;
export type BackendClient = ThriftClient<BackendService>;

export function createFrontendClient(options: ThriftClientOptions): FrontendClient {
  return createThriftClient(FrontendService, options);
}

export function createBackendClient(options: ThriftClientOptions): BackendClient {
  return createThriftClient(BackendService, options);
}

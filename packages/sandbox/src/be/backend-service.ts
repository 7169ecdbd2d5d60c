// A BE's be_port: BackendService over thrift (ingest_binlog, query_ingest_binlog).
import {
  BackendService,
  createThriftServer,
  IngestBinlogStatus,
  type ServiceHandlers,
  type ThriftServer,
} from '@doris-ccr/protocol';
import type { Backend } from './backend.js';
import { ingestBinlog, type TxnStateLookup } from './ingest-binlog.js';

/** `current` is the backend the process serves as at the time of each call (see BackendProcess). */
export function createBackendService(current: () => Backend, txnState: TxnStateLookup): ThriftServer {
  const handlers: ServiceHandlers<typeof BackendService> = {
    ingest_binlog: (request) => ingestBinlog(current(), request, txnState),
    query_ingest_binlog: (request) => {
      const backend = current();
      if (request.txn_id === undefined || request.tablet_id === undefined) {
        return { status: IngestBinlogStatus.ANALYSIS_ERROR, err_msg: 'txn_id and tablet_id are required' };
      }
      if (!backend.hasTablet(request.tablet_id))
        return { status: IngestBinlogStatus.NOT_FOUND, err_msg: 'tablet not found' };
      const state = txnState(request.txn_id);
      if (backend.prepared(request.txn_id, request.tablet_id)) return { status: IngestBinlogStatus.OK };
      if (state === 'VISIBLE' || state === 'COMMITTED') return { status: IngestBinlogStatus.OK };
      if (state === 'ABORTED') return { status: IngestBinlogStatus.FAILED, err_msg: 'txn aborted' };
      return { status: IngestBinlogStatus.NOT_FOUND };
    },
  };
  return createThriftServer(BackendService, handlers);
}

// FrontendService on the FE's rpc_port: one handler per method, each in the file of its group.
import { type FrontendService, type ServiceHandlers, StatusCode } from '@doris-ccr/protocol';
import type { Frontend } from '../frontend.js';
import { getBinlog, getBinlogLag, lockBinlog } from './binlog-rpcs.js';
import { getBackendMeta, getMasterToken, getMeta } from './meta-rpcs.js';
import { failure } from './rpc-support.js';
import { beginTxn, commitTxn, rollbackTxn } from './txn-rpcs.js';

export interface SnapshotRpcs {
  getSnapshot: ServiceHandlers<typeof FrontendService>['getSnapshot'];
  restoreSnapshot: ServiceHandlers<typeof FrontendService>['restoreSnapshot'];
}

const notYet = (name: string) => () => ({
  status: failure(StatusCode.NOT_IMPLEMENTED_ERROR, `${name} is not supported by this sandbox yet`),
});

export function frontendHandlers(
  fe: Frontend,
  snapshots?: SnapshotRpcs,
): ServiceHandlers<typeof FrontendService> {
  return {
    beginTxn: (r) => beginTxn(fe, r),
    commitTxn: (r) => commitTxn(fe, r),
    rollbackTxn: (r) => rollbackTxn(fe, r),
    getBinlog: (r) => getBinlog(fe, r),
    getBinlogLag: (r) => getBinlogLag(fe, r),
    lockBinlog: (r) => lockBinlog(fe, r),
    getMeta: (r) => getMeta(fe, r),
    getBackendMeta: (r) => getBackendMeta(fe, r),
    getMasterToken: (r) => getMasterToken(fe, r),
    getSnapshot: snapshots?.getSnapshot ?? notYet('getSnapshot'),
    restoreSnapshot: snapshots?.restoreSnapshot ?? notYet('restoreSnapshot'),
  };
}

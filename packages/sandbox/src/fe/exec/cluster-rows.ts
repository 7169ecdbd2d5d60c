// Rows describing the cluster: SHOW FRONTENDS / frontends(), SHOW BACKENDS / backends().
import type { Frontend } from '../frontend.js';
import { replicaCounts } from '../system/tablet-scheduler.js';
import { formatTime } from './result-helpers.js';

export const DORIS_VERSION = 'doris-2.1.8-sandbox';

export const FRONTEND_COLUMNS = [
  'Name',
  'Host',
  'EditLogPort',
  'HttpPort',
  'QueryPort',
  'RpcPort',
  'ArrowFlightSqlPort',
  'Role',
  'IsMaster',
  'ClusterId',
  'Join',
  'Alive',
  'ReplayedJournalId',
  'LastStartTime',
  'LastHeartbeat',
  'IsHelper',
  'ErrMsg',
  'Version',
  'CurrentConnected',
];

/** `connectedTo`: the FE index of the asking session (its row says CurrentConnected Yes). */
export function frontendRows(fe: Frontend, connectedTo = 0): string[][] {
  return fe.frontends.nodes.map((node) => {
    const p = node.ports;
    const master = fe.frontends.isMaster(node);
    return [
      node.name,
      fe.host,
      String(p.editLogPort),
      String(p.httpPort),
      String(p.queryPort),
      String(p.rpcPort),
      '-1',
      'FOLLOWER',
      String(master),
      String(fe.clusterId),
      'true',
      String(node.alive),
      fe.sequences.lastJournalId.toString(),
      formatTime(fe.startTime) ?? '',
      node.alive ? (formatTime(fe.clock.now()) ?? '') : (formatTime(fe.startTime) ?? ''),
      String(node.index === 0),
      node.alive ? '' : 'frontend is down',
      DORIS_VERSION,
      node.index === connectedTo ? 'Yes' : 'No',
    ];
  });
}

export const BACKEND_COLUMNS = [
  'BackendId',
  'Host',
  'HeartbeatPort',
  'BePort',
  'HttpPort',
  'BrpcPort',
  'ArrowFlightSqlPort',
  'LastStartTime',
  'LastHeartbeat',
  'Alive',
  'SystemDecommissioned',
  'TabletNum',
  'DataUsedCapacity',
  'TrashUsedCapcacity',
  'AvailCapacity',
  'TotalCapacity',
  'UsedPct',
  'MaxDiskUsedPct',
  'RemoteUsedCapacity',
  'Tag',
  'ErrMsg',
  'Version',
  'Status',
  'HeartbeatFailureCounter',
  'NodeRole',
];

export function backendRows(fe: Frontend): string[][] {
  const tabletNums = replicaCounts(fe);
  return [...fe.backends.values()].map((b) => {
    const tablets = tabletNums.get(b.id) ?? 0;
    return [
      b.id.toString(),
      b.address.host,
      String(b.address.heartbeatPort),
      String(b.address.bePort),
      String(b.address.httpPort),
      String(b.address.brpcPort),
      '-1',
      formatTime(fe.startTime) ?? '',
      formatTime(fe.clock.now()) ?? '',
      String(b.alive),
      String(b.decommissioned),
      String(tablets),
      '0.000 ',
      '0.000 ',
      '1.000 TB',
      '1.000 TB',
      '0.00 %',
      '0.00 %',
      '0.000 ',
      '{"location" : "default"}',
      b.alive ? '' : 'backend is down',
      DORIS_VERSION,
      `{"lastSuccessReportTabletsTime":"${formatTime(fe.clock.now())}","lastStreamLoadTime":-1,"isQueryDisabled":false,"isLoadDisabled":false}`,
      '0',
      'mix',
    ];
  });
}

// The checks of one cluster as the syncer sees it: its FE and BE versions, the user's privileges, the
// binlog feature on the FE and every BE, and whether the syncer can open a TCP connection to every FE
// (query and rpc port) and every BE (be_port and http port) by the addresses SHOW FRONTENDS / SHOW
// BACKENDS list, translated by the spec's host_mapping as the job's own connections would be.
import { HostMapper } from '../../clients/host-mapping.js';
import { probeTcp } from '../../clients/tcp-probe.js';
import type { CheckItem } from '../../model/job-service.js';
import type { ClusterAccess, Row } from '../cluster-access.js';
import { attempt, item, type Side } from './attempt.js';
import { grantFinding } from './grants.js';
import {
  compareVersions,
  type DorisVersion,
  MIN_CCR_VERSION,
  parseVersion,
  versionSummary,
} from './versions.js';

export interface ClusterReport {
  readonly items: CheckItem[];
  /** The lowest FE version, for comparing source and target. */
  readonly feVersion?: DorisVersion;
}

interface Port {
  readonly name: string;
  readonly port: number;
}

/** Probes a node's ports; one check item naming the node, its mapped address and each port's answer. */
async function nodeReachable(
  check: 'fe_reachable' | 'be_reachable',
  side: Side,
  mapper: HostMapper,
  row: Row,
  ports: readonly Port[],
  timeoutMs: number,
): Promise<CheckItem> {
  const host = String(row.Host ?? '');
  const what = check === 'fe_reachable' ? 'FE' : `BE ${String(row.BackendId ?? '')}`.trim();
  const mapped = mapper.tryMap(host);
  if (mapped === undefined)
    return item(check, side, false, `${what} ${host}: host_mapping has no entry for ${host}`);
  const via = mapped === host ? host : `${host} → ${mapped}`;
  const results = await Promise.all(ports.map((p) => probeTcp(mapped, p.port, timeoutMs)));
  const ok = results.every((r) => r.kind === 'open');
  const parts = ports.map((p, i) => {
    const r = results[i]!;
    return `${p.name} ${p.port} ${r.kind === 'open' ? `open (${r.ms} ms)` : `unreachable: ${r.reason}`}`;
  });
  const alive = String(row.Alive ?? 'true') === 'true' ? '' : ' (the cluster lists it as not alive)';
  return item(check, side, ok, `${what} ${via}: ${parts.join(', ')}${alive}`);
}

function portOf(row: Row, column: string): number {
  return Number(row[column] ?? 0);
}

export async function clusterChecks(
  side: Side,
  access: ClusterAccess,
  probeTimeoutMs: number,
): Promise<ClusterReport> {
  const items: CheckItem[] = [];
  const { spec } = access;
  let feVersion: DorisVersion | undefined;
  let frontends: Row[] = [];
  let backends: Row[] = [];
  items.push(
    ...(await attempt('version', side, async () => {
      frontends = await access.sql.query('SHOW FRONTENDS');
      backends = await access.sql.query('SHOW BACKENDS');
      const feVersions = frontends.map((r) => String(r.Version ?? ''));
      const beVersions = backends.map((r) => String(r.Version ?? ''));
      const parsed = [...feVersions, ...beVersions].map(parseVersion);
      const tooOld = parsed.filter((v) => (compareVersions(v, MIN_CCR_VERSION) ?? 0) < 0);
      const fe = feVersions.map(parseVersion).filter((v) => v.parts);
      feVersion = fe.reduce<DorisVersion | undefined>(
        (low, v) => (low === undefined || (compareVersions(v, low) ?? 0) < 0 ? v : low),
        undefined,
      );
      const mixed =
        new Set([...feVersions, ...beVersions]).size > 1 ? '; versions differ (an upgrade in progress?)' : '';
      const detail = `FE ${versionSummary(feVersions)}; BE ${versionSummary(beVersions)}${mixed}`;
      if (tooOld.length > 0)
        return item('version', side, false, `${detail}: CCR needs Doris 2.0 or later (binlog)`);
      return item('version', side, true, detail);
    })),
  );
  items.push(
    ...(await attempt('privileges', side, async () => {
      const finding = grantFinding(await access.sql.query('SHOW GRANTS'), spec.database, spec.table);
      if (finding.missing.length === 0)
        return item(
          'privileges',
          side,
          true,
          `${finding.user || spec.user} holds ${finding.held.join(', ')}`,
        );
      return item(
        'privileges',
        side,
        false,
        `${finding.user || spec.user} lacks ${finding.missing.join('; ')}`,
      );
    })),
  );
  items.push(
    ...(await attempt('binlog_feature', side, async () => {
      await access.checkBinlogFeature();
      return item(
        'binlog_feature',
        side,
        true,
        `enable_feature_binlog=true on the FE and ${backends.length} BE(s)`,
      );
    })),
  );
  const mapper = HostMapper.forSpec(spec);
  const probes = [
    ...frontends.map((fe) =>
      nodeReachable(
        'fe_reachable',
        side,
        mapper,
        fe,
        [
          { name: 'query', port: portOf(fe, 'QueryPort') },
          { name: 'rpc', port: portOf(fe, 'RpcPort') },
        ],
        probeTimeoutMs,
      ),
    ),
    ...backends.map((be) =>
      nodeReachable(
        'be_reachable',
        side,
        mapper,
        be,
        [
          { name: 'be_port', port: portOf(be, 'BePort') },
          { name: 'http', port: portOf(be, 'HttpPort') },
        ],
        probeTimeoutMs,
      ),
    ),
  ];
  items.push(...(await Promise.all(probes)));
  return { items, ...(feVersion ? { feVersion } : {}) };
}

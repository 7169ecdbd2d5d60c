// The binlog feature check done before a job is created (sql-surface.md §2.1 step 2, §11.1): the FE flag
// through SQL and every BE's flag through its web server. Error texts are the Go syncer's, word for word,
// because operators and tooling recognise them (syncer-operations.md §1.2).
import type { Spec } from '../model/spec.js';
import type { HostMapper } from './host-mapping.js';
import { httpGetText } from './http-get.js';

export const BINLOG_FEATURE_KEY = 'enable_feature_binlog';

/** The binlog feature is off on an FE or on some BEs; the job cannot be created. */
export class BinlogFeatureDisabledError extends Error {
  override readonly name = 'BinlogFeatureDisabledError';
  constructor(
    message: string,
    readonly side: 'fe' | 'be',
    /** `host:port` of each offending node (the FE's query port, the BEs' HTTP ports). */
    readonly nodes: readonly string[],
  ) {
    super(message);
  }
}

export function feBinlogDisabled(spec: Pick<Spec, 'host' | 'port'>): BinlogFeatureDisabledError {
  const node = `${spec.host}:${spec.port}`;
  return new BinlogFeatureDisabledError(
    `Fe ${node} ${BINLOG_FEATURE_KEY}=false, please set it true in fe.conf`,
    'fe',
    [node],
  );
}

export function beBinlogDisabled(nodes: readonly string[]): BinlogFeatureDisabledError {
  // `[a b]` is how the Go syncer prints its list of BEs; keep the exact shape.
  return new BinlogFeatureDisabledError(
    `Be: [${nodes.join(' ')}] ${BINLOG_FEATURE_KEY}=false, please set it true in be.conf`,
    'be',
    nodes,
  );
}

export interface BackendWebAddress {
  readonly host: string;
  readonly httpPort: number;
}

/**
 * Asks every BE for its flag (in parallel) and throws BinlogFeatureDisabledError naming all BEs that have it
 * off. The request goes to the mapped host; the error names BEs as the cluster reports them, the way
 * `show backends` lists them. A BE that cannot be asked is an error of its own (not "disabled").
 */
export async function checkBackendsBinlog(
  backends: readonly BackendWebAddress[],
  mapper: HostMapper,
  timeoutMs: number,
): Promise<void> {
  const enabled = await Promise.all(backends.map((be) => backendBinlogEnabled(be, mapper, timeoutMs)));
  const disabled = backends.filter((_, i) => !enabled[i]).map((be) => `${be.host}:${be.httpPort}`);
  if (disabled.length > 0) throw beBinlogDisabled(disabled);
}

async function backendBinlogEnabled(
  be: BackendWebAddress,
  mapper: HostMapper,
  timeoutMs: number,
): Promise<boolean> {
  const node = `${be.host}:${be.httpPort}`;
  const host = mapper.map(be.host, `BE ${node}`);
  const url = `http://${urlHost(host)}:${be.httpPort}/api/show_config?conf_item=${BINLOG_FEATURE_KEY}`;
  let answer: { status: number; body: string };
  try {
    answer = await httpGetText(url, timeoutMs);
  } catch (error) {
    throw new Error(`Be ${node}: GET ${url} failed: ${(error as Error).message}`);
  }
  if (answer.status !== 200) throw new Error(`Be ${node}: GET ${url} answered HTTP ${answer.status}`);
  let rows: unknown;
  try {
    rows = JSON.parse(answer.body);
  } catch {
    throw new Error(`Be ${node}: GET ${url} did not answer JSON: ${answer.body.slice(0, 200)}`);
  }
  // `[[name, type, value, is_mutable]]`; exactly one row is expected for one conf_item.
  if (!Array.isArray(rows) || rows.length !== 1 || !Array.isArray(rows[0])) {
    throw new Error(`Be ${node} len(configs) is invalid, configs: ${answer.body.slice(0, 200)}`);
  }
  const value = (rows[0] as unknown[])[2];
  return value === 'true' || value === '1';
}

/** IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

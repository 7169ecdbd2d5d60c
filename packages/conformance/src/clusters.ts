// The two clusters a conformance scenario replicates between. By default two doris-sandbox processes are
// started (and stopped again by close()); when CCR_SRC_HOST and CCR_DEST_HOST are set, the scenarios run
// against those real Doris clusters instead, which this module never starts, stops or reconfigures.
import { SandboxProcess } from '@doris-ccr/sandbox';
import mysql from 'mysql2/promise';

export interface ClusterAddress {
  readonly host: string;
  readonly queryPort: number;
  readonly thriftPort: number;
  readonly user: string;
  readonly password: string;
}

export interface Cluster extends ClusterAddress {
  readonly role: 'source' | 'target';
  /** A new MySQL-protocol connection; the caller ends it. */
  connect(): Promise<mysql.Connection>;
}

export interface ClusterPair {
  readonly source: Cluster;
  readonly target: Cluster;
  /**
   * True when both clusters are doris-sandbox processes started here. Assertions on behaviour a real Doris
   * does not expose (or that depends on the sandbox's defaults) run only then.
   */
  readonly sandbox: boolean;
  close(): Promise<void>;
}

/** The `src`/`dest` object of a create_ccr request for one table of a cluster. */
export function jobSpec(cluster: ClusterAddress, database: string, table: string) {
  return {
    host: cluster.host,
    port: String(cluster.queryPort),
    thrift_port: String(cluster.thriftPort),
    user: cluster.user,
    password: cluster.password,
    database,
    table,
  };
}

/** How a doris-sandbox started by this process is reached: root without a password on loopback. */
export function sandboxAddress(p: SandboxProcess): ClusterAddress {
  return {
    host: '127.0.0.1',
    queryPort: p.ready.queryPort,
    thriftPort: p.ready.rpcPort,
    user: 'root',
    password: '',
  };
}

export class ClusterConfigError extends Error {
  override readonly name = 'ClusterConfigError';
}

function port(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const text = env[key];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new ClusterConfigError(`${key} is not a port number: ${text}`);
  return value;
}

function address(env: NodeJS.ProcessEnv, prefix: 'CCR_SRC' | 'CCR_DEST'): ClusterAddress {
  const host = env[`${prefix}_HOST`];
  if (!host) throw new ClusterConfigError(`${prefix}_HOST is not set`);
  return {
    host,
    // Defaults are the ports of a stock Doris FE.
    queryPort: port(env, `${prefix}_QUERY_PORT`, 9030),
    thriftPort: port(env, `${prefix}_THRIFT_PORT`, 9020),
    user: env[`${prefix}_USER`] || 'root',
    password: env[`${prefix}_PASSWORD`] ?? '',
  };
}

/** The real clusters named by the environment, or undefined when the sandboxes are to be used. */
export function realClustersFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): { source: ClusterAddress; target: ClusterAddress } | undefined {
  if (!env.CCR_SRC_HOST && !env.CCR_DEST_HOST) return undefined;
  // Half a configuration would silently test against a sandbox on one side: refuse it.
  return { source: address(env, 'CCR_SRC'), target: address(env, 'CCR_DEST') };
}

function cluster(role: 'source' | 'target', a: ClusterAddress): Cluster {
  return {
    ...a,
    role,
    connect: () =>
      mysql.createConnection({
        host: a.host,
        port: a.queryPort,
        user: a.user,
        password: a.password,
        supportBigNumbers: true,
        bigNumberStrings: true,
        dateStrings: true,
        jsonStrings: true,
      }),
  };
}

export interface StartClustersOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Backends per sandbox (ignored for real clusters). */
  readonly backends?: number;
}

export async function startClusters(options: StartClustersOptions = {}): Promise<ClusterPair> {
  const real = realClustersFromEnv(options.env);
  if (real) {
    return {
      source: cluster('source', real.source),
      target: cluster('target', real.target),
      sandbox: false,
      // Someone else's clusters: nothing to stop.
      close: async () => {},
    };
  }
  const started = await Promise.allSettled([
    SandboxProcess.start({ backends: options.backends ?? 2 }),
    SandboxProcess.start({ backends: options.backends ?? 2 }),
  ]);
  const processes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(processes.map((p) => p.destroy()));
    throw failed.reason;
  }
  const [src, dest] = processes as [SandboxProcess, SandboxProcess];
  return {
    source: cluster('source', sandboxAddress(src)),
    target: cluster('target', sandboxAddress(dest)),
    sandbox: true,
    close: async () => {
      await Promise.all([src.destroy(), dest.destroy()]);
    },
  };
}

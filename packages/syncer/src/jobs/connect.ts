// Real clusters for the engine: adapts the clients layer (ClusterSql, FeRpc with master failover,
// BackendPool with per-BE ingest windows) to the engine's ClusterAccess port.
import type { TBackend } from '@doris-ccr/protocol';
import { BackendPool, BinlogFeatureDisabledError, ClusterSql, FeRpc, type SqlRow } from '../clients/index.js';
import { JobServiceError } from '../model/job-service.js';
import type { Spec } from '../model/spec.js';
import type { ClusterAccess, FeAccess, Row } from './cluster-access.js';

export interface ConnectOptions {
  readonly connectTimeoutMs?: number;
  readonly rpcTimeoutMs?: number;
  readonly commitTxnTimeoutMs?: number;
  readonly maxIngestConcurrencyPerBackend?: number;
  /** Where failovers to another FE are reported (the daemon's log). */
  readonly warn?: (message: string) => void;
}

/** How long a passed binlog feature check is taken as still true for the next job's creation. */
const BINLOG_CHECK_REUSE_MS = 5_000;

function plain(row: SqlRow): Row {
  return Object.fromEntries(row.columns.map((c) => [c, row.raw(c)]));
}

export async function connectCluster(spec: Spec, options: ConnectOptions = {}): Promise<ClusterAccess> {
  const timeouts = {
    ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    ...(options.rpcTimeoutMs ? { rpcTimeoutMs: options.rpcTimeoutMs } : {}),
    ...(options.commitTxnTimeoutMs ? { commitTxnTimeoutMs: options.commitTxnTimeoutMs } : {}),
  };
  const where = `cluster ${spec.host}:${spec.port}`;
  const sql = new ClusterSql(spec, timeouts);
  let fe: FeRpc;
  try {
    fe = new FeRpc(spec, {
      ...timeouts,
      onEvent: (e) =>
        options.warn?.(`${where}: FE ${e.kind} for ${e.method} from ${e.from} to ${e.to} (${e.reason})`),
    });
    const frontends = await sql.frontends();
    sql.setFrontends(frontends);
    fe.setFrontends(frontends);
  } catch (error) {
    await sql.close();
    throw error;
  }
  // An FE stopped answering SQL: say so, and learn the cluster's FEs again from the one that answers
  // (the master may have moved, FEs may have been added).
  sql.onFailover = (from, to, reason) => {
    options.warn?.(`${where}: SQL moved from FE ${from} to ${to} (${reason})`);
    sql
      .frontends()
      .then((frontends) => {
        sql.setFrontends(frontends);
        fe.setFrontends(frontends);
      })
      .catch(() => {});
  };
  const pool = new BackendPool(spec, {
    ...timeouts,
    ...(options.maxIngestConcurrencyPerBackend
      ? { maxIngestConcurrencyPerBackend: options.maxIngestConcurrencyPerBackend }
      : {}),
  });
  const known = new Map<bigint, TBackend>();
  // One check serves every create_ccr within a few seconds: fifty jobs created together would otherwise
  // ask the FE and every BE fifty times. A failed check is not kept.
  let binlogCheck: { at: number; done: Promise<void> } | undefined;
  const checkBinlog = async () => {
    try {
      await sql.checkBinlogEnabled();
    } catch (error) {
      if (error instanceof BinlogFeatureDisabledError) throw new JobServiceError(error.message);
      throw error;
    }
  };
  return {
    spec,
    sql: {
      query: async <T extends Row>(statement: string) => (await sql.query(statement)).map(plain) as T[],
      execute: (statement: string) => sql.execute(statement),
    },
    fe: fe as unknown as FeAccess,
    checkBinlogFeature: () => {
      const now = performance.now();
      if (!binlogCheck || now - binlogCheck.at > BINLOG_CHECK_REUSE_MS) {
        const done = checkBinlog();
        const entry = { at: now, done };
        binlogCheck = entry;
        done.catch(() => {
          if (binlogCheck === entry) binlogCheck = undefined;
        });
      }
      return binlogCheck.done;
    },
    ingest: (backend, request) => {
      const be = backend as TBackend;
      if (be.id === undefined) throw new Error(`backend ${be.host}:${be.be_port} has no id`);
      // A BE keeps its id across a restart or a move to another machine, but not its address: follow
      // the address the latest backend list gave, or every ingest would go to a port nobody answers on.
      const previous = known.get(be.id);
      if (!previous || previous.host !== be.host || previous.be_port !== be.be_port) {
        known.set(be.id, be);
        pool.setBackends([...known.values()]);
      }
      return pool.ingestBinlog(be.id, request);
    },
    close: async () => {
      pool.close();
      fe.close?.();
      await sql.close();
    },
  };
}

// Starts one sandbox cluster in this process: the FE (MySQL protocol, thrift FrontendService, HTTP for
// stream load) and every BE (thrift BackendService, HTTP webserver), plus the FE's background daemons
// (transaction timeouts, binlog GC). `stop()` closes everything.
import { createThriftServer, FrontendService, type ThriftServer } from '@doris-ccr/protocol';
import type { BackendConfig } from './be/backend.js';
import { createBackendService } from './be/backend-service.js';
import { type BackendHttpServer, startBackendHttp } from './be/http-server.js';
import { snapshotStore, tabletDownloadRoute } from './be/snapshot/index.js';
import type { Clock } from './clock.js';
import { snapshotRpcs, startBackupRestoreScheduler } from './fe/backup/index.js';
import { startDaemons } from './fe/daemons.js';
import type { InsertHooks } from './fe/exec/insert-exec.js';
import { FeSession } from './fe/fe-session.js';
import { Frontend } from './fe/frontend.js';
import { followerAwareHandlers } from './fe/frontend-nodes.js';
import {
  type HttpRoute,
  type StreamLoadServer,
  startStreamLoadServer,
} from './fe/http/stream-load-server.js';
import { type MysqlServer, type SessionFactory, SqlError, startMysqlServer } from './fe/mysql/index.js';
import { compileDeletePredicate, queryHooks } from './fe/query-hooks.js';
import { frontendHandlers } from './fe/thrift/frontend-handlers.js';

export interface SandboxOptions {
  readonly dataDir: string;
  readonly backends?: number;
  /** FEs in the cluster: the first is master, the others answer NOT_MASTER to CCR RPCs. */
  readonly frontends?: number;
  readonly host?: string;
  readonly queryPort?: number;
  readonly rpcPort?: number;
  readonly httpPort?: number;
  readonly idBase?: bigint;
  readonly clock?: Clock;
  readonly feConfig?: Record<string, string>;
  readonly beConfig?: Partial<BackendConfig>;
  readonly log?: (line: string) => void;
}

export interface SandboxBackendPorts {
  readonly id: bigint;
  readonly bePort: number;
  readonly httpPort: number;
}

export interface RunningSandbox {
  readonly host: string;
  readonly queryPort: number;
  readonly rpcPort: number;
  readonly httpPort: number;
  readonly backends: readonly SandboxBackendPorts[];
  /** Every FE (index 0 first; it is the master at start). */
  readonly frontends: ReadonlyArray<{ name: string; queryPort: number; rpcPort: number; httpPort: number }>;
  readonly frontend: Frontend;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const hooks: InsertHooks = queryHooks;
  const fe = new Frontend({
    dataDir: options.dataDir,
    backends: options.backends ?? 1,
    host,
    ...(options.idBase === undefined ? {} : { idBase: options.idBase }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.feConfig ? { feConfig: options.feConfig } : {}),
    ...(options.beConfig ? { beConfig: options.beConfig } : {}),
    compilePredicate: compileDeletePredicate,
    frontends: options.frontends ?? 1,
  });
  const closers: Array<() => Promise<void> | void> = [() => fe.close()];
  const stop = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const txnState = (txnId: bigint) => fe.txns.get(txnId)?.status;
    const backendPorts: SandboxBackendPorts[] = [];
    for (const backend of fe.backends.values()) {
      if (!backend.alive) continue;
      const thrift: ThriftServer = createBackendService(backend, txnState);
      backend.address.bePort = await thrift.listen(0, host);
      closers.push(() => thrift.close());
      const http: BackendHttpServer = await startBackendHttp(backend, 0, host, [
        tabletDownloadRoute({
          backendId: backend.id,
          snapshots: snapshotStore(fe.sqlite),
          token: () => fe.token,
          rateLimitKbs: () => backend.config.download_binlog_rate_limit_kbs,
        }),
      ]);
      backend.address.httpPort = http.port;
      closers.push(() => http.close());
      backendPorts.push({ id: backend.id, bePort: backend.address.bePort, httpPort: http.port });
    }
    const sessions: SessionFactory = {
      open(auth, connectionId) {
        const user = fe.auth.user(auth.user);
        if (!user || !auth.verifyHash(user.passwordHash)) {
          throw new SqlError(
            `Access denied for user '${auth.user}'@'${auth.remoteHost}' (using password: ${auth.usedPassword ? 'YES' : 'NO'})`,
            1045,
            '28000',
          );
        }
        return new FeSession(fe, user.name, connectionId, hooks);
      },
    };
    const masterHandlers = frontendHandlers(fe, snapshotRpcs(fe));
    // Sandbox-only admin hook: POST /api/_sandbox/kill_frontend?index=N stops one FE (failover tests).
    const killRoute: HttpRoute = async (req, res, url) => {
      if (url.pathname !== '/api/_sandbox/kill_frontend' || req.method !== 'POST') return false;
      try {
        const node = await fe.frontends.kill(Number(url.searchParams.get('index')));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ killed: node.name, master: fe.frontends.master.name }));
      } catch (error) {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: (error as Error).message }));
      }
      return true;
    };
    for (const node of fe.frontends.nodes) {
      const first = node.index === 0;
      const rpc = createThriftServer(
        FrontendService,
        followerAwareHandlers(fe.frontends, node, host, masterHandlers),
        {
          onError: (error, method) => log(`thrift ${method} failed: ${(error as Error).message}`),
        },
      );
      node.ports.rpcPort = await rpc.listen(first ? (options.rpcPort ?? 0) : 0, host);
      const http: StreamLoadServer = await startStreamLoadServer(
        fe,
        first ? (options.httpPort ?? 0) : 0,
        host,
        [killRoute],
      );
      node.ports.httpPort = http.port;
      const mysql: MysqlServer = await startMysqlServer({
        host,
        port: first ? (options.queryPort ?? 0) : 0,
        sessions,
        onError: (error) => log(`mysql: ${(error as Error).message}`),
      });
      node.ports.queryPort = mysql.port;
      let closed = false;
      node.close = async () => {
        if (closed) return;
        closed = true;
        await Promise.all([rpc.close(), http.close(), mysql.close()]);
      };
      closers.push(() => node.close?.());
    }
    const daemons = startDaemons(fe, log);
    closers.push(() => daemons.stop());
    const backupRestore = startBackupRestoreScheduler(fe, log);
    closers.push(() => backupRestore.stop());
    const first = fe.frontends.nodes[0]!.ports;
    return {
      host,
      queryPort: first.queryPort,
      rpcPort: first.rpcPort,
      httpPort: first.httpPort,
      frontends: fe.frontends.nodes.map((n) => ({ name: n.name, ...n.ports })),
      backends: backendPorts,
      frontend: fe,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

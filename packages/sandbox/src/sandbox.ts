// Starts one sandbox cluster in this process: every FE (MySQL protocol, thrift FrontendService, HTTP for
// stream load) and every BE process (heartbeat port, thrift BackendService, HTTP webserver), plus the FE's
// background daemons (transaction timeouts, binlog GC, tablet scheduling). `stop()` closes everything.
// Every FE's and BE's ports are kept in the data dir: a restart listens on the same ones unless the options
// name new ones.
import { createThriftServer, FrontendService } from '@doris-ccr/protocol';
import type { BackendConfig } from './be/backend.js';
import { startBackendServers } from './be/backend-servers.js';
import type { Clock } from './clock.js';
import { snapshotRpcs, startBackupRestoreScheduler } from './fe/backup/index.js';
import { startDaemons } from './fe/daemons.js';
import type { InsertHooks } from './fe/exec/insert-exec.js';
import { FeSession } from './fe/fe-session.js';
import { Frontend } from './fe/frontend.js';
import { type FeNode, followerAwareHandlers } from './fe/frontend-nodes.js';
import { type HttpRoute, startStreamLoadServer } from './fe/http/stream-load-server.js';
import { type SessionFactory, SqlError, startMysqlServer } from './fe/mysql/index.js';
import { compileDeletePredicate, queryHooks } from './fe/query-hooks.js';
import { frontendHandlers } from './fe/thrift/frontend-handlers.js';
import { listenKept } from './http/kept-port.js';
import { sandboxAdminRoute } from './http/sandbox-admin.js';
import { watchEventLoop } from './log/event-loop-watch.js';
import { startCheckpointer } from './storage/wal-checkpointer.js';

export interface SandboxOptions {
  readonly dataDir: string;
  /** Registered BEs to run at least: a new cluster registers this many (default 1); see RegistryStart.running. */
  readonly backends?: number;
  /** BE processes running but not registered, for ALTER SYSTEM ADD BACKEND; undefined keeps the data dir's. */
  readonly spareBackends?: number;
  /** New ports for every BE process: process i listens on base+3i (heartbeat), +1 (be_port), +2 (http). */
  readonly bePortBase?: number;
  /** FEs in the cluster: the first is master, the others answer NOT_MASTER to CCR RPCs (default: as kept, else 1). */
  readonly frontends?: number;
  readonly host?: string;
  /** Ports of the first FE; undefined keeps the data dir's (0 picks new free ones). */
  readonly queryPort?: number;
  readonly rpcPort?: number;
  readonly httpPort?: number;
  readonly idBase?: bigint;
  readonly clock?: Clock;
  readonly feConfig?: Record<string, string>;
  readonly beConfig?: Partial<BackendConfig>;
  /** SQLite page cache in MB: most of what a sandbox holds in memory beyond its catalog. */
  readonly cacheMb?: number;
  readonly log?: (line: string) => void;
}

export interface SandboxBackendPorts {
  readonly id: bigint;
  readonly heartbeatPort: number;
  readonly bePort: number;
  readonly httpPort: number;
}

export interface SandboxSparePorts {
  readonly heartbeatPort: number;
  readonly bePort: number;
  readonly httpPort: number;
}

export interface RunningSandbox {
  readonly host: string;
  readonly queryPort: number;
  readonly rpcPort: number;
  readonly httpPort: number;
  /** Registered BEs this sandbox runs. */
  readonly backends: readonly SandboxBackendPorts[];
  /** BE processes running unregistered (ADD BACKEND "host:heartbeatPort" registers one). */
  readonly spareBackends: readonly SandboxSparePorts[];
  /** Every FE (index 0 first; it is the master at start). */
  readonly frontends: ReadonlyArray<{ name: string; queryPort: number; rpcPort: number; httpPort: number }>;
  readonly frontend: Frontend;
  stop(): Promise<void>;
}

type FePorts = { queryPort: number; rpcPort: number; httpPort: number };

/** Ports of each FE from the data dir, with the first FE's overridden by the options. */
function frontendPorts(fe: Frontend, options: SandboxOptions): FePorts[] {
  const kept = JSON.parse(fe.store.getKv('frontend_ports') ?? '[]') as FePorts[];
  return fe.frontends.nodes.map((node) => {
    const ports = kept[node.index] ?? { queryPort: 0, rpcPort: 0, httpPort: 0 };
    if (node.index !== 0) return ports;
    return {
      queryPort: options.queryPort ?? ports.queryPort,
      rpcPort: options.rpcPort ?? ports.rpcPort,
      httpPort: options.httpPort ?? ports.httpPort,
    };
  });
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const hooks: InsertHooks = queryHooks;
  const fe = new Frontend({
    dataDir: options.dataDir,
    ...(options.backends === undefined ? {} : { backends: options.backends }),
    ...(options.spareBackends === undefined ? {} : { spareBackends: options.spareBackends }),
    host,
    ...(options.idBase === undefined ? {} : { idBase: options.idBase }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.feConfig ? { feConfig: options.feConfig } : {}),
    ...(options.beConfig ? { beConfig: options.beConfig } : {}),
    ...(options.cacheMb === undefined ? {} : { cacheMb: options.cacheMb }),
    compilePredicate: compileDeletePredicate,
    ...(options.frontends === undefined ? {} : { frontends: options.frontends }),
  });
  const eventLoop = watchEventLoop();
  const checkpointer = startCheckpointer(fe.sqlite);
  const closers: Array<() => Promise<void> | void> = [
    () => eventLoop.stop(),
    () => fe.close(),
    () => checkpointer.stop(),
  ];
  const stop = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const txnState = (txnId: bigint) => fe.txns.get(txnId)?.status;
    fe.system.processes.forEach((process, i) => {
      if (options.bePortBase === undefined) return;
      const base = options.bePortBase === 0 ? 0 : options.bePortBase + 3 * i;
      process.ports.heartbeatPort = base;
      process.ports.bePort = base === 0 ? 0 : base + 1;
      process.ports.httpPort = base === 0 ? 0 : base + 2;
    });
    for (const process of fe.system.processes) {
      process.open = async () => {
        const close = await startBackendServers(process, {
          host,
          sqlite: fe.sqlite,
          token: () => fe.token,
          txnState,
        });
        process.close = async () => {
          process.close = undefined;
          await close();
        };
      };
      await process.open();
      closers.push(() => process.close?.());
    }
    fe.commit(() => fe.system.save());

    const sessions = (frontendIndex: number): SessionFactory => ({
      open(auth, connectionId) {
        const user = fe.auth.user(auth.user);
        if (!user || !auth.verifyHash(user.passwordHash)) {
          throw new SqlError(
            `Access denied for user '${auth.user}'@'${auth.remoteHost}' (using password: ${auth.usedPassword ? 'YES' : 'NO'})`,
            1045,
            '28000',
          );
        }
        return new FeSession(fe, user.name, connectionId, hooks, frontendIndex);
      },
    });
    const masterHandlers = frontendHandlers(fe, snapshotRpcs(fe));
    // Sandbox-only: GET /api/_sandbox/event_loop[?reset=true] reports the event loop's delays (benchmarks).
    const eventLoopRoute: HttpRoute = async (req, res, url) => {
      if (url.pathname !== '/api/_sandbox/event_loop' || req.method !== 'GET') return false;
      const report = eventLoop.report();
      if (url.searchParams.get('reset') === 'true') eventLoop.reset();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(report));
      return true;
    };
    const wanted = frontendPorts(fe, options);
    const openNode = async (node: FeNode) => {
      const want = wanted[node.index]!;
      const what = (port: string) => `FE ${node.name} ${port}`;
      const override = node.index === 0 ? '--query-port/--rpc-port/--http-port' : 'a new data dir';
      const opened: Array<() => Promise<void>> = [];
      const closeOpened = async () => {
        for (const c of opened.reverse()) await c();
      };
      try {
        const rpc = createThriftServer(
          FrontendService,
          followerAwareHandlers(fe.frontends, node, host, masterHandlers),
          { onError: (error, method) => log(`thrift ${method} failed: ${(error as Error).message}`) },
        );
        node.ports.rpcPort = await listenKept(want.rpcPort, what('rpc_port'), override, (p) =>
          rpc.listen(p, host),
        );
        opened.push(() => rpc.close());
        const http = await listenKept(want.httpPort, what('http_port'), override, (p) =>
          startStreamLoadServer(fe, p, host, [eventLoopRoute, sandboxAdminRoute(fe, node.index)]),
        );
        node.ports.httpPort = http.port;
        opened.push(() => http.close());
        const mysql = await listenKept(want.queryPort, what('query_port'), override, (p) =>
          startMysqlServer({
            host,
            port: p,
            sessions: sessions(node.index),
            onError: (error) => log(`mysql: ${(error as Error).message}`),
          }),
        );
        node.ports.queryPort = mysql.port;
        opened.push(() => mysql.close());
      } catch (error) {
        await closeOpened();
        throw error;
      }
      // A restarted FE listens where it did before.
      wanted[node.index] = { ...node.ports };
      let closed = false;
      node.close = async () => {
        if (closed) return;
        closed = true;
        await closeOpened();
      };
      node.open = async () => {
        await openNode(node);
      };
    };
    for (const node of fe.frontends.nodes) {
      await openNode(node);
      closers.push(() => node.close?.());
    }
    fe.store.setKv(
      'frontend_ports',
      JSON.stringify(
        fe.frontends.nodes.map(({ ports: p }) => ({
          queryPort: p.queryPort,
          rpcPort: p.rpcPort,
          httpPort: p.httpPort,
        })),
      ),
    );
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
      backends: fe.system.processes
        .filter((p) => p.registered)
        .map((p) => ({ id: p.backend.id, ...p.ports })),
      spareBackends: fe.system.spares().map((p) => ({ ...p.ports })),
      frontend: fe,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// Starts the listeners of one BE process: the heartbeat port (which identifies the BE in ADD/DROP/
// DECOMMISSION BACKEND; it accepts connections but speaks no HeartbeatService, since the FE is in the same
// process), be_port (BackendService over thrift) and the webserver port (binlog and snapshot downloads,
// config). Every request is served by whichever backend the process currently is, so a spare that ADD
// BACKEND registers keeps its ports.
import net from 'node:net';
import { listenKept } from '../http/kept-port.js';
import type { Sqlite } from '../storage/sqlite.js';
import type { BackendProcess } from './backend-process.js';
import { createBackendService } from './backend-service.js';
import { DebugPoints, debugPointRoute } from './debug-points.js';
import { startBackendHttp } from './http-server.js';
import type { TxnStateLookup } from './ingest-binlog.js';
import { snapshotStore, tabletDownloadRoute } from './snapshot/index.js';

export interface BackendServerDeps {
  readonly host: string;
  readonly sqlite: Sqlite;
  readonly token: () => string;
  readonly txnState: TxnStateLookup;
}

/** Listens on the process's ports (0 picks free ones, written back into `process.ports`); returns the closer. */
export async function startBackendServers(
  process: BackendProcess,
  deps: BackendServerDeps,
): Promise<() => Promise<void>> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const c of closers.reverse()) await c();
  };
  const what = (port: string) => `BE ${process.registered ? process.backend.id : '(spare)'} ${port}`;
  const override = '--be-port-base';
  try {
    const heartbeat = net.createServer((socket) => socket.destroy());
    process.ports.heartbeatPort = await listenKept(
      process.ports.heartbeatPort,
      what('heartbeat_service_port'),
      override,
      (port) =>
        new Promise((resolve, reject) => {
          heartbeat.once('error', reject);
          heartbeat.listen(port, deps.host, () => {
            heartbeat.off('error', reject);
            resolve((heartbeat.address() as net.AddressInfo).port);
          });
        }),
    );
    closers.push(() => new Promise<void>((resolve) => heartbeat.close(() => resolve())));
    const thrift = createBackendService(() => process.backend, deps.txnState);
    process.ports.bePort = await listenKept(process.ports.bePort, what('be_port'), override, (port) =>
      thrift.listen(port, deps.host),
    );
    closers.push(() => thrift.close());
    const debugPoints = new DebugPoints();
    const downloads = tabletDownloadRoute({
      get backendId() {
        return process.snapshotOwner;
      },
      snapshots: snapshotStore(deps.sqlite),
      token: deps.token,
      rateLimitKbs: () => process.backend.config.download_binlog_rate_limit_kbs,
      debugPoints,
    });
    const debug = debugPointRoute(debugPoints, () => process.backend.config.enable_debug_points);
    const http = await listenKept(process.ports.httpPort, what('webserver_port'), override, (port) =>
      startBackendHttp(() => process.backend, port, deps.host, [downloads, debug]),
    );
    process.ports.httpPort = http.port;
    closers.push(() => http.close());
    process.bind(process.backend);
    return close;
  } catch (error) {
    await close();
    throw error;
  }
}

// The FE's MySQL-protocol listener: accepts connections, numbers them, and closes them all on shutdown.
import { createServer, type Server, type Socket } from 'node:net';
import { MysqlConnection } from './connection.js';
import { newServerCounters } from './server-counters.js';
import type { SessionFactory } from './session-types.js';

export interface MysqlServerOptions {
  /** Interface to listen on; all interfaces when absent. */
  readonly host?: string;
  /** 0 picks a free port; `MysqlServer.port` tells which. */
  readonly port: number;
  readonly sessions: SessionFactory;
  /** What the greeting reports; Doris 2.1/3.0 present themselves as MySQL 5.7. */
  readonly serverVersion?: string;
  /** Unexpected (non-SqlError) failures, reported here as well as to the client. */
  readonly onError?: (e: unknown) => void;
}

export interface MysqlServer {
  readonly port: number;
  /** Stops listening and closes every open connection (their sessions are closed too). */
  close(): Promise<void>;
}

export const DORIS_SERVER_VERSION = '5.7.99';

export async function startMysqlServer(options: MysqlServerOptions): Promise<MysqlServer> {
  const onError = options.onError ?? (() => {});
  const serverVersion = options.serverVersion ?? DORIS_SERVER_VERSION;
  const open = new Set<MysqlConnection>();
  const counters = newServerCounters();
  let lastConnectionId = 0;

  const server = createServer((socket: Socket) => {
    try {
      const connection = new MysqlConnection(socket, {
        connectionId: ++lastConnectionId,
        serverVersion,
        sessions: options.sessions,
        onError,
        counters,
      });
      open.add(connection);
      counters.threads = open.size;
      socket.on('close', () => {
        open.delete(connection);
        counters.threads = open.size;
      });
    } catch (e) {
      onError(e);
      socket.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Client sockets report their own failures; this only sees failures of the listener after startup.
  server.on('error', onError);

  return {
    port: listeningPort(server),
    close: () =>
      new Promise<void>((resolve) => {
        // server.close() waits for open connections, so they are closed right after asking.
        server.close(() => resolve());
        for (const connection of open) connection.destroy();
      }),
  };
}

function listeningPort(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('MySQL server is not listening on TCP');
  return address.port;
}

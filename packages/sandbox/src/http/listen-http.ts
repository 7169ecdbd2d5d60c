import type http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route tried before a server's own handling (admin hooks, snapshot download); true when it answered. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;

export interface ListeningHttpServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Binds a server and returns its real port (port 0 picks a free one). Closing drops keep-alive connections
 * too, so a stopped sandbox never holds a test's event loop open.
 */
export async function listenHttp(
  server: http.Server,
  port: number,
  host: string,
): Promise<ListeningHttpServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

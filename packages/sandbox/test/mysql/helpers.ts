// Starts a MySQL server on a free loopback port with a FakeFe behind it, and opens mysql2 clients against it.
import { setTimeout as delay } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { type MysqlServer, startMysqlServer } from '../../src/fe/mysql/index.js';
import { FakeFe } from './fake-fe.js';

export interface Fixture {
  readonly fe: FakeFe;
  readonly server: MysqlServer;
  /** Everything the server reported through onError. */
  readonly errors: unknown[];
  connect(options?: mysql.ConnectionOptions): Promise<mysql.Connection>;
  /** Closes the clients opened through `connect` and the server. */
  close(): Promise<void>;
}

export async function startFixture(): Promise<Fixture> {
  const fe = new FakeFe();
  const errors: unknown[] = [];
  const server = await startMysqlServer({
    host: '127.0.0.1',
    port: 0,
    sessions: fe,
    onError: (e) => errors.push(e),
  });
  const clients: mysql.Connection[] = [];
  return {
    fe,
    server,
    errors,
    async connect(options = {}) {
      const client = await mysql.createConnection({
        host: '127.0.0.1',
        port: server.port,
        user: 'root',
        ...options,
      });
      // A server-side close must not surface as an unhandled 'error' event in the tests.
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await server.close();
    },
  };
}

/** Waits until `condition` holds (the server reacts to socket events asynchronously). */
export async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await delay(5);
  }
}

/** The shape mysql2 gives its errors (QueryError), for assertions. */
export interface ClientError {
  errno?: number;
  sqlState?: string;
  sqlMessage?: string;
  code?: string;
  fatal?: boolean;
}

export function clientError(fields: ClientError): (e: unknown) => boolean {
  return (e) => {
    const actual = e as ClientError;
    for (const [key, value] of Object.entries(fields)) {
      if (actual[key as keyof ClientError] !== value) {
        throw new Error(
          `expected ${key} = ${String(value)}, got ${String(actual[key as keyof ClientError])}`,
          {
            cause: e,
          },
        );
      }
    }
    return true;
  };
}

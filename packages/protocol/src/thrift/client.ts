// A typed client for a Thrift service: a small pool of connections, each with one call in flight, so that
// concurrent callers (e.g. many ingest_binlog calls to one BE) run in parallel up to `maxConnections`.
import { ThriftConnection } from './connection.js';
import type { CallOptions, ServiceCalls, ServiceDef } from './service.js';

export interface ThriftClientOptions {
  readonly host: string;
  readonly port: number;
  /** Go syncer default: 10 s. */
  readonly connectTimeoutMs?: number;
  /** Go syncer default: 30 s. */
  readonly rpcTimeoutMs?: number;
  readonly maxConnections?: number;
  readonly maxMessageBytes?: number;
}

export type ThriftClient<S extends ServiceDef> = ServiceCalls<S> & {
  readonly address: string;
  close(): void;
};

export function createThriftClient<S extends ServiceDef>(
  svc: S,
  options: ThriftClientOptions,
): ThriftClient<S> {
  const pool = new ConnectionPool(options);
  const calls: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(svc.methods)) {
    calls[name] = async (request: object, callOptions?: CallOptions) => {
      const connection = await pool.acquire();
      try {
        return await connection.call(def, request, callOptions?.timeoutMs ?? pool.rpcTimeoutMs);
      } finally {
        pool.release(connection);
      }
    };
  }
  return Object.assign(calls, {
    address: `${options.host}:${options.port}`,
    close: () => pool.close(),
  }) as ThriftClient<S>;
}

class ConnectionPool {
  readonly rpcTimeoutMs: number;
  private readonly idle: ThriftConnection[] = [];
  private readonly waiters: Array<{ resolve: (c: ThriftConnection) => void; reject: (e: Error) => void }> =
    [];
  private open = 0;
  private closed = false;

  constructor(private readonly options: ThriftClientOptions) {
    this.rpcTimeoutMs = options.rpcTimeoutMs ?? 30_000;
  }

  async acquire(): Promise<ThriftConnection> {
    if (this.closed) throw new Error(`client for ${this.options.host}:${this.options.port} is closed`);
    for (let conn = this.idle.pop(); conn; conn = this.idle.pop()) {
      if (conn.usable) return conn;
      this.open--;
    }
    if (this.open < (this.options.maxConnections ?? 8)) {
      this.open++;
      try {
        return await ThriftConnection.open(
          this.options.host,
          this.options.port,
          this.options.connectTimeoutMs ?? 10_000,
          this.options.maxMessageBytes ?? 1 << 30,
        );
      } catch (error) {
        this.open--;
        throw error;
      }
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  release(conn: ThriftConnection): void {
    if (this.closed || conn.closed) {
      if (!conn.closed) conn.close();
      this.open--;
      const waiter = this.waiters.shift();
      if (waiter) this.acquire().then(waiter.resolve, waiter.reject);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(conn);
    else this.idle.push(conn);
  }

  close(): void {
    this.closed = true;
    for (const conn of this.idle.splice(0)) conn.close();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('client closed'));
  }
}

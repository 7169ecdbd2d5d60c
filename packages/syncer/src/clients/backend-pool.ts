// BackendService clients for the BEs of one cluster, with a per-BE window on in-flight ingest_binlog calls
// (be-ingest.md §6 step 4, Go flag `max_ingest_concurrency_per_backend`). Share one pool among all jobs
// that write to the same cluster and the window is per BE for the whole daemon, not per job as in the Go
// syncer (behaviour §8.21), so N jobs cannot put N×48 ingests on one BE.
import {
  type BackendClient,
  type CallOptions,
  createBackendClient,
  type TBackend,
  type TIngestBinlogRequest,
  type TIngestBinlogResult,
} from '@doris-ccr/protocol';
import type { Spec } from '../model/spec.js';
import { ConcurrencyLimiter, type LimiterStats } from './concurrency-limiter.js';
import type { FeRpc } from './fe-rpc.js';
import { HostMapper } from './host-mapping.js';
import { type ClientTimeouts, type ResolvedTimeouts, resolveTimeouts } from './timeouts.js';

export interface BackendPoolOptions extends ClientTimeouts {
  /** In-flight ingest_binlog calls per BE. Default 48. */
  readonly maxIngestConcurrencyPerBackend?: number;
}

export interface IngestOptions extends CallOptions {
  /** Aborting takes a call out of the queue if it has not started yet. */
  readonly signal?: AbortSignal;
}

interface Endpoint {
  readonly address: string;
  readonly client: BackendClient;
  readonly limiter: ConcurrencyLimiter;
}

export class BackendPool {
  readonly #timeouts: ResolvedTimeouts;
  readonly #limit: number;
  readonly #mapper: HostMapper;
  #backends = new Map<bigint, TBackend>();
  /** Keyed by the reachable `host:be_port`, so two ids that resolve to one process share one window. */
  readonly #endpoints = new Map<string, Endpoint>();
  #closed = false;

  constructor(spec: Pick<Spec, 'host' | 'host_mapping'>, options: BackendPoolOptions = {}) {
    this.#timeouts = resolveTimeouts(options);
    this.#limit = options.maxIngestConcurrencyPerBackend ?? 48;
    if (!Number.isInteger(this.#limit) || this.#limit < 1) {
      throw new RangeError('maxIngestConcurrencyPerBackend must be a positive integer');
    }
    this.#mapper = HostMapper.forSpec(spec);
  }

  get backends(): readonly TBackend[] {
    return [...this.#backends.values()];
  }

  /**
   * Replaces the known BEs (from getBackendMeta). Clients of BEs that are gone, or moved, are closed:
   * their running calls finish, their queued ones fail.
   */
  setBackends(backends: readonly TBackend[]): void {
    const next = new Map<bigint, TBackend>();
    for (const be of backends) if (be.id !== undefined) next.set(be.id, be);
    this.#backends = next;
    const live = new Set<string>();
    for (const be of next.values()) {
      const address = this.#tryAddress(be);
      if (address) live.add(address);
    }
    for (const [address, endpoint] of this.#endpoints) {
      if (!live.has(address)) this.#closeEndpoint(endpoint, `backend ${address} left the cluster`);
    }
  }

  /** Reloads the BE list from the master FE. */
  async refresh(fe: Pick<FeRpc, 'backendList'>): Promise<readonly TBackend[]> {
    this.setBackends(await fe.backendList());
    return this.backends;
  }

  /** The reachable `host:be_port` of a BE (host mapped); throws for an unknown id or an unmapped host. */
  address(backendId: bigint): string {
    const be = this.#backends.get(backendId);
    if (!be) throw new Error(`unknown backend id ${backendId}; refresh the backend list`);
    const host = this.#mapper.map(be.host, `BE ${backendId} ${be.host}:${be.be_port}`);
    return `${host}:${be.be_port}`;
  }

  /** The raw client of a BE (not limited); prefer ingestBinlog for ingests. */
  client(backendId: bigint): BackendClient {
    return this.#endpoint(backendId).client;
  }

  /** One ingest_binlog call within the BE's window; the result is returned whatever its status. */
  async ingestBinlog(
    backendId: bigint,
    request: TIngestBinlogRequest,
    options: IngestOptions = {},
  ): Promise<TIngestBinlogResult> {
    const { client, limiter } = this.#endpoint(backendId);
    const callOptions = options.timeoutMs === undefined ? undefined : { timeoutMs: options.timeoutMs };
    return await limiter.run(() => client.ingest_binlog(request, callOptions), options.signal);
  }

  /** Running and queued ingest calls of a BE. */
  stats(backendId: bigint): LimiterStats {
    return this.#endpoints.get(this.address(backendId))?.limiter.stats ?? { active: 0, queued: 0 };
  }

  /** Closes every BE connection and fails queued calls. Idempotent. */
  close(): void {
    this.#closed = true;
    for (const endpoint of this.#endpoints.values()) this.#closeEndpoint(endpoint, 'backend pool closed');
  }

  #endpoint(backendId: bigint): Endpoint {
    if (this.#closed) throw new Error('backend pool is closed');
    const address = this.address(backendId);
    let endpoint = this.#endpoints.get(address);
    if (!endpoint) {
      const at = address.lastIndexOf(':');
      endpoint = {
        address,
        client: createBackendClient({
          host: address.slice(0, at),
          port: Number(address.slice(at + 1)),
          connectTimeoutMs: this.#timeouts.connectTimeoutMs,
          rpcTimeoutMs: this.#timeouts.rpcTimeoutMs,
          // One connection per permitted call: a connection carries one call at a time, so fewer
          // connections than the window would silently shrink it.
          maxConnections: this.#limit,
        }),
        limiter: new ConcurrencyLimiter(this.#limit),
      };
      this.#endpoints.set(address, endpoint);
    }
    return endpoint;
  }

  #tryAddress(be: TBackend): string | undefined {
    const host = this.#mapper.tryMap(be.host);
    return host === undefined ? undefined : `${host}:${be.be_port}`;
  }

  #closeEndpoint(endpoint: Endpoint, reason: string): void {
    endpoint.limiter.close(new Error(reason));
    endpoint.client.close();
    this.#endpoints.delete(endpoint.address);
  }
}

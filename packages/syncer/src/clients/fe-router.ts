// Routes FrontendService calls to the master FE (fe-thrift.md §3–§4, behaviour §6.2). Every CCR RPC must be
// served by the master; any FE accepts the connection and a non-master answers NOT_MASTER, usually with the
// master's address. The router remembers the FE that last answered as master and, per call:
//   * connection failure (refused, reset, closed, timeout) → the next known FE not yet tried in this call;
//   * NOT_MASTER with an address → that address, through the spec's host mapping (an unmapped host fails);
//   * NOT_MASTER without an address (election in progress) → short pause, then the next known FE;
//   * anything else (including other error statuses) → returned to the caller as-is;
// with a bounded number of attempts, after which FeUnavailableError lists what each attempt saw.
import {
  type CallOptions,
  createFrontendClient,
  type FrontendClient,
  type FrontendService,
  type RequestOf,
  type ResultOf,
  StatusCode,
  ThriftTransportError,
  type TNetworkAddress,
  type TStatus,
} from '@doris-ccr/protocol';
import type { FrontendAddress, Spec } from '../model/spec.js';
import { type FeAttempt, FeUnavailableError } from './fe-rpc-error.js';
import { HostMapper } from './host-mapping.js';
import { redactError, redactSecret } from './redact.js';
import { type ClientTimeouts, type ResolvedTimeouts, resolveTimeouts } from './timeouts.js';

export type FeMethods = FrontendService['methods'];
export type FeMethodName = keyof FeMethods & string;

/** Something the router did that an operator may want in the log. */
export interface FeRouteEvent {
  readonly kind: 'failover' | 'redirect';
  readonly method: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export interface FeRouterOptions extends ClientTimeouts {
  /** Upper bound on attempts per call. Default: number of known FEs + 2 (one redirect and one retry). */
  readonly maxAttempts?: number;
  /** Pause after a NOT_MASTER that names no master (an election is running). Default 500 ms. */
  readonly noMasterDelayMs?: number;
  /** Connections per FE (each carries one call at a time). Default 8. */
  readonly maxConnectionsPerFrontend?: number;
  readonly onEvent?: (event: FeRouteEvent) => void;
}

interface Answer {
  status?: TStatus;
  master_address?: TNetworkAddress;
}

export class FeRouter {
  readonly #timeouts: ResolvedTimeouts;
  readonly #options: FeRouterOptions;
  readonly #mapper: HostMapper;
  readonly #password: string;
  readonly #clients = new Map<string, FrontendClient>();
  /** Known FE thrift addresses (`host:port`, already mapped), in failover order. */
  #known: string[] = [];
  #master: string;
  #closed = false;

  constructor(spec: Spec, options: FeRouterOptions = {}) {
    this.#timeouts = resolveTimeouts(options);
    this.#options = options;
    this.#mapper = HostMapper.forSpec(spec);
    this.#password = spec.password;
    // The spec's own address is reachable by definition and is where the Go syncer starts too.
    this.#master = joinAddress(spec.host, Number(spec.thrift_port));
    this.#known = [this.#master];
    if (spec.frontends) this.setFrontends(spec.frontends);
  }

  /** The FE calls go to first (the last one that answered as master). */
  get master(): string {
    return this.#master;
  }

  /** Every FE address the router may fail over to. */
  get frontends(): readonly string[] {
    return this.#known;
  }

  /**
   * Replaces the failover list with the cluster's FEs (from `frontends()`), keeping the spec's address.
   * FEs whose host the host mapping cannot translate are left out: they could not be reached anyway.
   * The reported master becomes the first target.
   */
  setFrontends(frontends: readonly FrontendAddress[]): void {
    const seed = this.#known[0]!;
    const known: string[] = [];
    let master: string | undefined;
    for (const fe of frontends) {
      const host = this.#mapper.tryMap(fe.host);
      const port = Number(fe.thrift_port);
      if (host === undefined || !Number.isInteger(port) || port <= 0) continue;
      const address = joinAddress(host, port);
      if (!known.includes(address)) known.push(address);
      if (fe.is_master) master = address;
    }
    if (!known.includes(seed)) known.push(seed);
    // Keep the spec's address first so the list stays stable across refreshes; the master leads the calls.
    this.#known = [seed, ...known.filter((a) => a !== seed)];
    if (master) this.#master = master;
  }

  async call<K extends FeMethodName>(
    method: K,
    request: RequestOf<FeMethods[K]>,
    options: CallOptions = {},
  ): Promise<ResultOf<FeMethods[K]>> {
    const attempts: FeAttempt[] = [];
    const failed = new Set<string>();
    const limit = this.#options.maxAttempts ?? this.#known.length + 2;
    const timeoutMs = options.timeoutMs ?? this.#timeouts.rpcTimeoutMs;
    let target: string | undefined = this.#master;
    let lastError: unknown;
    while (target !== undefined && attempts.length < limit) {
      if (this.#closed) throw new Error(`FeRpc is closed (${method})`);
      let answer: Answer;
      try {
        const client = this.#client(target) as unknown as Record<
          string,
          (r: unknown, o: CallOptions) => Promise<unknown>
        >;
        answer = (await client[method]!(request, { timeoutMs })) as Answer;
      } catch (error) {
        if (!(error instanceof ThriftTransportError)) throw this.#scrub(error);
        lastError = error;
        attempts.push({ address: target, outcome: this.#redact(error.message) });
        failed.add(target);
        target = this.#next(method, target, failed, 'connection failed');
        continue;
      }
      if (answer.status?.status_code !== StatusCode.NOT_MASTER) {
        this.#master = target;
        return answer as ResultOf<FeMethods[K]>;
      }
      failed.add(target);
      const address = answer.master_address;
      if (address?.hostname && address.port > 0) {
        // Unmapped → HostMappingError right away: retrying elsewhere cannot make the master reachable.
        const host = this.#mapper.map(address.hostname, `master FE named by ${target}`);
        const redirect = joinAddress(host, address.port);
        attempts.push({ address: target, outcome: `NOT_MASTER, master is ${redirect}` });
        if (!this.#known.includes(redirect)) this.#known.push(redirect);
        this.#emit({ kind: 'redirect', method, from: target, to: redirect, reason: 'NOT_MASTER' });
        target = redirect;
        continue;
      }
      attempts.push({ address: target, outcome: 'NOT_MASTER without a master address' });
      target = this.#next(method, target, failed, 'NOT_MASTER without a master address');
      // Give a running election a moment before asking the next FE.
      if (target !== undefined) await delay(this.#options.noMasterDelayMs ?? 500);
    }
    throw new FeUnavailableError(
      method,
      attempts,
      lastError === undefined ? undefined : { cause: lastError },
    );
  }

  /** Closes every FE connection. Idempotent; later calls fail. */
  close(): void {
    this.#closed = true;
    for (const client of this.#clients.values()) client.close();
    this.#clients.clear();
  }

  #client(address: string): FrontendClient {
    let client = this.#clients.get(address);
    if (!client) {
      const { host, port } = splitAddress(address);
      client = createFrontendClient({
        host,
        port,
        connectTimeoutMs: this.#timeouts.connectTimeoutMs,
        rpcTimeoutMs: this.#timeouts.rpcTimeoutMs,
        ...(this.#options.maxConnectionsPerFrontend === undefined
          ? {}
          : { maxConnections: this.#options.maxConnectionsPerFrontend }),
      });
      this.#clients.set(address, client);
    }
    return client;
  }

  /** The FE after `from` in the known list that this call has not tried yet. */
  #next(method: string, from: string, failed: ReadonlySet<string>, reason: string): string | undefined {
    const start = this.#known.indexOf(from);
    for (let i = 1; i <= this.#known.length; i++) {
      const candidate = this.#known[(start + i) % this.#known.length]!;
      if (!failed.has(candidate)) {
        this.#emit({ kind: 'failover', method, from, to: candidate, reason });
        return candidate;
      }
    }
    return undefined;
  }

  #emit(event: FeRouteEvent): void {
    try {
      this.#options.onEvent?.(event);
    } catch {
      // A logging hook must not break a call.
    }
  }

  #redact(text: string): string {
    return redactSecret(text, this.#password);
  }

  #scrub(error: unknown): unknown {
    return redactError(error, this.#password);
  }
}

function joinAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function splitAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at);
  return { host: host.startsWith('[') ? host.slice(1, -1) : host, port: Number(address.slice(at + 1)) };
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

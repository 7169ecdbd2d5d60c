// A fault-injection TCP proxy for resilience scenarios. It listens on a second loopback address
// (127.0.0.2 by default) on the same port numbers as the cluster it fronts, so a syncer given
// `host_mapping: {"127.0.0.1": "127.0.0.2"}` reaches every FE and BE port — and the target BEs reach the
// source BEs — through it, without any port translation. Faults apply per link (one listening port) and
// can be changed while connections are open:
//   latency   every chunk waits `ms` before it is forwarded (order kept), both directions;
//   throttle  each direction of each connection forwards at most `bytesPerSecond`;
//   blackhole bytes are swallowed and new connections are accepted but never answered — a host that
//             stopped answering without closing anything; when the fault ends those connections are
//             reset, as the peer's TCP stack would do after the data it lost;
//   cut()     resets every open connection now (a network blip, a restarted middlebox).
import { createServer, type Server, Socket } from 'node:net';

export type Fault =
  | { readonly kind: 'none' }
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'throttle'; readonly bytesPerSecond: number }
  | { readonly kind: 'blackhole' };

export interface ProxyLinkSpec {
  /** What the link is, for messages: `source FE query`, `target BE 10001 thrift`, … */
  readonly name: string;
  readonly port: number;
  /** Where the real server listens; default 127.0.0.1 on the same port. */
  readonly upstreamHost?: string;
  readonly upstreamPort?: number;
}

export interface ProxyStats {
  readonly accepted: number;
  readonly open: number;
  readonly cut: number;
  readonly bytes: number;
}

const NO_FAULT: Fault = { kind: 'none' };

/** One direction of one connection: forwards chunks in order under the link's current fault. */
class Pipe {
  #queue = Promise.resolve();
  #sentAt = 0;

  constructor(
    private readonly link: ProxyLink,
    private readonly from: Socket,
    private readonly to: Socket,
  ) {
    from.on('data', (chunk: Buffer) => this.#push(chunk));
    from.on('end', () => {
      this.#queue = this.#queue.then(() => {
        if (!this.to.destroyed) this.to.end();
      });
    });
  }

  #push(chunk: Buffer): void {
    const fault = this.link.fault;
    if (fault.kind === 'blackhole') {
      this.link.swallowed(this.from);
      return;
    }
    // Latency delays each chunk from its arrival, so it adds a constant delay without limiting throughput.
    const due = fault.kind === 'latency' ? performance.now() + fault.ms : 0;
    this.#queue = this.#queue
      .then(() =>
        fault.kind === 'throttle' ? this.#throttle(fault.bytesPerSecond, chunk.length) : undefined,
      )
      .then(() => sleep(due - performance.now()))
      .then(() => {
        if (this.to.destroyed || this.link.fault.kind === 'blackhole') return;
        this.link.counted(chunk.length);
        if (!this.to.write(chunk)) {
          this.from.pause();
          this.to.once('drain', () => this.from.resume());
        }
      });
  }

  async #throttle(bytesPerSecond: number, bytes: number): Promise<void> {
    // A chunk has gone through once the chunks before it and its own bytes have used their share of time.
    const now = performance.now();
    this.#sentAt = Math.max(now, this.#sentAt) + (bytes / bytesPerSecond) * 1000;
    await sleep(this.#sentAt - now);
  }
}

export class ProxyLink {
  fault: Fault = NO_FAULT;
  readonly #server: Server;
  readonly #open = new Set<Socket>();
  readonly #upstreams = new Set<Socket>();
  /** Client sockets whose bytes a black hole swallowed: they are reset when the hole closes. */
  readonly #damaged = new Set<Socket>();
  #accepted = 0;
  #cut = 0;
  #closing = false;
  #bytes = 0;

  private constructor(
    readonly spec: Required<ProxyLinkSpec>,
    server: Server,
  ) {
    this.#server = server;
  }

  static async listen(host: string, spec: ProxyLinkSpec): Promise<ProxyLink> {
    const full: Required<ProxyLinkSpec> = {
      upstreamHost: '127.0.0.1',
      upstreamPort: spec.port,
      ...spec,
    };
    const server = createServer();
    const link = new ProxyLink(full, server);
    server.on('connection', (client) => link.#accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(full.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return link;
  }

  get stats(): ProxyStats {
    return { accepted: this.#accepted, open: this.#open.size, cut: this.#cut, bytes: this.#bytes };
  }

  setFault(fault: Fault): void {
    const wasHole = this.fault.kind === 'blackhole';
    this.fault = fault;
    if (wasHole && fault.kind !== 'blackhole') {
      for (const socket of this.#damaged) socket.destroy();
      this.#damaged.clear();
    }
  }

  /** Resets every open connection of this link; returns how many. */
  cut(): number {
    const n = this.#open.size;
    for (const socket of [...this.#open, ...this.#upstreams]) socket.resetAndDestroy();
    this.#cut += n;
    return n;
  }

  counted(bytes: number): void {
    this.#bytes += bytes;
  }

  swallowed(client: Socket): void {
    this.#damaged.add(client);
  }

  /**
   * Stops listening and resets every connection, including any accepted meanwhile: a peer with a
   * keep-alive connection (a BE's HTTP client) would otherwise hold the close open for as long as it lives.
   */
  async close(): Promise<void> {
    this.#closing = true;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.cut();
    // Every socket is reset; the server's own bookkeeping of them needs no waiting beyond a moment.
    await Promise.race([closed, sleep(1_000)]);
  }

  #accept(client: Socket): void {
    if (this.#closing) {
      client.resetAndDestroy();
      return;
    }
    this.#accepted++;
    this.#open.add(client);
    client.on('close', () => {
      this.#open.delete(client);
      this.#damaged.delete(client);
    });
    client.on('error', () => {});
    if (this.fault.kind === 'blackhole') {
      // Accepted by the kernel, never answered: the caller's connect succeeds and its request times out.
      this.#damaged.add(client);
      client.on('data', () => {});
      return;
    }
    const upstream = new Socket();
    // Upstream sockets are reset with their client (cut, close): one left with a pending write or
    // shutdown towards a peer that stopped reading keeps the process from exiting.
    this.#upstreams.add(upstream);
    upstream.on('close', () => this.#upstreams.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    // Hold the client's first bytes until the upstream connection exists (a MySQL client waits for the
    // server's greeting, a thrift client does not).
    client.pause();
    upstream.connect(this.spec.upstreamPort, this.spec.upstreamHost, () => {
      new Pipe(this, client, upstream);
      new Pipe(this, upstream, client);
      client.resume();
    });
  }
}

/** A proxy fronting many ports of one or more clusters on one loopback address. */
export class FaultProxy {
  private constructor(
    readonly host: string,
    readonly links: readonly ProxyLink[],
  ) {}

  static async start(links: readonly ProxyLinkSpec[], host = '127.0.0.2'): Promise<FaultProxy> {
    const started: ProxyLink[] = [];
    try {
      for (const spec of links) started.push(await ProxyLink.listen(host, spec));
    } catch (error) {
      await Promise.all(started.map((l) => l.close()));
      throw error;
    }
    return new FaultProxy(host, started);
  }

  /** The links whose name matches (all when no filter). */
  select(filter?: RegExp | ((link: ProxyLink) => boolean)): ProxyLink[] {
    if (!filter) return [...this.links];
    const test = filter instanceof RegExp ? (l: ProxyLink) => filter.test(l.spec.name) : filter;
    return this.links.filter(test);
  }

  setFault(fault: Fault, filter?: RegExp | ((link: ProxyLink) => boolean)): void {
    for (const link of this.select(filter)) link.setFault(fault);
  }

  heal(): void {
    this.setFault(NO_FAULT);
  }

  cut(filter?: RegExp | ((link: ProxyLink) => boolean)): number {
    return this.select(filter).reduce((n, link) => n + link.cut(), 0);
  }

  get stats(): ProxyStats {
    const sum = { accepted: 0, open: 0, cut: 0, bytes: 0 };
    for (const link of this.links) {
      const s = link.stats;
      sum.accepted += s.accepted;
      sum.open += s.open;
      sum.cut += s.cut;
      sum.bytes += s.bytes;
    }
    return sum;
  }

  async close(): Promise<void> {
    await Promise.all(this.links.map((l) => l.close()));
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

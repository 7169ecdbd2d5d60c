// The fixture of the resilience scenarios (test/scenarios/faults/): two doris-sandbox processes whose
// processes the scenario controls (restart, FE kill, topology changes), optionally a fault proxy in front
// of every FE and BE port, and one ccr-syncer. With the proxy, jobs name the clusters by the proxy's
// address and map the clusters' own address to it, so every connection the syncer opens — and every
// download a target BE makes from a source BE — crosses the proxy.
import { randomBytes } from 'node:crypto';
import { SandboxProcess } from '@doris-ccr/sandbox';
import mysql from 'mysql2/promise';
import { converge, until } from '../converge.js';
import { FaultProxy, type ProxyLinkSpec } from '../fault-proxy.js';
import { q, tableRows } from '../inspect.js';
import { SyncerProcess } from '../syncer-process.js';

export const CLUSTER_HOST = '127.0.0.1';
export const PROXY_HOST = '127.0.0.2';

export interface FaultFixtureOptions {
  readonly proxy?: boolean;
  readonly sourceBackends?: number;
  readonly targetBackends?: number;
  readonly sourceFrontends?: number;
  readonly targetFrontends?: number;
  readonly syncerArgs?: readonly string[];
  /** The syncer's --api_token (every call of the fixture sends it). */
  readonly apiToken?: string;
  /** More doris-sandbox options per side (e.g. `--spare-backends 1`). */
  readonly sourceArgs?: readonly string[];
  readonly targetArgs?: readonly string[];
}

export type Side = 'source' | 'target';

/** Every port of a sandbox a client or another cluster's BE may connect to. */
export function linksOf(side: Side, p: SandboxProcess): ProxyLinkSpec[] {
  const r = p.ready;
  const fes = r.frontends.length > 0 ? r.frontends : [{ name: 'fe', ...r }];
  return [
    ...fes.flatMap((fe) => [
      { name: `${side} FE ${fe.name} query`, port: fe.queryPort },
      { name: `${side} FE ${fe.name} rpc`, port: fe.rpcPort },
      { name: `${side} FE ${fe.name} http`, port: fe.httpPort },
    ]),
    ...r.backends.flatMap((be) => [
      { name: `${side} BE ${be.id} thrift`, port: be.bePort },
      { name: `${side} BE ${be.id} http`, port: be.httpPort },
    ]),
  ];
}

export class FaultFixture {
  readonly runId = `${Date.now().toString(36).slice(-5)}${randomBytes(2).toString('hex')}`;

  private constructor(
    readonly options: FaultFixtureOptions,
    public source: SandboxProcess,
    public target: SandboxProcess,
    public proxy: FaultProxy | undefined,
    readonly syncer: SyncerProcess,
  ) {}

  static async start(options: FaultFixtureOptions = {}): Promise<FaultFixture> {
    const started: SandboxProcess[] = [];
    let proxy: FaultProxy | undefined;
    try {
      const frontendArgs = (n?: number) => (n && n > 1 ? ['--frontends', String(n)] : []);
      started.push(
        await SandboxProcess.start({
          backends: options.sourceBackends ?? 2,
          args: [...frontendArgs(options.sourceFrontends), ...(options.sourceArgs ?? [])],
        }),
      );
      started.push(
        await SandboxProcess.start({
          backends: options.targetBackends ?? 2,
          args: [...frontendArgs(options.targetFrontends), ...(options.targetArgs ?? [])],
        }),
      );
      const [source, target] = started as [SandboxProcess, SandboxProcess];
      if (options.proxy)
        proxy = await FaultProxy.start(
          [...linksOf('source', source), ...linksOf('target', target)],
          PROXY_HOST,
        );
      const syncer = await SyncerProcess.start({
        args: [...(options.syncerArgs ?? [])],
        ...(options.apiToken === undefined ? {} : { apiToken: options.apiToken }),
      });
      return new FaultFixture(options, source, target, proxy, syncer);
    } catch (error) {
      await proxy?.close();
      await Promise.all(started.map((p) => p.destroy()));
      throw error;
    }
  }

  sandbox(side: Side): SandboxProcess {
    return side === 'source' ? this.source : this.target;
  }

  /** The `src`/`dest` of create_ccr: through the proxy when there is one. */
  spec(side: Side, database: string, table: string) {
    const p = this.sandbox(side);
    return {
      host: this.proxy ? PROXY_HOST : CLUSTER_HOST,
      port: String(p.ready.queryPort),
      thrift_port: String(p.ready.rpcPort),
      user: 'root',
      password: '',
      database,
      table,
      ...(this.proxy ? { host_mapping: { [CLUSTER_HOST]: PROXY_HOST } } : {}),
    };
  }

  /** Which FE of each side the scenario's own connections use (moved off an FE the scenario killed). */
  readonly viewFrontend: Record<Side, number> = { source: 0, target: 0 };

  /** Kills one FE of a multi-FE sandbox (its ports close; if it was master, a follower takes over). */
  async killFrontend(side: Side, index: number): Promise<void> {
    const fes = this.sandbox(side).ready.frontends;
    const via = fes.findIndex((_, i) => i !== index);
    const r = await fetch(
      `http://${CLUSTER_HOST}:${fes[via]!.httpPort}/api/_sandbox/kill_frontend?index=${index}`,
      {
        method: 'POST',
      },
    );
    if (r.status !== 200) throw new Error(`kill_frontend ${side} ${index}: ${r.status} ${await r.text()}`);
    if (this.viewFrontend[side] === index) this.viewFrontend[side] = via;
  }

  /** A direct connection (never through the proxy) to one FE: the scenario's own view of a cluster. */
  connect(side: Side, frontend = this.viewFrontend[side]): Promise<mysql.Connection> {
    const p = this.sandbox(side);
    if (frontend === 0) return p.connect();
    return mysql.createConnection({
      host: CLUSTER_HOST,
      port: p.ready.frontends[frontend]!.queryPort,
      user: 'root',
      password: '',
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
    });
  }

  /**
   * Stops a sandbox (SIGTERM, or SIGKILL for a crash) and starts it again on the same data directory and
   * the same FE ports, as an operator restarting a cluster would. Proxy links follow the new process.
   */
  async restart(
    side: Side,
    options: { signal?: NodeJS.Signals; whileDown?: () => Promise<void> } = {},
  ): Promise<void> {
    const old = this.sandbox(side);
    const r = old.ready;
    await old.kill(options.signal ?? 'SIGTERM');
    await options.whileDown?.();
    const restarted = await SandboxProcess.start({
      dataDir: old.dataDir,
      backends: r.backends.length,
      args: [
        '--query-port',
        String(r.queryPort),
        '--rpc-port',
        String(r.rpcPort),
        '--http-port',
        String(r.httpPort),
        ...(r.frontends.length > 1 ? ['--frontends', String(r.frontends.length)] : []),
      ],
    });
    if (side === 'source') this.source = restarted;
    else this.target = restarted;
    await this.relink();
  }

  /** Re-creates the proxy's links for the ports the sandboxes listen on now. */
  async relink(): Promise<void> {
    if (!this.proxy) return;
    const old = this.proxy;
    await old.close();
    this.proxy = await FaultProxy.start(
      [...linksOf('source', this.source), ...linksOf('target', this.target)],
      PROXY_HOST,
    );
  }

  async close(): Promise<void> {
    await this.syncer.destroy();
    await this.proxy?.close();
    await Promise.all([this.source.destroy(), this.target.destroy()]);
  }
}

/** One replicated table of a fault scenario: its job, a steady row writer, and the final comparison. */
export class FaultTable {
  readonly srcDb: string;
  readonly destDb: string;
  readonly job: string;

  constructor(
    readonly fx: FaultFixture,
    readonly topic: string,
    readonly table = 'rows_t',
  ) {
    this.srcDb = `fault_${topic}_${fx.runId}`;
    this.destDb = `${this.srcDb}_t`;
    this.job = `${topic}_${fx.runId}`;
  }

  /**
   * A DUPLICATE KEY table (a doubled apply shows as a doubled row) with 4 buckets, and a table job over it,
   * caught up after its full sync. `dbProperties` are more `"key" = "value"` properties of the source
   * database; `onCreated` runs once create_ccr is accepted, while the full sync runs; `credentials`: the
   * job's user on both clusters instead of root.
   */
  async create(
    initialRows = 10,
    options: {
      readonly dbProperties?: string;
      readonly onCreated?: () => void;
      readonly credentials?: { readonly user: string; readonly password: string };
    } = {},
  ): Promise<void> {
    const src = await this.fx.connect('source');
    const more = options.dbProperties ? `, ${options.dbProperties}` : '';
    try {
      await src.query(`CREATE DATABASE ${q(this.srcDb)} PROPERTIES ("binlog.enable" = "true"${more})`);
      await src.query(
        `CREATE TABLE ${q(this.srcDb)}.${q(this.table)} (k INT, v VARCHAR(32)) DUPLICATE KEY(k)
         DISTRIBUTED BY HASH(k) BUCKETS 4 PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`,
      );
      if (initialRows > 0) {
        const values = Array.from({ length: initialRows }, (_, i) => `(${-1 - i}, 'seed')`).join(',');
        await src.query(`INSERT INTO ${q(this.srcDb)}.${q(this.table)} VALUES ${values}`);
      }
    } finally {
      await src.end();
    }
    const answer = await this.fx.syncer.call<{ success: boolean; error_msg?: string }>('create_ccr', {
      name: this.job,
      src: { ...this.fx.spec('source', this.srcDb, this.table), ...options.credentials },
      dest: { ...this.fx.spec('target', this.destDb, this.table), ...options.credentials },
    });
    if (!answer.success) throw new Error(`create_ccr ${this.job} refused: ${answer.error_msg}`);
    options.onCreated?.();
    await this.caughtUp(120_000);
  }

  /** Single-row inserts on the source, `perSecond` of them, until stop(); see RowWriter. */
  write(perSecond: number, count = Number.POSITIVE_INFINITY): RowWriter {
    return new RowWriter(this.fx, `${q(this.srcDb)}.${q(this.table)}`, perSecond, count);
  }

  async progress(): Promise<{
    position: { state: string; step: string };
    txn?: unknown;
    history: Array<{ kind: string; reason: string; finishedAt?: number }>;
    lastError?: { message: string };
  }> {
    const answer = await this.fx.syncer.call<{ success: boolean; job_progress: never; error_msg?: string }>(
      'job_progress',
      { name: this.job },
    );
    if (!answer.success) throw new Error(`job_progress ${this.job}: ${answer.error_msg}`);
    return answer.job_progress;
  }

  /** Waits until the job replays and has applied every source binlog (lag 0). */
  async caughtUp(timeoutMs = 90_000): Promise<void> {
    await until(
      `job ${this.job} to catch up`,
      async () => {
        const p = await this.progress();
        if (!/IncrementalSync$/.test(p.position.state) || p.txn)
          return { position: p.position, lastError: p.lastError?.message };
        const lag = await this.fx.syncer.call<{ success: boolean; lag?: number; error_msg?: string }>(
          'get_lag',
          { name: this.job },
        );
        return lag.success && lag.lag === 0 ? true : { lag: lag.lag ?? lag.error_msg };
      },
      timeoutMs,
    );
  }

  /** Waits until the target table holds exactly the source's rows, and returns them. */
  async sameRows(timeoutMs = 90_000): Promise<string[]> {
    const [src, dest] = await Promise.all([this.fx.connect('source'), this.fx.connect('target')]);
    try {
      return await converge(
        `rows of ${this.table} (job ${this.job})`,
        () => tableRows(src, this.srcDb, this.table),
        () => tableRows(dest, this.destDb, this.table).catch((e: Error) => [`error: ${e.message}`]),
        timeoutMs,
      );
    } finally {
      await Promise.all([src.end(), dest.end()]);
    }
  }

  async fullSyncs(): Promise<number> {
    return (await this.progress()).history.filter((h) => h.kind === 'full').length;
  }

  /** The syncer's log lines about this job (for failure messages). */
  log(lines = 40): string {
    return this.fx.syncer.output
      .filter((l) => l.includes(this.job))
      .slice(-lines)
      .join('\n');
  }
}

/**
 * Writes rows k = 1, 2, … one INSERT each at a steady rate, directly to the source (never through the
 * proxy). A failed insert (the source restarting) is retried with the same k until it succeeds: an insert
 * whose answer was lost may then exist twice on the source, which the comparison with the target — the
 * source's own rows, doubled or not — still judges exactly.
 */
export class RowWriter {
  written = 0;
  failures = 0;
  /** The source FE the writer connects to (a scenario that kills FE 0 moves it first). */
  frontend = 0;
  readonly done: Promise<void>;
  #stopped = false;
  #reconnect = false;

  constructor(
    private readonly fx: FaultFixture,
    private readonly table: string,
    perSecond: number,
    private readonly count: number,
  ) {
    this.done = this.#run(1000 / perSecond);
  }

  async #run(intervalMs: number): Promise<void> {
    let conn: mysql.Connection | undefined;
    let next = performance.now();
    try {
      for (let k = 1; k <= this.count && !this.#stopped; ) {
        next += intervalMs;
        try {
          if (this.#reconnect) {
            this.#reconnect = false;
            await conn?.end().catch(() => undefined);
            conn = undefined;
          }
          conn ??= await this.fx.connect('source', this.frontend);
          await conn.query(`INSERT INTO ${this.table} VALUES (${k}, 'row ${k}')`);
          this.written = k;
          k++;
        } catch {
          this.failures++;
          await conn?.destroy();
          conn = undefined;
          next = performance.now() + 250;
        }
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    } finally {
      await conn?.end().catch(() => undefined);
    }
  }

  /** Writes through another FE from the next row on. */
  useFrontend(index: number): void {
    this.frontend = index;
    this.#reconnect = true;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.done;
  }
}

// The shared fixture of the table-sync scenarios: one pair of clusters and one ccr-syncer per test file,
// and per scenario a database of its own (unique per run, so scenarios can share a real cluster and run
// concurrently) that is dropped again afterwards together with the scenario's jobs.
import { randomBytes } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { type ClusterPair, jobSpec, realClustersFromEnv, startClusters } from './clusters.js';
import { converge, until } from './converge.js';
import { q, qualified, type Row, rows, tableRows } from './inspect.js';
import { SyncerProcess } from './syncer-process.js';

/** One id per test process: database and job names carry it, so runs never collide. */
const RUN_ID = `${Date.now().toString(36).slice(-5)}${randomBytes(2).toString('hex')}`;

export interface SyncHistoryEntry {
  readonly kind: 'full' | 'partial';
  readonly reason: string;
  readonly startedAt: number;
  readonly finishedAt?: number;
  /** Partial syncs: the table they copied, and the partitions when not the whole table. */
  readonly tables?: readonly string[];
  readonly partitions?: readonly string[];
}

/** The part of /job_progress the scenarios read (packages/syncer/src/jobs/progress.ts). */
export interface JobProgressView {
  readonly position: { readonly state: string; readonly step: string };
  readonly prevCommitSeq: string;
  readonly commitSeq: string;
  readonly txn?: { readonly txnId: string };
  readonly history: SyncHistoryEntry[];
  readonly lastError?: { readonly message: string };
}

export interface ApiAnswer {
  readonly success: boolean;
  readonly error_msg?: string;
  readonly [key: string]: unknown;
}

export interface JobOptions {
  /** Target table name when it differs from the source's (an alias). */
  readonly destTable?: string;
  readonly allowTableExists?: boolean;
  /** Follow a source table dropped and re-created under the same name (a new table id). */
  readonly followRecreated?: boolean;
  /** Database jobs: include_tables / exclude_tables of create_ccr. */
  readonly includeTables?: readonly string[];
  readonly excludeTables?: readonly string[];
}

export type TableReader<T> = (conn: mysql.Connection, db: string, table: string) => Promise<T>;

export class ScenarioFixture {
  private constructor(
    readonly clusters: ClusterPair,
    readonly syncer: SyncerProcess,
  ) {}

  static async start(): Promise<ScenarioFixture> {
    const clusters = await startClusters();
    try {
      return new ScenarioFixture(clusters, await SyncerProcess.start());
    } catch (error) {
      await clusters.close();
      throw error;
    }
  }

  /** True on two doris-sandbox processes; false on real clusters (sandbox-only checks are skipped). */
  get sandbox(): boolean {
    return this.clusters.sandbox;
  }

  /**
   * Runs one scenario in fresh databases and cleans up after it. A failure carries the syncer's log lines
   * about the scenario's jobs, which usually say why the target did not converge.
   */
  async run(
    topic: string,
    body: (s: Scenario) => Promise<void>,
    options: { readonly syncer?: SyncerProcess } = {},
  ): Promise<void> {
    const scenario = await Scenario.open(this, topic, options.syncer ?? this.syncer);
    try {
      await body(scenario);
    } catch (error) {
      const log = scenario.syncerLog();
      if (error instanceof Error && log) error.message += `\n--- syncer log of this scenario ---\n${log}`;
      throw error;
    } finally {
      await scenario.cleanup();
    }
  }

  async close(): Promise<void> {
    await this.syncer.destroy();
    await this.clusters.close();
  }
}

export class Scenario {
  private readonly jobs: TableJob[] = [];

  private constructor(
    readonly fixture: ScenarioFixture,
    readonly topic: string,
    readonly srcDb: string,
    readonly destDb: string,
    readonly src: mysql.Connection,
    readonly dest: mysql.Connection,
    /** The syncer this scenario's jobs run on (the fixture's unless the scenario brings its own). */
    readonly syncer: SyncerProcess,
  ) {}

  static async open(fixture: ScenarioFixture, topic: string, syncer: SyncerProcess): Promise<Scenario> {
    const srcDb = `ccr_${topic}_${RUN_ID}`;
    const [src, dest] = await Promise.all([
      fixture.clusters.source.connect(),
      fixture.clusters.target.connect(),
    ]);
    try {
      await src.query(`CREATE DATABASE ${q(srcDb)} PROPERTIES ("binlog.enable" = "true")`);
    } catch (error) {
      await Promise.all([src.end(), dest.end()]);
      throw error;
    }
    return new Scenario(fixture, topic, srcDb, `${srcDb}_t`, src, dest, syncer);
  }

  get sandbox(): boolean {
    return this.fixture.sandbox;
  }

  /**
   * Runs statements on the source, one at a time (`$db` names the scenario's database). After an ALTER or
   * CREATE MATERIALIZED VIEW it waits for the schema change or rollup job that may have started: Doris
   * refuses the next ALTER of the table, and loads with the new columns, until that job has finished.
   */
  async source(...statements: string[]): Promise<void> {
    for (const statement of statements) {
      await this.src.query(statement.replaceAll('$db', q(this.srcDb)));
      if (/^\s*(ALTER\s+TABLE|CREATE\s+MATERIALIZED\s+VIEW)\b/i.test(statement)) await this.alterJobsDone();
    }
  }

  /** Waits until no schema change or rollup job of the source database is running. */
  async alterJobsDone(): Promise<void> {
    await until(`alter jobs of ${this.srcDb} to finish`, async () => {
      const running: Row[] = [];
      for (const kind of ['COLUMN', 'ROLLUP']) {
        const jobs = await rows(this.src, `SHOW ALTER TABLE ${kind} FROM ${q(this.srcDb)}`);
        running.push(...jobs.filter((j) => j.State !== 'FINISHED' && j.State !== 'CANCELLED'));
      }
      return running.length === 0 ? true : running;
    });
  }

  /**
   * A stream load into a source table, sent where any client finds the FE's HTTP port (SHOW FRONTENDS);
   * fails the scenario unless Doris answers Success.
   */
  async streamLoad(table: string, body: string, headers: Record<string, string>): Promise<void> {
    const [fe] = await rows<{ Host: string; HttpPort: string }>(this.src, 'SHOW FRONTENDS');
    if (!fe) throw new Error('SHOW FRONTENDS listed no frontend');
    const cluster = this.fixture.clusters.source;
    const response = await fetch(`http://${fe.Host}:${fe.HttpPort}/api/${this.srcDb}/${table}/_stream_load`, {
      method: 'PUT',
      headers: {
        Authorization: `Basic ${Buffer.from(`${cluster.user}:${cluster.password}`).toString('base64')}`,
        ...headers,
      },
      body,
      redirect: 'follow',
    });
    const result = (await response.json()) as { Status: string; Message: string };
    if (result.Status !== 'Success') throw new Error(`stream load into ${table}: ${JSON.stringify(result)}`);
  }

  /** Runs a statement on the target (only for setting up a target-side state). */
  async target(statement: string): Promise<void> {
    await this.dest.query(statement.replaceAll('$db', q(this.destDb)));
  }

  spec(side: 'src' | 'dest', table: string) {
    const c = side === 'src' ? this.fixture.clusters.source : this.fixture.clusters.target;
    return jobSpec(c, side === 'src' ? this.srcDb : this.destDb, table);
  }

  /** The create_ccr body of a table job; a test may spoil it to see the request refused. */
  createBody(table: string, options: JobOptions = {}, name = this.nextJobName()) {
    return {
      name,
      src: this.spec('src', table),
      dest: this.spec('dest', options.destTable ?? table),
      ...(options.allowTableExists ? { allow_table_exists: true } : {}),
      ...(options.followRecreated ? { follow_recreated_table: true } : {}),
      ...(options.includeTables ? { include_tables: options.includeTables } : {}),
      ...(options.excludeTables ? { exclude_tables: options.excludeTables } : {}),
    };
  }

  nextJobName(): string {
    return `${this.topic}_${RUN_ID}_${this.jobs.length + 1}`;
  }

  /** Creates a table job through the API (failing the scenario if refused) and waits for its full sync. */
  async createJob(table: string, options: JobOptions = {}): Promise<TableJob> {
    const body = this.createBody(table, options);
    const answer = await this.syncer.call<ApiAnswer>('create_ccr', body);
    if (!answer.success) throw new Error(`create_ccr ${body.name} refused: ${answer.error_msg}`);
    const job = new TableJob(this, body.name, table, body.dest.table);
    this.jobs.push(job);
    await job.caughtUp();
    return job;
  }

  syncerLog(): string {
    const names = this.jobs.map((j) => j.name);
    return this.syncer.output
      .filter((line) => names.some((n) => line.includes(n)))
      .slice(-60)
      .join('\n');
  }

  async cleanup(): Promise<void> {
    for (const job of this.jobs) await this.syncer.call('delete', { name: job.name }).catch(() => undefined);
    await this.src.query(`DROP DATABASE IF EXISTS ${q(this.srcDb)} FORCE`).catch(() => undefined);
    await this.dest.query(`DROP DATABASE IF EXISTS ${q(this.destDb)} FORCE`).catch(() => undefined);
    await Promise.all([this.src.end(), this.dest.end()]);
  }
}

export class TableJob {
  constructor(
    readonly scenario: Scenario,
    readonly name: string,
    readonly srcTable: string,
    readonly destTable: string,
  ) {}

  /** One table of a database job (same job, the table's name on both sides). */
  table(name: string): TableJob {
    return new TableJob(this.scenario, this.name, name, name);
  }

  call(endpoint: string, extra: Record<string, unknown> = {}): Promise<ApiAnswer> {
    return this.scenario.syncer.call<ApiAnswer>(endpoint, { name: this.name, ...extra });
  }

  /** Calls an endpoint that must succeed. */
  async must(endpoint: string, extra: Record<string, unknown> = {}): Promise<ApiAnswer> {
    const answer = await this.call(endpoint, extra);
    if (!answer.success) throw new Error(`${endpoint} ${this.name} failed: ${answer.error_msg}`);
    return answer;
  }

  async progress(): Promise<JobProgressView> {
    return (await this.must('job_progress')).job_progress as JobProgressView;
  }

  async fullSyncs(): Promise<number> {
    return this.syncs('full');
  }

  /** How many full or partial syncs the job's history records (the first full sync included). */
  async syncs(kind: 'full' | 'partial'): Promise<number> {
    return (await this.progress()).history.filter((h) => h.kind === kind).length;
  }

  /**
   * Waits until the job has applied every source binlog of its table: no sync in flight, and the source
   * reports no binlog after the job's commit seq. A change made on the source before this call has then
   * reached the target — or was deliberately not replicated, which is what negative checks rely on.
   */
  async caughtUp(timeoutMs?: number): Promise<void> {
    await until(
      `job ${this.name} to catch up`,
      async () => {
        const p = await this.progress();
        const last = p.history[p.history.length - 1];
        if (!/IncrementalSync$/.test(p.position.state) || p.txn || (last && last.finishedAt === undefined))
          return { position: p.position, lastError: p.lastError?.message, lastSync: last };
        const lag = await this.call('get_lag');
        return lag.success && lag.lag === 0 ? true : { lag: lag.lag ?? lag.error_msg };
      },
      timeoutMs,
    );
  }

  /** Waits until `read` gives the same answer for the source table and the target table. */
  converge<T>(what: string, read: TableReader<T>, timeoutMs?: number): Promise<T> {
    const s = this.scenario;
    return converge(
      `${what} of ${this.srcTable} (job ${this.name})`,
      () => read(s.src, s.srcDb, this.srcTable),
      () => read(s.dest, s.destDb, this.destTable),
      timeoutMs,
    );
  }

  /** Waits until the target table holds exactly the source table's rows. */
  sameRows(timeoutMs?: number): Promise<string[]> {
    return this.converge('rows', tableRows, timeoutMs);
  }

  /** Reads from the target table. */
  target<T>(read: TableReader<T>): Promise<T> {
    return read(this.scenario.dest, this.scenario.destDb, this.destTable);
  }

  /** Reads from the source table. */
  source<T>(read: TableReader<T>): Promise<T> {
    return read(this.scenario.src, this.scenario.srcDb, this.srcTable);
  }

  get srcName(): string {
    return qualified(this.scenario.srcDb, this.srcTable);
  }

  get destName(): string {
    return qualified(this.scenario.destDb, this.destTable);
  }
}

/** Test options of a scenario that only a doris-sandbox pair can run (it relies on sandbox-only state). */
export function sandboxOnly(reason: string): { skip?: string } {
  return realClustersFromEnv() ? { skip: `sandbox only: ${reason}` } : {};
}

/** Test options of a scenario the sandbox cannot run (a Doris feature it does not implement). */
export function realOnly(reason: string): { skip?: string } {
  return realClustersFromEnv() ? {} : { skip: `needs a real Doris: ${reason}` };
}

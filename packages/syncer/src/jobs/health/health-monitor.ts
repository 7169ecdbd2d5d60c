// Watches the jobs this syncer runs: every few seconds it asks each job's source how far behind the job is
// (getBinlogLag: binlogs and the age of the first unapplied one), reads how long the source keeps them
// (binlog-retention.ts, once a minute), works out the runway (runway.ts) and whether the job is stalled
// (stall-watch.ts). job_status and /metrics read the last look, so neither waits for a cluster; get_lag
// asks afresh. Paused jobs are watched too: a paused job's runway is what an operator must not miss.
import type { JobLag, JobTimeHealth } from '../../model/job-service.js';
import type { Spec } from '../../model/spec.js';
import type { ClusterAccess } from '../cluster-access.js';
import { isReplayState } from '../job-state.js';
import { type JobView, type LiveJob, lagOf } from '../job-views.js';
import type { Clock } from '../runtime.js';
import { type BinlogRetention, readRetention } from './binlog-retention.js';
import { LagHistory, type LagSample } from './lag-history.js';
import { type Runway, runwayFields, runwayOf } from './runway.js';
import { type StallChange, StallWatch } from './stall-watch.js';

/** How often the limits are read again (they change only by an operator's ALTER). */
const RETENTION_TTL_MS = 60_000;

export interface HealthOptions {
  readonly clock: Clock;
  /** A job that moves nothing this long while the source is ahead is stalled. */
  readonly stallMs: number;
  /** Between two looks (default: a quarter of stallMs, within 250 ms and 10 s). */
  readonly intervalMs?: number;
  /** The jobs run here now. */
  readonly jobs: () => Iterable<LiveJob>;
  /** A source connection for a job that has none (paused since it started). */
  readonly connect: (spec: Spec) => Promise<ClusterAccess>;
  /** A job became stalled or recovered; `detail` says why (the last error, or what it waits for). */
  readonly onChange: (job: LiveJob, change: StallChange, detail: string) => void;
}

/** What the last look found, as job_status and the metrics show it. */
export interface JobHealth {
  /** Source binlogs not applied yet. */
  readonly lagBinlogs?: number;
  /** Age of the oldest of them (0 when caught up; absent when its commit time is unknown). */
  readonly lagSeconds?: number;
  readonly runway?: Runway;
  readonly stalled: boolean;
  readonly stalledSince?: number;
  /** Unix ms of the last look that saw the job move. */
  readonly lastActiveAt: number;
  /** Why the last look could not ask the source. */
  readonly sampleError?: string;
}

interface Watched {
  readonly stall: StallWatch;
  readonly history: LagHistory;
  lag?: { binlogs: number; seconds?: number };
  runway?: Runway;
  retention?: { value: BinlogRetention; at: number };
  sampleError?: string;
}

/** Seconds behind from a get_lag answer: 0 when caught up, absent when the first binlog's time is unknown. */
export function lagSecondsOf(lag: JobLag): number | undefined {
  if (lag.lag === 0) return 0;
  const delay = lag.delay_seconds as number | undefined;
  return delay !== undefined && delay > 0 ? delay : undefined;
}

export class HealthMonitor {
  private readonly watched = new Map<string, Watched>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  readonly intervalMs: number;

  constructor(private readonly options: HealthOptions) {
    this.intervalMs = options.intervalMs ?? Math.min(10_000, Math.max(250, options.stallMs / 4));
  }

  start(): void {
    this.timer ??= setInterval(() => {
      this.ticking ??= this.tick().finally(() => {
        this.ticking = undefined;
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  forget(name: string): void {
    this.watched.delete(name);
  }

  /** The lag samples of the last hour (none for a job this syncer does not run). */
  lagHistory(name: string): LagSample[] {
    return this.watched.get(name)?.history.since(this.options.clock.now()) ?? [];
  }

  health(name: string): JobHealth | undefined {
    const w = this.watched.get(name);
    if (!w) return undefined;
    return {
      ...(w.lag ? { lagBinlogs: w.lag.binlogs } : {}),
      ...(w.lag?.seconds === undefined ? {} : { lagSeconds: w.lag.seconds }),
      ...(w.runway ? { runway: w.runway } : {}),
      stalled: w.stall.stalledSince !== undefined,
      ...(w.stall.stalledSince === undefined ? {} : { stalledSince: w.stall.stalledSince }),
      lastActiveAt: w.stall.lastActiveAt,
      ...(w.sampleError ? { sampleError: w.sampleError } : {}),
    };
  }

  /** get_lag: the lag asked of the source now, with its age in seconds and the runway. */
  async lagNow(src: ClusterAccess, view: JobView): Promise<JobLag & JobTimeHealth> {
    const lag = await lagOf(src, view, this.options.clock.now());
    const seconds = lagSecondsOf(lag);
    return {
      ...lag,
      ...(seconds === undefined ? {} : { lag_seconds: seconds }),
      ...runwayFields(await this.runwayFor(src, view, lag)),
    };
  }

  /** The runway of a job for a lag just asked of its source, reading the limits if needed. */
  async runwayFor(src: ClusterAccess, view: JobView, lag: JobLag): Promise<Runway | undefined> {
    const w = this.watched.get(view.record.name);
    const retention = await this.retention(src, view, w);
    return runwayOf({
      now: this.options.clock.now(),
      lag: lag.lag,
      ...nextAtOf(lag, this.options.clock.now()),
      retention,
      history: view.progress.history,
    });
  }

  private async retention(
    src: ClusterAccess,
    view: JobView,
    w: Watched | undefined,
  ): Promise<BinlogRetention> {
    const now = this.options.clock.now();
    if (w?.retention && now - w.retention.at < RETENTION_TTL_MS) return w.retention.value;
    const value = await readRetention(src.sql, view.record.src.database, view.record.src.table);
    if (w) w.retention = { value, at: now };
    return value;
  }

  private async tick(): Promise<void> {
    const live = [...this.options.jobs()];
    const names = new Set(live.map((j) => j.record.name));
    for (const name of this.watched.keys()) if (!names.has(name)) this.watched.delete(name);
    await Promise.all(live.map((job) => this.look(job)));
  }

  private async look(job: LiveJob): Promise<void> {
    const now = this.options.clock.now();
    let w = this.watched.get(job.record.name);
    if (!w) {
      w = { stall: new StallWatch(this.options.stallMs, now), history: new LagHistory(this.intervalMs) };
      this.watched.set(job.record.name, w);
    }
    const view: JobView = { record: job.record, progress: job.progress, local: job, owner: '' };
    let sourceAhead: boolean | undefined;
    const own = job.src ? undefined : await this.options.connect(job.record.src).catch(() => undefined);
    const src = job.src ?? own;
    try {
      if (!src) throw new Error('the source cluster cannot be reached');
      const lag = await lagOf(src, view, now);
      const seconds = lagSecondsOf(lag);
      w.lag = { binlogs: lag.lag, ...(seconds === undefined ? {} : { seconds }) };
      w.history.add({
        at: now,
        lag_binlogs: lag.lag,
        ...(seconds === undefined ? {} : { lag_seconds: seconds }),
      });
      sourceAhead = lag.lag > 0;
      w.runway = await this.runwayFor(src, view, lag);
      delete w.sampleError;
    } catch (error) {
      w.sampleError = (error as Error).message;
      delete w.lag;
    } finally {
      await own?.close();
    }
    const paused = job.record.state === 'paused' || job.runner.status === 'paused';
    const change = w.stall.observe(
      this.options.clock.now(),
      { position: job.progress.position, prevCommitSeq: job.progress.prevCommitSeq, steps: job.runner.steps },
      sourceAhead,
      paused,
    );
    if (change) this.options.onChange(job, change, stallDetail(job, w, this.options.stallMs));
  }
}

function nextAtOf(lag: JobLag, now: number): { nextAt?: number } {
  const seconds = lagSecondsOf(lag);
  return lag.lag > 0 && seconds !== undefined ? { nextAt: now - seconds * 1000 } : {};
}

function stallDetail(job: LiveJob, w: Watched, stallMs: number): string {
  const error = job.progress.lastError?.message ?? job.runner.lastError?.message;
  const behind = w.lag ? `${w.lag.binlogs} source binlogs behind` : `source not asked (${w.sampleError})`;
  const where = isReplayState(job.progress.position.state)
    ? `applied nothing for ${Math.round(stallMs / 1000)} s`
    : `${job.progress.position.state}/${job.progress.position.step} has not moved for ${Math.round(stallMs / 1000)} s`;
  return `${where}, ${behind}${error ? `; last error: ${error}` : ''}`;
}

// Prometheus metrics of the job engine (prom-client). The job name is a label, never part of a metric
// name (the Go syncer builds names from job names, which breaks on unusual characters and multiplies
// series names). Gauges that mirror job state are read at scrape time; counters are fed by the steps.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { HealthGauges } from './health/health-views.js';
import type { BinlogActionKind } from './replay/binlog-action.js';

/** What a running job reports as it works; one instance per job, bound to its name. */
export interface JobObserver {
  binlogApplied(action: BinlogActionKind): void;
  upsertApplied(seconds: number, tablets: number): void;
  syncStarted(kind: 'full' | 'partial'): void;
  /** A step failed; `action` is what the job does about it (errors.ts). */
  failed(action: string, message: string): void;
  /** A DDL binlog was replayed on the target by these statements. */
  ddlApplied(seq: bigint, statements: readonly string[]): void;
  /** A binlog was passed over: its object cannot exist on the target. */
  binlogSkipped(seq: bigint, reason: string): void;
  /** Another syncer took the job over: this one stopped it (and its fenced writes failed). */
  leaseLost(): void;
  /** This syncer took the job over from another whose lease ran out (or that died). */
  tookOver(): void;
}

/** Current state of one job, read when Prometheus scrapes. */
export interface JobGaugeSource extends HealthGauges {
  readonly name: string;
  readonly state: string;
  readonly prevCommitSeq: string;
  readonly steps: number;
  readonly lastErrorAt: number | undefined;
  /** Estimated share done of the running full or partial sync (absent: none runs). */
  readonly syncPercent?: number;
}

const JOB_STATES = ['running', 'failing', 'stalled', 'paused'] as const;

/** A metric fed by job events: counters and the histogram, all labelled by job. */
type JobSeries = Counter<string> | Histogram<string>;

export class JobMetrics {
  readonly registry = new Registry();
  private readonly binlogs;
  private readonly upserts;
  private readonly tablets;
  private readonly syncs;
  private readonly errors;
  private readonly leases;
  private readonly takeovers;
  /** The label sets each job has written per metric, so its series can be removed when it is deleted. */
  private readonly seen = new Map<string, Map<JobSeries, Map<string, Record<string, string>>>>();

  constructor(jobs: () => Iterable<JobGaugeSource>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ccr_syncer_' });
    const registers = [this.registry];
    const counter = (name: string, help: string, labelNames: string[] = ['job']) =>
      new Counter({ name, help, labelNames, registers });
    this.binlogs = counter(
      'ccr_binlogs_handled_total',
      'Source binlogs handled, by what the job did with them',
      ['job', 'action'],
    );
    this.upserts = new Histogram({
      name: 'ccr_upsert_apply_seconds',
      help: 'Time to apply one UPSERT binlog on the target (beginTxn, ingest, commitTxn)',
      labelNames: ['job'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.tablets = counter(
      'ccr_ingested_tablets_total',
      'Target tablet replicas that ingested a source rowset',
    );
    this.syncs = counter('ccr_syncs_started_total', 'Full and partial syncs started', ['job', 'kind']);
    this.errors = counter(
      'ccr_job_errors_total',
      'Step errors, by the action they led to (retryable, needs_full_sync, needs_partial_sync, fatal)',
      ['job', 'action'],
    );
    this.leases = counter(
      'ccr_lease_lost_total',
      'Jobs this syncer stopped because another syncer took them over (their writes were fenced out)',
    );
    this.takeovers = counter(
      'ccr_job_takeovers_total',
      'Jobs this syncer took over from another syncer whose lease ran out or that died',
    );
    new Gauge({
      name: 'ccr_job_state',
      help: '1 for the state each job is in (running, failing, stalled, paused)',
      labelNames: ['job', 'state'],
      registers,
      collect() {
        this.reset();
        for (const job of jobs())
          for (const state of JOB_STATES) this.set({ job: job.name, state }, job.state === state ? 1 : 0);
      },
    });
    /** A gauge with one series per job, read from the job's state at scrape time (none while unknown). */
    const perJob = (name: string, help: string, value: (job: JobGaugeSource) => number | undefined) =>
      new Gauge({
        name,
        help,
        labelNames: ['job'],
        registers,
        collect() {
          this.reset();
          for (const job of jobs()) {
            const v = value(job);
            if (v !== undefined) this.set({ job: job.name }, v);
          }
        },
      });
    perJob('ccr_job_applied_commit_seq', 'Last source commit seq applied on the target', (job) =>
      Number(job.prevCommitSeq),
    );
    perJob('ccr_job_steps', 'Steps the job ran since the syncer started', (job) => job.steps);
    perJob(
      'ccr_job_last_error_timestamp_seconds',
      'Unix time of the job’s last error (0: none)',
      (job) => (job.lastErrorAt ?? 0) / 1000,
    );
    perJob(
      'ccr_job_lag_seconds',
      'Age of the oldest source binlog the job has not applied, by its commit time (0: caught up)',
      (job) => job.lagSeconds,
    );
    perJob('ccr_job_lag_binlogs', 'Source binlogs the job has not applied', (job) => job.lagBinlogs);
    perJob(
      'ccr_job_runway_seconds',
      'Seconds until the source collects the first binlog the job still needs (+Inf: no retention limit binds)',
      (job) => job.runwaySeconds,
    );
    perJob(
      'ccr_job_runway_warning',
      '1 when the runway is shorter than the job’s last full sync took',
      (job) => (job.runwayWarning === undefined ? undefined : Number(job.runwayWarning)),
    );
    perJob(
      'ccr_sync_progress_percent',
      'Estimated share done (0-100) of the job’s running full or partial sync; no series while none runs',
      (job) => job.syncPercent,
    );
    perJob(
      'ccr_job_stalled',
      '1 when the job applied nothing for --stall_seconds while its source has newer binlogs',
      (job) => (job.stalled === undefined ? undefined : Number(job.stalled)),
    );
  }

  observer(job: string): JobObserver {
    // A relaunched job (force_fullsync, skip) gets a new observer but keeps what it wrote before.
    const written = this.seen.get(job) ?? new Map<JobSeries, Map<string, Record<string, string>>>();
    this.seen.set(job, written);
    const labels = (metric: JobSeries, extra: Record<string, string> = {}) => {
      const set = { job, ...extra };
      let sets = written.get(metric);
      if (!sets) {
        sets = new Map();
        written.set(metric, sets);
      }
      sets.set(JSON.stringify(extra), set);
      return set;
    };
    return {
      binlogApplied: (action) => this.binlogs.inc(labels(this.binlogs, { action })),
      upsertApplied: (seconds, tablets) => {
        this.upserts.observe(labels(this.upserts), seconds);
        this.tablets.inc(labels(this.tablets), tablets);
      },
      syncStarted: (kind) => this.syncs.inc(labels(this.syncs, { kind })),
      failed: (action) => this.errors.inc(labels(this.errors, { action })),
      leaseLost: () => this.leases.inc(labels(this.leases)),
      tookOver: () => this.takeovers.inc(labels(this.takeovers)),
      // Counted by binlogApplied already; these are for the event log.
      ddlApplied: () => undefined,
      binlogSkipped: () => undefined,
    };
  }

  /** A deleted job's series disappear instead of reporting stale values forever. */
  forget(job: string): void {
    for (const [metric, sets] of this.seen.get(job) ?? [])
      for (const labels of sets.values()) metric.remove(labels);
    this.seen.delete(job);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

// Prometheus metrics of the job engine (prom-client). The job name is a label, never part of a metric
// name (the Go syncer builds names from job names, which breaks on unusual characters and multiplies
// series names). Gauges that mirror job state are read at scrape time; counters are fed by the steps.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BinlogActionKind } from './table-sync/binlog-action.js';

/** What a running job reports as it works; one instance per job, bound to its name. */
export interface JobObserver {
  binlogApplied(action: BinlogActionKind): void;
  upsertApplied(seconds: number, tablets: number): void;
  syncStarted(kind: 'full' | 'partial'): void;
  failed(action: string): void;
}

/** Current state of one job, read when Prometheus scrapes. */
export interface JobGaugeSource {
  readonly name: string;
  readonly state: string;
  readonly prevCommitSeq: string;
  readonly steps: number;
  readonly lastErrorAt: number | undefined;
}

const JOB_STATES = ['running', 'failing', 'paused'] as const;

export class JobMetrics {
  readonly registry = new Registry();
  private readonly binlogs;
  private readonly upserts;
  private readonly tablets;
  private readonly syncs;
  private readonly errors;
  private readonly counters;
  /** Label sets each job has used, so its series can be removed when it is deleted. */
  private readonly seen = new Map<string, Map<string, Record<string, string>>>();

  constructor(jobs: () => Iterable<JobGaugeSource>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ccr_syncer_' });
    const registers = [this.registry];
    this.binlogs = new Counter({
      name: 'ccr_binlogs_handled_total',
      help: 'Source binlogs handled, by what the job did with them',
      labelNames: ['job', 'action'],
      registers,
    });
    this.upserts = new Histogram({
      name: 'ccr_upsert_apply_seconds',
      help: 'Time to apply one UPSERT binlog on the target (beginTxn, ingest, commitTxn)',
      labelNames: ['job'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.tablets = new Counter({
      name: 'ccr_ingested_tablets_total',
      help: 'Target tablet replicas that ingested a source rowset',
      labelNames: ['job'],
      registers,
    });
    this.syncs = new Counter({
      name: 'ccr_syncs_started_total',
      help: 'Full and partial syncs started',
      labelNames: ['job', 'kind'],
      registers,
    });
    this.errors = new Counter({
      name: 'ccr_job_errors_total',
      help: 'Step errors, by the action they led to (retryable, needs_full_sync, needs_partial_sync, fatal)',
      labelNames: ['job', 'action'],
      registers,
    });
    this.counters = [this.binlogs, this.upserts, this.tablets, this.syncs, this.errors];
    new Gauge({
      name: 'ccr_job_state',
      help: '1 for the state each job is in (running, failing, paused)',
      labelNames: ['job', 'state'],
      registers,
      collect() {
        this.reset();
        for (const job of jobs())
          for (const state of JOB_STATES) this.set({ job: job.name, state }, job.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ccr_job_applied_commit_seq',
      help: 'Last source commit seq applied on the target',
      labelNames: ['job'],
      registers,
      collect() {
        this.reset();
        for (const job of jobs()) this.set({ job: job.name }, Number(job.prevCommitSeq));
      },
    });
    new Gauge({
      name: 'ccr_job_steps',
      help: 'Steps the job ran since the syncer started',
      labelNames: ['job'],
      registers,
      collect() {
        this.reset();
        for (const job of jobs()) this.set({ job: job.name }, job.steps);
      },
    });
    new Gauge({
      name: 'ccr_job_last_error_timestamp_seconds',
      help: 'Unix time of the job’s last error (0: none)',
      labelNames: ['job'],
      registers,
      collect() {
        this.reset();
        for (const job of jobs()) this.set({ job: job.name }, (job.lastErrorAt ?? 0) / 1000);
      },
    });
  }

  observer(job: string): JobObserver {
    const labels = (metric: string, extra: Record<string, string> = {}) => {
      const set = { job, ...extra };
      let forJob = this.seen.get(job);
      if (!forJob) {
        forJob = new Map();
        this.seen.set(job, forJob);
      }
      forJob.set(`${metric}${JSON.stringify(extra)}`, set);
      return set;
    };
    return {
      binlogApplied: (action) => this.binlogs.inc(labels('binlogs', { action })),
      upsertApplied: (seconds, tablets) => {
        this.upserts.observe(labels('upserts'), seconds);
        this.tablets.inc(labels('tablets'), tablets);
      },
      syncStarted: (kind) => this.syncs.inc(labels('syncs', { kind })),
      failed: (action) => this.errors.inc(labels('errors', { action })),
    };
  }

  /** A deleted job's series disappear instead of reporting stale values forever. */
  forget(job: string): void {
    for (const set of this.seen.get(job)?.values() ?? [])
      for (const metric of this.counters) {
        try {
          metric.remove(set);
        } catch {
          // Not a label set of this metric.
        }
      }
    this.seen.delete(job);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

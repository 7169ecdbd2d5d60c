// What the engine answers about jobs without changing them: details, status, progress, lag, events,
// verification results, the lag history, metrics and the pre-flight check. Any job of the group can be
// asked about; the answers of a job run here include what only this syncer sees (health, sync progress).
import type { EventQuery, JobEvent } from '../model/job-events.js';
import type { JobRecord } from '../model/job-record.js';
import type {
  CheckReport,
  CheckRequest,
  JobLag,
  JobStatus,
  JobTimeHealth,
  LagHistoryView,
} from '../model/job-service.js';
import type { MetaStore } from '../model/meta-store.js';
import { redactSpec, type Spec } from '../model/spec.js';
import type { VerifyResult } from '../model/verify-result.js';
import { preflight } from './check/preflight.js';
import type { ClusterAccess } from './cluster-access.js';
import { onCluster } from './cluster-failure.js';
import { tableFilter } from './db-sync/table-filter.js';
import type { HealthMonitor } from './health/health-monitor.js';
import { withHealth } from './health/health-views.js';
import type { JobMetrics } from './job-metrics.js';
import { type JobView, progressView, statusOf } from './job-views.js';
import type { Clock } from './runtime.js';
import { syncProgressOf } from './sync-progress/sync-progress-view.js';
import type { JobVerifier } from './verify/job-verifier.js';

/** How long the pre-flight check waits for a TCP connection to one FE or BE port. */
const PROBE_TIMEOUT_MS = 3_000;

export interface JobQueryDeps {
  /** Any job of the group (404 when it does not exist). */
  readonly lookup: (name: string) => Promise<JobView>;
  readonly store: MetaStore;
  readonly health: HealthMonitor;
  readonly verifier: JobVerifier;
  readonly metrics: JobMetrics;
  readonly clock: Clock;
  /** Connections as the jobs make them (host mapping applied). */
  readonly connect: (spec: Spec) => Promise<ClusterAccess>;
  /** Connections of its own for the pre-flight check. */
  readonly connectForCheck: (spec: Spec) => Promise<ClusterAccess>;
}

export class JobQueries {
  constructor(private readonly deps: JobQueryDeps) {}

  async listJobs(): Promise<string[]> {
    return (await this.deps.store.listJobs()).map((j) => j.name);
  }

  async jobDetail(name: string): Promise<JobRecord> {
    const record = (await this.deps.lookup(name)).record;
    return { ...record, src: redactSpec(record.src), dest: redactSpec(record.dest) };
  }

  async jobStatus(name: string): Promise<JobStatus> {
    const { lookup, health, clock } = this.deps;
    const job = await lookup(name);
    const status = withHealth(statusOf(name, job), job.local ? health.health(name) : undefined);
    const sync = job.local ? syncProgressOf(job.progress, job.local.watch, clock.now()) : undefined;
    return sync ? { ...status, sync_progress: sync } : status;
  }

  async verifyResult(name: string): Promise<VerifyResult | null> {
    await this.deps.lookup(name);
    return this.deps.verifier.result(name);
  }

  async lagHistory(name: string): Promise<LagHistoryView> {
    const { lookup, health } = this.deps;
    await lookup(name);
    return { samples: health.lagHistory(name), interval_seconds: health.intervalMs / 1000 };
  }

  async listEvents(name: string, query: EventQuery): Promise<JobEvent[]> {
    await this.deps.lookup(name);
    return this.deps.store.listEvents(name, query);
  }

  async jobProgress(name: string): Promise<Record<string, unknown>> {
    return progressView((await this.deps.lookup(name)).progress);
  }

  async getLag(name: string): Promise<JobLag & JobTimeHealth> {
    const { lookup, health, connect } = this.deps;
    const job = await lookup(name);
    return onCluster({ side: 'src', spec: job.record.src }, async () => {
      // A job of another syncer, or one still connecting here: ask the source over a connection of its own.
      if (job.local?.src) return health.lagNow(job.local.src, job);
      const src = await connect(job.record.src);
      try {
        return await health.lagNow(src, job);
      } finally {
        await src.close();
      }
    });
  }

  metrics(): Promise<string> {
    return this.deps.metrics.text();
  }

  /** Pre-flight over connections of its own (never the jobs' shared ones): read-only, then closed. */
  async check(request: CheckRequest): Promise<CheckReport> {
    const { lookup, health, clock, connectForCheck } = this.deps;
    const common = { connect: connectForCheck, now: clock.now(), probeTimeoutMs: PROBE_TIMEOUT_MS };
    if (request.kind === 'specs') {
      const isDb = !request.src.table;
      return preflight({
        ...common,
        src: request.src,
        dest: request.dest,
        ...(isDb ? { filter: tableFilter(request.include_tables, request.exclude_tables) } : {}),
        existingJob: false,
        runway: async () => ({ kind: 'new' }),
      });
    }
    const job = await lookup(request.name);
    const { record } = job;
    return preflight({
      ...common,
      src: record.src,
      dest: record.dest,
      ...(record.sync_type === 'db_sync'
        ? { filter: tableFilter(record.extra.include_tables, record.extra.exclude_tables) }
        : {}),
      existingJob: true,
      runway: async (src) => ({ kind: 'job', health: await health.lagNow(src, job) }),
    });
  }
}

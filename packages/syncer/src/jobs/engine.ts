// The job engine: owns every job's runner and is the only writer of job records and progress. It
// implements the API's JobService; every call answers promptly (runners are flagged, never awaited
// mid-step, except delete, which waits for the step in flight so nothing is left half-done on the target).
import type { JobRecord } from '../model/job-record.js';
import {
  type CreateJobRequest,
  type JobLag,
  type JobService,
  JobServiceError,
  type JobStatus,
} from '../model/job-service.js';
import { JobNotFoundError, type MetaStore } from '../model/meta-store.js';
import { redactSpec, type Spec } from '../model/spec.js';
import type { ClusterAccess } from './cluster-access.js';
import { type CheckedSpecs, checkTableJob } from './create-checks.js';
import { FullSyncBatches } from './full-sync-batches.js';
import { JobMetrics } from './job-metrics.js';
import { JobRunner } from './job-runner.js';
import { type LiveJob, lagOf, statusOf } from './job-views.js';
import { decodeProgress, encodeProgress, initialProgress, type JobProgress, startSync } from './progress.js';
import { type Clock, realSleeper, type Sleeper, systemClock } from './runtime.js';
import { sharedClusters } from './shared-clusters.js';
import { SnapshotSlots } from './snapshot-slots.js';
import { q } from './table-sync/binlog-plan.js';
import { cancelSnapshotJobs } from './table-sync/cancel-snapshot.js';
import { TableJob } from './table-sync/table-job.js';
import type { TableJobContext } from './table-sync/table-job-context.js';

export type ClusterAccessFactory = (spec: Spec) => Promise<ClusterAccess>;

export interface EngineOptions {
  readonly store: MetaStore;
  readonly connect: ClusterAccessFactory;
  readonly clock?: Clock;
  readonly sleeper?: Sleeper;
  readonly pollIntervalMs?: number;
  readonly log: (level: 'info' | 'warn' | 'error', message: string, job?: string) => void;
}

/** The snapshot slot a job needs: one per source cluster and database. */
function slotKey(record: JobRecord): string {
  return `${record.src.host}:${record.src.port}/${record.src.database}`;
}

export class JobEngine implements JobService {
  private readonly jobs = new Map<string, LiveJob>();
  private readonly clock: Clock;
  private readonly jobMetrics: JobMetrics;
  private readonly slots = new SnapshotSlots((job) => this.jobs.get(job)?.runner.poke());
  private readonly connect: ClusterAccessFactory;
  private readonly batches: FullSyncBatches;

  constructor(private readonly options: EngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.connect = sharedClusters(options.connect);
    this.batches = new FullSyncBatches({
      connect: this.connect,
      clock: this.clock,
      sleeper: options.sleeper ?? realSleeper,
      wake: (job) => this.jobs.get(job)?.runner.poke(),
      log: (level, message) => options.log(level, message),
    });
    this.jobMetrics = new JobMetrics(() =>
      [...this.jobs.values()].map((job) => ({
        name: job.record.name,
        state: job.record.state === 'paused' ? 'paused' : job.runner.status,
        prevCommitSeq: job.progress.prevCommitSeq,
        steps: job.runner.steps,
        lastErrorAt: job.progress.lastError?.at,
      })),
    );
  }

  /** Starts every stored job (their runners resume from the persisted progress). */
  async start(): Promise<void> {
    for (const record of await this.options.store.listJobs()) {
      // A job created through the API before resume() reached it is already running.
      if (this.jobs.has(record.name)) continue;
      try {
        await this.launch(record);
      } catch (error) {
        this.options.log('error', `cannot start job: ${(error as Error).message}`, record.name);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => this.shutdown(j)));
    this.jobs.clear();
  }

  /** Stops the job's runner (after its step in flight) and gives back its snapshot slot. */
  private async halt(job: LiveJob): Promise<void> {
    await job.runner.stop();
    this.standAside(job.record);
  }

  /** A job that stops or pauses must not hold up the full syncs of the other jobs of its database. */
  private standAside(record: JobRecord): void {
    this.slots.release(slotKey(record), record.name);
    this.batches.leave(record.name);
  }

  private async shutdown(job: LiveJob): Promise<void> {
    await this.halt(job);
    await Promise.all([job.src.close(), job.dest.close()]);
  }

  /** Stops a job, changes its stored progress, and starts it again from there. */
  private async relaunch(name: string, change: (progress: JobProgress) => void): Promise<void> {
    const job = this.get(name);
    await this.shutdown(job);
    change(job.progress);
    await this.options.store.putProgress(name, encodeProgress(job.progress));
    this.jobs.delete(name);
    await this.launch(job.record);
  }

  private async launch(record: JobRecord): Promise<LiveJob> {
    const stored = await this.options.store.getProgress(record.name);
    const progress = stored ? decodeProgress(stored.progress) : initialProgress(this.clock.now());
    const src = await this.connect(record.src);
    let dest: ClusterAccess;
    try {
      dest = await this.connect(record.dest);
    } catch (error) {
      await src.close();
      throw error;
    }
    const store = this.options.store;
    const live = {} as LiveJob;
    const ctx: TableJobContext = {
      jobName: record.name,
      src,
      dest,
      names: {
        srcDb: record.src.database,
        srcTable: record.src.table,
        destDb: record.dest.database,
        destTable: record.dest.table,
        srcTableId: BigInt(record.src.table_id ?? '0'),
      },
      srcDbId: BigInt(record.src.db_id ?? '0'),
      progress,
      clock: this.clock,
      persist: () => store.putProgress(record.name, encodeProgress(progress)),
      log: (level, message) => this.options.log(level, message, record.name),
      observe: this.jobMetrics.observer(record.name),
      snapshotSlot: {
        acquire: () => this.slots.acquire(slotKey(record), record.name),
        release: () => this.slots.release(slotKey(record), record.name),
        holders: () => this.slots.holdersOf(slotKey(record)),
      },
      sharedSync: {
        take: () =>
          this.batches.take({
            member: {
              job: record.name,
              srcTable: record.src.table,
              srcTableId: BigInt(record.src.table_id ?? '0'),
              destTable: record.dest.table,
            },
            src: record.src,
            dest: record.dest,
          }),
      },
    };
    const work = new TableJob(ctx, async (reason) => {
      live.record = { ...live.record, state: 'paused' };
      this.standAside(record);
      await store.updateJob(live.record);
      this.options.log('error', `job paused: ${reason}`, record.name);
    });
    const runner = new JobRunner(
      record.name,
      work,
      this.clock,
      this.options.sleeper ?? realSleeper,
      {
        pollIntervalMs: this.options.pollIntervalMs ?? 1000,
        log: (level, message) => this.options.log(level, message, record.name),
      },
      record.state === 'paused',
    );
    Object.assign(live, { record, progress, runner, src, dest });
    this.jobs.set(record.name, live);
    runner.start();
    return live;
  }

  private get(name: string): LiveJob {
    const job = this.jobs.get(name);
    if (!job) throw new JobServiceError(`job ${name} not exist`, 404);
    return job;
  }

  async createJob(request: CreateJobRequest): Promise<void> {
    if (this.jobs.has(request.name) || (await this.options.store.getJob(request.name))) {
      throw new JobServiceError(`job ${request.name} already exist`, 409);
    }
    if (!request.src.table !== !request.dest.table)
      throw new JobServiceError('src/dest are not both db or table sync');
    if (!request.src.table) {
      throw new JobServiceError(
        'database-level jobs are not supported yet: give src.table and dest.table',
        400,
      );
    }
    const src = await this.connect(request.src);
    const dest = await this.connect(request.dest);
    let checked: CheckedSpecs;
    try {
      checked = await checkTableJob(src, dest, request.allow_table_exists);
    } finally {
      await Promise.all([src.close(), dest.close()]);
    }
    const record: JobRecord = {
      name: request.name,
      sync_type: 'table_sync',
      src: checked.src,
      dest: checked.dest,
      state: 'running',
      extra: request.reuse_binlog_label ? { reuse_binlog_label: true } : {},
      created_at: this.clock.now(),
    };
    await this.options.store.createJob(record, encodeProgress(initialProgress(this.clock.now())));
    await this.launch(record);
    this.options.log('info', 'job created', request.name);
  }

  private async setState(name: string, state: 'running' | 'paused'): Promise<void> {
    const job = this.get(name);
    job.record = { ...job.record, state };
    await this.options.store.updateJob(job.record);
    if (state === 'paused') {
      job.runner.pause();
      this.standAside(job.record);
    } else job.runner.resume();
  }

  pauseJob(name: string): Promise<void> {
    return this.setState(name, 'paused');
  }

  resumeJob(name: string): Promise<void> {
    return this.setState(name, 'running');
  }

  async deleteJob(name: string): Promise<void> {
    const job = this.get(name);
    this.jobs.delete(name);
    await this.halt(job);
    // Leave nothing open behind: a transaction in flight is rolled back.
    const txn = job.progress.txn;
    if (txn && BigInt(txn.txnId) > 0n) {
      await job.dest.fe
        .rollbackTxn({
          user: job.dest.spec.user,
          passwd: job.dest.spec.password,
          db: job.dest.spec.database,
          txn_id: BigInt(txn.txnId),
          reason: 'job deleted',
        })
        .catch(() => undefined);
    }
    await cancelSnapshotJobs(
      job.progress,
      job.src,
      job.dest,
      job.record.src.database,
      job.record.dest.database,
    )
      .then((what) => {
        if (what.length) this.options.log('info', `job deleted: cancelled ${what.join(' and ')}`, name);
      })
      .catch((error: unknown) =>
        this.options.log(
          'warn',
          `could not cancel the job's backup/restore: ${(error as Error).message}`,
          name,
        ),
      );
    await Promise.all([job.src.close(), job.dest.close()]);
    await this.options.store.deleteJob(name);
    this.jobMetrics.forget(name);
  }

  async desyncJob(name: string): Promise<void> {
    const job = this.get(name);
    await job.dest.sql.execute(
      `ALTER TABLE ${q(job.record.dest.database)}.${q(job.record.dest.table)} SET ("is_being_synced" = "false")`,
    );
  }

  forceFullSync(name: string): Promise<void> {
    return this.relaunch(name, (progress) =>
      startSync(progress, 'full', 'requested by the operator (force_fullsync)', this.clock.now()),
    );
  }

  async skipBinlog(name: string, skipBy: 'silence' | 'fullsync', commitSeq: bigint): Promise<void> {
    if (skipBy === 'fullsync') return this.forceFullSync(name);
    return this.relaunch(name, (progress) => {
      // Skipping marks `commitSeq` as applied: replay continues after it.
      progress.prevCommitSeq = commitSeq.toString();
      progress.commitSeq = commitSeq.toString();
      delete progress.txn;
      progress.position = { phase: 'incremental', step: 'idle' };
    });
  }

  async updateHostMapping(
    name: string,
    src: Record<string, string>,
    dest: Record<string, string>,
  ): Promise<void> {
    const job = this.get(name);
    const merge = (base: Readonly<Record<string, string>> | undefined, change: Record<string, string>) => {
      const out = { ...(base ?? {}) };
      for (const [k, v] of Object.entries(change)) {
        if (v === '') delete out[k];
        else out[k] = v;
      }
      return out;
    };
    job.record = {
      ...job.record,
      src: { ...job.record.src, host_mapping: merge(job.record.src.host_mapping, src) },
      dest: { ...job.record.dest, host_mapping: merge(job.record.dest.host_mapping, dest) },
    };
    await this.options.store.updateJob(job.record);
  }

  async listJobs(): Promise<string[]> {
    return (await this.options.store.listJobs()).map((j) => j.name);
  }

  async jobDetail(name: string): Promise<JobRecord> {
    const record = this.get(name).record;
    return { ...record, src: redactSpec(record.src), dest: redactSpec(record.dest) };
  }

  async jobStatus(name: string): Promise<JobStatus> {
    return statusOf(name, this.get(name));
  }

  async jobProgress(name: string): Promise<Record<string, unknown>> {
    const p = this.get(name).progress;
    return { ...p, txn: p.txn ? { ...p.txn } : undefined };
  }

  getLag(name: string): Promise<JobLag> {
    return lagOf(this.get(name), this.clock.now());
  }

  metrics(): Promise<string> {
    return this.jobMetrics.text();
  }
}

export { JobNotFoundError };

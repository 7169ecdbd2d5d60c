// The job engine: owns every job's runner and is the only writer of job records and progress. It
// implements the API's JobService; every call answers promptly (runners are flagged, never awaited
// mid-step, except delete, which waits for the step in flight so nothing is left half-done on the target).

import type { EventQuery, JobEvent } from '../model/job-events.js';
import type { JobRecord } from '../model/job-record.js';
import {
  type CheckReport,
  type CheckRequest,
  type CreateJobRequest,
  type JobLag,
  type JobService,
  JobServiceError,
  type JobStatus,
  type JobTimeHealth,
  type LagHistoryView,
  type SyncerView,
} from '../model/job-service.js';
import { JobNotFoundError, type Lease, LeaseLostError, type MetaStore } from '../model/meta-store.js';
import type { Spec } from '../model/spec.js';
import type { VerifyResult } from '../model/verify-result.js';
import type { ClusterAccess } from './cluster-access.js';
import { onCluster } from './cluster-failure.js';
import { EngineEvents } from './events/engine-events.js';
import { HealthMonitor } from './health/health-monitor.js';
import { gaugesOf } from './health/health-views.js';
import { cleanUpDeleted, desyncTargets, withHostMapping } from './job-cluster-ops.js';
import { checkNewJob } from './job-create.js';
import type { RetryPolicy } from './job-errors.js';
import { openJob } from './job-factory.js';
import type { Connected } from './job-launcher.js';
import { JobMetrics } from './job-metrics.js';
import { JobQueries } from './job-queries.js';
import { ADMIN_COMMANDS, type AdminCommand, commandAllowed, isDbState, moveTo } from './job-state.js';
import { type JobView, type LiveJob, storedJobView, syncersView } from './job-views.js';
import { buildLiveJob, fenceOf } from './live-job.js';
import { DEFAULT_LEASE_MS, localIdentity, Ownership, type SyncerIdentity } from './ownership.js';
import {
  decodeProgress,
  encodeProgress,
  initialProgress,
  type JobProgress,
  markReplayedTo,
  startSync,
} from './progress.js';
import { type Clock, realSleeper, type Sleeper, systemClock } from './runtime.js';
import { sharedClusters } from './shared-clusters.js';
import { CreatesInFlight } from './snapshot/creates-in-flight.js';
import { databasePairKey, FullSyncBatches } from './snapshot/full-sync-batches.js';
import { SnapshotSlots } from './snapshot-slots.js';
import { syncProgressOf } from './sync-progress/sync-progress-view.js';
import { syncStartOf } from './sync-progress/sync-watch.js';
import { refuseTakenTarget, TargetReservations, targetOf } from './target-owners.js';
import { JobVerifier } from './verify/job-verifier.js';

export type ClusterAccessFactory = (spec: Spec) => Promise<ClusterAccess>;

export interface EngineOptions {
  readonly store: MetaStore;
  readonly connect: ClusterAccessFactory;
  readonly clock?: Clock;
  readonly sleeper?: Sleeper;
  readonly pollIntervalMs?: number;
  readonly log: (level: 'info' | 'warn' | 'error', message: string, job?: string) => void;
  /** Backoff and attempts of failing steps (tests shorten it). */
  readonly retry?: RetryPolicy;
  /** This syncer in the group sharing the store (default: a local identity of this process). */
  readonly identity?: SyncerIdentity;
  /** How long a job's lease lasts unless renewed (default DEFAULT_LEASE_MS). */
  readonly leaseMs?: number;
  /** Most jobs this syncer runs (--max_jobs). */
  readonly maxJobs?: number;
  /** A job that applies nothing this long while its source is ahead is stalled (--stall_seconds). */
  readonly stallMs?: number;
  /** Longest a verification waits for the job to apply the seq the source was measured at. */
  readonly verifyReachMs?: number;
}

/** --stall_seconds by default. */
export const DEFAULT_STALL_MS = 120_000;

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
  private readonly creates: CreatesInFlight;
  /** The lease each local job runs under (set as soon as a job starts starting). */
  private readonly leases = new Map<string, Lease>();
  /** Jobs whose start is in progress (their progress is being read). */
  private readonly starting = new Set<string>();
  private readonly identity: SyncerIdentity;
  private readonly ownership: Ownership;
  /** Targets of the jobs being created right now (one owner per target table or database). */
  private readonly targets = new TargetReservations();
  private readonly events: EngineEvents;
  private readonly health: HealthMonitor;
  private readonly verifier: JobVerifier;
  private readonly queries: JobQueries;

  constructor(private readonly options: EngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.identity = options.identity ?? localIdentity(`local:${process.pid}`);
    this.ownership = new Ownership(
      {
        store: options.store,
        identity: this.identity,
        clock: this.clock,
        sleeper: options.sleeper ?? realSleeper,
        leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
        ...(options.maxJobs ? { maxJobs: options.maxJobs } : {}),
        log: options.log,
      },
      {
        local: () => this.leases,
        start: async (record, lease, takenFrom) => {
          await this.launch(record, lease);
          if (takenFrom) this.jobMetrics.observer(record.name).tookOver();
          if (takenFrom)
            this.events.record(record.name, {
              kind: 'takeover',
              syncer: this.identity.id,
              from: takenFrom,
              epoch: lease.epoch,
            });
        },
        stop: (name, why) => this.drop(name, why),
        recordChanged: (record) => this.recordChanged(record),
      },
    );
    this.connect = sharedClusters(options.connect);
    this.creates = new CreatesInFlight(this.clock);
    this.batches = new FullSyncBatches({
      connect: this.connect,
      clock: this.clock,
      sleeper: options.sleeper ?? realSleeper,
      wake: (job) => this.jobs.get(job)?.runner.poke(),
      observe: (job, phase, row) => {
        const live = this.jobs.get(job);
        live?.watch.saw(syncStartOf(live.progress), phase, row, this.clock.now());
      },
      log: (level, message) => options.log(level, message),
      creates: this.creates,
    });
    this.jobMetrics = new JobMetrics(() =>
      [...this.jobs.values()].map((job) => {
        const gauges = gaugesOf(this.localView(job), this.health.health(job.record.name));
        const sync = syncProgressOf(job.progress, job.watch, this.clock.now());
        return sync ? { ...gauges, syncPercent: sync.percent } : gauges;
      }),
    );
    this.events = new EngineEvents(options.store, this.clock, options.log, this.jobMetrics);
    this.health = new HealthMonitor({
      clock: this.clock,
      stallMs: options.stallMs ?? DEFAULT_STALL_MS,
      jobs: () => this.jobs.values(),
      connect: this.connect,
      onChange: (job, change, detail) => this.events.stallChanged(job.record.name, change, detail),
    });
    this.verifier = new JobVerifier({
      clock: this.clock,
      sleeper: options.sleeper ?? realSleeper,
      ...(options.verifyReachMs === undefined ? {} : { reachMs: options.verifyReachMs }),
      record: (job, body) => this.events.record(job, body),
      log: options.log,
    });
    this.queries = new JobQueries({
      lookup: (name) => this.lookup(name),
      store: options.store,
      health: this.health,
      verifier: this.verifier,
      metrics: this.jobMetrics,
      clock: this.clock,
      connect: this.connect,
      connectForCheck: options.connect,
    });
  }

  /** A local job as the API sees it. */
  private localView(local: LiveJob): JobView {
    return { record: local.record, progress: local.progress, local, owner: this.identity.id };
  }

  /** Joins the group of syncers sharing the store and starts the jobs this syncer gets a lease for. */
  async start(): Promise<void> {
    await this.ownership.start();
    this.health.start();
  }

  async stop(): Promise<void> {
    await this.health.stop();
    await this.ownership.stop();
    await Promise.all([...this.jobs.values()].map((j) => this.shutdown(j)));
    this.jobs.clear();
    this.leases.clear();
    await this.events.log.flush();
    await this.ownership.leave();
  }

  /** The syncers of the group and how many jobs each runs. */
  async listSyncers(): Promise<SyncerView[]> {
    return syncersView(
      this.options.store,
      this.identity.id,
      this.options.leaseMs ?? DEFAULT_LEASE_MS,
      this.clock.now(),
    );
  }

  /**
   * Stops a local job. `lost`: another syncer owns it now, so nothing may be written or undone for it;
   * `deleted`: deleted through another syncer, so what it left open on the clusters is cleaned up here;
   * `rebalanced`: handed to another syncer, stopped between steps like a shutdown.
   */
  private async drop(name: string, why: 'lost' | 'deleted' | 'rebalanced'): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) {
      this.leases.delete(name);
      return;
    }
    if (why === 'lost') {
      job.lost = true;
      this.jobMetrics.observer(name).leaseLost();
    }
    // The job stays this syncer's (in `leases`) until its step has ended: an ownership round meanwhile
    // must not start it a second time.
    await this.halt(job);
    if (why === 'deleted')
      await cleanUpDeleted(job, (level, message) => this.options.log(level, message, name));
    await Promise.all([job.src?.close(), job.dest?.close()]);
    if (why === 'deleted') this.jobMetrics.forget(name);
    this.events.forget(name);
    this.health.forget(name);
    this.verifier.forget(name);
    this.jobs.delete(name);
    this.leases.delete(name);
  }

  /** A local job's record changed in the store (through another syncer): follow its state and mapping. */
  private recordChanged(record: JobRecord): void {
    const job = this.jobs.get(record.name);
    if (!job || JSON.stringify(job.record) === JSON.stringify(record)) return;
    this.follow(job, record);
  }

  /**
   * A local job takes a new record, pausing or resuming its runner when the state changed. A new host
   * mapping means new addresses: the job is stopped after its step in flight (between two transactions)
   * and started again, connecting with the new mapping.
   */
  private follow(job: LiveJob, record: JobRecord): void {
    const was = job.record.state;
    const remapped = mappingOf(job.record) !== mappingOf(record);
    job.record = record;
    if (remapped) {
      this.options.log('info', 'host mapping changed; reconnecting with the new mapping', record.name);
      this.relaunch(record.name, () => {}).catch((error: Error) =>
        this.options.log(
          'warn',
          `reconnecting after a host mapping change failed: ${error.message}`,
          record.name,
        ),
      );
      return;
    }
    if (record.state === was) return;
    if (record.state === 'paused') {
      job.runner.pause();
      this.standAside(record);
    } else job.runner.resume();
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
    await Promise.all([job.src?.close(), job.dest?.close()]);
  }

  /** Stops a job, changes its stored progress, and starts it again from there. */
  private async relaunch(name: string, change: (progress: JobProgress) => void): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new JobServiceError(`job ${name} not exist`, 404);
    await this.shutdown(job);
    change(job.progress);
    const lease = this.leases.get(name)!;
    await this.options.store.putProgress(name, encodeProgress(job.progress), fenceOf(lease));
    this.events.persisted(name, job.progress.history);
    this.jobs.delete(name);
    await this.launch(job.record, lease);
  }

  /** Registers the job and starts its runner; the runner connects to the clusters (retried until they answer). */
  private async launch(record: JobRecord, lease: Lease): Promise<LiveJob | undefined> {
    // The lease is recorded before anything is awaited: the ownership round must see the job as this
    // syncer's while it starts, or it would start it a second time.
    if (this.jobs.has(record.name) || this.starting.has(record.name)) return this.jobs.get(record.name);
    this.starting.add(record.name);
    this.leases.set(record.name, lease);
    let stored: Awaited<ReturnType<MetaStore['getProgress']>>;
    try {
      stored = await this.options.store.getProgress(record.name);
    } catch (error) {
      this.starting.delete(record.name);
      this.leases.delete(record.name);
      throw error;
    }
    this.starting.delete(record.name);
    const firstState = record.sync_type === 'db_sync' ? 'DBFullSync' : 'TableFullSync';
    const progress = stored ? decodeProgress(stored.progress) : initialProgress(this.clock.now(), firstState);
    const live = buildLiveJob(record, progress, lease, {
      store: this.options.store,
      clock: this.clock,
      sleeper: this.options.sleeper ?? realSleeper,
      pollIntervalMs: this.options.pollIntervalMs ?? 1000,
      ...(this.options.retry ? { retry: this.options.retry } : {}),
      events: this.events,
      log: (level, message) => this.options.log(level, message, record.name),
      open: (job, persist, pause) => this.open(job, persist, pause),
      standAside: (r) => this.standAside(r),
      onLeaseLost: () => this.ownership.poke(),
    });
    this.jobs.set(record.name, live);
    live.runner.start();
    return live;
  }

  /** Connects the job's clusters and builds its work (table or database job). */
  private open(
    live: LiveJob,
    persist: () => Promise<void>,
    pause: (reason: string) => Promise<void>,
  ): Promise<Connected> {
    const record = live.record;
    const slot = slotKey(record);
    return openJob(live, persist, pause, {
      connect: this.connect,
      clock: this.clock,
      observe: this.events.observer(record.name),
      slot: {
        acquire: () => this.slots.acquire(slot, record.name),
        release: () => this.slots.release(slot, record.name),
        holders: () => this.slots.holdersOf(slot),
      },
      batches: this.batches,
      updateJob: async (r) => {
        const lease = this.leases.get(record.name);
        if (!lease) throw new LeaseLostError(record.name, { syncerId: this.identity.id, epoch: -1 });
        await this.options.store.updateJob(r, fenceOf(lease));
      },
      log: (level, message) => this.options.log(level, message, record.name),
    });
  }

  /** Any job of the group: run here, or read from the store (404 when it does not exist). */
  private async lookup(name: string): Promise<JobView> {
    const local = this.jobs.get(name);
    if (local) return this.localView(local);
    return storedJobView(this.options.store, name, this.clock.now());
  }

  /** The job, if `command` may run in its current sync state (else a 409 naming the states it may). */
  private async forCommand(name: string, command: AdminCommand): Promise<JobView> {
    const job = await this.lookup(name);
    const state = job.progress.position.state;
    if (!commandAllowed(command, state))
      throw new JobServiceError(
        `job ${name} is in ${state}; ${command} may run only in ${ADMIN_COMMANDS[command].join(', ')}`,
        409,
      );
    return job;
  }

  /** Commands that change a job's progress run where the job runs. */
  private localOnly(job: JobView, command: string): LiveJob {
    if (job.local) return job.local;
    throw new JobServiceError(
      `job ${job.record.name} is run by syncer ${job.owner || '(none right now)'}: send ${command} there`,
      409,
    );
  }

  async createJob(request: CreateJobRequest): Promise<void> {
    const create = this.creates.begin(databasePairKey(request.src, request.dest), request.name);
    let created = false;
    try {
      await this.createCheckedJob(request);
      created = true;
    } finally {
      create.ended(created);
    }
  }

  private async createCheckedJob(request: CreateJobRequest): Promise<void> {
    if (this.jobs.has(request.name) || (await this.options.store.getJob(request.name))) {
      throw new JobServiceError(`job ${request.name} already exist`, 409);
    }
    const target = targetOf(request.dest);
    refuseTakenTarget(request.name, target, await this.options.store.listJobs());
    const release = this.targets.reserve(request.name, target);
    let record: JobRecord;
    try {
      record = await checkNewJob(request, this.connect, this.clock.now());
      const isDb = record.sync_type === 'db_sync';
      const first = initialProgress(this.clock.now(), isDb ? 'DBFullSync' : 'TableFullSync');
      // Again, under the store's creation lock: another syncer of the group may have created one meanwhile.
      await this.options.store.createJob(record, encodeProgress(first), (stored) =>
        refuseTakenTarget(request.name, target, stored),
      );
    } finally {
      release();
    }
    this.events.record(record.name, { kind: 'job_created', sync_type: record.sync_type });
    this.events.record(record.name, { kind: 'sync_started', sync: 'full', reason: 'new job' });
    const lease = await this.options.store.acquireLease(
      record.name,
      this.identity.id,
      this.clock.now(),
      this.options.leaseMs ?? DEFAULT_LEASE_MS,
    );
    // Another syncer of the group may have taken it already; it runs there then.
    if (lease) await this.launch(record, lease);
    this.ownership.poke();
    this.options.log('info', 'job created', request.name);
  }

  /** Pause and resume go through the store; the owner (this syncer or another) follows within a tick. */
  private async setState(name: string, state: 'running' | 'paused', by = 'an operator'): Promise<void> {
    const job = await this.forCommand(name, state === 'paused' ? 'pause' : 'resume');
    const record = { ...job.record, state };
    await this.options.store.updateJob(record);
    if (job.local) this.follow(job.local, record);
    this.events.record(
      name,
      state === 'paused' ? { kind: 'paused', by, reason: 'requested' } : { kind: 'resumed', by },
    );
  }

  pauseJob(name: string, by?: string): Promise<void> {
    return this.setState(name, 'paused', by);
  }

  resumeJob(name: string, by?: string): Promise<void> {
    return this.setState(name, 'running', by);
  }

  /** Deleted here, or through the store: the owning syncer notices within a tick and cleans up. */
  async deleteJob(name: string): Promise<void> {
    const job = await this.forCommand(name, 'delete');
    const local = job.local;
    if (local) {
      // Still this syncer's while its step ends (see drop); then gone from the store and from here.
      await this.halt(local);
      await cleanUpDeleted(local, (level, message) => this.options.log(level, message, name));
      await Promise.all([local.src?.close(), local.dest?.close()]);
      this.jobMetrics.forget(name);
      this.events.forget(name);
      this.health.forget(name);
      this.verifier.forget(name);
    }
    await this.options.store.deleteJob(name);
    this.jobs.delete(name);
    this.leases.delete(name);
  }

  /** Clears is_being_synced on every target table the job copies, so they behave as ordinary tables. */
  async desyncJob(name: string): Promise<void> {
    const job = await this.forCommand(name, 'desync');
    await onCluster({ side: 'dest', spec: job.record.dest }, async () => {
      const own = job.local?.dest;
      const dest = own ?? (await this.connect(job.record.dest));
      try {
        await desyncTargets(dest, job.record, job.progress);
      } finally {
        if (!own) await dest.close();
      }
    });
  }

  async forceFullSync(name: string): Promise<void> {
    this.localOnly(await this.forCommand(name, 'force_fullsync'), 'force_fullsync');
    return this.relaunch(name, (progress) =>
      startSync(
        progress,
        isDbState(progress.position.state) ? 'DBFullSync' : 'TableFullSync',
        'requested by the operator (force_fullsync)',
        this.clock.now(),
      ),
    );
  }

  async skipBinlog(name: string, skipBy: 'silence' | 'fullsync', commitSeq: bigint): Promise<void> {
    if (skipBy === 'fullsync') return this.forceFullSync(name);
    const job = this.localOnly(await this.forCommand(name, 'skip'), 'job_skip_binlog');
    if (job.progress.txn && BigInt(job.progress.txn.commitSeq) !== commitSeq)
      throw new JobServiceError(
        `job ${name} has a transaction of seq ${job.progress.txn.commitSeq} in flight`,
        409,
      );
    this.events.record(name, {
      kind: 'binlog_skipped',
      commit_seq: commitSeq.toString(),
      by: 'operator',
      reason: 'job_skip_binlog (silence)',
    });
    return this.relaunch(name, (progress) => {
      // Skipping marks `commitSeq` as applied: replay continues after it.
      delete progress.txn;
      if (progress.position.step !== 'idle')
        moveTo(progress, { state: progress.position.state, step: 'idle' });
      markReplayedTo(progress, commitSeq);
    });
  }

  async updateHostMapping(
    name: string,
    src: Record<string, string>,
    dest: Record<string, string>,
  ): Promise<void> {
    const job = await this.lookup(name);
    const record = withHostMapping(job.record, src, dest);
    await this.options.store.updateJob(record);
    if (job.local) this.follow(job.local, record);
  }

  async verifyJob(name: string, tables?: readonly string[]): Promise<VerifyResult> {
    const job = this.localOnly(await this.lookup(name), 'verify');
    return this.verifier.verify(job, () => this.jobs.get(name), tables);
  }

  // Answers that change nothing (job-queries.ts).
  listJobs = (): Promise<string[]> => this.queries.listJobs();
  jobDetail = (name: string): Promise<JobRecord> => this.queries.jobDetail(name);
  jobStatus = (name: string): Promise<JobStatus> => this.queries.jobStatus(name);
  verifyResult = (name: string): Promise<VerifyResult | null> => this.queries.verifyResult(name);
  lagHistory = (name: string): Promise<LagHistoryView> => this.queries.lagHistory(name);
  listEvents = (name: string, query: EventQuery): Promise<JobEvent[]> => this.queries.listEvents(name, query);
  jobProgress = (name: string): Promise<Record<string, unknown>> => this.queries.jobProgress(name);
  getLag = (name: string): Promise<JobLag & JobTimeHealth> => this.queries.getLag(name);
  metrics = (): Promise<string> => this.queries.metrics();
  check = (request: CheckRequest): Promise<CheckReport> => this.queries.check(request);
}

export { JobNotFoundError };

/** The part of a record that decides where a job's connections go. */
function mappingOf(record: JobRecord): string {
  return JSON.stringify([record.src.host_mapping ?? {}, record.dest.host_mapping ?? {}]);
}

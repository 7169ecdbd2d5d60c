// A job this syncer runs, put together: its progress writes (fenced by its lease, each one announcing the
// syncs that started or finished), how it pauses itself, its launcher (connect, then the job's work) and
// the runner that drives it. The engine registers the result; nothing here outlives the lease.
import type { JobRecord } from '../model/job-record.js';
import { type Fence, type Lease, LeaseLostError, type MetaStore } from '../model/meta-store.js';
import type { EngineEvents } from './events/engine-events.js';
import type { RetryPolicy } from './job-errors.js';
import { type Connected, JobLauncher } from './job-launcher.js';
import { JobRunner } from './job-runner.js';
import type { LiveJob } from './job-views.js';
import { encodeProgress, type JobProgress } from './progress.js';
import type { Clock, Sleeper } from './runtime.js';
import { SyncWatch } from './sync-progress/sync-watch.js';
import { ReplayHold } from './verify/replay-hold.js';

export interface LiveJobDeps {
  readonly store: MetaStore;
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  readonly pollIntervalMs: number;
  readonly retry?: RetryPolicy;
  readonly events: EngineEvents;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Connects the clusters and builds the job's work. */
  open(
    live: LiveJob,
    persist: () => Promise<void>,
    pause: (reason: string) => Promise<void>,
  ): Promise<Connected>;
  /** The job pauses: it must not hold up other jobs' full syncs. */
  standAside(record: JobRecord): void;
  /** A fenced write failed: another syncer owns the job now. */
  onLeaseLost(): void;
}

export function fenceOf(lease: Lease): Fence {
  return { syncerId: lease.syncerId, epoch: lease.epoch };
}

/** Builds the job; its runner, once started, connects (retrying until the clusters answer). */
export function buildLiveJob(
  record: JobRecord,
  progress: JobProgress,
  lease: Lease,
  deps: LiveJobDeps,
): LiveJob {
  const { store, events } = deps;
  const live = { record, progress, hold: new ReplayHold(), watch: new SyncWatch() } as LiveJob;
  events.launched(record.name, progress.history);
  // Fenced: once another syncer has taken the job over, this one can write nothing for it.
  const persist = async () => {
    if (live.lost) throw new LeaseLostError(record.name, fenceOf(lease));
    await store.putProgress(record.name, encodeProgress(progress), fenceOf(lease));
    events.persisted(record.name, progress.history);
  };
  const pause = async (reason: string) => {
    live.record = { ...live.record, state: 'paused' };
    deps.standAside(live.record);
    await store.updateJob(live.record, fenceOf(lease));
    deps.log('error', `job paused: ${reason}`);
    events.record(record.name, { kind: 'paused', by: 'the syncer', reason });
  };
  const launcher = new JobLauncher(
    () => deps.open(live, persist, pause),
    (connected) => Object.assign(live, { src: connected.src, dest: connected.dest }),
    {
      recordError: async (message, at, action) => {
        progress.lastError = { message, at };
        events.record(record.name, { kind: 'retry', action, error: message });
        await persist();
      },
      clearError: async () => {
        if (!progress.lastError) return;
        delete progress.lastError;
        await persist();
        deps.log('info', 'job connected to its clusters again');
      },
      pause,
    },
  );
  live.runner = new JobRunner(
    record.name,
    launcher,
    deps.clock,
    deps.sleeper,
    {
      pollIntervalMs: deps.pollIntervalMs,
      ...(deps.retry ? { retry: deps.retry } : {}),
      log: deps.log,
      onLeaseLost: deps.onLeaseLost,
    },
    record.state === 'paused',
  );
  return live;
}

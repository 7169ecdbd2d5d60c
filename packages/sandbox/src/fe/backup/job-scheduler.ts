// Runs backup and restore jobs in the background (Doris's BackupHandler daemon): each job moves state by
// state, a job past its timeout is cancelled, and finished local snapshots are released on the BEs once
// they expire. A job interrupted by a restart cannot resume (its staged data lived in memory, as Doris's
// snapshot tasks live on BEs), so a restarted FE cancels it with a status that says so.

import type { Frontend } from '../frontend.js';
import { publicMessage } from '../internal-error.js';
import { advanceBackup, cancelBackupJob, releaseBackupSnapshots, STEP_MS } from './backup-job.js';
import { jobStore } from './job-store.js';
import { isDone, type Job, type JobStatus } from './job-types.js';
import { cancelRestoreJob } from './restore-cancel.js';
import { advanceRestore } from './restore-job.js';
import { scheduler, schedulerActive } from './scheduler-state.js';

const SWEEP_MS = 1_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Cancels a job of either kind with `status`, cleaning up what it left behind. */
export function cancelJob(fe: Frontend, job: Job, status: JobStatus): void {
  if (isDone(job)) return;
  if (job.kind === 'BACKUP') cancelBackupJob(fe, job, status);
  else cancelRestoreJob(fe, job, status);
}

function timeoutStatus(job: Job): JobStatus {
  return job.kind === 'BACKUP'
    ? { code: 'TIMEOUT', msg: '' }
    : { code: 'TIMEOUT', msg: `restore job with label: ${job.label}  timeout.` };
}

async function runJob(fe: Frontend, jobId: bigint): Promise<void> {
  const state = scheduler(fe);
  // The statement or RPC that created the job returns first, as in Doris (its daemon picks jobs up later).
  await sleep(STEP_MS);
  for (;;) {
    if (!schedulerActive(fe)) return;
    const job = jobStore(fe).get(jobId);
    if (!job || isDone(job)) return;
    if (fe.clock.now() - job.createTime > job.timeoutMs) {
      cancelJob(fe, job, timeoutStatus(job));
      return;
    }
    let delay: number | undefined;
    try {
      delay = job.kind === 'BACKUP' ? await advanceBackup(fe, job) : await advanceRestore(fe, job);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      state.log(`${job.kind.toLowerCase()} job ${job.jobId} (${job.label}) failed: ${message}`);
      const msg = publicMessage(error, state.log);
      if (schedulerActive(fe)) cancelJob(fe, job, { code: 'COMMON_ERROR', msg });
      return;
    }
    if (delay === undefined) return;
    await sleep(delay);
  }
}

/** Starts running a job created after the scheduler started (no-op while it is stopped). */
export function scheduleJob(fe: Frontend, jobId: bigint): void {
  const state = scheduler(fe);
  if (!state.running || state.active.has(jobId)) return;
  state.active.add(jobId);
  runJob(fe, jobId)
    .catch((error: unknown) => state.log(`backup/restore job ${jobId}: ${(error as Error).message}`))
    .finally(() => state.active.delete(jobId));
}

/** Releases the BE copies of local snapshots whose backup timeout has passed (getSnapshot then answers EXPIRED). */
export function releaseExpiredSnapshots(fe: Frontend): number {
  let released = 0;
  const now = fe.clock.now();
  for (const job of jobStore(fe).all()) {
    if (job.kind !== 'BACKUP' || job.state !== 'FINISHED' || job.released) continue;
    if (now <= job.createTime + job.timeoutMs) continue;
    fe.commit(() => {
      releaseBackupSnapshots(fe, job);
      jobStore(fe).save(job);
    });
    released++;
  }
  return released;
}

export interface BackupRestoreScheduler {
  stop(): void;
}

/** Start-up: cancels jobs a restart interrupted, then runs new jobs until `stop()`. */
export function startBackupRestoreScheduler(
  fe: Frontend,
  log: (line: string) => void,
): BackupRestoreScheduler {
  const state = scheduler(fe);
  state.log = log;
  state.running = true;
  for (const job of jobStore(fe).all()) {
    if (isDone(job)) continue;
    log(
      `cancelling ${job.kind.toLowerCase()} job ${job.jobId} (${job.label}) interrupted in state ${job.state}`,
    );
    cancelJob(fe, job, {
      code: 'COMMON_ERROR',
      msg: `FE restarted while the job was in state ${job.state}; the job is cancelled`,
    });
  }
  state.sweeper = setInterval(() => {
    if (!schedulerActive(fe)) return;
    try {
      releaseExpiredSnapshots(fe);
    } catch (error) {
      log(`releasing expired snapshots failed: ${(error as Error).message}`);
    }
  }, SWEEP_MS);
  state.sweeper.unref();
  return {
    stop: () => {
      state.running = false;
      if (state.sweeper) clearInterval(state.sweeper);
      state.sweeper = undefined;
    },
  };
}

// Drives alter jobs through their states in the background (Doris's AlterHandler daemon): each transition
// runs in one durable commit, and unfinished jobs are picked up again when a restarted FE starts the runner.
import type { Frontend } from '../frontend.js';
import { type AlterJob, isFinalState } from './alter-job.js';
import { advanceIndexChange, cancelIndexChange } from './index-change-job.js';
import { JOB_STEP_MS } from './job-steps.js';
import { alterJobs } from './job-store.js';
import { advanceRollup, cancelRollup } from './rollup-job.js';
import { advanceSchemaChange, cancelSchemaChange } from './schema-change-job.js';

interface RunnerState {
  log: (line: string) => void;
  readonly timers: Map<bigint, NodeJS.Timeout>;
  stopped: boolean;
}

const runners = new WeakMap<Frontend, RunnerState>();

function runner(fe: Frontend): RunnerState {
  let state = runners.get(fe);
  if (!state) {
    state = { log: () => {}, timers: new Map(), stopped: false };
    runners.set(fe, state);
  }
  return state;
}

function advance(fe: Frontend, job: AlterJob): number | undefined {
  switch (job.kind) {
    case 'SCHEMA_CHANGE':
      return advanceSchemaChange(fe, job);
    case 'ROLLUP':
      return advanceRollup(fe, job);
    case 'INDEX_CHANGE':
      return advanceIndexChange(fe, job);
  }
}

/** Cancels a job (inside a commit): its shadow or rollup indexes go, the table returns to NORMAL. */
export function cancelAlterJob(fe: Frontend, job: AlterJob, errMsg: string): void {
  const timer = runner(fe).timers.get(job.jobId);
  if (timer) {
    clearTimeout(timer);
    runner(fe).timers.delete(job.jobId);
  }
  cancel(fe, job, errMsg);
}

function cancel(fe: Frontend, job: AlterJob, errMsg: string): void {
  switch (job.kind) {
    case 'SCHEMA_CHANGE':
      cancelSchemaChange(fe, job, errMsg);
      return;
    case 'ROLLUP':
      cancelRollup(fe, job, errMsg);
      return;
    case 'INDEX_CHANGE':
      cancelIndexChange(fe, job, errMsg);
      return;
  }
}

/** Schedules the job's next transition; called after the statement that created the job committed. */
export function scheduleAlterJob(fe: Frontend, jobId: bigint, delayMs = JOB_STEP_MS): void {
  const state = runner(fe);
  if (state.stopped || state.timers.has(jobId)) return;
  const timer = setTimeout(() => {
    state.timers.delete(jobId);
    step(fe, jobId);
  }, delayMs);
  timer.unref();
  state.timers.set(jobId, timer);
}

function step(fe: Frontend, jobId: bigint): void {
  const state = runner(fe);
  if (state.stopped || !fe.sqlite.open) return;
  const job = alterJobs(fe).get(jobId);
  if (!job || isFinalState(job.state)) return;
  let next: number | undefined;
  try {
    next = fe.commit(() => advance(fe, job));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    state.log(`alter job ${jobId} failed: ${message}`);
    try {
      fe.commit(() => cancel(fe, job, message));
    } catch (cancelError) {
      state.log(`cancelling alter job ${jobId} failed: ${(cancelError as Error).message}`);
    }
    return;
  }
  if (next !== undefined) scheduleAlterJob(fe, jobId, next);
}

/** Resumes every unfinished job (start-up) and keeps running new ones until `stop()`. */
export function startAlterJobRunner(fe: Frontend, log: (line: string) => void): { stop(): void } {
  const state = runner(fe);
  state.log = log;
  state.stopped = false;
  for (const job of alterJobs(fe).all()) if (!isFinalState(job.state)) scheduleAlterJob(fe, job.jobId);
  return {
    stop: () => {
      state.stopped = true;
      for (const timer of state.timers.values()) clearTimeout(timer);
      state.timers.clear();
    },
  };
}

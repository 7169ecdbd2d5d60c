// Drives one job: runs its next step again and again, sleeps when there is nothing to do, backs off on
// transient errors, escalates to a full/partial sync when replay cannot continue, and pauses itself with the
// reason on a fatal error. Pause/resume/stop only set flags and wake the loop — an API call never waits
// for a step to finish (the Go syncer blocks on a job mutex instead).

import {
  actionOf,
  DEFAULT_RETRY,
  type ErrorAction,
  JobError,
  type RetryPolicy,
  retryDelay,
  type SyncScope,
} from './job-errors.js';
import type { Clock, Sleeper } from './runtime.js';

/**
 * What a step did: moved on, found nothing to do (sleep a poll interval), or is waiting for something
 * that usually takes well under a poll interval, such as a small backup or restore (sleep briefly).
 */
export type StepResult = 'progressed' | 'idle' | 'waiting';

/** The work of one job kind (table or database), one step at a time. */
export interface JobWork {
  step(): Promise<StepResult>;
  /** Called when an error asks for a new full or partial sync; must persist the decision. */
  escalate(
    action: 'needs_full_sync' | 'needs_partial_sync',
    reason: string,
    scope?: SyncScope,
  ): Promise<void>;
  /** Records the last error in the job's progress (shown by job_status / get_lag). */
  recordError(message: string, at: number, action: ErrorAction): Promise<void>;
  /**
   * The job works again (a step succeeded): forgets the recorded error, so job_status and get_lag stop
   * showing it. The log keeps every error and says when the job recovered.
   */
  clearError(): Promise<void>;
  /** Persists that the job is paused (fatal errors pause the job). */
  pause(reason: string): Promise<void>;
}

/** The first wait after a step found nothing to do; doubled per empty look up to the poll interval. */
const FIRST_IDLE_MS = 25;

export type RunnerState = 'running' | 'paused' | 'failing' | 'stopped';

export interface RunnerOptions {
  readonly pollIntervalMs: number;
  /**
   * First sleep after a 'waiting' step (a backup or restore still running). Later sleeps of the same wait
   * grow to a tenth of the time waited so far, up to pollIntervalMs: a one-second restore is seen done
   * within ~20 ms, an hour-long one is asked about once per poll interval, not 20 times a second.
   */
  readonly waitIntervalMs?: number;
  readonly retry?: RetryPolicy;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Another syncer owns the job now: the runner stops at once, writing nothing more. */
  readonly onLeaseLost?: () => void;
}

export class JobRunner {
  private state: RunnerState;
  private attempts = 0;
  /** Consecutive failures that were not transient; the job pauses itself at the policy's limit. */
  private failures = 0;
  private idleMs = 0;
  /** Clock time of the first of the current run of 'waiting' steps. */
  private waitingSince: number | undefined;
  private wake: (() => void) | undefined;
  /** A poke that came while a step ran: the next idle wait ends at once instead of missing it. */
  private poked = false;
  private loop: Promise<void> | undefined;
  lastError: { message: string; at: number } | undefined;
  /** An error may be recorded (one was, or the stored progress may hold one from a previous run). */
  private errorRecorded = true;
  steps = 0;

  constructor(
    readonly name: string,
    private readonly work: JobWork,
    private readonly clock: Clock,
    private readonly sleeper: Sleeper,
    private readonly options: RunnerOptions,
    paused: boolean,
  ) {
    this.state = paused ? 'paused' : 'running';
  }

  get status(): RunnerState {
    return this.state;
  }

  start(): void {
    this.loop ??= this.run();
  }

  pause(): void {
    if (this.state !== 'stopped') this.state = 'paused';
  }

  resume(): void {
    if (this.state === 'paused' || this.state === 'failing') {
      this.state = 'running';
      this.attempts = 0;
      this.failures = 0;
      this.wake?.();
    }
  }

  /** Ends an idle wait early (something the job waits for has happened); no effect while paused. */
  poke(): void {
    if (this.state !== 'running') return;
    if (this.wake) this.wake();
    else this.poked = true;
  }

  /** Stops the loop; resolves when the step in flight (if any) has finished. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    this.wake?.();
    await this.loop;
  }

  private async idle(ms: number): Promise<void> {
    if (this.poked && this.state === 'running') {
      this.poked = false;
      return;
    }
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.sleeper.sleep(ms).then(resolve);
    });
    this.wake = undefined;
  }

  private async run(): Promise<void> {
    while (this.state !== 'stopped') {
      if (this.state === 'paused') {
        await this.idle(3_600_000);
        continue;
      }
      try {
        const result = await this.work.step();
        this.steps++;
        this.attempts = 0;
        this.failures = 0;
        if (this.state === 'failing') this.state = 'running';
        if (this.errorRecorded) {
          await this.work.clearError();
          this.errorRecorded = false;
          this.lastError = undefined;
        }
        if (result === 'idle') {
          this.waitingSince = undefined;
          // Right after work, look again soon (more binlogs usually follow); each empty look doubles the
          // wait up to the poll interval, so a busy job has little lag and a quiet one costs little.
          this.idleMs = Math.min(
            this.options.pollIntervalMs,
            this.idleMs === 0 ? FIRST_IDLE_MS : this.idleMs * 2,
          );
          await this.idle(this.idleMs);
          continue;
        }
        this.idleMs = 0;
        if (result !== 'waiting') {
          this.waitingSince = undefined;
          continue;
        }
        const now = this.clock.now();
        this.waitingSince ??= now;
        const first = this.options.waitIntervalMs ?? 20;
        await this.idle(
          Math.min(this.options.pollIntervalMs, Math.max(first, (now - this.waitingSince) / 10)),
        );
      } catch (error) {
        await this.handleError(error);
      }
    }
  }

  private async handleError(error: unknown): Promise<void> {
    if (error instanceof Error && error.name === 'LeaseLostError') {
      this.options.log?.('warn', `job ${this.name}: ${error.message}; stopping it here`);
      this.state = 'stopped';
      this.options.onLeaseLost?.();
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const at = this.clock.now();
    this.lastError = { message, at };
    this.errorRecorded = true;
    const action: ErrorAction = actionOf(error);
    const policy = this.options.retry ?? DEFAULT_RETRY;
    if (action === 'retryable') this.failures++;
    const givingUp = action === 'retryable' && this.failures >= policy.maxAttempts;
    this.options.log?.(
      action === 'transient' ? 'warn' : 'error',
      `job ${this.name}: ${action}${action === 'retryable' ? ` (attempt ${this.failures} of ${policy.maxAttempts})` : ''}: ${message}`,
    );
    try {
      await this.work.recordError(message, at, action);
      if (action === 'fatal' || givingUp) {
        const reason = givingUp ? `gave up after ${this.failures} attempts: ${message}` : message;
        if (givingUp) await this.work.recordError(reason, at, action);
        await this.work.pause(reason);
        this.state = 'paused';
        this.failures = 0;
        return;
      }
      if (action === 'needs_full_sync' || action === 'needs_partial_sync') {
        await this.work.escalate(action, message, error instanceof JobError ? error.scope : undefined);
        return;
      }
    } catch (secondary) {
      this.options.log?.(
        'error',
        `job ${this.name}: could not record error: ${(secondary as Error).message}`,
      );
    }
    this.attempts++;
    if (this.state === 'running') this.state = 'failing';
    await this.idle(retryDelay(policy, this.attempts));
  }
}

// One error taxonomy for every job step, and the retry policy that follows from it:
// - retryable: transient (network, timeouts, busy FE, backup slot taken) → retry with capped, jittered
//   exponential backoff;
// - needs_partial_sync / needs_full_sync: the target can no longer follow by replay (binlog collected,
//   table re-created, unreplayable DDL) → re-copy the smallest thing that fixes it, recording why;
// - fatal: the job cannot continue without an operator (source table dropped in a table job, permission
//   revoked) → the job pauses itself with the reason, visible in job_status.

export type ErrorAction = 'retryable' | 'needs_partial_sync' | 'needs_full_sync' | 'fatal';

/** What a partial sync must copy again: the listed partitions, or the whole table when absent. */
export interface SyncScope {
  readonly partitions?: readonly string[];
}

export class JobError extends Error {
  override readonly name = 'JobError';
  constructor(
    message: string,
    readonly action: ErrorAction,
    override readonly cause?: unknown,
    readonly scope?: SyncScope,
  ) {
    super(message);
  }
}

export const retryable = (message: string, cause?: unknown) => new JobError(message, 'retryable', cause);
export const needsFullSync = (message: string, cause?: unknown) =>
  new JobError(message, 'needs_full_sync', cause);
export const needsPartialSync = (message: string, cause?: unknown, scope?: SyncScope) =>
  new JobError(message, 'needs_partial_sync', cause, scope);
export const fatal = (message: string, cause?: unknown) => new JobError(message, 'fatal', cause);

/** Errors that are not JobErrors are transient by default: the step is retried, never skipped. */
export function actionOf(error: unknown): ErrorAction {
  return error instanceof JobError ? error.action : 'retryable';
}

export interface RetryPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly multiplier: number;
  /** 0..1: the share of each delay that is randomised (full jitter at 1). */
  readonly jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialMs: 500, maxMs: 60_000, multiplier: 2, jitter: 0.5 };

/** Delay before retry number `attempt` (1-based), with jitter drawn from `random` (0..1). */
export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.multiplier ** Math.max(0, attempt - 1));
  const jitter = base * policy.jitter;
  return Math.round(base - jitter + random() * jitter);
}

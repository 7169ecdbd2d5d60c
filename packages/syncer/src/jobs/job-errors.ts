// One error taxonomy for every job step, and the retry policy that follows from it:
// - transient: the cluster could not be reached or was busy (connection refused/reset, timeouts, thrift
//   transport, no FE answering, the database's backup slot taken) → retried with capped, jittered
//   exponential backoff for as long as it lasts;
// - retryable: anything else that went wrong (a non-OK status, an error we do not know, a bug) → retried
//   at most RetryPolicy.maxAttempts times, then the job pauses itself with the error in job_status, so a
//   TypeError or an unknown binlog type never loops silently;
// - needs_partial_sync / needs_full_sync: the target can no longer follow by replay (binlog collected,
//   table re-created, unreplayable DDL) → re-copy the smallest thing that fixes it, recording why;
// - fatal: the job cannot continue without an operator (source table dropped in a table job, permission
//   revoked) → the job pauses itself with the reason, visible in job_status.

import { CONNECTION_CODES } from '../clients/connection-codes.js';

export type ErrorAction = 'transient' | 'retryable' | 'needs_partial_sync' | 'needs_full_sync' | 'fatal';

/** What a partial or full sync must copy again: the listed partitions, one table, or everything. */
export interface SyncScope {
  readonly partitions?: readonly string[];
  /** Source table id (database jobs copy that table only; absent: the job's table or database). */
  readonly tableId?: bigint;
  readonly tableName?: string | undefined;
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

/** A step that failed and may succeed when tried again; transient when its cause is. */
export const retryable = (message: string, cause?: unknown) =>
  new JobError(
    message,
    isTransient(cause) || TRANSIENT_TEXT.test(message) ? 'transient' : 'retryable',
    cause,
  );
export const transient = (message: string, cause?: unknown) => new JobError(message, 'transient', cause);
export const needsFullSync = (message: string, cause?: unknown, scope?: SyncScope) =>
  new JobError(message, 'needs_full_sync', cause, scope);
export const needsPartialSync = (message: string, cause?: unknown, scope?: SyncScope) =>
  new JobError(message, 'needs_partial_sync', cause, scope);
export const fatal = (message: string, cause?: unknown) => new JobError(message, 'fatal', cause);

/**
 * Texts of failures that pass by themselves: network trouble reported by a peer (a target BE that could
 * not download from a source BE), an FE that is not ready or not the master, a busy backup slot.
 */
const TRANSIENT_TEXT =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|socket hang up|timed? ?out|connection (?:refused|reset|closed|lost)|fetch failed|not master|is not ready|too many|try again|one backup or restore job of a database at same time/i;

/** Errors of the clients layer recognised by shape (the job core does not import that layer). */
export function isTransient(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    errno?: unknown;
    isConnectionError?: unknown;
    cause?: unknown;
  };
  if (error instanceof JobError) return error.action === 'transient' || isTransient(error.cause, depth + 1);
  if (e.name === 'ThriftTransportError' || e.name === 'FeUnavailableError') return true;
  if (e.name === 'DorisSqlError') return e.isConnectionError === true;
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
  return isTransient(e.cause, depth + 1);
}

/** The action for any error a step throws: JobErrors say theirs; others are transient or retryable. */
export function actionOf(error: unknown): ErrorAction {
  if (error instanceof JobError) return error.action;
  return isTransient(error) ? 'transient' : 'retryable';
}

export interface RetryPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly multiplier: number;
  /** 0..1: the share of each delay that is randomised (full jitter at 1). */
  readonly jitter: number;
  /** Attempts of a non-transient failure before the job pauses itself. */
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  initialMs: 500,
  // A cluster back after a restart or a network fault is used again within seconds, not a minute later.
  maxMs: 10_000,
  multiplier: 2,
  jitter: 0.5,
  maxAttempts: 10,
};

/** Delay before retry number `attempt` (1-based), with jitter drawn from `random` (0..1). */
export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.multiplier ** Math.max(0, attempt - 1));
  const jitter = base * policy.jitter;
  return Math.round(base - jitter + random() * jitter);
}

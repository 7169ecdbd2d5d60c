// The one snapshot procedure of every job kind: BACKUP on the source → getSnapshot → restoreSnapshot on
// the target with is_being_synced → wait → record. What is copied and what the result means are the
// job kind's business (a SnapshotPlan: the table job's full or partial sync, the database job's full
// sync, one table of a database job); the steps, their checkpoints and their recovery are here, once.
// Each step persists what a restart needs; a restart finds its own backup and restore again by their
// deterministic names instead of starting new ones.
import { quoteIdent } from '../../clients/sql-quote.js';
import type { Row } from '../cluster-access.js';
import { failpoint } from '../failpoints.js';
import type { JobContext } from '../job-context.js';
import { retryable } from '../job-errors.js';
import type { StepResult } from '../job-runner.js';
import { moveStep, type SnapshotStep } from '../job-state.js';
import { restoreLabel, snapshotName, snapshotPrefix } from '../labels.js';
import { noteRetry } from '../progress.js';
import { phaseOfStep } from '../sync-progress/sync-progress-view.js';
import { syncStartOf } from '../sync-progress/sync-watch.js';
import { snapshotObjects } from './snapshot-info.js';
import {
  backupState,
  fetchSnapshot,
  issueBackup,
  issueRestore,
  ownBackup,
  ownRestore,
  restoreState,
  type SnapshotBlobs,
  type SnapshotScope,
} from './snapshot-ops.js';

/** What one kind of sync copies, and what it does with the outcome. */
export interface SnapshotPlan {
  readonly kind: 'full' | 'partial';
  scope(): SnapshotScope;
  /** The table named to getSnapshot/restoreSnapshot ('' for a database snapshot). */
  readonly snapshotTable: string;
  /** An atomic restore keeps the target tables readable until the new ones replace them. */
  readonly atomic: boolean;
  /** BACKUP failed (not because the slot was busy): throw the error the job should see. */
  backupFailed(message: string, error: unknown): never;
  /** Reads the snapshot's job info into the progress (commit seqs); throws when it does not fit. */
  accept(blobs: SnapshotBlobs): void;
  /**
   * The restore was cancelled because a target object has another schema: 'retry' once it was fixed
   * (the object dropped or aliased), or throw.
   */
  schemaMismatch(status: string): Promise<'retry'>;
  /** The restore is done: put aliased tables in place, record the id mappings, move to replay. */
  finish(): Promise<void>;
}

async function move(ctx: JobContext, step: SnapshotStep): Promise<StepResult> {
  moveStep(ctx.progress, step);
  await ctx.persist();
  return 'progressed';
}

function syncStart(ctx: JobContext): number {
  return syncStartOf(ctx.progress);
}

/** Tells the sync watch about a SHOW BACKUP / SHOW RESTORE row this step read. */
function watchRow(ctx: JobContext, phase: 'backup' | 'restore') {
  return (row: Row) => ctx.syncWatch?.saw(syncStart(ctx), phase, row, ctx.clock.now());
}

/** Runs the current snapshot step of the job. */
export function snapshotStep(ctx: JobContext, plan: SnapshotPlan): Promise<StepResult> {
  const step = ctx.progress.position.step as SnapshotStep;
  ctx.syncWatch?.enter(syncStart(ctx), phaseOfStep(step), ctx.clock.now());
  switch (step) {
    case 'begin_snapshot':
      return beginSnapshot(ctx, plan);
    case 'wait_backup':
      return waitBackup(ctx);
    case 'get_snapshot':
      return getSnapshot(ctx, plan);
    case 'restore_snapshot':
      return restoreSnapshot(ctx, plan);
    case 'wait_restore':
      return waitRestore(ctx, plan);
    case 'persist_restore':
      return persistRestore(ctx, plan);
    default: {
      const never: never = step;
      throw new Error(`not a snapshot step: ${String(never)}`);
    }
  }
}

async function beginSnapshot(ctx: JobContext, plan: SnapshotPlan): Promise<StepResult> {
  const scope = plan.scope();
  const prefix = snapshotPrefix(ctx.jobName, ctx.progress.syncId, plan.kind);
  // A restart may find the backup it already issued: reuse it rather than taking a second one.
  let name = await ownBackup(ctx.src, scope.srcDb, prefix);
  if (!name) {
    name = snapshotName(ctx.jobName, ctx.progress.syncId, plan.kind, Math.floor(ctx.clock.now() / 1000));
    let issued: 'issued' | 'busy';
    try {
      issued = await issueBackup(ctx.src, scope, name);
    } catch (error) {
      plan.backupFailed((error as Error).message, error);
    }
    if (issued === 'busy') {
      // Doris runs one backup or restore per database at a time (other jobs of the database, or an
      // operator's). Waiting for the slot is not a failure: poll again instead of backing off.
      ctx.log('info', "waiting for the source database's backup slot");
      return 'waiting';
    }
  }
  await failpoint('after_backup');
  ctx.progress.snapshot = name;
  return move(ctx, 'wait_backup');
}

async function waitBackup(ctx: JobContext): Promise<StepResult> {
  const state = await backupState(ctx.src, ctx.srcDb, ctx.progress.snapshot!, watchRow(ctx, 'backup'));
  if (state.kind === 'done') return move(ctx, 'get_snapshot');
  if (state.kind === 'running') return 'waiting';
  return newSnapshot(ctx, state.reason);
}

async function getSnapshot(ctx: JobContext, plan: SnapshotPlan): Promise<StepResult> {
  const blobs = await fetchSnapshot(ctx.src, ctx.srcDb, ctx.progress.snapshot!, plan.snapshotTable);
  if ('gone' in blobs) return newSnapshot(ctx, blobs.gone);
  plan.accept(blobs);
  ctx.snapshot = blobs;
  ctx.syncWatch?.sized(syncStart(ctx), tablesRestored(plan, blobs), undefined, ctx.clock.now());
  return move(ctx, 'restore_snapshot');
}

/** Tables (not views) the restore brings: the plan's scope, or everything the snapshot holds. */
function tablesRestored(plan: SnapshotPlan, blobs: SnapshotBlobs): number {
  const scoped = new Set(plan.scope().tables.map((t) => t.src));
  return snapshotObjects(blobs.jobInfo).filter((o) => !o.isView && (scoped.size === 0 || scoped.has(o.name)))
    .length;
}

/** Restores of one snapshot retried before a new snapshot is taken. */
export const MAX_RESTORE_RETRIES = 3;
/** Pause before the first retry of a restore; doubles for each further one. */
export const RESTORE_RETRY_BACKOFF_MS = 2_000;
/** A snapshot that expires sooner than this is not restored again: the restore could not finish in time. */
const MIN_VALIDITY_MS = 10 * 60_000;

async function restoreSnapshot(ctx: JobContext, plan: SnapshotPlan): Promise<StepResult> {
  const blobs = ctx.snapshot;
  // After a restart the blobs are fetched again.
  if (!blobs) return move(ctx, 'get_snapshot');
  const retries = ctx.progress.restoreRetries;
  if (retries && ctx.clock.now() < retries.notBefore) return 'waiting';
  const scope = plan.scope();
  const prefix = ctx.progress.snapshot!;
  let label = await ownRestore(ctx.dest, scope.destDb, prefix);
  if (!label) {
    label = restoreLabel(prefix, Math.floor(ctx.clock.now() / 1000));
    const issued = await issueRestore(ctx.src, ctx.dest, scope, label, blobs, {
      atomic: plan.atomic,
      table: plan.snapshotTable ? scope.tables[0]?.dest : '',
    });
    if (issued === 'busy') {
      ctx.log('info', "waiting for the target database's restore slot");
      return 'waiting';
    }
  }
  await failpoint('after_restore_snapshot');
  ctx.progress.restoreLabel = label;
  return move(ctx, 'wait_restore');
}

async function waitRestore(ctx: JobContext, plan: SnapshotPlan): Promise<StepResult> {
  const state = await restoreState(
    ctx.dest,
    ctx.destDb,
    ctx.progress.restoreLabel!,
    watchRow(ctx, 'restore'),
  );
  if (state.kind === 'done') return move(ctx, 'persist_restore');
  if (state.kind === 'failed') {
    if (/already exist but with different schema/.test(state.reason)) {
      await plan.schemaMismatch(state.reason);
      delete ctx.progress.restoreLabel;
      return move(ctx, 'restore_snapshot');
    }
    return retryRestore(ctx, plan, state.reason);
  }
  const blobs = ctx.snapshot;
  if (blobs && blobs.expiredAt > 0n && BigInt(ctx.clock.now()) > blobs.expiredAt) {
    await ctx.dest.sql.execute(`CANCEL RESTORE FROM ${quoteIdent(ctx.destDb)}`);
    return newSnapshot(ctx, `snapshot ${ctx.progress.snapshot} expired while restoring`);
  }
  return 'waiting';
}

/**
 * A restore failed for another reason than the target's schema (a download from a source BE, a target BE
 * gone): a new backup would copy the whole data again, so the same snapshot is restored again — after a
 * doubling pause, at most MAX_RESTORE_RETRIES times — as long as the source still has it and it stays valid
 * long enough. Otherwise a new snapshot is taken. The log, the job's last error and its sync history say
 * which, and why.
 */
async function retryRestore(ctx: JobContext, plan: SnapshotPlan, reason: string): Promise<StepResult> {
  const p = ctx.progress;
  const name = p.snapshot!;
  const done = p.restoreRetries?.count ?? 0;
  if (done >= MAX_RESTORE_RETRIES) {
    return newSnapshot(ctx, `${reason}; the restore of snapshot ${name} failed ${done + 1} times`);
  }
  const blobs = await fetchSnapshot(ctx.src, ctx.srcDb, name, plan.snapshotTable);
  if ('gone' in blobs) return newSnapshot(ctx, `${reason}; ${blobs.gone}`);
  const now = ctx.clock.now();
  if (blobs.expiredAt > 0n && BigInt(now + MIN_VALIDITY_MS) > blobs.expiredAt) {
    return newSnapshot(ctx, `${reason}; snapshot ${name} expires too soon to restore it again`);
  }
  ctx.snapshot = blobs;
  const pause = RESTORE_RETRY_BACKOFF_MS * 2 ** done;
  const note = `${reason}; restoring the same snapshot ${name} again in ${pause / 1000} s (retry ${done + 1} of ${MAX_RESTORE_RETRIES})`;
  ctx.log('warn', note);
  p.restoreRetries = { count: done + 1, notBefore: now + pause };
  p.lastError = { message: note, at: now };
  noteRetry(p, { at: now, action: 'retry_restore', snapshot: name, reason });
  delete p.restoreLabel;
  return move(ctx, 'restore_snapshot');
}

/** Starts the current sync over from a new backup (same kind, same scope). */
async function newSnapshot(ctx: JobContext, reason: string): Promise<StepResult> {
  const note = `${reason}; taking a new snapshot`;
  ctx.log('warn', note);
  const now = ctx.clock.now();
  ctx.progress.lastError = { message: note, at: now };
  noteRetry(ctx.progress, {
    at: now,
    action: 'new_snapshot',
    snapshot: ctx.progress.snapshot ?? '',
    reason,
  });
  ctx.progress.syncId += 1;
  delete ctx.progress.snapshot;
  delete ctx.progress.restoreLabel;
  delete ctx.progress.restoreRetries;
  delete ctx.progress.snapshotVersions;
  delete ctx.snapshot;
  return move(ctx, 'begin_snapshot');
}

async function persistRestore(ctx: JobContext, plan: SnapshotPlan): Promise<StepResult> {
  await plan.finish();
  const p = ctx.progress;
  const last = p.history[p.history.length - 1];
  if (last && last.finishedAt === undefined) {
    last.finishedAt = ctx.clock.now();
    if (p.snapshot) last.snapshot = p.snapshot;
  }
  delete p.snapshot;
  delete p.restoreLabel;
  delete p.restoreRetries;
  delete p.snapshotVersions;
  delete p.partial;
  delete ctx.snapshot;
  delete ctx.ingestLayout;
  await failpoint('before_persist_restore');
  await ctx.persist();
  ctx.snapshotSlot?.release();
  ctx.log('info', `${plan.kind} sync done; replaying from commit seq ${p.prevCommitSeq}`);
  return 'progressed';
}

/** A restore that cannot see its table yet is retried (the FE may not have published the new meta). */
export function notVisibleYet(db: string, table: string): Error {
  return retryable(`restored table ${db}.${table} is not visible yet`);
}

// The one snapshot procedure of every job kind: BACKUP on the source → getSnapshot → restoreSnapshot on
// the target with is_being_synced → wait → record. What is copied and what the result means are the
// job kind's business (a SnapshotPlan: the table job's full or partial sync, the database job's full
// sync, one table of a database job); the steps, their checkpoints and their recovery are here, once.
// Each step persists what a restart needs; a restart finds its own backup and restore again by their
// deterministic names instead of starting new ones.
import { quoteIdent } from '../../clients/sql-quote.js';
import { failpoint } from '../failpoints.js';
import type { JobContext } from '../job-context.js';
import { retryable } from '../job-errors.js';
import type { StepResult } from '../job-runner.js';
import { moveStep, type SnapshotStep } from '../job-state.js';
import { restoreLabel, snapshotName, snapshotPrefix } from '../labels.js';
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

/** Runs the current snapshot step of the job. */
export function snapshotStep(ctx: JobContext, plan: SnapshotPlan): Promise<StepResult> {
  const step = ctx.progress.position.step as SnapshotStep;
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
  const state = await backupState(ctx.src, ctx.srcDb, ctx.progress.snapshot!);
  if (state.kind === 'done') return move(ctx, 'get_snapshot');
  if (state.kind === 'running') return 'waiting';
  ctx.log('warn', `${state.reason}; taking a new one`);
  ctx.progress.syncId += 1;
  delete ctx.progress.snapshot;
  return move(ctx, 'begin_snapshot');
}

async function getSnapshot(ctx: JobContext, plan: SnapshotPlan): Promise<StepResult> {
  const blobs = await fetchSnapshot(ctx.src, ctx.srcDb, ctx.progress.snapshot!, plan.snapshotTable);
  if ('gone' in blobs) return newSnapshot(ctx, blobs.gone);
  plan.accept(blobs);
  ctx.snapshot = blobs;
  return move(ctx, 'restore_snapshot');
}

async function restoreSnapshot(ctx: JobContext, plan: SnapshotPlan): Promise<StepResult> {
  const blobs = ctx.snapshot;
  // After a restart the blobs are fetched again.
  if (!blobs) return move(ctx, 'get_snapshot');
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
  const state = await restoreState(ctx.dest, ctx.destDb, ctx.progress.restoreLabel!);
  if (state.kind === 'done') return move(ctx, 'persist_restore');
  if (state.kind === 'failed') {
    if (/already exist but with different schema/.test(state.reason)) {
      await plan.schemaMismatch(state.reason);
      delete ctx.progress.restoreLabel;
      return move(ctx, 'restore_snapshot');
    }
    // Anything else (snapshot files released or expired on the source, a target BE gone): restoring the
    // same snapshot again would fail the same way, so take a new one.
    return newSnapshot(ctx, state.reason);
  }
  const blobs = ctx.snapshot;
  if (blobs && blobs.expiredAt > 0n && BigInt(ctx.clock.now()) > blobs.expiredAt) {
    await ctx.dest.sql.execute(`CANCEL RESTORE FROM ${quoteIdent(ctx.destDb)}`);
    return newSnapshot(ctx, `snapshot ${ctx.progress.snapshot} expired while restoring`);
  }
  return 'waiting';
}

/** Starts the current sync over from a new backup (same kind, same scope). */
async function newSnapshot(ctx: JobContext, reason: string): Promise<StepResult> {
  ctx.log('warn', `${reason}; taking a new snapshot`);
  ctx.progress.syncId += 1;
  delete ctx.progress.snapshot;
  delete ctx.progress.restoreLabel;
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

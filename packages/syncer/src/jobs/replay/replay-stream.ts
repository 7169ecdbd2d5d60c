// Incremental replay, for table and database jobs alike: read the binlog stream (of one table, or of the
// whole database) from the last applied commit seq and apply each record in commit-seq order — data by
// target transactions (upsert-apply.ts), DDL by SQL. Consecutive UPSERTs are pipelined: later ones are
// begun and ingested while earlier ones commit (and later binlogs are read meanwhile), and commits still
// happen strictly in commit-seq order. What each record means is the job kind's ReplayPlan.
import { type BinlogRecord, parseBinlog, StatusCode, type TBinlog } from '@doris-ccr/protocol';
import { failpoint } from '../failpoints.js';
import { cred, type JobContext } from '../job-context.js';
import { fatal, needsFullSync, needsPartialSync, retryable } from '../job-errors.js';
import type { StepResult } from '../job-runner.js';
import { markReplayedTo, tableOf } from '../progress.js';
import type { BinlogAction, TableChange } from './binlog-action.js';
import { forgetIngestMeta } from './ingest-meta.js';
import {
  abandon,
  commitUpsert,
  flushApplied,
  type PrepareOutcome,
  prepareUpsert,
  recoverLabel,
  recoverTxn,
  skipUpsert,
} from './upsert-apply.js';
import { pendingTables } from './upsert-targets.js';

/** What one job kind makes of its binlog stream. */
export interface ReplayPlan {
  /** getBinlog of one table (table jobs); absent: the whole database. */
  readonly table?: { readonly name: string; readonly id: bigint };
  /** The action for one record (pure: no I/O). */
  plan(record: BinlogRecord, seq: bigint): BinlogAction;
  /** Records a table set change after its DDL succeeded (database jobs); table jobs have none. */
  track?(change: TableChange): void;
  /** The stream's table or database is gone: what the job should do. */
  gone(message: string): Error;
  /** Called when there is nothing new to replay (a table job checks that its table still exists). */
  onIdle?(): Promise<void>;
}

/** Reads the next binlogs after the last applied seq and applies them; 'idle' when there is nothing new. */
export async function replayStep(ctx: JobContext, plan: ReplayPlan): Promise<StepResult> {
  const p = ctx.progress;
  if (p.txn) {
    await recoverTxn(ctx);
    return 'progressed';
  }
  // A verification holds the job where the source was measured, until it has measured the target.
  if (ctx.replayHold?.reached(BigInt(p.prevCommitSeq))) return 'idle';
  const binlogs = await readBinlogs(ctx, plan, BigInt(p.prevCommitSeq));
  if (binlogs === 'none') {
    await plan.onIdle?.();
    return 'idle';
  }
  await applyStream(ctx, plan, binlogs);
  return 'progressed';
}

/** The stream's binlogs after `after` (up to 64), or 'none' when there is nothing newer yet. */
async function readBinlogs(
  ctx: JobContext,
  plan: ReplayPlan,
  after: bigint,
): Promise<readonly TBinlog[] | 'none'> {
  const result = await ctx.src.fe.getBinlog({
    ...cred(ctx.src),
    db: ctx.srcDb,
    ...(plan.table ? { table: plan.table.name, table_id: plan.table.id } : {}),
    prev_commit_seq: after,
    num_acquired: 64n,
  });
  const code = result.status?.status_code;
  const message = result.status?.error_msgs?.join('; ') ?? '';
  if (code === StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ) return 'none';
  if (code === StatusCode.BINLOG_TOO_OLD_COMMIT_SEQ) {
    throw needsFullSync(`binlog after commit seq ${after} was garbage-collected on the source`);
  }
  if (
    code === StatusCode.BINLOG_NOT_FOUND_TABLE ||
    code === StatusCode.BINLOG_NOT_FOUND_DB ||
    (code === StatusCode.ANALYSIS_ERROR && /not found|not exist/i.test(message))
  ) {
    throw plan.gone(message);
  }
  if (code !== StatusCode.OK) throw retryable(`getBinlog failed: ${message || String(code)}`);
  const binlogs = result.binlogs ?? [];
  if (binlogs.length === 0) throw retryable('getBinlog answered OK without binlogs');
  return binlogs;
}

/** UPSERTs prepared (begun and ingested) ahead of the one committing. */
export const PIPELINE_DEPTH = 3;

/**
 * One step applies binlogs for at most this long, so that pause, stop and delete (which wait for the step
 * in flight) answer promptly under a load that never lets the job go idle.
 */
export const STEP_BUDGET_MS = 2_000;

/**
 * Applies binlogs in order, reading more while earlier UPSERTs are still in flight, so the pipeline stays
 * full when the job runs near the head of a busy binlog (a few new binlogs per read); draining it after
 * every read made the job apply one transaction at a time exactly when lag matters. UPSERTs are prepared
 * up to PIPELINE_DEPTH ahead and settled (committed, recorded as empty, or recovered) strictly oldest
 * first; anything else first settles every UPSERT before it. Whatever is still prepared when the stream
 * stops early is rolled back.
 */
async function applyStream(ctx: JobContext, plan: ReplayPlan, first: readonly TBinlog[]): Promise<void> {
  const queue: Array<{ seq: bigint; outcome: Promise<PrepareOutcome> }> = [];
  /** Settles the oldest queued UPSERT; false when the stream must stop (a label from before a restart). */
  const settleOldest = async (): Promise<boolean> => {
    const outcome = await queue.shift()!.outcome;
    if (outcome.kind === 'prepared') await commitUpsert(ctx, outcome);
    else if (outcome.kind === 'nothing') await skipUpsert(ctx, outcome.seq);
    else {
      // A transaction of ours from before a restart holds the label: settle it, then read again
      // (the binlog is replayed if that transaction had not committed).
      await recoverLabel(ctx, outcome);
      return false;
    }
    return true;
  };
  const settleAll = async (): Promise<boolean> => {
    while (queue.length > 0) if (!(await settleOldest())) return false;
    return true;
  };
  const started = ctx.clock.now();
  let seen = BigInt(ctx.progress.prevCommitSeq);
  let binlogs = first;
  try {
    for (;;) {
      let held = false;
      for (const binlog of binlogs) {
        const parsed = parseBinlog(binlog);
        const seq = parsed.commitSeq;
        if (seq <= seen) continue;
        if (ctx.replayHold?.blocks(seq)) {
          held = true;
          break;
        }
        seen = seq;
        const action = plan.plan(parsed.record as BinlogRecord, seq);
        if (action.kind !== 'upsert') {
          if (!(await settleAll())) return;
          await flushApplied(ctx);
          await applyOther(ctx, plan, action, seq);
          continue;
        }
        const outcome = prepareUpsert(ctx, pendingTables(ctx, action.tables, seq), seq);
        // Its failure is taken up when it is settled (or rolled back below); not an unhandled rejection.
        outcome.catch(() => undefined);
        queue.push({ seq, outcome });
        if (queue.length > PIPELINE_DEPTH && !(await settleOldest())) return;
      }
      // Nothing in flight, held, or the step has run long enough: the next step reads on from the progress.
      if (held || queue.length === 0 || ctx.clock.now() - started >= STEP_BUDGET_MS) break;
      let more: readonly TBinlog[] | 'none';
      try {
        more = await readBinlogs(ctx, plan, seen);
      } catch (error) {
        // Commit what is already prepared before the error is handled (it may end the step's job).
        if (!(await settleAll())) return;
        throw error;
      }
      if (more === 'none') {
        // Nothing newer yet: commit the oldest, then look again.
        if (!(await settleOldest())) return;
        binlogs = [];
      } else binlogs = more;
    }
    await settleAll();
  } finally {
    for (const { outcome } of queue.splice(0)) {
      const prepared = await outcome.catch(() => undefined);
      if (prepared?.kind === 'prepared')
        await abandon(ctx, prepared.txnId, 'replay stopped before its commit');
    }
    // Nothing stays unrecorded between steps: a pause or stop waits for the step, then finds it written.
    await flushApplied(ctx);
  }
}

/** Everything but UPSERT: DDL by SQL, bookkeeping, or an escalation. */
async function applyOther(
  ctx: JobContext,
  plan: ReplayPlan,
  action: Exclude<BinlogAction, { kind: 'upsert' }>,
  seq: bigint,
): Promise<void> {
  const p = ctx.progress;
  p.commitSeq = seq.toString();
  const escalation = ['partial_sync', 'full_sync', 'fail', 'repoint'].includes(action.kind);
  if (escalation) ctx.observe?.binlogApplied(action.kind);
  switch (action.kind) {
    case 'sql':
      forgetIngestMeta(ctx);
      if (!(await runStatements(ctx, action, seq))) break;
      if (action.tableChange) plan.track?.(action.tableChange);
      ctx.observe?.ddlApplied(seq, action.statements);
      break;
    case 'shadow_indexes': {
      forgetIngestMeta(ctx);
      const shadows = tableOf(p, action.tableId).shadowIndexes;
      for (const [shadow, origin] of action.add) shadows[shadow.toString()] = origin.toString();
      for (const shadow of action.remove) delete shadows[shadow.toString()];
      break;
    }
    case 'track':
      forgetIngestMeta(ctx);
      plan.track?.(action.change);
      break;
    case 'ignore':
      break;
    case 'partial_sync':
      throw needsPartialSync(`seq ${seq}: ${action.reason}`, undefined, {
        ...(action.partitions ? { partitions: action.partitions } : {}),
        ...(action.tableId !== undefined ? { tableId: action.tableId, tableName: action.tableName } : {}),
      });
    case 'full_sync':
      throw needsFullSync(`seq ${seq}: ${action.reason}`);
    case 'repoint':
      throw needsFullSync(`seq ${seq}: ${action.reason}`, undefined, { tableId: action.srcTableId });
    case 'fail':
      throw fatal(`seq ${seq}: ${action.reason}`);
  }
  markReplayedTo(ctx.progress, seq);
  await ctx.persist();
  if (!escalation) ctx.observe?.binlogApplied(action.kind);
}

/** Runs a DDL action's statements; false when the binlog is skipped (its object is not for the target). */
async function runStatements(
  ctx: JobContext,
  action: Extract<BinlogAction, { kind: 'sql' }>,
  seq: bigint,
): Promise<boolean> {
  for (const statement of action.statements) {
    try {
      await failpoint('before_ddl');
      await ctx.dest.sql.execute(statement);
      await failpoint('after_ddl');
    } catch (error) {
      const message = (error as Error).message;
      if (action.alreadyApplied?.test(message)) {
        ctx.log('info', `seq ${seq}: already applied on the target (${message})`);
        continue;
      }
      if (action.skipOn?.test(message)) {
        ctx.log('warn', `seq ${seq}: skipped, the target cannot hold it (${message})`);
        ctx.observe?.binlogSkipped(seq, `the target cannot hold it (${message})`);
        return false;
      }
      if (action.partialOn?.test(message) && action.tableChange?.kind === 'created') {
        throw needsPartialSync(`seq ${seq}: CREATE cannot be replayed as SQL (${message})`, error, {
          tableId: action.tableChange.srcTableId,
          tableName: action.tableChange.name,
        });
      }
      throw retryable(`DDL replay of seq ${seq} failed: ${message} [${statement}]`, error);
    }
  }
  return true;
}

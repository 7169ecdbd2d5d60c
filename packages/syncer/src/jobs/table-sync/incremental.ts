// Incremental replay of a table job: read the table's binlog stream from the last applied commit seq and
// apply each record in commit-seq order — data by target transactions (upsert-apply.ts), DDL by SQL.
// Consecutive UPSERTs are pipelined: the next one's beginTxn + ingest run while the previous one commits,
// and commits still happen strictly in commit-seq order.
import { type BinlogRecord, parseBinlog, StatusCode, type TBinlog } from '@doris-ccr/protocol';
import { failpoint } from '../failpoints.js';
import { fatal, needsFullSync, needsPartialSync, retryable } from '../job-errors.js';
import type { StepResult } from '../job-runner.js';
import type { BinlogAction } from './binlog-action.js';
import { planTableBinlog } from './binlog-plan.js';
import { forgetIngestMeta } from './ingest-meta.js';
import { cred, type TableJobContext } from './table-job-context.js';
import {
  abandon,
  commitUpsert,
  type PreparedUpsert,
  type PrepareOutcome,
  prepareUpsert,
  recoverLabel,
  recoverTxn,
  skipUpsert,
} from './upsert-apply.js';

/** Reads the next binlogs after the last applied seq and applies them; 'idle' when there is nothing new. */
export async function replayStep(ctx: TableJobContext): Promise<StepResult> {
  const p = ctx.progress;
  if (p.txn) {
    await recoverTxn(ctx);
    return 'progressed';
  }
  const result = await ctx.src.fe.getBinlog({
    ...cred(ctx.src),
    db: ctx.names.srcDb,
    table: ctx.names.srcTable,
    table_id: ctx.names.srcTableId,
    prev_commit_seq: BigInt(p.prevCommitSeq),
    num_acquired: 64n,
  });
  const code = result.status?.status_code;
  if (code === StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ) return 'idle';
  if (code === StatusCode.BINLOG_TOO_OLD_COMMIT_SEQ) {
    throw needsFullSync(`binlog after commit seq ${p.prevCommitSeq} was garbage-collected on the source`);
  }
  if (
    code === StatusCode.BINLOG_NOT_FOUND_TABLE ||
    (code === StatusCode.ANALYSIS_ERROR &&
      /not found|not exist/i.test(result.status?.error_msgs?.join(' ') ?? ''))
  ) {
    throw fatal(
      `source table ${ctx.names.srcDb}.${ctx.names.srcTable} (id ${ctx.names.srcTableId}) is gone: ${result.status?.error_msgs?.join('; ')}`,
    );
  }
  if (code !== StatusCode.OK)
    throw retryable(`getBinlog failed: ${result.status?.error_msgs?.join('; ') ?? code}`);
  const binlogs = result.binlogs ?? [];
  if (binlogs.length === 0) throw retryable('getBinlog answered OK without binlogs');
  await applyBatch(ctx, binlogs);
  return 'progressed';
}

/**
 * Applies a batch in order. `pending` is an UPSERT prepared but not committed yet; it is committed before
 * anything else touches the target, and rolled back if the batch stops early.
 */
async function applyBatch(ctx: TableJobContext, binlogs: readonly TBinlog[]): Promise<void> {
  let pending: PreparedUpsert | undefined;
  const flush = async () => {
    const prepared = pending;
    pending = undefined;
    if (prepared) await commitUpsert(ctx, prepared);
  };
  try {
    for (const binlog of binlogs) {
      const parsed = parseBinlog(binlog);
      const seq = parsed.commitSeq;
      if (seq <= BigInt(ctx.progress.prevCommitSeq) || (pending && seq <= pending.seq)) continue;
      const action = planTableBinlog(parsed.record as BinlogRecord, ctx.names);
      if (action.kind !== 'upsert') {
        await flush();
        await applyOther(ctx, action, seq);
        continue;
      }
      // Prepare this UPSERT while the previous one commits.
      const [committed, prepared] = await Promise.allSettled([
        flush(),
        prepareUpsert(ctx, action.record, seq),
      ]);
      if (committed.status === 'rejected') {
        if (prepared.status === 'fulfilled' && prepared.value.kind === 'prepared')
          await abandon(ctx, prepared.value.txnId, committed.reason);
        throw committed.reason;
      }
      if (prepared.status === 'rejected') throw prepared.reason;
      const outcome: PrepareOutcome = prepared.value;
      if (outcome.kind === 'prepared') pending = outcome;
      else if (outcome.kind === 'nothing') await skipUpsert(ctx, seq);
      else {
        // A transaction of ours from before a restart holds the label: settle it, then read again
        // (the binlog is replayed if that transaction had not committed).
        await recoverLabel(ctx, outcome);
        return;
      }
    }
    await flush();
  } finally {
    if (pending) await abandon(ctx, pending.txnId, 'replay stopped before its commit');
  }
}

/** Everything but UPSERT: DDL by SQL, bookkeeping, or an escalation. */
async function applyOther(
  ctx: TableJobContext,
  action: Exclude<BinlogAction, { kind: 'upsert' }>,
  seq: bigint,
): Promise<void> {
  const p = ctx.progress;
  p.commitSeq = seq.toString();
  if (action.kind === 'partial_sync' || action.kind === 'full_sync' || action.kind === 'fail')
    ctx.observe?.binlogApplied(action.kind);
  switch (action.kind) {
    case 'sql':
      forgetIngestMeta(ctx);
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
          throw retryable(`DDL replay of seq ${seq} failed: ${message} [${statement}]`, error);
        }
      }
      break;
    case 'shadow_indexes':
      forgetIngestMeta(ctx);
      for (const [shadow, origin] of action.add) p.shadowIndexes[shadow.toString()] = origin.toString();
      for (const shadow of action.remove) delete p.shadowIndexes[shadow.toString()];
      break;
    case 'ignore':
      break;
    case 'partial_sync':
      throw needsPartialSync(
        `seq ${seq}: ${action.reason}`,
        undefined,
        action.partitions ? { partitions: action.partitions } : undefined,
      );
    case 'full_sync':
      throw needsFullSync(`seq ${seq}: ${action.reason}`);
    case 'fail':
      throw fatal(`seq ${seq}: ${action.reason}`);
  }
  p.prevCommitSeq = seq.toString();
  await ctx.persist();
  ctx.observe?.binlogApplied(action.kind);
}

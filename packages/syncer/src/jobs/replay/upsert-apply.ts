// Applying UPSERT binlogs: a target transaction per source commit, whose BEs pull the source rowsets
// (ingest_binlog), committed in commit-seq order. Split in two halves so the replay loop can pipeline them:
// `prepareUpsert` (beginTxn + ingest) of the next binlog runs while `commitUpsert` (commitTxn) of the
// previous one is in flight. The label is a function of (job, commit seq): after a crash at any point the
// target is asked what became of the transaction, so a binlog is never applied twice nor skipped.
import { StatusCode, type TTabletCommitInfo } from '@doris-ccr/protocol';
import { quoteIdent as q } from '../../clients/sql-quote.js';
import { failpoint } from '../failpoints.js';
import { cred, type JobContext } from '../job-context.js';
import { retryable } from '../job-errors.js';
import { moveStep } from '../job-state.js';
import { txnLabel } from '../labels.js';
import { markReplayedTo } from '../progress.js';
import type { UpsertTableRecord } from './binlog-action.js';
import { forgetIngestMeta } from './ingest-meta.js';
import { planTasks, type UpsertPlan } from './upsert-targets.js';

type TableRecord = UpsertTableRecord;

/** A transaction begun and ingested, waiting for its turn to commit. */
export interface PreparedUpsert {
  readonly kind: 'prepared';
  readonly seq: bigint;
  readonly label: string;
  readonly txnId: bigint;
  readonly infos: TTabletCommitInfo[];
  readonly started: number;
}

export type PrepareOutcome =
  | PreparedUpsert
  /** Nothing of the followed table to apply (other tables, or versions a partial sync restored). */
  | { readonly kind: 'nothing'; readonly seq: bigint }
  /** The label exists on the target: a transaction from before a restart; recover it in order. */
  | { readonly kind: 'label_exists'; readonly seq: bigint; readonly label: string; readonly txnId: bigint };

/** beginTxn (with every target table) + ingest of every target tablet; rolled back if ingest fails. */
export async function prepareUpsert(
  ctx: JobContext,
  tables: ReadonlyMap<bigint, TableRecord>,
  seq: bigint,
): Promise<PrepareOutcome> {
  if (tables.size === 0) return { kind: 'nothing', seq };
  const plan = await planTasks(ctx, tables);
  if (plan.tasks.length === 0) {
    // Every partition it loaded has been dropped on the source since: nothing of it is left to copy.
    ctx.log('info', `seq ${seq}: the load's partitions no longer exist on the source; skipped`);
    return { kind: 'nothing', seq };
  }
  const label = txnLabel(ctx.jobName, seq);
  const begin = await ctx.dest.fe.beginTxn({
    ...cred(ctx.dest),
    db: ctx.destDb,
    table_ids: plan.destTableIds,
    label,
    timeout: 3600n,
  });
  if (begin.status?.status_code === StatusCode.LABEL_ALREADY_EXISTS) {
    return { kind: 'label_exists', seq, label, txnId: begin.txn_id ?? -1n };
  }
  if (begin.status?.status_code !== StatusCode.OK) {
    forgetIngestMeta(ctx);
    throw retryable(`beginTxn for seq ${seq} failed: ${begin.status?.error_msgs?.join('; ')}`);
  }
  const txnId = begin.txn_id!;
  const started = performance.now();
  // No checkpoint here: a crash from now until the commit checkpoint leaves a transaction the restarted
  // syncer finds by its label and rolls back before replaying this binlog.
  await failpoint('after_begin_txn');
  try {
    await failpoint('before_ingest');
    const infos = await ingestAll(ctx, plan, txnId);
    await failpoint('after_ingest');
    return { kind: 'prepared', seq, label, txnId, infos, started };
  } catch (error) {
    await abandon(ctx, txnId, error);
    throw error;
  }
}

/** Rolls back a prepared transaction that will not be committed (an earlier one failed, or the job stops). */
export async function abandon(ctx: JobContext, txnId: bigint, cause: unknown): Promise<void> {
  // The layout may be what failed (a tablet moved, a backend left): fetch it again next time.
  forgetIngestMeta(ctx);
  await rollbackTxn(ctx, txnId, cause instanceof Error ? cause.message : String(cause));
}

/** Checkpoints, commits and records a prepared transaction; rolls it back if the commit fails. */
export async function commitUpsert(ctx: JobContext, prepared: PreparedUpsert): Promise<void> {
  const p = ctx.progress;
  const { seq, label, txnId, infos } = prepared;
  p.commitSeq = seq.toString();
  p.txn = {
    label,
    txnId: txnId.toString(),
    commitSeq: seq.toString(),
    commitInfos: infos.map((i) => `${i.tabletId}:${i.backendId}`),
  };
  moveStep(p, 'commit_txn');
  // Not persisted: the label already identifies this transaction. A crash from here on leaves the
  // progress at the previous binlog; the restarted syncer replays this one, meets its label, and asks
  // the target whether it committed. That saves a synchronous metadata write per transaction.
  try {
    await failpoint('before_commit_txn');
    await commit(ctx, txnId, infos);
    await failpoint('after_commit_txn');
  } catch (error) {
    await abandon(ctx, txnId, error);
    resetToApplied(ctx);
    await ctx.persist();
    throw error;
  }
  markApplied(ctx, seq);
  await checkpointApplied(ctx);
  ctx.observe?.upsertApplied((performance.now() - prepared.started) / 1000, infos.length);
  ctx.observe?.binlogApplied('upsert');
}

/** Records a binlog with nothing to apply as done. */
export async function skipUpsert(ctx: JobContext, seq: bigint): Promise<void> {
  markApplied(ctx, seq);
  await checkpointApplied(ctx);
  ctx.observe?.binlogApplied('upsert');
}

/**
 * Progress writes after applied UPSERTs are grouped: at most one per CHECKPOINT_MS, and the rest when the
 * batch ends (flushApplied). Under load each metadata write waits for an fsync that competes with the
 * clusters' own, and blocks the syncer meanwhile; one per transaction cost about 1 ms each at 200 txn/s.
 * Nothing is lost by waiting: a transaction committed but not yet recorded is recognised by its label
 * when a restarted syncer replays its binlog.
 */
export const CHECKPOINT_MS = 100;

async function checkpointApplied(ctx: JobContext): Promise<void> {
  ctx.unrecorded = true;
  if (ctx.clock.now() - (ctx.recordedAt ?? 0) >= CHECKPOINT_MS) await flushApplied(ctx);
}

/** Writes the progress if applied UPSERTs are not recorded yet. */
export async function flushApplied(ctx: JobContext): Promise<void> {
  if (!ctx.unrecorded) return;
  await ctx.persist();
  ctx.unrecorded = false;
  ctx.recordedAt = ctx.clock.now();
  await failpoint('after_upsert_persisted');
}

async function ingestAll(ctx: JobContext, plan: UpsertPlan, txnId: bigint): Promise<TTabletCommitInfo[]> {
  const { layout, tasks } = plan;
  for (const t of layout.tables.values()) t.fresh = false;
  const srcBackend = layout.srcBackends;
  const destBackend = layout.destBackends;
  const mapping = ctx.src.spec.host_mapping ?? {};
  return Promise.all(
    tasks.map(async (t) => {
      const from = srcBackend.get(t.sourceBackendId);
      const to = destBackend.get(t.targetBackendId);
      if (!from || !to)
        throw retryable(`backend ${from ? t.targetBackendId : t.sourceBackendId} is not known`);
      const result = await ctx.dest.ingest(to, {
        txn_id: txnId,
        remote_tablet_id: t.sourceTabletId,
        binlog_version: t.version,
        remote_host: mapping[from.host] ?? from.host,
        remote_port: String(from.http_port),
        partition_id: t.targetPartitionId,
        local_tablet_id: t.targetTabletId,
        load_id: { hi: -1n, lo: -1n },
      });
      if (result.status?.status_code !== StatusCode.OK) {
        throw retryable(
          `ingest_binlog of tablet ${t.targetTabletId} failed: ${result.status?.error_msgs?.join('; ')}`,
        );
      }
      return { tabletId: t.targetTabletId, backendId: t.targetBackendId };
    }),
  );
}

async function commit(ctx: JobContext, txnId: bigint, infos: TTabletCommitInfo[]): Promise<void> {
  const result = await ctx.dest.fe.commitTxn({
    ...cred(ctx.dest),
    db: ctx.destDb,
    txn_id: txnId,
    commit_infos: infos,
    thrift_rpc_timeout_ms: 10_000n,
  });
  const code = result.status?.status_code;
  if (code === StatusCode.OK) return;
  if (code === StatusCode.PUBLISH_TIMEOUT) {
    // Committed; visibility follows. Bounded wait (the Go syncer waits forever).
    for (let i = 0; i < 60; i++) {
      if ((await txnState(ctx, { id: txnId })) === 'VISIBLE') return;
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw retryable(`transaction ${txnId} committed but not visible after 60 s`);
  }
  throw retryable(`commitTxn ${txnId} failed: ${result.status?.error_msgs?.join('; ')}`);
}

async function rollbackTxn(ctx: JobContext, txnId: bigint, reason: string): Promise<void> {
  try {
    const result = await ctx.dest.fe.rollbackTxn({
      ...cred(ctx.dest),
      db: ctx.destDb,
      txn_id: txnId,
      reason: reason.slice(0, 200),
    });
    const message = result.status?.error_msgs?.join('; ') ?? '';
    if (result.status?.status_code !== StatusCode.OK && !/not found|already aborted/i.test(message)) {
      ctx.log('warn', `rollback of txn ${txnId} failed: ${message}`);
    }
  } catch (error) {
    ctx.log('warn', `rollback of txn ${txnId} failed: ${(error as Error).message}`);
  }
}

function resetToApplied(ctx: JobContext): void {
  delete ctx.progress.txn;
  ctx.progress.commitSeq = ctx.progress.prevCommitSeq;
  toIdle(ctx);
}

function markApplied(ctx: JobContext, seq: bigint): void {
  delete ctx.progress.txn;
  toIdle(ctx);
  markReplayedTo(ctx.progress, seq);
}

function toIdle(ctx: JobContext): void {
  if (ctx.progress.position.step !== 'idle') moveStep(ctx.progress, 'idle');
}

async function txnState(
  ctx: JobContext,
  by: { id: bigint } | { label: string },
): Promise<string | undefined> {
  const where = 'id' in by ? `id = ${by.id}` : `label = '${by.label.replace(/'/g, "\\'")}'`;
  try {
    const rows = await ctx.dest.sql.query<{ TransactionStatus: string }>(
      `SHOW TRANSACTION FROM ${q(ctx.destDb)} WHERE ${where}`,
    );
    return rows[0]?.TransactionStatus;
  } catch (error) {
    if (/does not exist|not found/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

/**
 * After a restart (or a reused label): finishes what the recorded transaction left, by asking the target.
 * Committed → the binlog counts as applied; still open → rolled back, and the binlog is replayed.
 */
export async function recoverTxn(ctx: JobContext): Promise<void> {
  const txn = ctx.progress.txn!;
  const state = await txnState(ctx, { label: txn.label });
  const seq = BigInt(txn.commitSeq);
  if (state === 'VISIBLE' || state === 'COMMITTED') {
    ctx.log('info', `seq ${seq}: transaction ${txn.label} already committed on the target`);
    markApplied(ctx, seq);
  } else {
    if (state === 'PREPARE' || state === 'PRECOMMITTED') {
      // beginTxn does not always say which transaction holds the label; SHOW TRANSACTION does.
      const open = BigInt(txn.txnId) > 0n ? BigInt(txn.txnId) : await txnIdByLabel(ctx, txn.label);
      if (open !== undefined && open > 0n)
        await rollbackTxn(ctx, open, 'syncer restarted; replaying the binlog');
    }
    resetToApplied(ctx);
  }
  await ctx.persist();
}

/** Puts a transaction whose label already exists through recovery. */
export async function recoverLabel(
  ctx: JobContext,
  outcome: { seq: bigint; label: string; txnId: bigint },
): Promise<void> {
  ctx.progress.txn = {
    label: outcome.label,
    txnId: outcome.txnId.toString(),
    commitSeq: outcome.seq.toString(),
    commitInfos: [],
  };
  moveStep(ctx.progress, 'commit_txn');
  await ctx.persist();
  await recoverTxn(ctx);
}

async function txnIdByLabel(ctx: JobContext, label: string): Promise<bigint | undefined> {
  const rows = await ctx.dest.sql.query<{ TransactionId: string }>(
    `SHOW TRANSACTION FROM ${q(ctx.destDb)} WHERE label = '${label.replace(/'/g, "\\'")}'`,
  );
  return rows[0]?.TransactionId === undefined ? undefined : BigInt(rows[0].TransactionId);
}

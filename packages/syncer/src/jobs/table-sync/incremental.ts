// Incremental replay of a table job: read the table's binlog stream from the last applied commit seq and
// apply each record — data by a target transaction whose BEs pull the source rowsets, DDL by SQL — in
// commit-seq order. The transaction label is a function of (job, commit seq), so a restart asks the target
// what became of it and neither applies a binlog twice nor skips one.
import {
  type BinlogRecord,
  parseBinlog,
  StatusCode,
  type TBackend,
  type TBinlog,
  type TTabletCommitInfo,
  type UpsertRecord,
} from '@doris-ccr/protocol';
import { failpoint } from '../failpoints.js';
import { fatal, needsFullSync, needsPartialSync, retryable } from '../job-errors.js';
import type { StepResult } from '../job-runner.js';
import { txnLabel } from '../labels.js';
import { planTableBinlog, q } from './binlog-plan.js';
import { cred, type TableJobContext } from './table-job-context.js';
import { type IngestTask, planIngest } from './upsert-plan.js';

/** Reads the next binlogs after the last applied seq and applies them; 'idle' when there is nothing new. */
export async function replayStep(ctx: TableJobContext): Promise<StepResult> {
  const p = ctx.progress;
  if (p.txn) return recoverTxn(ctx);
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
  for (const binlog of binlogs) {
    await applyBinlog(ctx, binlog);
    // A binlog that was not applied (its transaction had to be undone after a restart) is read again
    // next time; going on with the batch would skip it.
    if (binlog.commit_seq !== undefined && BigInt(p.prevCommitSeq) < binlog.commit_seq) break;
  }
  return 'progressed';
}

async function applyBinlog(ctx: TableJobContext, binlog: TBinlog): Promise<void> {
  const p = ctx.progress;
  const parsed = parseBinlog(binlog);
  const seq = parsed.commitSeq;
  if (seq <= BigInt(p.prevCommitSeq)) return;
  p.commitSeq = seq.toString();
  const action = planTableBinlog(parsed.record as BinlogRecord, ctx.names);
  switch (action.kind) {
    case 'upsert':
      await applyUpsert(ctx, action.record, seq);
      return;
    case 'sql':
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
      for (const [shadow, origin] of action.add) p.shadowIndexes[shadow.toString()] = origin.toString();
      for (const shadow of action.remove) delete p.shadowIndexes[shadow.toString()];
      break;
    case 'ignore':
      break;
    case 'partial_sync':
      throw needsPartialSync(`seq ${seq}: ${action.reason}`);
    case 'full_sync':
      throw needsFullSync(`seq ${seq}: ${action.reason}`);
    case 'fail':
      throw fatal(`seq ${seq}: ${action.reason}`);
  }
  p.prevCommitSeq = seq.toString();
  await ctx.persist();
}

async function targetTableId(ctx: TableJobContext): Promise<bigint> {
  const id = ctx.progress.tableMapping[ctx.names.srcTableId.toString()];
  if (!id) throw needsFullSync('no target table id recorded');
  return BigInt(id);
}

async function applyUpsert(ctx: TableJobContext, record: UpsertRecord, seq: bigint): Promise<void> {
  const p = ctx.progress;
  const tableRecord = record.tableRecords.get(ctx.names.srcTableId);
  if (!tableRecord) {
    p.prevCommitSeq = seq.toString();
    await ctx.persist();
    return;
  }
  const destTableId = await targetTableId(ctx);
  const plan = await planUpsert(ctx, tableRecord);
  if (plan.tasks.length === 0) {
    // Every partition it loaded has been dropped on the source since: nothing of it is left to copy.
    ctx.log('info', `seq ${seq}: the load's partitions no longer exist on the source; skipped`);
    p.prevCommitSeq = seq.toString();
    p.commitSeq = seq.toString();
    await ctx.persist();
    return;
  }
  const label = txnLabel(ctx.jobName, seq);
  const begin = await ctx.dest.fe.beginTxn({
    ...cred(ctx.dest),
    db: ctx.names.destDb,
    table_ids: [destTableId],
    label,
    timeout: 3600n,
  });
  if (begin.status?.status_code === StatusCode.LABEL_ALREADY_EXISTS) {
    // Applied before a crash, or a transaction of ours still open: let recovery decide from its state.
    p.txn = { label, txnId: String(begin.txn_id ?? -1n), commitSeq: seq.toString(), commitInfos: [] };
    p.position = { phase: 'incremental', step: 'begin_txn' };
    await ctx.persist();
    await recoverTxn(ctx);
    return;
  }
  if (begin.status?.status_code !== StatusCode.OK) {
    throw retryable(`beginTxn for seq ${seq} failed: ${begin.status?.error_msgs?.join('; ')}`);
  }
  const txnId = begin.txn_id!;
  await failpoint('after_begin_txn');
  p.txn = { label, txnId: txnId.toString(), commitSeq: seq.toString(), commitInfos: [] };
  p.position = { phase: 'incremental', step: 'ingest' };
  await ctx.persist();
  try {
    await failpoint('before_ingest');
    const infos = await ingestAll(ctx, plan, txnId);
    await failpoint('after_ingest');
    p.txn = { ...p.txn, commitInfos: infos.map((i) => `${i.tabletId}:${i.backendId}`) };
    p.position = { phase: 'incremental', step: 'commit_txn' };
    await ctx.persist();
    await failpoint('before_commit_txn');
    await commit(ctx, txnId, infos);
    await failpoint('after_commit_txn');
  } catch (error) {
    await rollback(ctx, txnId, (error as Error).message);
    throw error;
  }
  finishTxn(ctx, seq);
  await ctx.persist();
  await failpoint('after_upsert_persisted');
}

interface UpsertPlan {
  readonly tasks: IngestTask[];
  readonly srcBackend: ReadonlyMap<bigint, TBackend>;
  readonly destBackend: ReadonlyMap<bigint, TBackend>;
}

/** Pairs source and target tablets of one load from fresh metadata of both tables. */
async function planUpsert(
  ctx: TableJobContext,
  tableRecord: UpsertRecord['tableRecords'] extends ReadonlyMap<bigint, infer T> ? T : never,
): Promise<UpsertPlan> {
  const [srcMeta, destMeta, srcBes, destBes] = await Promise.all([
    ctx.src.fe.getMeta({ ...cred(ctx.src), db: { id: ctx.srcDbId, tables: [{ id: ctx.names.srcTableId }] } }),
    ctx.dest.fe.getMeta({
      ...cred(ctx.dest),
      db: { name: ctx.names.destDb, tables: [{ id: await targetTableId(ctx) }] },
    }),
    ctx.src.fe.getBackendMeta({ ...cred(ctx.src) }),
    ctx.dest.fe.getBackendMeta({ ...cred(ctx.dest) }),
  ]);
  const source = srcMeta.db_meta?.tables?.[0];
  const target = destMeta.db_meta?.tables?.[0];
  if (!source) throw retryable(`source table ${ctx.names.srcTableId} not in getMeta (dropped?)`);
  if (!target) throw needsFullSync(`target table ${ctx.names.destDb}.${ctx.names.destTable} is gone`);
  return {
    tasks: planIngest(tableRecord, source, target, new Set(Object.keys(ctx.progress.shadowIndexes))),
    srcBackend: new Map((srcBes.backends ?? []).map((b) => [b.id!, b])),
    destBackend: new Map((destBes.backends ?? []).map((b) => [b.id!, b])),
  };
}

async function ingestAll(
  ctx: TableJobContext,
  plan: UpsertPlan,
  txnId: bigint,
): Promise<TTabletCommitInfo[]> {
  const mapping = ctx.src.spec.host_mapping ?? {};
  return Promise.all(
    plan.tasks.map(async (t) => {
      const from = plan.srcBackend.get(t.sourceBackendId);
      const to = plan.destBackend.get(t.targetBackendId);
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

async function commit(ctx: TableJobContext, txnId: bigint, infos: TTabletCommitInfo[]): Promise<void> {
  const result = await ctx.dest.fe.commitTxn({
    ...cred(ctx.dest),
    db: ctx.names.destDb,
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

async function rollback(ctx: TableJobContext, txnId: bigint, reason: string): Promise<void> {
  try {
    const result = await ctx.dest.fe.rollbackTxn({
      ...cred(ctx.dest),
      db: ctx.names.destDb,
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
  delete ctx.progress.txn;
  ctx.progress.commitSeq = ctx.progress.prevCommitSeq;
  ctx.progress.position = { phase: 'incremental', step: 'idle' };
  await ctx.persist();
}

function finishTxn(ctx: TableJobContext, seq: bigint): void {
  delete ctx.progress.txn;
  ctx.progress.prevCommitSeq = seq.toString();
  ctx.progress.commitSeq = seq.toString();
  ctx.progress.position = { phase: 'incremental', step: 'idle' };
}

async function txnState(
  ctx: TableJobContext,
  by: { id: bigint } | { label: string },
): Promise<string | undefined> {
  const where = 'id' in by ? `id = ${by.id}` : `label = '${by.label.replace(/'/g, "\\'")}'`;
  try {
    const rows = await ctx.dest.sql.query<{ TransactionStatus: string }>(
      `SHOW TRANSACTION FROM ${q(ctx.names.destDb)} WHERE ${where}`,
    );
    return rows[0]?.TransactionStatus;
  } catch (error) {
    if (/does not exist|not found/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** After a restart (or a reused label): finish what the recorded transaction left, by asking the target. */
async function recoverTxn(ctx: TableJobContext): Promise<StepResult> {
  const txn = ctx.progress.txn!;
  const state = await txnState(ctx, { label: txn.label });
  const seq = BigInt(txn.commitSeq);
  if (state === 'VISIBLE' || state === 'COMMITTED') {
    ctx.log('info', `seq ${seq}: transaction ${txn.label} already committed on the target`);
    finishTxn(ctx, seq);
  } else {
    if (state === 'PREPARE' || state === 'PRECOMMITTED') {
      const open = BigInt(txn.txnId);
      if (open > 0n) await rollback(ctx, open, 'syncer restarted; replaying the binlog');
    }
    delete ctx.progress.txn;
    ctx.progress.commitSeq = ctx.progress.prevCommitSeq;
    ctx.progress.position = { phase: 'incremental', step: 'idle' };
  }
  await ctx.persist();
  return 'progressed';
}

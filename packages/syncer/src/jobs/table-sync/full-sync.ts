// Full (and partial) sync of a table job: BACKUP on the source → getSnapshot → restoreSnapshot on the
// target with is_being_synced → wait → record the target table id and resume replay at the table's
// snapshot commit seq. Each step persists what a restart needs; a restart finds its own backup and
// restore again by their deterministic names instead of starting new ones.
import { gunzipSync } from 'node:zlib';
import { SnapshotType, StatusCode } from '@doris-ccr/protocol';
import { failpoint } from '../failpoints.js';
import { fatal, needsFullSync, needsPartialSync, retryable, type SyncScope } from '../job-errors.js';
import type { StepResult } from '../job-runner.js';
import { restoreLabel, snapshotName, snapshotPrefix } from '../labels.js';
import { startSync } from '../progress.js';
import { q } from './binlog-plan.js';
import { readSnapshotInfo, sourceExtraInfo, withExtraInfo } from './snapshot-info.js';
import { cred, type TableJobContext } from './table-job-context.js';

type Row = Record<string, unknown>;

/** Doris's answer when another backup or restore holds the database. */
export const SLOT_BUSY = /one backup or restore job of a database at same time/i;

function syncKind(ctx: TableJobContext): 'full' | 'partial' {
  return ctx.progress.position.phase === 'partial_sync' ? 'partial' : 'full';
}

/** Partitions of a partition-scoped partial sync; undefined when the whole table is copied. */
function scopedPartitions(ctx: TableJobContext): readonly string[] | undefined {
  return syncKind(ctx) === 'partial' ? ctx.progress.partialPartitions : undefined;
}

/**
 * A whole-table partial sync restores into a new table under this name and swaps it in at the end
 * (REPLACE WITH TABLE), so readers of the target never see it missing or half restored, whatever its
 * schema became on the source. Derived from the sync id, so a restart finds the same table.
 */
export function partialAlias(ctx: TableJobContext): string | undefined {
  if (syncKind(ctx) !== 'partial' || ctx.progress.partialPartitions) return undefined;
  return `__ccr_${ctx.names.destTable}_${ctx.progress.syncId}`;
}

function move(
  ctx: TableJobContext,
  step:
    | 'wait_backup'
    | 'get_snapshot'
    | 'restore_snapshot'
    | 'wait_restore'
    | 'persist_restore'
    | 'begin_snapshot',
) {
  ctx.progress.position = { phase: ctx.progress.position.phase, step };
}

async function showBackup(ctx: TableJobContext, where: string): Promise<Row[]> {
  return ctx.src.sql.query(`SHOW BACKUP FROM ${q(ctx.names.srcDb)} WHERE ${where}`);
}

/**
 * A full sync through a snapshot shared with the other table jobs of the database pair: wait for its
 * outcome, then record the restore as this job's own, or go on alone when it could not serve this table.
 */
export async function joinSharedSync(ctx: TableJobContext): Promise<StepResult> {
  const ticket = ctx.sharedSync!.take();
  switch (ticket.kind) {
    case 'queued':
    case 'running':
      return 'idle'; // woken when the outcome is there
    case 'alone':
      ctx.log('info', `full sync on its own: ${ticket.reason}`);
      ctx.syncAlone = true;
      return 'progressed';
    case 'restored':
      ctx.progress.snapshot = ticket.snapshot;
      ctx.progress.restoreLabel = ticket.restoreLabel;
      ctx.progress.commitSeq = ticket.commitSeq.toString();
      move(ctx, 'persist_restore');
      // Recorded by the next step in one write; a crash before it only means joining a new shared sync.
      return persistRestore(ctx);
    default: {
      const unknown: never = ticket;
      throw new Error(`unexpected shared sync ticket ${JSON.stringify(unknown)}`);
    }
  }
}

export async function beginSnapshot(ctx: TableJobContext): Promise<StepResult> {
  const kind = syncKind(ctx);
  const prefix = snapshotPrefix(ctx.jobName, ctx.progress.syncId, kind);
  // A restart may find the backup it already issued: reuse it rather than taking a second one.
  const existing = (await showBackup(ctx, `SnapshotName LIKE "${prefix}%"`)).filter(
    (r) => r.State !== 'CANCELLED',
  );
  let name = existing.length > 0 ? String(existing[existing.length - 1]!.SnapshotName) : undefined;
  if (!name) {
    name = snapshotName(ctx.jobName, ctx.progress.syncId, kind, Math.floor(ctx.clock.now() / 1000));
    const partitions = scopedPartitions(ctx);
    const scope = partitions ? ` PARTITION (${partitions.map(q).join(', ')})` : '';
    try {
      await ctx.src.sql.execute(
        `BACKUP SNAPSHOT ${q(ctx.names.srcDb)}.${q(name)} TO \`__keep_on_local__\` ON (${q(ctx.names.srcTable)}${scope}) PROPERTIES ("type" = "full")`,
      );
    } catch (error) {
      const message = (error as Error).message;
      if (SLOT_BUSY.test(message)) {
        // Doris runs one backup or restore per database at a time (other jobs of the database, or an
        // operator's). Waiting for the slot is not a failure: poll again instead of backing off.
        ctx.log('info', `waiting for the database's backup slot: ${message}`);
        return 'waiting';
      }
      if (/Unknown table/.test(message))
        throw fatal(`source table ${ctx.names.srcDb}.${ctx.names.srcTable} does not exist any more`, error);
      if (partitions && /Unknown partition/i.test(message)) {
        // A partition was dropped or renamed since: copy the whole table instead.
        throw needsPartialSync(
          `partial backup of partitions ${partitions.join(', ')} failed: ${message}`,
          error,
        );
      }
      throw retryable(`BACKUP failed: ${message}`, error);
    }
  }
  await failpoint('after_backup');
  ctx.progress.snapshot = name;
  move(ctx, 'wait_backup');
  await ctx.persist();
  return 'progressed';
}

export async function waitBackup(ctx: TableJobContext): Promise<StepResult> {
  const rows = await showBackup(ctx, `SnapshotName = "${ctx.progress.snapshot}"`);
  const state = rows[0]?.State;
  if (state === 'FINISHED') {
    move(ctx, 'get_snapshot');
    await ctx.persist();
    return 'progressed';
  }
  if (state === 'CANCELLED' || rows.length === 0) {
    ctx.log(
      'warn',
      `backup ${ctx.progress.snapshot} ${rows.length ? `cancelled: ${String(rows[0]!.Status)}` : 'not found'}; taking a new one`,
    );
    ctx.progress.syncId += 1;
    delete ctx.progress.snapshot;
    move(ctx, 'begin_snapshot');
    await ctx.persist();
    return 'progressed';
  }
  return 'waiting';
}

export async function getSnapshot(ctx: TableJobContext): Promise<StepResult> {
  const result = await ctx.src.fe.getSnapshot({
    ...cred(ctx.src),
    db: ctx.names.srcDb,
    table: ctx.names.srcTable,
    label_name: ctx.progress.snapshot!,
    snapshot_name: '',
    snapshot_type: SnapshotType.LOCAL,
    enable_compress: true,
  });
  const code = result.status?.status_code;
  if (code === StatusCode.SNAPSHOT_NOT_EXIST || code === StatusCode.SNAPSHOT_EXPIRED) {
    return newSnapshot(
      ctx,
      `snapshot ${ctx.progress.snapshot} is gone: ${result.status?.error_msgs?.join('; ')}`,
    );
  }
  if (code !== StatusCode.OK) throw retryable(`getSnapshot failed: ${result.status?.error_msgs?.join('; ')}`);
  const unzip = (b: Uint8Array | undefined) =>
    result.compressed && b ? gunzipSync(b) : Buffer.from(b ?? []);
  const jobInfo = unzip(result.job_info).toString('utf8');
  const info = readSnapshotInfo(jobInfo, { name: ctx.names.srcTable, id: ctx.names.srcTableId });
  const seq = info.commitSeq;
  if (seq === undefined) {
    // The backed-up table is not the one the job follows (re-created under the same name).
    throw needsFullSync(
      `snapshot ${ctx.progress.snapshot} does not contain source table id ${ctx.names.srcTableId}`,
    );
  }
  ctx.snapshot = { meta: unzip(result.meta), jobInfo, compressed: false, expiredAt: result.expiredAt ?? 0n };
  ctx.progress.commitSeq = seq.toString();
  if (scopedPartitions(ctx)) {
    ctx.progress.snapshotVersions = Object.fromEntries(
      [...info.partitionVersions].map(([id, v]) => [id, v.toString()]),
    );
  }
  move(ctx, 'restore_snapshot');
  await ctx.persist();
  return 'progressed';
}

function tableRefs(ctx: TableJobContext): Array<{ table: string; alias_name: string }> {
  const into = partialAlias(ctx) ?? ctx.names.destTable;
  return into === ctx.names.srcTable ? [] : [{ table: ctx.names.srcTable, alias_name: into }];
}

export async function restoreSnapshot(ctx: TableJobContext): Promise<StepResult> {
  if (!ctx.snapshot) {
    // After a restart the blobs are fetched again.
    move(ctx, 'get_snapshot');
    return 'progressed';
  }
  const prefix = ctx.progress.snapshot!;
  const existing = (
    await ctx.dest.sql.query(`SHOW RESTORE FROM ${q(ctx.names.destDb)} WHERE Label LIKE "${prefix}%"`)
  ).filter((r) => r.State !== 'CANCELLED');
  let label = existing.length ? String(existing[existing.length - 1]!.Label) : undefined;
  if (!label) {
    label = restoreLabel(prefix, Math.floor(ctx.clock.now() / 1000));
    const jobInfo = withExtraInfo(ctx.snapshot.jobInfo, await sourceExtraInfo(ctx.src));
    const result = await ctx.dest.fe.restoreSnapshot({
      ...cred(ctx.dest),
      db: ctx.names.destDb,
      table: ctx.names.destTable,
      label_name: label,
      repo_name: '__keep_on_local__',
      table_refs: tableRefs(ctx),
      properties: new Map([['reserve_replica', 'true']]),
      meta: ctx.snapshot.meta,
      job_info: Buffer.from(jobInfo, 'utf8'),
      clean_tables: false,
      clean_partitions: false,
      atomic_restore: ctx.progress.position.phase === 'full_sync',
    });
    const error = result.status?.error_msgs?.join('; ') ?? '';
    if (result.status?.status_code !== StatusCode.OK && SLOT_BUSY.test(error)) {
      ctx.log('info', `waiting for the target database's restore slot: ${error}`);
      return 'waiting';
    }
    if (result.status?.status_code !== StatusCode.OK) throw retryable(`restoreSnapshot failed: ${error}`);
  }
  await failpoint('after_restore_snapshot');
  ctx.progress.restoreLabel = label;
  move(ctx, 'wait_restore');
  await ctx.persist();
  return 'progressed';
}

export async function waitRestore(ctx: TableJobContext): Promise<StepResult> {
  const rows = await ctx.dest.sql.query(
    `SHOW RESTORE FROM ${q(ctx.names.destDb)} WHERE Label = "${ctx.progress.restoreLabel}"`,
  );
  const row = rows[0];
  if (row?.State === 'FINISHED') {
    move(ctx, 'persist_restore');
    await ctx.persist();
    return 'progressed';
  }
  if (row?.State === 'CANCELLED' || !row) {
    const status = String(row?.Status ?? 'restore job not found');
    if (/already exist but with different schema/.test(status) && scopedPartitions(ctx)) {
      // Restoring some partitions in place needs the same schema; copy the whole table instead.
      throw needsPartialSync(`restore of partitions into ${ctx.names.destTable} failed: ${status}`);
    }
    if (/already exist but with different schema/.test(status)) {
      // The target table is not the source's shape any more: replace it by the snapshot's.
      ctx.log('warn', `target table differs from the snapshot (${status}); dropping it and restoring again`);
      await ctx.dest.sql.execute(
        `DROP TABLE IF EXISTS ${q(ctx.names.destDb)}.${q(ctx.names.destTable)} FORCE`,
      );
      delete ctx.progress.restoreLabel;
      move(ctx, 'restore_snapshot');
      await ctx.persist();
      return 'progressed';
    }
    // Anything else (snapshot files released or expired on the source, a target BE gone): restoring the
    // same snapshot again would fail the same way, so take a new one.
    return newSnapshot(ctx, `restore ${ctx.progress.restoreLabel} failed: ${status}`);
  }
  if (ctx.snapshot && ctx.snapshot.expiredAt > 0n && BigInt(ctx.clock.now()) > ctx.snapshot.expiredAt) {
    await ctx.dest.sql.execute(`CANCEL RESTORE FROM ${q(ctx.names.destDb)}`);
    return newSnapshot(ctx, `snapshot ${ctx.progress.snapshot} expired while restoring`);
  }
  return 'waiting';
}

/** Starts the current full or partial sync over from a new backup (same kind, same partitions). */
async function newSnapshot(ctx: TableJobContext, reason: string): Promise<StepResult> {
  ctx.log('warn', `${reason}; taking a new snapshot`);
  ctx.progress.syncId += 1;
  delete ctx.progress.snapshot;
  delete ctx.progress.restoreLabel;
  delete ctx.progress.snapshotVersions;
  delete ctx.snapshot;
  move(ctx, 'begin_snapshot');
  await ctx.persist();
  return 'progressed';
}

/** Puts the whole-table partial sync's restored table in the target table's place (idempotent). */
async function swapInAlias(ctx: TableJobContext, alias: string): Promise<void> {
  const meta = await ctx.dest.fe.getMeta({
    ...cred(ctx.dest),
    db: { name: ctx.names.destDb, tables: [{ name: alias }, { name: ctx.names.destTable }] },
  });
  const names = new Set((meta.db_meta?.tables ?? []).map((t) => t.name));
  if (!names.has(alias)) return; // swapped before a restart
  const db = q(ctx.names.destDb);
  await ctx.dest.sql.execute(
    names.has(ctx.names.destTable)
      ? `ALTER TABLE ${db}.${q(ctx.names.destTable)} REPLACE WITH TABLE ${q(alias)} PROPERTIES ("swap" = "false")`
      : `ALTER TABLE ${db}.${q(alias)} RENAME ${q(ctx.names.destTable)}`,
  );
}

export async function persistRestore(ctx: TableJobContext): Promise<StepResult> {
  const alias = partialAlias(ctx);
  if (alias) await swapInAlias(ctx, alias);
  // Only the one table: the whole database's tablets would cost much more when many jobs finish at once.
  const meta = await ctx.dest.fe.getMeta({
    ...cred(ctx.dest),
    db: { name: ctx.names.destDb, tables: [{ name: ctx.names.destTable }] },
  });
  const table = meta.db_meta?.tables?.find((t) => t.name === ctx.names.destTable);
  if (!table?.id)
    throw retryable(`restored table ${ctx.names.destDb}.${ctx.names.destTable} is not visible yet`);
  const p = ctx.progress;
  p.tableMapping = { [ctx.names.srcTableId.toString()]: table.id.toString() };
  const kind = syncKind(ctx);
  if (scopedPartitions(ctx)) {
    // Replay resumes right after the binlog that asked for this sync: binlogs since then may have
    // touched other partitions. The restored partitions already hold everything up to the snapshot.
    const earlier = p.restored;
    const untilSeq =
      earlier && BigInt(earlier.untilSeq) > BigInt(p.commitSeq) ? earlier.untilSeq : p.commitSeq;
    p.restored = { untilSeq, versions: { ...earlier?.versions, ...p.snapshotVersions } };
    p.prevCommitSeq = p.partialFromSeq ?? p.commitSeq;
    p.commitSeq = p.prevCommitSeq;
  } else {
    p.prevCommitSeq = p.commitSeq;
    p.shadowIndexes = {};
  }
  const last = p.history[p.history.length - 1];
  if (last && last.finishedAt === undefined) {
    last.finishedAt = ctx.clock.now();
    if (p.snapshot) last.snapshot = p.snapshot;
  }
  delete p.snapshot;
  delete p.restoreLabel;
  delete p.snapshotVersions;
  delete p.partialPartitions;
  delete p.partialFromSeq;
  delete ctx.snapshot;
  delete ctx.ingestMeta;
  delete ctx.syncAlone;
  p.position = { phase: 'incremental', step: 'idle' };
  await failpoint('before_persist_restore');
  await ctx.persist();
  ctx.snapshotSlot?.release();
  ctx.log('info', `${kind} sync done; replaying from commit seq ${p.commitSeq}`);
  return 'progressed';
}

export async function escalate(
  ctx: TableJobContext,
  kind: 'full' | 'partial',
  reason: string,
  scope?: SyncScope,
): Promise<void> {
  startSync(ctx.progress, kind, reason, ctx.clock.now(), scope?.partitions);
  delete ctx.snapshot;
  delete ctx.syncAlone;
  delete ctx.ingestMeta;
  await ctx.persist();
}

export { StatusCode };

// Which target tablets one UPSERT touches: the table records still to apply (not what a table's own
// snapshot or a partial sync's restore already holds), their target tables (recorded, or looked up by
// name), and source/target tablet pairs on the cached cluster layout (refreshed when it does not fit).
import { cred, type JobContext } from '../job-context.js';
import { JobError, needsFullSync } from '../job-errors.js';
import { tableOf } from '../progress.js';
import type { UpsertTableRecord } from './binlog-action.js';
import { type IngestLayout, ingestLayout, type LayoutWanted } from './ingest-meta.js';
import { type IngestTask, planIngest } from './upsert-plan.js';

type TableRecord = UpsertTableRecord;

/**
 * The target table id of a source table: recorded, or looked up by its target name (a table created by
 * replayed DDL is mapped at its first load). A missing one copies that table again.
 */
async function targetTableId(ctx: JobContext, srcTableId: bigint): Promise<LayoutWanted> {
  const t = tableOf(ctx.progress, srcTableId);
  const destName = t.destName ?? t.name;
  if (t.destId) return { srcTableId, destTableId: BigInt(t.destId), destName };
  const meta = destName
    ? await ctx.dest.fe.getMeta({ ...cred(ctx.dest), db: { name: ctx.destDb, tables: [{ name: destName }] } })
    : undefined;
  const found = meta?.db_meta?.tables?.find((m) => m.name === destName);
  if (!found?.id)
    throw needsFullSync(`no target table recorded for source table ${t.name || srcTableId}`, undefined, {
      tableId: srcTableId,
      tableName: t.name,
    });
  t.destId = found.id.toString();
  return { srcTableId, destTableId: found.id, destName };
}

/**
 * Drops the partition versions a partition-scoped partial sync already restored (TableProgress.restored);
 * undefined when nothing of the table is left to apply.
 */
export function withoutRestoredVersions(
  ctx: JobContext,
  srcTableId: bigint,
  tableRecord: TableRecord | undefined,
  seq: bigint,
): TableRecord | undefined {
  const restored = ctx.progress.tables[srcTableId.toString()]?.restored;
  if (!tableRecord || !restored) return tableRecord;
  if (seq > BigInt(restored.untilSeq)) {
    delete ctx.progress.tables[srcTableId.toString()]!.restored;
    return tableRecord;
  }
  const partitionRecords = tableRecord.partitionRecords.filter((pr) => {
    const version = restored.versions[pr.partitionId.toString()];
    return version === undefined || pr.version > BigInt(version);
  });
  if (partitionRecords.length === tableRecord.partitionRecords.length) return tableRecord;
  ctx.log('info', `seq ${seq}: skipping partition versions the partial sync already restored`);
  return partitionRecords.length > 0 ? { ...tableRecord, partitionRecords } : undefined;
}

/**
 * The table records of an UPSERT still to apply: not those a table's own snapshot already holds (its
 * commit seq is at or past this binlog), nor partition versions a partial sync restored.
 */
export function pendingTables(
  ctx: JobContext,
  tables: ReadonlyMap<bigint, TableRecord>,
  seq: bigint,
): Map<bigint, TableRecord> {
  const out = new Map<bigint, TableRecord>();
  for (const [id, record] of tables) {
    const snapshotSeq = ctx.progress.tables[id.toString()]?.commitSeq;
    if (snapshotSeq !== undefined && seq <= BigInt(snapshotSeq)) continue;
    const kept = withoutRestoredVersions(ctx, id, record, seq);
    if (kept) out.set(id, kept);
  }
  return out;
}

export interface UpsertPlan {
  readonly layout: IngestLayout;
  readonly tasks: IngestTask[];
  readonly destTableIds: bigint[];
}

/**
 * Plans the ingest on the cached layout. A cached layout that does not fit a record (a partition it does
 * not know, a failed pairing) is fetched again once: a partition missing from a fresh layout was dropped
 * on the source, one missing from a cached layout may just be new. A table whose target does not pair up
 * with its source asks for that table to be copied again (JobError scope names it).
 */
export async function planTasks(
  ctx: JobContext,
  tables: ReadonlyMap<bigint, TableRecord>,
): Promise<UpsertPlan> {
  const wanted: LayoutWanted[] = [];
  for (const id of tables.keys()) wanted.push(await targetTableId(ctx, id));
  const plan = (layout: IngestLayout, fresh: boolean): IngestTask[] =>
    wanted.flatMap((w) => {
      const record = tables.get(w.srcTableId)!;
      const t = layout.tables.get(w.srcTableId.toString());
      if (!t) return []; // dropped on the source since this load
      const shadow = new Set(Object.keys(ctx.progress.tables[w.srcTableId.toString()]?.shadowIndexes ?? {}));
      if (!fresh) {
        const known = new Set((t.source.partitions ?? []).map((p) => p.id));
        if (!record.partitionRecords.every((pr) => pr.isTempPartition || known.has(pr.partitionId)))
          throw new Error('stale layout');
      }
      try {
        return planIngest(record, t.source, t.target, shadow, fresh);
      } catch (error) {
        if (error instanceof JobError && error.action !== 'retryable' && !error.scope?.tableId)
          throw new JobError(error.message, error.action, error.cause, {
            ...error.scope,
            tableId: w.srcTableId,
            tableName: ctx.progress.tables[w.srcTableId.toString()]?.name,
          });
        throw error;
      }
    });
  let layout = await ingestLayout(ctx, wanted);
  const cachedFresh = wanted.every(
    (w) => layout.dropped.has(w.srcTableId.toString()) || layout.tables.get(w.srcTableId.toString())?.fresh,
  );
  if (!cachedFresh) {
    try {
      const live = wanted.filter((w) => layout.tables.has(w.srcTableId.toString()));
      return { layout, tasks: plan(layout, false), destTableIds: live.map((w) => w.destTableId) };
    } catch {
      // fall through to a fresh layout
    }
    layout = await ingestLayout(ctx, wanted, { refresh: true });
  }
  const live = wanted.filter((w) => layout.tables.has(w.srcTableId.toString()));
  return { layout, tasks: plan(layout, true), destTableIds: live.map((w) => w.destTableId) };
}

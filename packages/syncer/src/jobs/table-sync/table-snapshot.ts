// The table job's snapshot plans: a full sync of its table, a partial sync of some partitions (restored in
// place), or of the whole table (restored under an alias and swapped in, so readers of the target never
// see it missing or half restored). Also the shared full sync's outcome, recorded as the job's own.
import { quoteIdent as q } from '../../clients/sql-quote.js';
import { cred } from '../job-context.js';
import { fatal, needsFullSync, needsPartialSync, retryable, transient } from '../job-errors.js';
import type { StepResult } from '../job-runner.js';
import { moveStep, moveTo } from '../job-state.js';
import { tableOf } from '../progress.js';
import { readSnapshotInfo, snapshotObjects } from '../snapshot/snapshot-info.js';
import type { SnapshotScope } from '../snapshot/snapshot-ops.js';
import { notVisibleYet, type SnapshotPlan, snapshotStep } from '../snapshot/snapshot-steps.js';
import type { TableJobContext } from './table-job-context.js';

function isPartial(ctx: TableJobContext): boolean {
  return ctx.progress.position.state === 'TablePartialSync';
}

/** Partitions of a partition-scoped partial sync; undefined when the whole table is copied. */
function scopedPartitions(ctx: TableJobContext): readonly string[] | undefined {
  return isPartial(ctx) ? ctx.progress.partial?.partitions : undefined;
}

/** Where a whole-table partial sync restores before the swap; derived from the sync id (found again). */
export function partialAlias(ctx: TableJobContext): string | undefined {
  if (!isPartial(ctx) || scopedPartitions(ctx)) return undefined;
  return `__ccr_${ctx.names.destTable}_${ctx.progress.syncId}`;
}

export function tablePlan(ctx: TableJobContext): SnapshotPlan {
  const names = ctx.names;
  return {
    kind: isPartial(ctx) ? 'partial' : 'full',
    snapshotTable: names.srcTable,
    atomic: !isPartial(ctx),
    scope(): SnapshotScope {
      const partitions = scopedPartitions(ctx);
      return {
        srcDb: names.srcDb,
        destDb: names.destDb,
        tables: [{ src: names.srcTable, dest: partialAlias(ctx) ?? names.destTable }],
        ...(partitions ? { partitions } : {}),
      };
    },
    backupFailed(message, error): never {
      if (/Unknown table/.test(message)) {
        if (ctx.followRecreated)
          throw transient(
            `waiting for source table ${names.srcDb}.${names.srcTable} to be created again`,
            error,
          );
        throw fatal(`source table ${names.srcDb}.${names.srcTable} does not exist any more`, error);
      }
      const partitions = scopedPartitions(ctx);
      if (partitions && /Unknown partition/i.test(message)) {
        // A partition was dropped or renamed since: copy the whole table instead.
        throw needsPartialSync(
          `partial backup of partitions ${partitions.join(', ')} failed: ${message}`,
          error,
        );
      }
      throw retryable(`BACKUP failed: ${message}`, error);
    },
    accept({ jobInfo }) {
      const backedUp = snapshotObjects(jobInfo).find((o) => o.name === names.srcTable && !o.isView);
      if (backedUp && backedUp.id !== names.srcTableId) {
        // The name now belongs to another table: re-created (or replaced without a binlog we saw).
        if (!ctx.followRecreated)
          throw fatal(
            `source table ${names.srcDb}.${names.srcTable} was dropped and re-created (id ${names.srcTableId} → ${backedUp.id}); ` +
              'the job pauses: delete and create it again, or create it with follow_recreated_table',
          );
        throw new RepointNeeded(backedUp.id);
      }
      const info = readSnapshotInfo(jobInfo, { name: names.srcTable, id: names.srcTableId });
      if (info.commitSeq === undefined)
        throw needsFullSync(
          `snapshot ${ctx.progress.snapshot} does not contain source table id ${names.srcTableId}`,
        );
      ctx.progress.commitSeq = info.commitSeq.toString();
      if (scopedPartitions(ctx)) {
        ctx.progress.snapshotVersions = Object.fromEntries(
          [...info.partitionVersions].map(([id, v]) => [id, v.toString()]),
        );
      }
    },
    async schemaMismatch(status) {
      if (scopedPartitions(ctx)) {
        // Restoring some partitions in place needs the same schema; copy the whole table instead.
        throw needsPartialSync(`restore of partitions into ${names.destTable} failed: ${status}`);
      }
      // The target table is not the source's shape any more: replace it by the snapshot's.
      ctx.log('warn', `target table differs from the snapshot (${status}); dropping it and restoring again`);
      await ctx.dest.sql.execute(`DROP TABLE IF EXISTS ${q(names.destDb)}.${q(names.destTable)} FORCE`);
      return 'retry';
    },
    finish: () => finishTableSync(ctx),
  };
}

/** The snapshot holds a new table under the job's name, which the job follows from now on. */
export class RepointNeeded extends Error {
  constructor(readonly srcTableId: bigint) {
    super(`source table re-created as id ${srcTableId}`);
  }
}

/** Puts the whole-table partial sync's restored table in the target table's place (idempotent). */
async function swapInAlias(ctx: TableJobContext, alias: string): Promise<void> {
  const names = ctx.names;
  const meta = await ctx.dest.fe.getMeta({
    ...cred(ctx.dest),
    db: { name: names.destDb, tables: [{ name: alias }, { name: names.destTable }] },
  });
  const present = new Set((meta.db_meta?.tables ?? []).map((t) => t.name));
  if (!present.has(alias)) return; // swapped before a restart
  const db = q(names.destDb);
  await ctx.dest.sql.execute(
    present.has(names.destTable)
      ? `ALTER TABLE ${db}.${q(names.destTable)} REPLACE WITH TABLE ${q(alias)} PROPERTIES ("swap" = "false")`
      : `ALTER TABLE ${db}.${q(alias)} RENAME ${q(names.destTable)}`,
  );
}

async function finishTableSync(ctx: TableJobContext): Promise<void> {
  const names = ctx.names;
  const alias = partialAlias(ctx);
  if (alias) await swapInAlias(ctx, alias);
  // Only the one table: the whole database's tablets would cost much more when many jobs finish at once.
  const meta = await ctx.dest.fe.getMeta({
    ...cred(ctx.dest),
    db: { name: names.destDb, tables: [{ name: names.destTable }] },
  });
  const table = meta.db_meta?.tables?.find((t) => t.name === names.destTable);
  if (!table?.id) throw notVisibleYet(names.destDb, names.destTable);
  const p = ctx.progress;
  const key = names.srcTableId.toString();
  const t = tableOf(p, key, names.srcTable);
  // Ids of earlier incarnations of the table are forgotten; the job follows one table.
  p.tables = { [key]: t };
  t.destId = table.id.toString();
  t.destName = names.destTable;
  const partial = p.partial;
  if (partial?.partitions) {
    // Replay resumes right after the binlog that asked for this sync: binlogs since then may have
    // touched other partitions. The restored partitions already hold everything up to the snapshot.
    const earlier = t.restored;
    const untilSeq =
      earlier && BigInt(earlier.untilSeq) > BigInt(p.commitSeq) ? earlier.untilSeq : p.commitSeq;
    t.restored = { untilSeq, versions: { ...earlier?.versions, ...p.snapshotVersions } };
    p.prevCommitSeq = partial.fromSeq;
  } else if (partial) {
    // The whole table is at the snapshot's seq: replay from the trigger, skipping what it already holds.
    t.commitSeq = p.commitSeq;
    t.shadowIndexes = {};
    p.prevCommitSeq = partial.fromSeq;
  } else {
    p.prevCommitSeq = p.commitSeq;
    t.shadowIndexes = {};
    delete t.commitSeq;
  }
  p.commitSeq = p.prevCommitSeq;
  delete ctx.syncAlone;
  moveTo(p, { state: 'TableIncrementalSync', step: 'idle' });
}

/** Runs the table job's current snapshot step; a re-created source table is followed (or not) here. */
export async function tableSnapshotStep(ctx: TableJobContext): Promise<StepResult> {
  try {
    return await snapshotStep(ctx, tablePlan(ctx));
  } catch (error) {
    if (!(error instanceof RepointNeeded)) throw error;
    ctx.log(
      'warn',
      `following the re-created source table (id ${ctx.names.srcTableId} → ${error.srcTableId})`,
    );
    await ctx.repoint(error.srcTableId);
    // The snapshot was taken of the new table: record it as this sync's.
    return snapshotStep(ctx, tablePlan(ctx));
  }
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
      moveStep(ctx.progress, 'persist_restore');
      // Recorded by the next step in one write; a crash before it only means joining a new shared sync.
      return snapshotStep(ctx, tablePlan(ctx));
    default: {
      const unknown: never = ticket;
      throw new Error(`unexpected shared sync ticket ${JSON.stringify(unknown)}`);
    }
  }
}

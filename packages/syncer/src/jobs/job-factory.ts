// Builds a job's work once its clusters answer: the context its steps share, then a TableJob or a DbJob.
// Kept apart from the engine, which owns the jobs' life cycle and the admin commands.
import type { JobRecord } from '../model/job-record.js';
import type { Spec } from '../model/spec.js';
import type { ClusterAccess } from './cluster-access.js';
import { DbJob } from './db-sync/db-job.js';
import { dbContext } from './db-sync/db-job-context.js';
import type { SnapshotSlot } from './job-context.js';
import type { Connected } from './job-launcher.js';
import type { JobObserver } from './job-metrics.js';
import type { LiveJob } from './job-views.js';
import type { Clock } from './runtime.js';
import type { FullSyncBatches } from './snapshot/full-sync-batches.js';
import { TableJob } from './table-sync/table-job.js';
import type { TableJobContext } from './table-sync/table-job-context.js';

/** What the engine lends a job. */
export interface JobDeps {
  readonly connect: (spec: Spec) => Promise<ClusterAccess>;
  readonly clock: Clock;
  readonly observe: JobObserver;
  readonly slot: SnapshotSlot;
  readonly batches: FullSyncBatches;
  updateJob(record: JobRecord): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/** Connects the job's clusters and builds its work (table or database job). */
export async function openJob(
  live: LiveJob,
  persist: () => Promise<void>,
  pause: (reason: string) => Promise<void>,
  deps: JobDeps,
): Promise<Connected> {
  const record = live.record;
  const src = await deps.connect(record.src);
  let dest: ClusterAccess;
  try {
    dest = await deps.connect(record.dest);
  } catch (error) {
    await src.close();
    throw error;
  }
  const common = {
    jobName: record.name,
    src,
    dest,
    srcDb: record.src.database,
    destDb: record.dest.database,
    srcDbId: BigInt(record.src.db_id ?? '0'),
    progress: live.progress,
    clock: deps.clock,
    persist,
    log: deps.log,
    observe: deps.observe,
    snapshotSlot: deps.slot,
    replayHold: live.hold,
    syncWatch: live.watch,
  };
  if (record.sync_type === 'db_sync') {
    return { src, dest, work: new DbJob(dbContext(common, record), pause) };
  }
  const ctx: TableJobContext = {
    ...common,
    names: {
      srcDb: record.src.database,
      srcTable: record.src.table,
      destDb: record.dest.database,
      destTable: record.dest.table,
      srcTableId: BigInt(record.src.table_id ?? '0'),
    },
    followRecreated: record.extra.follow_recreated_table === true,
    repoint: async (srcTableId) => {
      live.record = { ...live.record, src: { ...live.record.src, table_id: srcTableId.toString() } };
      ctx.names = { ...ctx.names, srcTableId };
      await deps.updateJob(live.record);
    },
    sharedSync: {
      take: () =>
        deps.batches.take({
          member: {
            job: record.name,
            srcTable: record.src.table,
            srcTableId: ctx.names.srcTableId,
            destTable: record.dest.table,
          },
          src: record.src,
          dest: record.dest,
          requestedAt: record.created_at,
        }),
    },
  };
  const own = ctx.progress.tables[ctx.names.srcTableId.toString()];
  if (own && !own.name) own.name = record.src.table; // migrated from a version 1 document
  if (ctx.progress.partial && !ctx.progress.partial.tableId)
    ctx.progress.partial = { ...ctx.progress.partial, tableId: ctx.names.srcTableId.toString() };
  return { src, dest, work: new TableJob(ctx, pause) };
}

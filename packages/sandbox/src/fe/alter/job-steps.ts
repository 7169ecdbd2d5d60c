// The steps a rollup job and a schema change job share (Doris's AlterJobV2 states): registering the job,
// making its new indexes visible to loads as SHADOW with a watershed transaction (PENDING → WAITING_TXN),
// and starting the conversion once the loads older than the watershed are done (WAITING_TXN → RUNNING).
import type { Database } from '../../catalog/database.js';
import type { IndexMeta, OlapTable, TableState } from '../../catalog/table.js';
import type { Frontend } from '../frontend.js';
import type { JobPartition, RollupJob, SchemaChangeJob } from './alter-job.js';
import { logAlterJob } from './alter-job-binlog.js';
import { alterJobs } from './job-store.js';
import { attachJobIndex } from './job-tablets.js';
import { rowsToConvert } from './tablet-fill.js';

/** Milliseconds between job states, and per converted row while RUNNING: small tables finish in tens of ms. */
export const JOB_STEP_MS = 20;
const ROW_CONVERT_MS = 0.01;

export interface JobTarget {
  readonly db: Database;
  readonly table: OlapTable;
}

/** Resolves the job's table, or the reason the job must be cancelled. */
export function jobTarget(fe: Frontend, job: { dbId: bigint; tableId: bigint }): JobTarget | string {
  const db = fe.catalog.database(job.dbId);
  if (!db) return `Database ${job.dbId} does not exist`;
  const table = db.tables.get(job.tableId);
  if (table?.kind !== 'OLAP') return `Table ${job.tableId} does not exist`;
  return { db, table };
}

/** Loads that began before the watershed wrote only the origin indexes; conversion waits for them. */
export function olderLoadsRunning(
  fe: Frontend,
  job: { dbId: bigint; tableId: bigint; watershedTxnId: bigint },
): boolean {
  return fe.txns.running(job.dbId).some((t) => t.id < job.watershedTxnId && t.tableIds.includes(job.tableId));
}

/** Registers a new job and writes its PENDING record; runs inside the ALTER statement's commit. */
export function registerJob(
  fe: Frontend,
  table: OlapTable,
  job: RollupJob | SchemaChangeJob,
  state: TableState,
): void {
  table.state = state;
  alterJobs(fe).save(job);
  logAlterJob(fe, job);
}

/** PENDING → WAITING_TXN: the job's indexes become SHADOW indexes that loads write too. */
export function showShadowIndexes(
  fe: Frontend,
  { db, table }: JobTarget,
  job: RollupJob | SchemaChangeJob,
  indexes: ReadonlyArray<{ readonly meta: IndexMeta; readonly partitions: JobPartition[] }>,
): number {
  for (const { meta, partitions } of indexes) {
    table.indexes.set(meta.id, meta);
    attachJobIndex(table, meta.id, partitions);
  }
  job.watershedTxnId = fe.sequences.allocId();
  job.state = 'WAITING_TXN';
  fe.catalog.saveTable(db, table);
  alterJobs(fe).save(job);
  logAlterJob(fe, job);
  return JOB_STEP_MS;
}

/** WAITING_TXN → RUNNING once older loads are done; the delay grows with the rows to convert. */
export function startConverting(
  fe: Frontend,
  job: RollupJob | SchemaChangeJob,
  partitions: readonly JobPartition[][],
): number {
  if (olderLoadsRunning(fe, job)) return JOB_STEP_MS;
  job.state = 'RUNNING';
  alterJobs(fe).save(job);
  const rows = partitions.reduce((n, p) => n + rowsToConvert(fe, p), 0);
  return JOB_STEP_MS + Math.ceil(rows * ROW_CONVERT_MS);
}

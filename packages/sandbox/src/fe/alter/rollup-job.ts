// The life of a rollup / synchronous materialized view build (Doris's RollupJobV2): PENDING (tablets
// allocated, table in ROLLUP) → WAITING_TXN (rollup index visible to loads as SHADOW) → RUNNING → FINISHED
// (index NORMAL, rows projected from the base index), or CANCELLED.
import type { IndexMeta, OlapTable } from '../../catalog/table.js';
import type { Frontend } from '../frontend.js';
import type { RollupJob } from './alter-job.js';
import { logAlterJob } from './alter-job-binlog.js';
import { jobTarget, registerJob, showShadowIndexes, startConverting } from './job-steps.js';
import { alterJobs } from './job-store.js';
import { detachJobIndex } from './job-tablets.js';
import { fillTablets, rowConverter } from './tablet-fill.js';

export function createRollupJob(fe: Frontend, table: OlapTable, job: RollupJob): void {
  registerJob(fe, table, job, 'ROLLUP');
}

export function advanceRollup(fe: Frontend, job: RollupJob): number | undefined {
  const target = jobTarget(fe, job);
  if (typeof target === 'string') {
    cancelRollup(fe, job, target);
    return undefined;
  }
  const { db, table } = target;
  switch (job.state) {
    case 'PENDING': {
      const meta: IndexMeta = {
        id: job.rollupIndexId,
        name: job.rollupIndexName,
        columns: job.columns,
        keysType: job.keysType,
        schemaHash: job.schemaHash,
        schemaVersion: 0,
        state: 'SHADOW',
        ...(job.defineSql === undefined ? {} : { defineSql: job.defineSql }),
      };
      return showShadowIndexes(fe, target, job, [{ meta, partitions: job.partitions }]);
    }
    case 'WAITING_TXN':
      return startConverting(fe, job, [job.partitions]);
    case 'RUNNING': {
      const base = table.indexes.get(job.baseIndexId);
      if (!base) throw new Error(`base index ${job.baseIndexId} of job ${job.jobId} is missing`);
      fillTablets(fe, job.partitions, rowConverter(base.columns, job.columns));
      const meta = table.indexes.get(job.rollupIndexId);
      if (meta) meta.state = 'NORMAL';
      job.state = 'FINISHED';
      job.finishedTimeMs = fe.clock.now();
      alterJobs(fe).save(job);
      settleTableState(fe, table, job.jobId);
      fe.catalog.saveTable(db, table);
      logAlterJob(fe, job);
      return undefined;
    }
    case 'FINISHED':
    case 'CANCELLED':
      return undefined;
  }
}

/** The table leaves ROLLUP once its last unfinished rollup job (ADD ROLLUP may start several) is done. */
function settleTableState(fe: Frontend, table: OlapTable, doneJobId: bigint): void {
  const others = alterJobs(fe)
    .unfinished(table.id)
    .filter((j) => j.jobId !== doneJobId && j.kind === 'ROLLUP');
  if (others.length === 0) table.state = 'NORMAL';
}

export function cancelRollup(fe: Frontend, job: RollupJob, errMsg: string): void {
  const target = jobTarget(fe, job);
  job.state = 'CANCELLED';
  job.errMsg = errMsg;
  job.finishedTimeMs = fe.clock.now();
  alterJobs(fe).save(job);
  if (typeof target !== 'string') {
    const { db, table } = target;
    detachJobIndex(table, job.rollupIndexId, (b, t) => fe.backends.get(b)?.dropTablet(t));
    table.indexes.delete(job.rollupIndexId);
    settleTableState(fe, table, job.jobId);
    fe.catalog.saveTable(db, table);
  }
  logAlterJob(fe, job);
}

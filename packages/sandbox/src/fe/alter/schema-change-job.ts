// The life of a heavy schema change (Doris's SchemaChangeJobV2): PENDING (shadow tablets allocated, table in
// SCHEMA_CHANGE) → WAITING_TXN (shadow indexes visible to loads, which write both) → RUNNING (older loads
// done; existing rows are converted) → FINISHED (shadow indexes replace their origins), or CANCELLED.
import type { Database } from '../../catalog/database.js';
import type { IndexMeta, OlapTable } from '../../catalog/table.js';
import type { Frontend } from '../frontend.js';
import { type SchemaChangeJob, stripShadowPrefix } from './alter-job.js';
import { logAlterJob } from './alter-job-binlog.js';
import { jobTarget, registerJob, showShadowIndexes, startConverting } from './job-steps.js';
import { alterJobs } from './job-store.js';
import { detachJobIndex } from './job-tablets.js';
import { fillTablets, rowConverter } from './tablet-fill.js';

/** Registers a new job and writes its PENDING record; runs inside the ALTER statement's commit. */
export function createSchemaChangeJob(fe: Frontend, table: OlapTable, job: SchemaChangeJob): void {
  registerJob(fe, table, job, 'SCHEMA_CHANGE');
}

/** Runs the job's next state transition (inside a commit); returns the delay before the next one. */
export function advanceSchemaChange(fe: Frontend, job: SchemaChangeJob): number | undefined {
  const target = jobTarget(fe, job);
  if (typeof target === 'string') {
    cancelSchemaChange(fe, job, target);
    return undefined;
  }
  const { db, table } = target;
  switch (job.state) {
    case 'PENDING': {
      const shadows = job.indexes.map((shadow) => {
        const meta: IndexMeta = {
          id: shadow.shadowIndexId,
          name: shadow.shadowName,
          columns: shadow.columns,
          keysType: shadow.keysType,
          schemaHash: shadow.schemaHash,
          schemaVersion: shadow.schemaVersion,
          state: 'SHADOW',
        };
        return { meta, partitions: shadow.partitions };
      });
      return showShadowIndexes(fe, target, job, shadows);
    }
    case 'WAITING_TXN':
      return startConverting(
        fe,
        job,
        job.indexes.map((ix) => ix.partitions),
      );
    case 'RUNNING':
      finishSchemaChange(fe, db, table, job);
      return undefined;
    case 'FINISHED':
    case 'CANCELLED':
      return undefined;
  }
}

function finishSchemaChange(fe: Frontend, db: Database, table: OlapTable, job: SchemaChangeJob): void {
  // Convert the visible rows now, in the same synchronous step that swaps the indexes, so rows written by
  // loads between WAITING_TXN and now are converted from the origin too.
  for (const shadow of job.indexes) {
    const origin = table.indexes.get(shadow.originIndexId);
    if (!origin) throw new Error(`origin index ${shadow.originIndexId} of job ${job.jobId} is missing`);
    fillTablets(fe, shadow.partitions, rowConverter(origin.columns, shadow.columns));
  }
  const dropTablet = (backendId: bigint, tabletId: bigint) =>
    fe.backends.get(backendId)?.dropTablet(tabletId);
  for (const shadow of job.indexes) {
    detachJobIndex(table, shadow.originIndexId, dropTablet);
    table.indexes.delete(shadow.originIndexId);
    const meta = table.indexes.get(shadow.shadowIndexId);
    if (meta) {
      meta.name = shadow.originName;
      meta.columns = shadow.columns.map((c) => ({ ...c, name: stripShadowPrefix(c.name) }));
      meta.state = 'NORMAL';
    }
    if (table.baseIndexId === shadow.originIndexId) table.baseIndexId = shadow.shadowIndexId;
  }
  reorderIndexes(table);
  if (job.newIndexDefs) table.invertedIndexes.splice(0, table.invertedIndexes.length, ...job.newIndexDefs);
  for (const [key, value] of Object.entries(job.newProperties ?? {})) {
    if (value === null) table.properties.delete(key);
    else table.properties.set(key, value);
  }
  table.state = 'NORMAL';
  job.state = 'FINISHED';
  job.finishedTimeMs = fe.clock.now();
  fe.catalog.saveTable(db, table);
  alterJobs(fe).save(job);
  logAlterJob(fe, job);
}

/** Keeps the base index first (Doris lists the base index before rollups everywhere). */
function reorderIndexes(table: OlapTable): void {
  const metas = [...table.indexes.values()].sort((a, b) =>
    a.id === table.baseIndexId ? -1 : b.id === table.baseIndexId ? 1 : 0,
  );
  table.indexes.clear();
  for (const m of metas) table.indexes.set(m.id, m);
  for (const p of table.partitions.values()) {
    const entries = [...p.indexes.values()].sort((a, b) =>
      a.indexId === table.baseIndexId ? -1 : b.indexId === table.baseIndexId ? 1 : 0,
    );
    p.indexes.clear();
    for (const e of entries) p.indexes.set(e.indexId, e);
  }
}

/** Removes the shadow indexes and returns the table to NORMAL; the job ends CANCELLED with `errMsg`. */
export function cancelSchemaChange(fe: Frontend, job: SchemaChangeJob, errMsg: string): void {
  const target = jobTarget(fe, job);
  if (typeof target !== 'string') {
    const { db, table } = target;
    const dropTablet = (backendId: bigint, tabletId: bigint) =>
      fe.backends.get(backendId)?.dropTablet(tabletId);
    for (const shadow of job.indexes) {
      detachJobIndex(table, shadow.shadowIndexId, dropTablet);
      table.indexes.delete(shadow.shadowIndexId);
    }
    table.state = 'NORMAL';
    fe.catalog.saveTable(db, table);
  }
  job.state = 'CANCELLED';
  job.errMsg = errMsg;
  job.finishedTimeMs = fe.clock.now();
  alterJobs(fe).save(job);
  logAlterJob(fe, job);
}

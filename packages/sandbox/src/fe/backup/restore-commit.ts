// A restore's COMMIT and COMMITTING states (RestoreJob.commit + allTabletCommitted): the downloaded rows
// replace each target tablet's rows (one short swap commit per tablet, like Doris's per-tablet dir-move tasks),
// then one commit makes the result final: atomic-restore shadow tables take their names (the old tables are
// erased), overwritten partitions take the snapshot's versions, restored tables leave RESTORE state and are
// marked is_being_synced, and clean_tables / clean_partitions drop what the snapshot does not have.
import type { Backend } from '../../be/backend.js';
import {
  type ApplyMode,
  discardStagedTablet,
  swapStagedTablet,
  writeTabletSnapshot,
} from '../../be/snapshot/snapshot-apply.js';
import type { Database } from '../../catalog/database.js';
import { tableByName } from '../../catalog/database.js';
import type { OlapTable, TableObject } from '../../catalog/table.js';
import { sandboxLog } from '../../log/sandbox-logger.js';
import { dropPartition } from '../alter/partition-ops.js';
import { logDropTable } from '../exec/ddl-log.js';
import type { Frontend } from '../frontend.js';
import { recycleTable } from '../recycle/recycle-bin.js';
import { JobFailure } from './job-failure.js';
import { jobStore } from './job-store.js';
import { ATOMIC_RESTORE_PREFIX, type RestoredTable, type RestoreJob } from './job-types.js';
import { dropStagedDownloads, stagedDownloads } from './restore-download.js';
import { restoreTasks } from './restore-tasks.js';

function database(fe: Frontend, job: RestoreJob): Database {
  const db = fe.catalog.database(job.dbId);
  if (!db) throw new JobFailure({ code: 'NOT_FOUND', msg: `database ${job.dbId} has been dropped` });
  return db;
}

function tabletOf(fe: Frontend, m: RestoreJob['mappings'][number]) {
  const location = fe.catalog.tablet(m.tabletId);
  if (!location) {
    throw new JobFailure({
      code: 'NOT_FOUND',
      msg: `tablet ${m.tabletId} of table ${m.tableId} has been dropped`,
    });
  }
  return location.tablet;
}

/** Tables only this restore can see are written directly; an existing table's replicas are swapped. */
function applyMode(job: RestoreJob, tableId: bigint): ApplyMode {
  return job.restored.find((r) => r.tableId === tableId)?.mode === 'EXISTING' ? 'staged' : 'direct';
}

/**
 * COMMIT: moves the downloaded files into the target tablets, one tablet at a time (snapshot-apply.ts),
 * each finished by one short commit. Returns false if the job stopped meanwhile.
 */
export async function commitTabletData(
  fe: Frontend,
  job: RestoreJob,
  stillWanted: () => boolean,
): Promise<boolean> {
  const staged = stagedDownloads(fe, job.jobId);
  const started = performance.now();
  let rows = 0;
  job.committedTablets = 0;
  // One dir-move task per tablet, as Doris sends them: listed until the tablet's data is in place.
  const book = restoreTasks(fe, job);
  const signatures = book.start(
    job.mappings.map((m) => ({ id: m.tabletId, total: 1 })),
    false,
  );
  for (const [i, m] of job.mappings.entries()) {
    if (!stillWanted()) return false;
    const snapshot = staged.get(m.sourceDir);
    if (!snapshot)
      throw new JobFailure({ code: 'NOT_FOUND', msg: `snapshot of tablet ${m.sourceTabletId} is lost` });
    const mode = applyMode(job, m.tableId);
    const replicas: Backend[] = [];
    for (const replica of tabletOf(fe, m).replicas) {
      const backend = fe.backends.get(replica.backendId);
      const schema = fe.tabletSchema(replica.backendId, m.tabletId);
      if (!backend || !schema) continue;
      const written = await writeTabletSnapshot(
        fe.sqlite,
        backend,
        m.tabletId,
        schema,
        snapshot,
        mode,
        stillWanted,
      );
      if (written === undefined) return false;
      rows += written;
      replicas.push(backend);
    }
    if (!stillWanted()) return false;
    fe.commit(() => {
      tabletOf(fe, m);
      if (mode === 'staged') for (const backend of replicas) swapStagedTablet(fe.sqlite, backend, m.tabletId);
      job.committedTablets++;
    });
    book.step(signatures[i]!);
  }
  sandboxLog().info(
    {
      jobId: String(job.jobId),
      tablets: job.mappings.length,
      rows,
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    },
    `restore job ${job.jobId} (${job.label}): tablet data committed`,
  );
  return stillWanted();
}

/** Forgets rows a cancelled job staged but never swapped in. */
export function discardStagedRows(fe: Frontend, job: RestoreJob): void {
  for (const m of job.mappings) {
    for (const replica of fe.catalog.tablet(m.tabletId)?.tablet.replicas ?? []) {
      const backend = fe.backends.get(replica.backendId);
      if (backend) discardStagedTablet(fe.sqlite, backend, m.tabletId);
    }
  }
}

/** Drops a table's data on every BE (Env.onEraseOlapTable); the caller removes it from the catalog. */
export function eraseTabletsOf(fe: Frontend, table: TableObject): void {
  if (table.kind !== 'OLAP') return;
  for (const p of [...table.partitions.values(), ...table.tempPartitions.values()]) {
    for (const index of p.indexes.values()) {
      for (const tablet of index.tablets) {
        for (const r of tablet.replicas) fe.backends.get(r.backendId)?.dropTablet(tablet.id);
      }
    }
  }
}

/** The shadow table takes the original's name; the original is erased, as Doris's atomic replace does. */
function swapIn(fe: Frontend, db: Database, restored: RestoredTable): void {
  const shadow = db.tables.get(restored.tableId);
  if (!shadow) {
    throw new JobFailure({
      code: 'COMMON_ERROR',
      msg: `replace table failed, the temp table ${ATOMIC_RESTORE_PREFIX + restored.targetName} is not found`,
    });
  }
  const origin = tableByName(db, restored.targetName);
  if (origin && origin.id !== shadow.id) {
    fe.catalog.dropTable(db, origin);
    eraseTabletsOf(fe, origin);
  }
  shadow.name = restored.targetName;
  if (shadow.kind === 'OLAP') {
    const base = shadow.indexes.get(shadow.baseIndexId);
    if (base) base.name = restored.targetName;
  }
}

/** A restored table leaves RESTORE state; a CCR target is marked and loses what the target cannot honour. */
function finishTable(job: RestoreJob, table: OlapTable): void {
  if (table.state === 'RESTORE') table.state = 'NORMAL';
  if (job.isBeingSynced) {
    table.properties.set('is_being_synced', 'true');
    table.properties.delete('storage_policy');
    table.properties.delete('colocate_with');
  }
}

function dropTableForClean(fe: Frontend, db: Database, table: TableObject): void {
  fe.catalog.dropTable(db, table);
  recycleTable(fe, db, table);
  logDropTable(fe, db, table);
}

/** clean_tables / clean_partitions (dropAllNonRestoredTableAndPartitions): to the recycle bin. */
function cleanNonRestored(fe: Frontend, db: Database, job: RestoreJob): void {
  const tables = new Map(job.objects.tables.map((t) => [t.alias ?? t.name, t]));
  const views = new Set(job.objects.views.map((v) => v.alias ?? v.name));
  for (const table of [...db.tables.values()]) {
    if (table.name.startsWith(ATOMIC_RESTORE_PREFIX)) continue;
    if (table.kind === 'VIEW') {
      if (job.cleanTables && !views.has(table.name)) dropTableForClean(fe, db, table);
      continue;
    }
    const restored = tables.get(table.name);
    if (!restored) {
      if (job.cleanTables) dropTableForClean(fe, db, table);
      continue;
    }
    if (!job.cleanPartitions) continue;
    const keep = new Set(restored.partitions.map((p) => p.toLowerCase()));
    for (const p of [...table.partitions.values()]) {
      if (!keep.has(p.name.toLowerCase())) dropPartition(fe, db, table, p, false);
    }
  }
}

/** COMMITTING: everything that makes the restore visible, in one commit; the job is FINISHED after it. */
export function finishRestore(fe: Frontend, job: RestoreJob): void {
  const db = database(fe, job);
  // Checked before the commit: a failure inside it would leave renamed objects in memory.
  for (const restored of job.restored) {
    if (!db.tables.has(restored.tableId)) {
      throw new JobFailure({
        code: 'NOT_FOUND',
        msg: `${restored.isView ? 'view' : 'table'} ${restored.tableId} has been dropped`,
      });
    }
  }
  fe.commit(() => {
    for (const restored of job.restored) if (restored.mode === 'ATOMIC') swapIn(fe, db, restored);
    for (const o of job.overwritten) {
      const table = db.tables.get(o.tableId);
      const partition = table?.kind === 'OLAP' ? table.partitions.get(o.partitionId) : undefined;
      if (!partition) continue;
      partition.visibleVersion = o.version;
      partition.visibleVersionTime = fe.clock.now();
    }
    for (const restored of job.restored) {
      const table = db.tables.get(restored.tableId);
      if (!table) continue;
      if (table.kind === 'OLAP') finishTable(job, table);
      fe.catalog.saveTable(db, table);
    }
    if (job.cleanTables || job.cleanPartitions) cleanNonRestored(fe, db, job);
    job.state = 'FINISHED';
    job.finishedTime = fe.clock.now();
    jobStore(fe).save(job);
  });
  dropStagedDownloads(fe, job.jobId);
}

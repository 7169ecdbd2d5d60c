// A backup job's states for the `__keep_on_local__` repository (BackupJob.run): PENDING writes one plain
// BARRIER per OLAP table in one durable commit and pins the data of that commit for the tablet snapshots
// (snapshot-writer.ts), so each table's snapshot is exactly its data at its barrier seq; SNAPSHOTING waits
// until the BEs' data files are written (Doris's snapshot tasks) → SAVE_META (the upload states are skipped
// for the local repository) → FINISHED, when the snapshot's meta and job info become readable through
// getSnapshot until the job's timeout passes.
import { BinlogType } from '@doris-ccr/protocol';
import { snapshotFileNames, snapshotStore, tabletSnapshotDir } from '../../be/snapshot/snapshot-store.js';
import {
  beginSnapshotCopy,
  type SnapshotCopy,
  type TabletSnapshotTask,
} from '../../be/snapshot/snapshot-writer.js';
import type { Database } from '../../catalog/database.js';
import { tableByName } from '../../catalog/database.js';
import type { OlapTable, Tablet, View } from '../../catalog/table.js';
import { sandboxLog } from '../../log/sandbox-logger.js';
import { logDdl } from '../exec/ddl-log.js';
import type { Frontend } from '../frontend.js';
import { isHealthy, usableBackend } from '../system/replica-state.js';
import { JobFailure } from './job-failure.js';
import { buildJobInfo } from './job-info.js';
import { jobStore } from './job-store.js';
import { type BackupJob, isDone, type Job, type JobStatus, type SnapshotMeta } from './job-types.js';
import { copyTableForBackup, copyView, encodeMeta, newSnapshotMeta } from './snapshot-meta.js';

/** Pause between two states, so pollers can watch a job move (Doris's handler runs every few seconds). */
export const STEP_MS = 50;

/** The catalog copies taken at PENDING, kept until SAVE_META (a restarted FE cancels the job instead). */
const stagedMeta = new WeakMap<Frontend, Map<bigint, SnapshotMeta>>();

function staged(fe: Frontend): Map<bigint, SnapshotMeta> {
  let map = stagedMeta.get(fe);
  if (!map) {
    map = new Map();
    stagedMeta.set(fe, map);
  }
  return map;
}

/** The BEs' data file writing started at PENDING, awaited at SNAPSHOTING. */
const runningCopies = new WeakMap<Frontend, Map<bigint, SnapshotCopy>>();

function copies(fe: Frontend): Map<bigint, SnapshotCopy> {
  let map = runningCopies.get(fe);
  if (!map) {
    map = new Map();
    runningCopies.set(fe, map);
  }
  return map;
}

/** Doris picks the replica with the smallest id among the healthy ones. */
function chooseReplica(fe: Frontend, tablet: Tablet): bigint | undefined {
  const replicas = [...tablet.replicas].sort((a, b) => (a.id < b.id ? -1 : 1));
  return (
    replicas.find((r) => isHealthy(fe.backends, r)) ?? replicas.find((r) => usableBackend(fe.backends, r))
  )?.backendId;
}

function snapshotRoot(job: BackupJob, backendId: bigint): string {
  return `/doris-sandbox/be_${backendId}/snapshot/${job.jobId}.${Math.floor(job.timeoutMs / 1000)}`;
}

/** The tablet snapshots of one table: which replica, where, with what header. */
function snapshotTasks(fe: Frontend, job: BackupJob, table: OlapTable): TabletSnapshotTask[] {
  const tasks: TabletSnapshotTask[] = [];
  for (const p of table.partitions.values()) {
    for (const index of p.indexes.values()) {
      const meta = table.indexes.get(index.indexId)!;
      for (const tablet of index.tablets) {
        const backendId = chooseReplica(fe, tablet)!;
        const root = snapshotRoot(job, backendId);
        tasks.push({
          backendId,
          tabletId: tablet.id,
          dir: tabletSnapshotDir(root, tablet.id, meta.schemaHash),
          header: {
            tabletId: tablet.id.toString(),
            schemaHash: meta.schemaHash,
            version: p.visibleVersion.toString(),
            keysType: meta.keysType,
            columns: meta.columns.map((c) => ({ name: c.name, uniqueId: c.uniqueId })),
          },
        });
        job.tablets.push({ tabletId: tablet.id, backendId, root, files: snapshotFileNames(tablet.id) });
      }
    }
  }
  return tasks;
}

/** PENDING: checks first (a failed commit must leave no binlog behind), then barriers and catalog copies in
 * one commit, and the tablet snapshots pinned at it. */
function prepareSnapshots(fe: Frontend, job: BackupJob): void {
  const db = fe.catalog.database(job.dbId);
  if (!db) throw new JobFailure({ code: 'NOT_FOUND', msg: `database ${job.dbId} does not exist` });
  const olap: Array<{ table: OlapTable; partitions: readonly string[] | undefined }> = [];
  const views: View[] = [];
  let tabletCount = 0;
  for (const ref of job.tableRefs) {
    const table = tableByName(db, ref.table);
    if (!table) throw new JobFailure({ code: 'NOT_FOUND', msg: `table ${ref.table} does not exist` });
    if (table.kind === 'VIEW') {
      views.push(copyView(table));
      continue;
    }
    for (const name of ref.partitions ?? []) {
      if (![...table.partitions.values()].some((p) => p.name.toLowerCase() === name.toLowerCase())) {
        throw new JobFailure({
          code: 'NOT_FOUND',
          msg: `partition ${name} does not exist  in table${ref.table}`,
        });
      }
    }
    olap.push({ table, partitions: ref.partitions });
    for (const p of table.partitions.values()) {
      for (const index of p.indexes.values()) {
        tabletCount += index.tablets.length;
        for (const tablet of index.tablets) {
          if (chooseReplica(fe, tablet) === undefined) {
            throw new JobFailure({
              code: 'COMMON_ERROR',
              msg: `failed to choose replica to make snapshot for tablet ${tablet.id}. visible version: ${p.visibleVersion}`,
            });
          }
        }
      }
    }
  }
  const limit = fe.config.int('max_backup_tablets_per_job');
  if (tabletCount > limit) {
    throw new JobFailure({
      code: 'COMMON_ERROR',
      msg: `the number of tablets ${tabletCount} exceeds max_backup_tablets_per_job ${limit}, please reduce the backup tables or partitions`,
    });
  }
  const tables: OlapTable[] = [];
  const tasks: TabletSnapshotTask[] = [];
  fe.commit(() => {
    job.tableCommitSeqs = [];
    job.tablets = [];
    for (const { table, partitions } of olap) {
      const copy = copyTableForBackup(table, partitions);
      job.tableCommitSeqs.push({ tableId: table.id, seq: barrier(fe, db, table) });
      tasks.push(...snapshotTasks(fe, job, copy));
      tables.push(copy);
    }
    job.state = 'SNAPSHOTING';
    jobStore(fe).save(job);
  });
  // Same synchronous turn as the commit: nothing else has written since.
  copies(fe).set(job.jobId, beginSnapshotCopy(fe.sqlite, snapshotStore(fe.sqlite), tasks));
  staged(fe).set(job.jobId, newSnapshotMeta(db, tables, views));
}

/** The plain BARRIER a backup writes per table; its journal id is the table's snapshot commit seq. */
function barrier(fe: Frontend, db: Database, table: OlapTable): bigint {
  return logDdl(fe, BinlogType.BARRIER, db.id, [table.id], () => ({
    dbId: db.id,
    dbName: db.name,
    tableId: table.id,
    tableName: table.name,
    binlogType: 0,
  }));
}

/** SAVE_META: the snapshot becomes readable by getSnapshot. */
function saveMeta(fe: Frontend, job: BackupJob): void {
  const meta = staged(fe).get(job.jobId);
  if (!meta) throw new JobFailure({ code: 'COMMON_ERROR', msg: 'backup meta is lost' });
  const jobInfo = buildJobInfo(job, meta);
  fe.commit(() => {
    jobStore(fe).putSnapshot({
      label: job.label,
      jobId: job.jobId,
      meta: encodeMeta(meta),
      jobInfo,
      expiredAt: job.createTime + job.timeoutMs,
      commitSeq: job.commitSeq,
    });
    job.state = 'FINISHED';
    job.finishedTime = fe.clock.now();
    jobStore(fe).save(job);
  });
  staged(fe).delete(job.jobId);
}

/** SNAPSHOTING: waits for the data files pinned at PENDING. */
async function awaitSnapshots(fe: Frontend, job: BackupJob): Promise<void> {
  const copy = copies(fe).get(job.jobId);
  if (!copy) throw new JobFailure({ code: 'COMMON_ERROR', msg: 'tablet snapshots are lost' });
  try {
    await copy.done;
  } catch (error) {
    // A job cancelled meanwhile stopped its copy itself.
    if (isDone(job)) return;
    sandboxLog().error(
      { err: error, jobId: String(job.jobId), label: job.label },
      `backup job ${job.jobId} (${job.label}): making tablet snapshots failed: ${(error as Error).message}`,
    );
    throw new JobFailure({
      code: 'COMMON_ERROR',
      msg: `make snapshot failed: ${(error as Error).message}`,
    });
  } finally {
    copies(fe).delete(job.jobId);
  }
}

/** Runs the job's current state; returns the delay before the next one, or undefined when it is done. */
export async function advanceBackup(fe: Frontend, job: BackupJob): Promise<number | undefined> {
  try {
    switch (job.state) {
      case 'PENDING':
        prepareSnapshots(fe, job);
        return STEP_MS;
      case 'SNAPSHOTING':
        await awaitSnapshots(fe, job);
        if (isDone(job)) return undefined;
        // The local repository skips UPLOAD_SNAPSHOT and UPLOADING.
        job.snapshotFinishedTime = fe.clock.now();
        job.state = 'SAVE_META';
        fe.commit(() => jobStore(fe).save(job));
        return STEP_MS;
      case 'SAVE_META':
        saveMeta(fe, job);
        return undefined;
      case 'UPLOAD_SNAPSHOT':
      case 'UPLOADING':
      case 'UPLOAD_INFO':
        throw new JobFailure({
          code: 'COMMON_ERROR',
          msg: `unexpected state ${job.state} for a local backup`,
        });
      case 'FINISHED':
      case 'CANCELLED':
        return undefined;
    }
  } catch (error) {
    if (!(error instanceof JobFailure)) throw error;
    cancelBackupJob(fe, job, error.status);
    return undefined;
  }
}

/** Releases the tablet snapshots the job took (Doris's ReleaseSnapshotTask); idempotent. */
export function releaseBackupSnapshots(fe: Frontend, job: BackupJob): void {
  if (job.released) return;
  const store = snapshotStore(fe.sqlite);
  const roots = new Map(job.tablets.map((t) => [`${t.backendId}:${t.root}`, t]));
  for (const t of roots.values()) store.release(t.backendId, t.root);
  job.released = true;
}

export function cancelBackupJob(fe: Frontend, job: BackupJob, status: JobStatus): void {
  copies(fe).get(job.jobId)?.cancel();
  copies(fe).delete(job.jobId);
  fe.commit(() => {
    releaseBackupSnapshots(fe, job);
    jobStore(fe).removeSnapshotOf(job.jobId);
    job.status = status;
    job.state = 'CANCELLED';
    job.finishedTime = fe.clock.now();
    jobStore(fe).save(job);
  });
  staged(fe).delete(job.jobId);
}

/** A job that falls out of its database's deque takes its tablet snapshots with it. */
export function releaseEvicted(fe: Frontend, job: Job): void {
  if (job.kind === 'BACKUP') releaseBackupSnapshots(fe, job);
}

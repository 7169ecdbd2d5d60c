// Cancelling a restore (RestoreJob.cancelInternal → cleanMetaObjects): the tables, shadow tables and views
// it created are removed with their data, the partitions it added to existing tables too, and existing
// tables it held in RESTORE state go back to NORMAL, and the table an atomic restore was to replace loses
// its in_atomic_restore mark. Data already moved into existing partitions during
// COMMIT stays, as in Doris.
import type { Frontend } from '../frontend.js';
import { jobStore } from './job-store.js';
import { IN_ATOMIC_RESTORE, type JobStatus, type RestoreJob } from './job-types.js';
import { discardStagedRows, eraseTabletsOf } from './restore-commit.js';
import { dropStagedDownloads } from './restore-download.js';

export function cancelRestoreJob(fe: Frontend, job: RestoreJob, status: JobStatus): void {
  const db = fe.catalog.database(job.dbId);
  fe.commit(() => {
    discardStagedRows(fe, job);
    if (db) {
      for (const restored of job.restored) {
        if (restored.mode === 'EXISTING') continue;
        const table = db.tables.get(restored.tableId);
        if (!table) continue;
        fe.catalog.dropTable(db, table);
        eraseTabletsOf(fe, table);
      }
      for (const added of job.addedPartitions) {
        const table = db.tables.get(added.tableId);
        const partition = table?.kind === 'OLAP' ? table.partitions.get(added.partitionId) : undefined;
        if (table?.kind !== 'OLAP' || !partition) continue;
        table.partitions.delete(partition.id);
        for (const index of partition.indexes.values()) {
          for (const tablet of index.tablets) {
            for (const r of tablet.replicas) fe.backends.get(r.backendId)?.dropTablet(tablet.id);
          }
        }
        fe.store.deletePartitionVersion(partition.id);
        fe.catalog.saveTable(db, table);
      }
      for (const tableId of job.lockedTableIds) {
        const table = db.tables.get(tableId);
        if (table?.kind !== 'OLAP') continue;
        const marked = table.properties.delete(IN_ATOMIC_RESTORE);
        const restoring = table.state === 'RESTORE';
        if (restoring) table.state = 'NORMAL';
        if (restoring || marked) fe.catalog.saveTable(db, table);
      }
    }
    job.status = status;
    job.state = 'CANCELLED';
    job.finishedTime = fe.clock.now();
    jobStore(fe).save(job);
  });
  dropStagedDownloads(fe, job.jobId);
}

// Deleting a job must leave no backup or restore of it running on either cluster (the Go syncer leaves
// them behind). Only the job's own snapshot and restore are cancelled: CANCEL BACKUP/RESTORE act on the
// database's running job, so we first check by name that the running one is ours.

import { quoteIdent as q } from '../../clients/sql-quote.js';
import type { ClusterAccess } from '../cluster-access.js';
import type { JobProgress } from '../progress.js';

const DONE = new Set(['FINISHED', 'CANCELLED']);

export async function cancelSnapshotJobs(
  progress: JobProgress,
  src: ClusterAccess,
  dest: ClusterAccess,
  srcDb: string,
  destDb: string,
): Promise<string[]> {
  const cancelled: string[] = [];
  const snapshot = progress.snapshot;
  if (!snapshot) return cancelled;
  const quoted = snapshot.replace(/["\\]/g, '\\$&');
  const backups = await src.sql.query(`SHOW BACKUP FROM ${q(srcDb)} WHERE SnapshotName = "${quoted}"`);
  if (backups.some((b) => !DONE.has(String(b.State)))) {
    await src.sql.execute(`CANCEL BACKUP FROM ${q(srcDb)}`);
    cancelled.push(`backup ${snapshot}`);
  }
  // Restore labels start with the snapshot name (labels.ts); the label may not be recorded yet.
  const restores = await dest.sql.query(`SHOW RESTORE FROM ${q(destDb)} WHERE Label LIKE "${quoted}%"`);
  const running = restores.find((r) => !DONE.has(String(r.State)));
  if (running) {
    await dest.sql.execute(`CANCEL RESTORE FROM ${q(destDb)}`);
    cancelled.push(`restore ${String(running.Label)}`);
  }
  return cancelled;
}

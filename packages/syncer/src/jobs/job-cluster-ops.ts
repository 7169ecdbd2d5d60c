// What admin commands do on a job's clusters or record, apart from the engine that decides when: leave
// nothing open after a delete, clear is_being_synced on desync, merge a host-mapping change.
import { quoteIdent as q } from '../clients/sql-quote.js';
import type { JobRecord } from '../model/job-record.js';
import type { ClusterAccess } from './cluster-access.js';
import type { LiveJob } from './job-views.js';
import type { JobProgress } from './progress.js';
import { cancelSnapshotJobs } from './snapshot/cancel-snapshot.js';

type Log = (level: 'info' | 'warn', message: string) => void;

/** Leaves nothing open behind: a transaction in flight is rolled back, our backup/restore cancelled. */
export async function cleanUpDeleted(job: LiveJob, log: Log): Promise<void> {
  const { src, dest } = job;
  if (!src || !dest) return;
  const txn = job.progress.txn;
  if (txn && BigInt(txn.txnId) > 0n) {
    await dest.fe
      .rollbackTxn({
        user: dest.spec.user,
        passwd: dest.spec.password,
        db: dest.spec.database,
        txn_id: BigInt(txn.txnId),
        reason: 'job deleted',
      })
      .catch(() => undefined);
  }
  await cancelSnapshotJobs(job.progress, src, dest, job.record.src.database, job.record.dest.database)
    .then((what) => {
      if (what.length) log('info', `job deleted: cancelled ${what.join(' and ')}`);
    })
    .catch((error: unknown) =>
      log('warn', `could not cancel the job's backup/restore: ${(error as Error).message}`),
    );
}

/** Clears is_being_synced on every target table the job copies, so they behave as ordinary tables. */
export async function desyncTargets(
  dest: ClusterAccess,
  record: JobRecord,
  progress: JobProgress,
): Promise<void> {
  const db = q(record.dest.database);
  const tables =
    record.sync_type === 'db_sync'
      ? Object.values(progress.tables)
          .filter((t) => !t.isView && t.name)
          .map((t) => t.destName ?? t.name)
      : [record.dest.table];
  for (const table of tables) {
    await dest.sql
      .execute(`ALTER TABLE ${db}.${q(table)} SET ("is_being_synced" = "false")`)
      .catch((error: unknown) => {
        // A table dropped since is nothing to desync; anything else is the operator's to know.
        if (!/does not exist|Unknown table/i.test((error as Error).message)) throw error;
      });
  }
}

/** The record with host-mapping changes applied (an empty value removes the entry). */
export function withHostMapping(
  record: JobRecord,
  src: Record<string, string>,
  dest: Record<string, string>,
): JobRecord {
  const merge = (base: Readonly<Record<string, string>> | undefined, change: Record<string, string>) => {
    const out = { ...(base ?? {}) };
    for (const [k, v] of Object.entries(change)) {
      if (v === '') delete out[k];
      else out[k] = v;
    }
    return out;
  };
  return {
    ...record,
    src: { ...record.src, host_mapping: merge(record.src.host_mapping, src) },
    dest: { ...record.dest, host_mapping: merge(record.dest.host_mapping, dest) },
  };
}

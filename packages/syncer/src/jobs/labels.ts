// Deterministic names the syncer gives to what it creates on the clusters. A transaction label is a function
// of the job and the source commit seq, so after a crash the syncer asks the target FE whether that label
// committed and never applies a binlog twice or skips one (the Go syncer's random prefixes defeat this).
// Doris labels allow [-_A-Za-z0-9:] and 128 characters; job names may hold anything, so they are hashed.
import { createHash } from 'node:crypto';

export function jobTag(jobName: string): string {
  const safe = jobName.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40);
  const hash = createHash('sha1').update(jobName, 'utf8').digest('hex').slice(0, 8);
  return `${safe}_${hash}`;
}

/** Target transaction label for the source binlog `commitSeq` of job `jobName`. */
export function txnLabel(jobName: string, commitSeq: bigint): string {
  return `ccrj:${jobTag(jobName)}:${commitSeq}`;
}

/** Backup snapshot name of the `syncId`-th full (or partial) sync; the prefix finds it again after a crash. */
export function snapshotName(
  jobName: string,
  syncId: number,
  kind: 'full' | 'partial',
  unixSeconds: number,
): string {
  return `${snapshotPrefix(jobName, syncId, kind)}_${unixSeconds}`;
}

export function snapshotPrefix(jobName: string, syncId: number, kind: 'full' | 'partial'): string {
  return `${kind === 'full' ? 'ccrs' : 'ccrp'}_${jobTag(jobName)}_${syncId}`;
}

/** Restores issued by this process; part of each restore label (wraps, never repeats within a second). */
let restoreSerial = 0;

/**
 * Label of a new restore of `snapshot`. A restore the target cancels at once (a table of another schema) is
 * re-issued within the same second; with the second alone as suffix the new restore would share the
 * cancelled one's label, and SHOW RESTORE … WHERE Label = … would answer with the cancelled job first.
 */
export function restoreLabel(snapshot: string, unixSeconds: number): string {
  restoreSerial = (restoreSerial % 9999) + 1;
  return `${snapshot}_r_${unixSeconds}_${restoreSerial}`;
}

/**
 * Snapshot name of a full sync shared by several table jobs of one database pair: readable `databases`, a
 * hash of the whole pair (`pairKey`: clusters, users, databases) and a `serial` per process.
 */
export function sharedSnapshotName(
  databases: string,
  pairKey: string,
  serial: number,
  unixSeconds: number,
): string {
  const safe = databases.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40);
  const hash = createHash('sha1').update(pairKey, 'utf8').digest('hex').slice(0, 8);
  return `ccrb_${safe}_${hash}_${serial}_${unixSeconds}`;
}

// The cluster operations of every snapshot (full sync, shared full sync, database full sync, partial
// sync): BACKUP on the source, getSnapshot, restoreSnapshot on the target, and reading both jobs' states.
// Each answers what happened in a few words ('busy' when another backup or restore holds the database,
// 'gone' when the snapshot expired) and leaves the decision to the step that called it.
import { gunzipSync } from 'node:zlib';
import { SnapshotType, StatusCode } from '@doris-ccr/protocol';
import { quoteIdent as q, quoteString } from '../../clients/sql-quote.js';
import type { ClusterAccess, Row } from '../cluster-access.js';
import { cred } from '../job-context.js';
import { retryable } from '../job-errors.js';
import { sourceExtraInfo, withExtraInfo } from './snapshot-info.js';

/** Doris's answer when another backup or restore holds the database. */
export const SLOT_BUSY = /one backup or restore job of a database at same time/i;

/** What a snapshot copies: some tables (with their target names), or the whole database. */
export interface SnapshotScope {
  readonly srcDb: string;
  readonly destDb: string;
  /** Empty: the whole database, tables and views. */
  readonly tables: readonly ScopeTable[];
  /** Only with exactly one table: these partitions of it. */
  readonly partitions?: readonly string[];
}

export interface ScopeTable {
  readonly src: string;
  /** The name it gets on the target (an alias when it differs). */
  readonly dest: string;
}

/** Snapshot blobs, uncompressed. */
export interface SnapshotBlobs {
  readonly meta: Uint8Array;
  readonly jobInfo: string;
  readonly expiredAt: bigint;
  /** The source's binlog position when the backup was taken (0 when the FE does not say). */
  readonly commitSeq: bigint;
}

/** A backup's or restore's state: done, still running, or failed with Doris's status. */
export type JobState = { kind: 'done' } | { kind: 'running' } | { kind: 'failed'; reason: string };

function stateOf(row: Row | undefined, what: string): JobState {
  if (row?.State === 'FINISHED') return { kind: 'done' };
  if (!row) return { kind: 'failed', reason: `${what} not found` };
  if (row.State === 'CANCELLED')
    return { kind: 'failed', reason: `${what} cancelled: ${String(row.Status)}` };
  return { kind: 'running' };
}

/** Issues BACKUP SNAPSHOT; 'busy' while the database's backup/restore slot is taken. Other errors throw. */
export async function issueBackup(
  src: ClusterAccess,
  scope: SnapshotScope,
  name: string,
): Promise<'issued' | 'busy'> {
  const partitions =
    scope.partitions?.length && scope.tables.length === 1
      ? ` PARTITION (${scope.partitions.map(q).join(', ')})`
      : '';
  const on = scope.tables.length ? ` ON (${scope.tables.map((t) => q(t.src)).join(', ')}${partitions})` : '';
  try {
    await src.sql.execute(
      `BACKUP SNAPSHOT ${q(scope.srcDb)}.${q(name)} TO \`__keep_on_local__\`${on} PROPERTIES ("type" = "full")`,
    );
    return 'issued';
  } catch (error) {
    if (SLOT_BUSY.test((error as Error).message)) return 'busy';
    throw error;
  }
}

/** The newest backup of this database whose name starts with `prefix` and that was not cancelled. */
export async function ownBackup(src: ClusterAccess, db: string, prefix: string): Promise<string | undefined> {
  const rows = await src.sql.query(
    `SHOW BACKUP FROM ${q(db)} WHERE SnapshotName LIKE ${quoteString(`${likePrefix(prefix)}%`)}`,
  );
  const live = rows.filter((r) => r.State !== 'CANCELLED');
  return live.length ? String(live[live.length - 1]!.SnapshotName) : undefined;
}

/** `onRow` sees the SHOW BACKUP row (for the sync's progress), when there is one. */
export async function backupState(
  src: ClusterAccess,
  db: string,
  name: string,
  onRow?: (row: Row) => void,
): Promise<JobState> {
  const rows = await src.sql.query(`SHOW BACKUP FROM ${q(db)} WHERE SnapshotName = ${quoteString(name)}`);
  if (rows[0]) onRow?.(rows[0]);
  return stateOf(rows[0], `backup ${name}`);
}

/** getSnapshot of a finished backup; 'gone' when the source no longer has it. */
export async function fetchSnapshot(
  src: ClusterAccess,
  db: string,
  name: string,
  table = '',
): Promise<SnapshotBlobs | { gone: string }> {
  const result = await src.fe.getSnapshot({
    ...cred(src),
    db,
    table,
    label_name: name,
    snapshot_name: '',
    snapshot_type: SnapshotType.LOCAL,
    enable_compress: true,
  });
  const code = result.status?.status_code;
  const message = result.status?.error_msgs?.join('; ') ?? '';
  if (code === StatusCode.SNAPSHOT_NOT_EXIST || code === StatusCode.SNAPSHOT_EXPIRED)
    return { gone: `snapshot ${name} is gone: ${message}` };
  if (code !== StatusCode.OK) throw retryable(`getSnapshot failed: ${message}`);
  const unzip = (b: Uint8Array | undefined) =>
    result.compressed && b ? gunzipSync(b) : Buffer.from(b ?? []);
  return {
    meta: unzip(result.meta),
    jobInfo: unzip(result.job_info).toString('utf8'),
    expiredAt: result.expiredAt ?? 0n,
    commitSeq: result.commit_seq ?? 0n,
  };
}

/**
 * restoreSnapshot on the target, with what its BEs need to pull the files from the source BEs; restores
 * only the scope's tables (under their target names), or everything the snapshot holds.
 */
export async function issueRestore(
  src: ClusterAccess,
  dest: ClusterAccess,
  scope: SnapshotScope,
  label: string,
  blobs: SnapshotBlobs,
  options: { atomic: boolean; table?: string },
): Promise<'issued' | 'busy'> {
  const jobInfo = withExtraInfo(blobs.jobInfo, await sourceExtraInfo(src));
  const result = await dest.fe.restoreSnapshot({
    ...cred(dest),
    db: scope.destDb,
    table: options.table ?? '',
    label_name: label,
    repo_name: '__keep_on_local__',
    table_refs: scope.tables.map((t) =>
      t.dest === t.src ? { table: t.src } : { table: t.src, alias_name: t.dest },
    ),
    properties: new Map([['reserve_replica', 'true']]),
    meta: blobs.meta,
    job_info: Buffer.from(jobInfo, 'utf8'),
    clean_tables: false,
    clean_partitions: false,
    atomic_restore: options.atomic,
  });
  if (result.status?.status_code === StatusCode.OK) return 'issued';
  const error = result.status?.error_msgs?.join('; ') ?? '';
  if (SLOT_BUSY.test(error)) return 'busy';
  throw retryable(`restoreSnapshot failed: ${error}`);
}

/** The newest restore into this database whose label starts with `prefix` and that was not cancelled. */
export async function ownRestore(
  dest: ClusterAccess,
  db: string,
  prefix: string,
): Promise<string | undefined> {
  const rows = await dest.sql.query(
    `SHOW RESTORE FROM ${q(db)} WHERE Label LIKE ${quoteString(`${likePrefix(prefix)}%`)}`,
  );
  const live = rows.filter((r) => r.State !== 'CANCELLED');
  return live.length ? String(live[live.length - 1]!.Label) : undefined;
}

/** `onRow` sees the SHOW RESTORE row (for the sync's progress), when there is one. */
export async function restoreState(
  dest: ClusterAccess,
  db: string,
  label: string,
  onRow?: (row: Row) => void,
): Promise<JobState> {
  const rows = await dest.sql.query(`SHOW RESTORE FROM ${q(db)} WHERE Label = ${quoteString(label)}`);
  if (rows[0]) onRow?.(rows[0]);
  return stateOf(rows[0], `restore ${label}`);
}

/** A LIKE pattern matching names that start with `prefix` exactly (`_` and `%` escaped). */
function likePrefix(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
}

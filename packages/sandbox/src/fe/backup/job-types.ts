// Backup and restore jobs (Doris's BackupJob / RestoreJob) as plain data: persisted after every state
// change (job-store.ts) and shown by SHOW BACKUP / SHOW RESTORE. Times are ms epochs, -1 when unset.
import type { OlapTable, View } from '../../catalog/table.js';

export type BackupState =
  | 'PENDING'
  | 'SNAPSHOTING'
  | 'UPLOAD_SNAPSHOT'
  | 'UPLOADING'
  | 'SAVE_META'
  | 'UPLOAD_INFO'
  | 'FINISHED'
  | 'CANCELLED';

export type RestoreState =
  | 'PENDING'
  | 'CREATING'
  | 'SNAPSHOTING'
  | 'DOWNLOAD'
  | 'DOWNLOADING'
  | 'COMMIT'
  | 'COMMITTING'
  | 'FINISHED'
  | 'CANCELLED';

/** The backup module's status codes (backup/Status.java). */
export type ErrCode =
  | 'OK'
  | 'NOT_FOUND'
  | 'BAD_FILE'
  | 'CREATE_REMOTE_PATH_FAILED'
  | 'IS_DIR'
  | 'IS_FILE'
  | 'TIMEOUT'
  | 'BAD_CONNECTION'
  | 'COMMON_ERROR'
  | 'OLAP_VERSION_ALREADY_MERGED';

export interface JobStatus {
  readonly code: ErrCode;
  readonly msg: string;
}

export const STATUS_OK: JobStatus = { code: 'OK', msg: '' };

/** Status.toString(): `[OK]` or `[CODE, msg: text]`. */
export function statusText(status: JobStatus): string {
  return status.code === 'OK' ? '[OK]' : `[${status.code}, msg: ${status.msg}]`;
}

export interface SnapshotTableRef {
  readonly table: string;
  readonly partitions?: readonly string[];
}

/** One tablet snapshot taken by a backup: which BE holds it and where. */
export interface TabletSnapshotInfo {
  readonly tabletId: bigint;
  readonly backendId: bigint;
  /** The snapshot root on that BE; the tablet's files are under `<root>/<tabletId>/<schemaHash>`. */
  readonly root: string;
  readonly files: readonly string[];
}

export interface BackupJob {
  readonly kind: 'BACKUP';
  readonly jobId: bigint;
  readonly dbId: bigint;
  readonly dbName: string;
  readonly label: string;
  readonly createTime: number;
  readonly timeoutMs: number;
  readonly tableRefs: readonly SnapshotTableRef[];
  /** A journal position taken when the job was created (getSnapshot's `commit_seq`). */
  readonly commitSeq: bigint;
  state: BackupState;
  status: JobStatus;
  snapshotFinishedTime: number;
  uploadFinishedTime: number;
  finishedTime: number;
  /** Filled at PENDING: each table's barrier seq and every tablet snapshot. */
  tableCommitSeqs: Array<{ tableId: bigint; seq: bigint }>;
  tablets: TabletSnapshotInfo[];
  /** Tablet snapshots were released (job cancelled, snapshot expired or evicted). */
  released: boolean;
}

/** The catalog objects a backup carries (the getSnapshot `meta` blob, our own encoding). */
export interface SnapshotMeta {
  readonly format: 'doris-sandbox-backup-meta';
  readonly version: 1;
  readonly dbId: bigint;
  readonly dbName: string;
  /** OLAP tables with only the backed-up partitions, at their snapshot versions. */
  readonly tables: OlapTable[];
  readonly views: View[];
}

/** How a restored OLAP table lands on the target. */
export type RestoreMode = 'NEW' | 'EXISTING' | 'ATOMIC';

/** One target tablet replica set fed from one source tablet snapshot. */
export interface TabletMapping {
  readonly tabletId: bigint;
  readonly tableId: bigint;
  readonly partitionId: bigint;
  readonly indexId: bigint;
  readonly sourceTabletId: bigint;
  readonly sourceBackendId: bigint;
  /** `<root>/<tabletId>/<schemaHash>` on the source BE. */
  readonly sourceDir: string;
}

export interface RestoredTable {
  readonly sourceName: string;
  /** The name the table has once the restore finishes (alias or source name). */
  readonly targetName: string;
  readonly mode: RestoreMode;
  /** The table that receives the data: new, existing, or the atomic-restore shadow table. */
  readonly tableId: bigint;
  readonly isView: boolean;
}

export interface RestoreJob {
  readonly kind: 'RESTORE';
  readonly jobId: bigint;
  readonly dbId: bigint;
  readonly dbName: string;
  readonly label: string;
  /** The snapshot's backup time, `yyyy-MM-dd-HH-mm-ss`. */
  readonly backupTimestamp: string;
  readonly createTime: number;
  readonly timeoutMs: number;
  readonly allowLoad: boolean;
  readonly replicationNum: number;
  readonly reserveReplica: boolean;
  readonly reserveDynamicPartitionEnable: boolean;
  readonly isBeingSynced: boolean;
  readonly cleanTables: boolean;
  readonly cleanPartitions: boolean;
  readonly atomicRestore: boolean;
  readonly forceReplace: boolean;
  /** The restore objects for RestoreObjs (olap tables with partitions, views). */
  readonly objects: RestoreObjects;
  readonly meta: SnapshotMeta;
  /** Source BE id → its webserver, and the source cluster's token (job_info.extra_info). */
  readonly sourceBackends: Array<{ id: bigint; ip: string; port: number }>;
  readonly token: string;
  /** Source tablet id → BE holding its snapshot and the snapshot root. */
  readonly sourceTablets: Array<{ tabletId: bigint; backendId: bigint; root: string; schemaHash: number }>;
  state: RestoreState;
  status: JobStatus;
  metaPreparedTime: number;
  snapshotFinishedTime: number;
  downloadFinishedTime: number;
  finishedTime: number;
  /** Filled at PENDING. */
  restored: RestoredTable[];
  /** Partitions this job added to existing tables (removed again on cancel). */
  addedPartitions: Array<{ tableId: bigint; partitionId: bigint }>;
  /** Existing partitions whose data and version the commit replaces. */
  overwritten: Array<{ tableId: bigint; partitionId: bigint; version: bigint }>;
  /** Existing tables put into RESTORE state (back to NORMAL at the end). */
  lockedTableIds: bigint[];
  mappings: TabletMapping[];
  downloadedTablets: number;
  committedTablets: number;
}

export interface RestoreObjects {
  readonly name: string;
  readonly database: string;
  readonly backupTime: number;
  readonly tables: Array<{ readonly name: string; readonly alias?: string; readonly partitions: string[] }>;
  readonly views: Array<{ readonly name: string; readonly alias?: string }>;
}

export type Job = BackupJob | RestoreJob;

export function isDone(job: Job): boolean {
  return job.state === 'FINISHED' || job.state === 'CANCELLED';
}

export const ATOMIC_RESTORE_PREFIX = '__doris_atomic_restore_prefix__';
/** Table property that marks the existing table of an atomic restore until the restore ends (Doris's name). */
export const IN_ATOMIC_RESTORE = 'in_atomic_restore';
export const LOCAL_REPO = '__keep_on_local__';

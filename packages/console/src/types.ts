// The API's answers as the console reads them (packages/syncer/src/api/schemas.ts describes them all).

export type JobState = 'running' | 'failing' | 'stalled' | 'paused';

/** job_status's `sync_progress`, present while a full or partial sync runs. */
export interface SyncProgress {
  kind: 'full' | 'partial';
  reason: string;
  phase: 'backup' | 'snapshot' | 'restore' | 'swap' | 'done';
  started_at: number;
  phase_started_at: number;
  tables_total: number;
  tables_done: number;
  bytes_total?: number;
  bytes_done?: number;
  percent: number;
  eta_seconds?: number;
  /** The latest SHOW BACKUP / SHOW RESTORE row's fields, by Doris's names. */
  doris?: Record<string, string>;
}

export interface JobStatus {
  name: string;
  state: JobState;
  progress_state: string;
  step?: string;
  last_error: string;
  last_error_at: number;
  owner?: string;
  stalled_since?: number;
  lag_binlogs?: number;
  lag_seconds?: number;
  runway_seconds?: number;
  runway_limit?: string;
  runway_warning?: boolean;
  last_full_sync_seconds?: number;
  sync_progress?: SyncProgress;
}

export interface ClusterSpec {
  host: string;
  port: string;
  user: string;
  database: string;
  table?: string;
}

export interface JobDetail {
  name: string;
  sync_type?: string;
  src: ClusterSpec;
  dest: ClusterSpec;
}

export interface TableStatus {
  src_table_id: string;
  name: string;
  dest_table_id: string | null;
  kind: 'table' | 'view';
  state: string;
  applied_commit_seq: string;
  last_sync: unknown;
}

export interface LagSample {
  at: number;
  lag_seconds?: number;
  lag_binlogs: number;
}

export interface JobEvent {
  id: number;
  at: number;
  time: string;
  kind: string;
  message: string;
}

export interface Digest {
  rows: number;
  checksum: string;
  /** That side has no such table or partition. */
  missing?: true;
}

export interface VerifyResult {
  job: string;
  started_at: string;
  finished_at: string;
  matched: boolean;
  commit_seq: string;
  attempts: number;
  differences: number;
  /** Tables the source kept changing through every attempt. */
  unsettled?: number;
  tables: Array<{
    table: string;
    dest_table: string;
    match: boolean;
    settled?: boolean;
    skipped_columns?: string[];
    error?: string;
    src: Digest;
    dest: Digest;
    partitions?: Array<{ partition: string; match: boolean; src: Digest; dest: Digest }>;
  }>;
}

// What the HTTP API asks of the job engine. The API validates requests and shapes answers; the engine owns
// every state change. Each method answers promptly: none waits for a job's long step.
import type { EventQuery, JobEvent } from './job-events.js';
import type { JobRecord } from './job-record.js';
import type { Spec } from './spec.js';
import type { SyncProgressView } from './sync-progress.js';
import type { VerifyResult } from './verify-result.js';

export interface CreateJobRequest {
  readonly name: string;
  readonly src: Spec;
  readonly dest: Spec;
  readonly allow_table_exists: boolean;
  readonly reuse_binlog_label: boolean;
  /** Database jobs: only tables whose names match one of these (names or `*`/`?` globs). */
  readonly include_tables?: readonly string[];
  /** Database jobs: tables whose names match one of these are left out. */
  readonly exclude_tables?: readonly string[];
  /** Table jobs: a source table dropped and re-created under the same name is followed by a full sync. */
  readonly follow_recreated_table?: boolean;
}

/**
 * A job's lag. Every field is a real value or absent — never a placeholder (-1, the epoch): the first_*
 * fields describe the first source binlog not yet applied, and are absent when there is none.
 */
export interface JobLag {
  /** Source binlogs not yet applied. */
  readonly lag: number;
  /** Commit seq of the first binlog not yet applied. */
  readonly first_commit_seq?: string;
  /** Commit seq of the newest source binlog. */
  readonly last_commit_seq?: string;
  /** Commit time of the first binlog not yet applied (absent also when the FE gives none, as for DDL). */
  readonly first_binlog_timestamp?: string;
  readonly last_binlog_timestamp?: string;
  /** Seconds from the first unapplied commit to the newest one: the span of the backlog. */
  readonly time_interval?: number;
  /** Seconds since the first unapplied source commit (0 when caught up; absent when its time is unknown). */
  readonly delay_seconds?: number;
  /** The job's last error, '' once it has recovered. */
  readonly last_error: string;
}

/**
 * How far behind a job is in time and how long the source keeps what it still needs. Every field is a
 * real value or absent (unknown, or — for the runway — no retention limit binds).
 */
export interface JobTimeHealth {
  /** Age of the oldest source binlog not applied yet, by its own commit time (0 when caught up). */
  readonly lag_seconds?: number;
  /** Seconds until the source collects the first binlog the job still needs (runway.ts). */
  readonly runway_seconds?: number;
  /** The retention limit that sets the runway, or 'none' when none binds. */
  readonly runway_limit?: 'ttl_seconds' | 'max_history_nums' | 'max_bytes' | 'none';
  /** The runway is shorter than the last full sync took (or gone). */
  readonly runway_warning?: boolean;
  readonly last_full_sync_seconds?: number;
}

export interface JobStatus extends JobTimeHealth {
  readonly name: string;
  /** `stalled`: nothing applied for --stall_seconds while the source has newer binlogs. */
  readonly state: 'running' | 'paused' | 'failing' | 'stalled';
  /** The sync state, by the Go syncer's names (TableIncrementalSync, DBFullSync, …). */
  readonly progress_state: string;
  /** The step within it (begin_snapshot … persist_restore, idle, commit_txn). */
  readonly step?: string;
  readonly last_error: string;
  /** Unix ms of the last error, 0 when none. */
  readonly last_error_at: number;
  /** The syncer running the job (`host:port`), '' when none does right now. */
  readonly owner?: string;
  /** Unix ms since which the job is stalled. */
  readonly stalled_since?: number;
  /** Source binlogs not applied yet, at the syncer's last look. */
  readonly lag_binlogs?: number;
  /** While a full or partial sync runs (on the syncer running the job): its phase and progress. */
  readonly sync_progress?: SyncProgressView;
}

/** lag_history: what the health monitor saw of a job over the last hour (empty: another syncer runs it). */
export interface LagHistoryView {
  readonly samples: ReadonlyArray<{ at: number; lag_seconds?: number; lag_binlogs: number }>;
  /** Between two samples. */
  readonly interval_seconds: number;
}

/** What list_syncers shows of each syncer of the group. */
export interface SyncerView {
  readonly id: string;
  readonly hostname: string;
  readonly pid: number;
  /** Unix ms. */
  readonly last_heartbeat: number;
  /** Heartbeat within the lease length (this syncer always is). */
  readonly alive: boolean;
  /** Jobs it holds a live lease for. */
  readonly jobs: number;
  /** The syncer that answered. */
  readonly self: boolean;
}

/** Pre-flight (POST /check): the job's specs as create_ccr takes them, or an existing job by name. */
export type CheckRequest =
  | {
      readonly kind: 'specs';
      readonly src: Spec;
      readonly dest: Spec;
      readonly include_tables?: readonly string[];
      readonly exclude_tables?: readonly string[];
    }
  | { readonly kind: 'job'; readonly name: string };

/** What one pre-flight check looked at (ops-contract shape 3). */
export type CheckName =
  | 'connect'
  | 'version'
  | 'versions_compatible'
  | 'privileges'
  | 'binlog_feature'
  | 'binlog_enabled'
  | 'target'
  | 'fe_reachable'
  | 'be_reachable'
  | 'runway';

export interface CheckItem {
  readonly check: CheckName;
  readonly ok: boolean;
  /** What was found, in words; never a password. */
  readonly detail: string;
  readonly side: 'src' | 'dest';
}

export interface CheckReport {
  /** Every check passed. */
  readonly ok: boolean;
  readonly checks: readonly CheckItem[];
}

/** A typed failure the API reports as `success:false` with this message (and an HTTP status). */
export class JobServiceError extends Error {
  override readonly name = 'JobServiceError';
  constructor(
    message: string,
    readonly httpStatus: 400 | 404 | 409 | 500 | 502 | 503 = 400,
  ) {
    super(message);
  }
}

export interface JobService {
  createJob(request: CreateJobRequest): Promise<void>;
  /** `by`: who asked (the API caller), for the event log. */
  pauseJob(name: string, by?: string): Promise<void>;
  resumeJob(name: string, by?: string): Promise<void>;
  deleteJob(name: string): Promise<void>;
  desyncJob(name: string): Promise<void>;
  forceFullSync(name: string): Promise<void>;
  skipBinlog(name: string, skipBy: 'silence' | 'fullsync', commitSeq: bigint): Promise<void>;
  updateHostMapping(name: string, src: Record<string, string>, dest: Record<string, string>): Promise<void>;
  listJobs(): Promise<string[]>;
  jobDetail(name: string): Promise<JobRecord>;
  jobStatus(name: string): Promise<JobStatus>;
  /** The progress document plus the history of full/partial syncs (reason, time, size). */
  jobProgress(name: string): Promise<Record<string, unknown>>;
  getLag(name: string): Promise<JobLag & JobTimeHealth>;
  /** The job's lag over the last hour, one sample per look of the health monitor. */
  lagHistory(name: string): Promise<LagHistoryView>;
  /** The job's event log (oldest first). */
  listEvents(name: string, query: EventQuery): Promise<JobEvent[]>;
  /** Prometheus text format. */
  metrics(): Promise<string>;
  /** The syncers sharing the metadata store, with their last heartbeat and job counts. */
  listSyncers(): Promise<readonly SyncerView[]>;
  /** Pre-flight from the syncer's side: binlog, privileges, versions, every FE/BE reachable, runway. */
  check(request: CheckRequest): Promise<CheckReport>;
  /**
   * Compares the job's source and target tables (all it follows, or `tables`, by source name) by row
   * count and checksum per partition at one source commit point; recorded as a `verify` event.
   */
  verifyJob(name: string, tables?: readonly string[]): Promise<VerifyResult>;
  /** The job's last verification on this syncer, or null. */
  verifyResult(name: string): Promise<VerifyResult | null>;
}

// The answers the ccr command reads, as the syncer's routes document them (src/api/schemas.ts and the
// shapes of the operator work in ops-contract: sync_progress, verify, check). Only what is printed.
export interface SyncProgress {
  readonly kind: 'full' | 'partial';
  readonly reason?: string;
  readonly phase: 'backup' | 'snapshot' | 'restore' | 'swap' | 'done';
  readonly started_at?: number;
  readonly phase_started_at?: number;
  readonly tables_total?: number;
  readonly tables_done?: number;
  readonly bytes_total?: number;
  readonly bytes_done?: number;
  readonly percent: number;
  readonly eta_seconds?: number;
  readonly doris?: Readonly<Record<string, string>>;
}

export interface JobStatusView {
  readonly name: string;
  readonly state: string;
  readonly progress_state: string;
  readonly step?: string;
  readonly last_error: string;
  readonly last_error_at: number;
  readonly owner?: string;
  readonly stalled_since?: number;
  readonly lag_binlogs?: number;
  readonly lag_seconds?: number;
  readonly runway_seconds?: number;
  readonly runway_limit?: string;
  readonly runway_warning?: boolean;
  readonly last_full_sync_seconds?: number;
  readonly sync_progress?: SyncProgress;
}

export interface LagView {
  readonly lag: number;
  readonly first_commit_seq?: string;
  readonly last_commit_seq?: string;
  readonly delay_seconds?: number;
  readonly last_error?: string;
  readonly lag_seconds?: number;
  readonly runway_seconds?: number;
  readonly runway_limit?: string;
  readonly runway_warning?: boolean;
  readonly last_full_sync_seconds?: number;
}

export interface EventView {
  readonly id: number;
  readonly at: number;
  readonly time: string;
  readonly kind: string;
  readonly message: string;
}

export interface CheckView {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly side: 'src' | 'dest';
}

export interface VerifySide {
  readonly rows: number;
  readonly checksum: string;
  /** That side has no such table or partition. */
  readonly missing?: true;
}

export interface VerifyTable {
  readonly table: string;
  readonly dest_table: string;
  readonly match: boolean;
  /** Both sides were measured at one source state (false: the source kept changing). */
  readonly settled?: boolean;
  /** A side could not be measured. */
  readonly error?: string;
  readonly skipped_columns?: readonly string[];
  readonly src: VerifySide;
  readonly dest: VerifySide;
  readonly partitions?: readonly { partition: string; match: boolean; src: VerifySide; dest: VerifySide }[];
}

export interface VerifyView {
  readonly job: string;
  readonly started_at: string;
  readonly finished_at: string;
  readonly matched: boolean;
  readonly commit_seq: string;
  readonly attempts: number;
  readonly differences: number;
  /** Tables that never settled within the attempts. */
  readonly unsettled?: number;
  readonly tables: readonly VerifyTable[];
}

/** What job_detail answers (passwords redacted). */
export interface JobDetailView {
  readonly name: string;
  readonly sync_type: 'db_sync' | 'table_sync';
  readonly src: Readonly<Record<string, unknown>>;
  readonly dest: Readonly<Record<string, unknown>>;
  readonly state: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

// The answers the ccr command reads. Where the daemon has a type for an answer (job_status, sync_progress,
// verify, check) it is that type; the rest are the fields the command prints.

/** job_status's `status` (the daemon's own type: the command reads what the route answers). */
export type { JobStatus as JobStatusView } from '../model/job-service.js';
export type { SyncProgressView as SyncProgress } from '../model/sync-progress.js';

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

export type { CheckItem as CheckView } from '../model/job-service.js';
export type { VerifyResult as VerifyView, VerifySide, VerifyTable } from '../model/verify-result.js';

/** What job_detail answers (passwords redacted). */
export interface JobDetailView {
  readonly name: string;
  readonly sync_type: 'db_sync' | 'table_sync';
  readonly src: Readonly<Record<string, unknown>>;
  readonly dest: Readonly<Record<string, unknown>>;
  readonly state: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

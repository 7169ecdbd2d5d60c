// A persisted job: what to replicate and whether it should run. Progress lives apart (progress.ts).
import type { Spec } from './spec.js';

export type SyncType = 'db_sync' | 'table_sync';
/** Operator intent: running jobs are scheduled, paused ones are not. */
export type JobState = 'running' | 'paused';

export interface JobExtra {
  readonly reuse_binlog_label?: boolean;
  readonly skip_binlog?: boolean;
  readonly skip_commit_seq?: string;
  readonly skip_by?: 'silence' | 'fullsync';
  readonly include_tables?: readonly string[];
  readonly exclude_tables?: readonly string[];
  readonly follow_recreated_table?: boolean;
}

export interface JobRecord {
  readonly name: string;
  readonly sync_type: SyncType;
  readonly src: Spec;
  readonly dest: Spec;
  readonly state: JobState;
  readonly extra: JobExtra;
  /** Unix ms. */
  readonly created_at: number;
}

// How far a running full or partial sync is, as job_status shows it (`sync_progress`): its phase, the
// backup's or restore's own progress as Doris reports it (SHOW BACKUP / SHOW RESTORE), and an estimate.

export type SyncPhase = 'backup' | 'snapshot' | 'restore' | 'swap' | 'done';

/** The fields of the latest SHOW BACKUP / SHOW RESTORE row, by Doris's column names. */
export interface DorisJobFields {
  readonly State: string;
  readonly Progress: string;
  readonly UnfinishedTasks: string;
  readonly TaskErrMsg: string;
}

export interface SyncProgressView {
  readonly kind: 'full' | 'partial';
  readonly reason: string;
  readonly phase: SyncPhase;
  /** Unix ms. */
  readonly started_at: number;
  readonly phase_started_at: number;
  readonly tables_total: number;
  readonly tables_done: number;
  /** Bytes of the snapshot's files, once the snapshot's metadata is read. */
  readonly bytes_total?: number;
  readonly bytes_done?: number;
  readonly percent: number;
  /** Seconds left, from the pace so far (absent until there is a pace to go by). */
  readonly eta_seconds?: number;
  readonly doris?: DorisJobFields;
}

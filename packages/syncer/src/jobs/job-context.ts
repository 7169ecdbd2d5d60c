// Everything a job's steps share, whatever its kind: both clusters, the databases, its progress and the
// way to persist it. Steps mutate `progress` and call `persist()` before and after changing the target.
// Table and database jobs extend it with what only they need (table-sync/, db-sync/).
import type { ClusterAccess } from './cluster-access.js';
import type { JobObserver } from './job-metrics.js';
import type { JobProgress } from './progress.js';
import type { IngestLayout } from './replay/ingest-meta.js';
import type { Clock } from './runtime.js';
import type { SnapshotBlobs } from './snapshot/snapshot-ops.js';
import type { SyncWatch } from './sync-progress/sync-watch.js';
import type { ReplayHold } from './verify/replay-hold.js';

/** The source database's snapshot slot, shared by the jobs of this syncer. */
export interface SnapshotSlot {
  acquire(): boolean;
  release(): void;
  holders(): string[];
}

export interface JobContext {
  readonly jobName: string;
  readonly src: ClusterAccess;
  readonly dest: ClusterAccess;
  readonly srcDb: string;
  readonly destDb: string;
  readonly srcDbId: bigint;
  readonly progress: JobProgress;
  readonly clock: Clock;
  persist(): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Absent: no coordination with other jobs (tests). */
  readonly snapshotSlot?: SnapshotSlot;
  /** Metrics of this job (absent in tests that do not look at them). */
  readonly observe?: JobObserver;
  /** Applied UPSERTs not written to the store yet (replay/upsert-apply.ts groups those writes). */
  unrecorded?: boolean;
  /** Clock time of the last grouped progress write. */
  recordedAt?: number;
  /** Cluster layout cached between UPSERTs (replay/ingest-meta.ts); not persisted. */
  ingestLayout?: IngestLayout;
  /** Snapshot blobs of the current full/partial sync (not persisted: fetched again after a restart). */
  snapshot?: SnapshotBlobs;
  /** A verification's barrier: replay applies nothing past it while it is set. */
  readonly replayHold?: ReplayHold;
  /** Where the running full or partial sync is, for job_status (absent in tests that do not look). */
  readonly syncWatch?: SyncWatch;
}

export function cred(access: ClusterAccess): { user: string; passwd: string } {
  return { user: access.spec.user, passwd: access.spec.password };
}

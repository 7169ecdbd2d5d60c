// Everything a table job's steps share: both clusters, the job's names and ids, its progress and the
// way to persist it. Steps mutate `progress` and call `persist()` before and after changing the target.
import type { ClusterAccess } from '../cluster-access.js';
import type { BatchTicket } from '../full-sync-batches.js';
import type { JobObserver } from '../job-metrics.js';
import type { JobProgress } from '../progress.js';
import type { Clock } from '../runtime.js';
import type { TableJobNames } from './binlog-plan.js';
import type { IngestMeta } from './ingest-meta.js';

export interface TableJobContext {
  readonly jobName: string;
  readonly src: ClusterAccess;
  readonly dest: ClusterAccess;
  readonly names: TableJobNames;
  readonly srcDbId: bigint;
  readonly progress: JobProgress;
  readonly clock: Clock;
  persist(): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** The source database's snapshot slot, shared by the jobs of this syncer (absent: no coordination). */
  readonly snapshotSlot?: { acquire(): boolean; release(): void; holders(): string[] };
  /** The full sync this job shares with other jobs of its database pair (absent: each job syncs alone). */
  readonly sharedSync?: { take(): BatchTicket };
  /** This full sync goes the per-job way (its shared sync could not serve it); reset when a sync ends. */
  syncAlone?: boolean;
  /** Metrics of this job (absent in tests that do not look at them). */
  readonly observe?: JobObserver;
  /** Applied UPSERTs not written to the store yet (upsert-apply.ts groups those writes). */
  unrecorded?: boolean;
  /** Clock time of the last grouped progress write. */
  recordedAt?: number;
  /** Cluster layout cached between UPSERTs (ingest-meta.ts); not persisted. */
  ingestMeta?: IngestMeta;
  /** Snapshot blobs of the current full/partial sync (not persisted: fetched again after a restart). */
  snapshot?: { meta: Uint8Array; jobInfo: string; compressed: boolean; expiredAt: bigint };
}

export function cred(access: ClusterAccess): { user: string; passwd: string } {
  return { user: access.spec.user, passwd: access.spec.password };
}

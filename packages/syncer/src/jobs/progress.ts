// A job's progress document: where it is (phase/step), which source commit seq is applied, the checkpoint
// data of the current step, id mappings, and the history of full/partial syncs with why they ran. It is
// persisted before and after every step that changes the target, so a restarted syncer resumes exactly.
// 64-bit values are decimal strings in JSON (never rounded through a double).
import type { JobPosition } from './job-phase.js';

export interface SyncHistoryEntry {
  readonly kind: 'full' | 'partial';
  readonly reason: string;
  /** Unix ms. */
  readonly startedAt: number;
  finishedAt?: number;
  /** Rows restored, when known. */
  rows?: number;
  snapshot?: string;
  tables?: readonly string[];
  partitions?: readonly string[];
}

/** Checkpoint of an upsert transaction in flight, enough to finish or undo it after a crash. */
export interface TxnCheckpoint {
  readonly label: string;
  readonly txnId: string;
  readonly commitSeq: string;
  /** `tabletId:backendId` pairs that ingested successfully. */
  readonly commitInfos: readonly string[];
}

export interface JobProgress {
  readonly version: 1;
  position: JobPosition;
  /** Last source commit seq fully applied on the target. */
  prevCommitSeq: string;
  /** Source commit seq being applied (equals prevCommitSeq when idle). */
  commitSeq: string;
  /** Generation of snapshots; part of backup names so a restart finds its own backup. */
  syncId: number;
  /** Step checkpoint: snapshot name, restore label, or a transaction. */
  snapshot?: string;
  restoreLabel?: string;
  /** A partial sync of these partitions only (absent: the whole table). */
  partialPartitions?: string[];
  /** Commit seq of the binlog that asked for a partition-scoped partial sync (replay resumes after it). */
  partialFromSeq?: string;
  /**
   * After a partition-scoped partial sync: source partition id → the version the restore brought. Upserts
   * up to `untilSeq` skip those partitions' versions that are already there, so the binlogs between the
   * trigger and the snapshot are replayed for the other partitions without doubling the restored ones.
   */
  restored?: { readonly untilSeq: string; readonly versions: Record<string, string> };
  /** Versions of the partitions in the snapshot being restored by a partition-scoped partial sync. */
  snapshotVersions?: Record<string, string>;
  txn?: TxnCheckpoint;
  /** Source table id → target table id. */
  tableMapping: Record<string, string>;
  /** Source table id → commit seq of its last snapshot (database jobs). */
  tableCommitSeqs: Record<string, string>;
  /** Shadow index id → origin index id of running schema changes on the source. */
  shadowIndexes: Record<string, string>;
  history: SyncHistoryEntry[];
  lastError?: { readonly message: string; readonly at: number };
}

export const MAX_HISTORY = 50;

export function initialProgress(now: number): JobProgress {
  return {
    version: 1,
    position: { phase: 'full_sync', step: 'begin_snapshot' },
    prevCommitSeq: '0',
    commitSeq: '0',
    syncId: Math.floor(now / 1000),
    tableMapping: {},
    tableCommitSeqs: {},
    shadowIndexes: {},
    history: [{ kind: 'full', reason: 'new job', startedAt: now }],
  };
}

export function encodeProgress(p: JobProgress): string {
  return JSON.stringify(p);
}

export class ProgressFormatError extends Error {
  override readonly name = 'ProgressFormatError';
}

export function decodeProgress(text: string): JobProgress {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProgressFormatError(`progress is not JSON: ${(error as Error).message}`);
  }
  const p = value as Partial<JobProgress>;
  if (
    p?.version !== 1 ||
    !p.position ||
    typeof p.prevCommitSeq !== 'string' ||
    typeof p.commitSeq !== 'string'
  ) {
    throw new ProgressFormatError('progress document has an unknown shape');
  }
  return p as JobProgress;
}

/** Records why a full or partial sync starts; keeps the newest MAX_HISTORY entries. */
export function startSync(
  p: JobProgress,
  kind: 'full' | 'partial',
  reason: string,
  now: number,
  partitions?: readonly string[],
): void {
  p.history.push({ kind, reason, startedAt: now, ...(partitions ? { partitions: [...partitions] } : {}) });
  if (p.history.length > MAX_HISTORY) p.history.splice(0, p.history.length - MAX_HISTORY);
  p.syncId += 1;
  p.position = { phase: kind === 'full' ? 'full_sync' : 'partial_sync', step: 'begin_snapshot' };
  delete p.snapshot;
  delete p.restoreLabel;
  delete p.txn;
  if (kind === 'partial' && partitions?.length) {
    p.partialPartitions = [...partitions];
    p.partialFromSeq = p.commitSeq;
  } else {
    // The whole table is copied again: nothing restored earlier needs protecting from replay.
    delete p.partialPartitions;
    delete p.partialFromSeq;
    delete p.restored;
  }
}

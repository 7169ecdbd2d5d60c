// A job's progress document: where it is (sync state/step), which source commit seq is applied, the
// checkpoint data of the current step, what it knows of each source table it follows, and the history of
// full/partial syncs with why they ran. It is persisted before and after every step that changes the
// target, so a restarted syncer resumes exactly. 64-bit values are decimal strings in JSON (never rounded
// through a double). Version 1 documents (one table, flat maps) are migrated when read.
import { type JobPosition, moveTo, type SyncState } from './job-state.js';

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
  /** Failed restores of this sync: retried with the same snapshot, or a new snapshot taken, and why. */
  retries?: SnapshotRetry[];
}

export interface SnapshotRetry {
  /** Unix ms. */
  readonly at: number;
  readonly action: 'retry_restore' | 'new_snapshot';
  readonly snapshot: string;
  readonly reason: string;
}

/** Retries kept per history entry (the newest). */
export const MAX_RETRIES_KEPT = 20;

/** Checkpoint of an upsert transaction in flight, enough to finish or undo it after a crash. */
export interface TxnCheckpoint {
  readonly label: string;
  readonly txnId: string;
  readonly commitSeq: string;
  /** `tabletId:backendId` pairs that ingested successfully. */
  readonly commitInfos: readonly string[];
}

/** What the job knows of one source table (keyed by its source table id in JobProgress.tables). */
export interface TableProgress {
  /** Source table name (kept current across renames). */
  name: string;
  /** Target table id, once the table exists on the target. */
  destId?: string;
  /** Target table name (differs from `name` for a table job with an alias). */
  destName?: string;
  /**
   * Commit seq up to which the table's own snapshot holds every binlog: binlogs of this table at or below
   * it are not replayed (a database full sync restores tables at different seqs; a partial sync too).
   */
  commitSeq?: string;
  /** Shadow index id → origin index id of running schema changes on the source. */
  shadowIndexes: Record<string, string>;
  /**
   * After a partition-scoped partial sync: source partition id → the version the restore brought. Upserts
   * up to `untilSeq` skip those partitions' versions that are already there, so the binlogs between the
   * trigger and the snapshot are replayed for the other partitions without doubling the restored ones.
   */
  restored?: { readonly untilSeq: string; readonly versions: Record<string, string> };
  /** A view, not a table (database jobs): no data, only its definition. */
  isView?: boolean;
  /** The last full or partial sync that copied this table, and why. */
  lastSync?: { readonly kind: 'full' | 'partial'; readonly reason: string; readonly at: number };
}

/** The table (and partitions) a partial sync copies. */
export interface PartialScope {
  readonly tableId: string;
  /** Absent: the whole table, restored under an alias and swapped in. */
  readonly partitions?: readonly string[];
  /** Commit seq of the binlog that asked for it (replay resumes after it). */
  readonly fromSeq: string;
}

export interface JobProgress {
  readonly version: 2;
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
  /** Restores of `snapshot` that failed and were retried with it; none before its next restore (unix ms). */
  restoreRetries?: { count: number; notBefore: number };
  /** The running partial sync's scope (partial and one-table full sync states). */
  partial?: PartialScope;
  /** Versions of the partitions in the snapshot being restored by a partition-scoped partial sync. */
  snapshotVersions?: Record<string, string>;
  txn?: TxnCheckpoint;
  /** Source table id → what the job knows of it. */
  tables: Record<string, TableProgress>;
  history: SyncHistoryEntry[];
  lastError?: { readonly message: string; readonly at: number };
}

export const MAX_HISTORY = 50;

export function initialProgress(now: number, state: 'TableFullSync' | 'DBFullSync'): JobProgress {
  return {
    version: 2,
    position: { state, step: 'begin_snapshot' },
    prevCommitSeq: '0',
    commitSeq: '0',
    syncId: Math.floor(now / 1000),
    tables: {},
    history: [{ kind: 'full', reason: 'new job', startedAt: now }],
  };
}

/** Records in the current sync's history entry why a restore is retried or a new snapshot taken. */
export function noteRetry(p: JobProgress, retry: SnapshotRetry): void {
  const entry = p.history[p.history.length - 1];
  if (!entry) return;
  entry.retries = [...(entry.retries ?? []), retry].slice(-MAX_RETRIES_KEPT);
}

export function encodeProgress(p: JobProgress): string {
  return JSON.stringify(p);
}

export class ProgressFormatError extends Error {
  override readonly name = 'ProgressFormatError';
}

/** The table entry of a source table id, created empty when the job meets the table for the first time. */
export function tableOf(p: JobProgress, srcTableId: bigint | string, name = ''): TableProgress {
  const key = srcTableId.toString();
  let t = p.tables[key];
  if (!t) {
    t = { name, shadowIndexes: {} };
    p.tables[key] = t;
  }
  return t;
}

export function decodeProgress(text: string): JobProgress {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProgressFormatError(`progress is not JSON: ${(error as Error).message}`);
  }
  const p = value as Record<string, unknown> | null;
  if (!p || typeof p !== 'object' || typeof p.prevCommitSeq !== 'string' || typeof p.commitSeq !== 'string')
    throw new ProgressFormatError('progress document has an unknown shape');
  if (p.version === 1) return migrateV1(p);
  if (p.version !== 2 || !p.position || typeof p.tables !== 'object')
    throw new ProgressFormatError(`progress document version ${String(p.version)} is not known`);
  return p as unknown as JobProgress;
}

/** Version 1 (table jobs only): phase names, flat id maps and partial-sync fields at the top level. */
function migrateV1(v1: Record<string, unknown>): JobProgress {
  const position = v1.position as { phase?: string; step?: string } | undefined;
  const PHASES: Record<string, SyncState> = {
    full_sync: 'TableFullSync',
    partial_sync: 'TablePartialSync',
    incremental: 'TableIncrementalSync',
    db_tables_incremental: 'TableIncrementalSync',
  };
  const state = PHASES[position?.phase ?? ''];
  if (!state) throw new ProgressFormatError(`version 1 progress in unknown phase ${position?.phase}`);
  const snapshotStep = ['begin_snapshot', 'wait_backup', 'get_snapshot', 'restore_snapshot', 'wait_restore'];
  const step =
    state === 'TableIncrementalSync'
      ? v1.txn
        ? 'commit_txn'
        : 'idle'
      : snapshotStep.includes(position?.step ?? '') || position?.step === 'persist_restore'
        ? (position!.step as JobPosition['step'])
        : 'begin_snapshot';
  const mapping = (v1.tableMapping ?? {}) as Record<string, string>;
  const seqs = (v1.tableCommitSeqs ?? {}) as Record<string, string>;
  const tables: Record<string, TableProgress> = {};
  for (const id of new Set([...Object.keys(mapping), ...Object.keys(seqs)])) {
    tables[id] = {
      name: '',
      shadowIndexes: { ...((v1.shadowIndexes ?? {}) as Record<string, string>) },
      ...(mapping[id] ? { destId: mapping[id] } : {}),
      ...(seqs[id] ? { commitSeq: seqs[id] } : {}),
      ...(v1.restored ? { restored: v1.restored as TableProgress['restored'] } : {}),
    };
  }
  const partitions = v1.partialPartitions as string[] | undefined;
  const onlyTable = Object.keys(tables)[0];
  const out: JobProgress = {
    version: 2,
    position: { state, step },
    prevCommitSeq: v1.prevCommitSeq as string,
    commitSeq: v1.commitSeq as string,
    syncId: Number(v1.syncId ?? 0),
    tables,
    history: (v1.history ?? []) as SyncHistoryEntry[],
    ...(v1.snapshot ? { snapshot: v1.snapshot as string } : {}),
    ...(v1.restoreLabel ? { restoreLabel: v1.restoreLabel as string } : {}),
    ...(v1.snapshotVersions ? { snapshotVersions: v1.snapshotVersions as Record<string, string> } : {}),
    ...(v1.txn ? { txn: v1.txn as TxnCheckpoint } : {}),
    ...(v1.lastError ? { lastError: v1.lastError as JobProgress['lastError'] } : {}),
  };
  if (state === 'TablePartialSync') {
    // The table id is filled in at launch when the v1 document had no mapping yet.
    out.partial = {
      tableId: onlyTable ?? '',
      fromSeq: (v1.partialFromSeq as string | undefined) ?? out.commitSeq,
      ...(partitions?.length ? { partitions } : {}),
    };
  }
  return out;
}

/**
 * Records why a full or partial sync starts and moves the job to its first step; keeps the newest
 * MAX_HISTORY entries. `partial` names the table (and partitions) of a partial or one-table sync.
 */
export function startSync(
  p: JobProgress,
  state: SyncState,
  reason: string,
  now: number,
  partial?: { tableId: string; tableName: string; partitions?: readonly string[] },
): void {
  moveTo(p, { state, step: 'begin_snapshot' });
  const kind = partial ? 'partial' : 'full';
  p.history.push({
    kind,
    reason,
    startedAt: now,
    ...(partial ? { tables: [partial.tableName] } : {}),
    ...(partial?.partitions ? { partitions: [...partial.partitions] } : {}),
  });
  if (p.history.length > MAX_HISTORY) p.history.splice(0, p.history.length - MAX_HISTORY);
  p.syncId += 1;
  delete p.snapshot;
  delete p.restoreLabel;
  delete p.restoreRetries;
  delete p.txn;
  delete p.snapshotVersions;
  if (partial) {
    p.partial = {
      tableId: partial.tableId,
      fromSeq: p.commitSeq,
      ...(partial.partitions?.length ? { partitions: [...partial.partitions] } : {}),
    };
    // The whole table is copied again: nothing restored earlier needs protecting from replay.
    if (!partial.partitions?.length) delete tableOf(p, partial.tableId).restored;
  } else {
    delete p.partial;
    for (const t of Object.values(p.tables)) delete t.restored;
  }
}

/**
 * A binlog is applied: the job's position moves past it, tables whose own snapshot was at or below it need
 * no filtering any more, and a database job whose tables all passed their snapshots leaves per-table
 * filtering (DBTablesIncrementalSync → DBIncrementalSync; back when a partial sync adds a table's seq).
 */
export function markReplayedTo(p: JobProgress, seq: bigint): void {
  p.prevCommitSeq = seq.toString();
  p.commitSeq = seq.toString();
  let filtering = false;
  for (const t of Object.values(p.tables)) {
    if (t.commitSeq === undefined) continue;
    if (BigInt(t.commitSeq) <= seq) delete t.commitSeq;
    else filtering = true;
  }
  if (p.position.step !== 'idle') return;
  if (!filtering && p.position.state === 'DBTablesIncrementalSync')
    moveTo(p, { state: 'DBIncrementalSync', step: 'idle' });
  if (filtering && p.position.state === 'DBIncrementalSync')
    moveTo(p, { state: 'DBTablesIncrementalSync', step: 'idle' });
}

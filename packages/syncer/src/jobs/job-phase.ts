// Where a job is in its work. A table job moves between full sync (backup → restore), partial sync (one
// table or some partitions) and incremental sync (binlog replay); database jobs add their per-table filter
// phase. Each phase has steps; `JobPhaseMachine.move` is the only way to change them and rejects moves the
// table below does not allow, so an impossible transition is a bug report, not a silent state.

export type SyncPhase = 'full_sync' | 'partial_sync' | 'db_tables_incremental' | 'incremental';

export type SnapshotStep =
  | 'begin_snapshot'
  | 'wait_backup'
  | 'get_snapshot'
  | 'restore_snapshot'
  | 'wait_restore'
  | 'persist_restore';

export type IncrementalStep = 'idle' | 'begin_txn' | 'ingest' | 'commit_txn' | 'rollback_txn' | 'apply_ddl';

export type JobStep = SnapshotStep | IncrementalStep;

export interface JobPosition {
  readonly phase: SyncPhase;
  readonly step: JobStep;
}

const SNAPSHOT_STEPS: readonly SnapshotStep[] = [
  'begin_snapshot',
  'wait_backup',
  'get_snapshot',
  'restore_snapshot',
  'wait_restore',
  'persist_restore',
];
const INCREMENTAL_STEPS: readonly IncrementalStep[] = [
  'idle',
  'begin_txn',
  'ingest',
  'commit_txn',
  'rollback_txn',
  'apply_ddl',
];

/** Steps reachable from each step within a phase family. */
const NEXT_STEP: Readonly<Record<JobStep, readonly JobStep[]>> = {
  begin_snapshot: ['wait_backup'],
  wait_backup: ['get_snapshot', 'begin_snapshot'],
  get_snapshot: ['restore_snapshot', 'begin_snapshot'],
  restore_snapshot: ['wait_restore'],
  wait_restore: ['persist_restore', 'restore_snapshot', 'begin_snapshot'],
  persist_restore: [],
  idle: ['begin_txn', 'apply_ddl', 'idle'],
  begin_txn: ['ingest', 'rollback_txn', 'idle'],
  ingest: ['commit_txn', 'rollback_txn'],
  commit_txn: ['idle', 'rollback_txn'],
  rollback_txn: ['idle'],
  apply_ddl: ['idle'],
};

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(from: JobPosition, to: JobPosition) {
    super(`illegal job transition ${from.phase}/${from.step} -> ${to.phase}/${to.step}`);
  }
}

function isSnapshotPhase(phase: SyncPhase): boolean {
  return phase === 'full_sync' || phase === 'partial_sync';
}

export function isAllowed(from: JobPosition, to: JobPosition): boolean {
  // Any position may start a new full or partial sync (too-old binlog, meta error, operator request).
  if (isSnapshotPhase(to.phase) && to.step === 'begin_snapshot') return true;
  if (from.phase === to.phase) return NEXT_STEP[from.step].includes(to.step);
  // A finished restore enters incremental replay, idle.
  if (isSnapshotPhase(from.phase) && from.step === 'persist_restore') {
    return (to.phase === 'incremental' || to.phase === 'db_tables_incremental') && to.step === 'idle';
  }
  // A database job leaves its per-table filter phase once every table caught up.
  return (
    from.phase === 'db_tables_incremental' &&
    to.phase === 'incremental' &&
    from.step === 'idle' &&
    to.step === 'idle'
  );
}

export function validStep(phase: SyncPhase, step: JobStep): boolean {
  return isSnapshotPhase(phase)
    ? (SNAPSHOT_STEPS as readonly string[]).includes(step)
    : (INCREMENTAL_STEPS as readonly string[]).includes(step);
}

export class JobPhaseMachine {
  constructor(private current: JobPosition) {
    if (!validStep(current.phase, current.step)) {
      throw new Error(`invalid job position ${current.phase}/${current.step}`);
    }
  }

  get position(): JobPosition {
    return this.current;
  }

  move(to: JobPosition): void {
    if (!validStep(to.phase, to.step) || !isAllowed(this.current, to))
      throw new IllegalTransitionError(this.current, to);
    this.current = to;
  }
}

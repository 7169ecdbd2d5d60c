// Where a job is in its work: a sync state (the Go syncer's names, which the API shows) and a step within
// it. `moveTo` is the only way to change a job's position; it rejects a move the tables below do not
// allow, so an impossible transition is a bug report, not a silent state. Admin commands list the sync
// states they may run from (ADMIN_COMMANDS).

export type TableSyncState = 'TableFullSync' | 'TablePartialSync' | 'TableIncrementalSync';
export type DbSyncState =
  | 'DBFullSync'
  | 'DBTablesIncrementalSync'
  | 'DBSpecificTableFullSync'
  | 'DBIncrementalSync'
  | 'DBPartialSync';
export type SyncState = TableSyncState | DbSyncState;

/** Steps of a backup → restore (full, partial, or one table's full sync inside a database job). */
export type SnapshotStep =
  | 'begin_snapshot'
  | 'wait_backup'
  | 'get_snapshot'
  | 'restore_snapshot'
  | 'wait_restore'
  | 'persist_restore';

/**
 * Steps of binlog replay: idle between binlogs, or a target transaction whose outcome is not known yet
 * (a commit in flight, or one found by its label after a restart), which is asked of the target first.
 */
export type ReplayStep = 'idle' | 'commit_txn';

export type JobStep = SnapshotStep | ReplayStep;

export interface JobPosition {
  readonly state: SyncState;
  readonly step: JobStep;
}

const SNAPSHOT_STATES: ReadonlySet<SyncState> = new Set<SyncState>([
  'TableFullSync',
  'TablePartialSync',
  'DBFullSync',
  'DBPartialSync',
  'DBSpecificTableFullSync',
]);

export function isSnapshotState(state: SyncState): boolean {
  return SNAPSHOT_STATES.has(state);
}

export function isReplayState(state: SyncState): boolean {
  return !SNAPSHOT_STATES.has(state);
}

export function isDbState(state: SyncState): state is DbSyncState {
  return state.startsWith('DB');
}

/** The replay state a finished snapshot leads to. */
export function replayStateAfter(state: SyncState): SyncState {
  if (!isDbState(state)) return 'TableIncrementalSync';
  // Tables restored at different commit seqs: binlogs each already holds must be filtered per table.
  return 'DBTablesIncrementalSync';
}

/** Sync states reachable from each sync state (a state may also start over within itself). */
const NEXT_STATE: Readonly<Record<SyncState, readonly SyncState[]>> = {
  TableFullSync: ['TableFullSync', 'TableIncrementalSync'],
  TablePartialSync: ['TablePartialSync', 'TableFullSync', 'TableIncrementalSync'],
  TableIncrementalSync: ['TableIncrementalSync', 'TablePartialSync', 'TableFullSync'],
  DBFullSync: ['DBFullSync', 'DBTablesIncrementalSync'],
  DBTablesIncrementalSync: [
    'DBTablesIncrementalSync',
    'DBIncrementalSync',
    'DBPartialSync',
    'DBSpecificTableFullSync',
    'DBFullSync',
  ],
  DBIncrementalSync: [
    'DBIncrementalSync',
    'DBTablesIncrementalSync',
    'DBPartialSync',
    'DBSpecificTableFullSync',
    'DBFullSync',
  ],
  DBPartialSync: ['DBPartialSync', 'DBSpecificTableFullSync', 'DBFullSync', 'DBTablesIncrementalSync'],
  DBSpecificTableFullSync: ['DBSpecificTableFullSync', 'DBFullSync', 'DBTablesIncrementalSync'],
};

/** Steps reachable from each step within one sync state. */
const NEXT_STEP: Readonly<Record<JobStep, readonly JobStep[]>> = {
  // A restore done by a snapshot shared with other jobs is adopted as this job's (→ persist_restore).
  begin_snapshot: ['begin_snapshot', 'wait_backup', 'persist_restore'],
  wait_backup: ['get_snapshot', 'begin_snapshot'],
  // After a restart the snapshot blobs are fetched again (restore_snapshot → get_snapshot).
  get_snapshot: ['restore_snapshot', 'begin_snapshot'],
  restore_snapshot: ['wait_restore', 'get_snapshot', 'begin_snapshot'],
  // A restore of another shape is retried after the target table is dropped (→ restore_snapshot).
  wait_restore: ['persist_restore', 'restore_snapshot', 'begin_snapshot'],
  persist_restore: [],
  idle: ['idle', 'commit_txn'],
  commit_txn: ['idle'],
};

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(from: JobPosition, to: JobPosition) {
    super(`illegal job transition ${from.state}/${from.step} -> ${to.state}/${to.step}`);
  }
}

const REPLAY_STEPS: ReadonlySet<JobStep> = new Set<JobStep>(['idle', 'commit_txn']);

/** A known state with a step of its kind (snapshot steps in snapshot states, replay steps otherwise). */
export function validPosition(p: JobPosition): boolean {
  if (!Object.hasOwn(NEXT_STATE, p.state) || !Object.hasOwn(NEXT_STEP, p.step)) return false;
  return isSnapshotState(p.state) !== REPLAY_STEPS.has(p.step);
}

export function isAllowed(from: JobPosition, to: JobPosition): boolean {
  if (!validPosition(to)) return false;
  // Any position may start a new snapshot of its kind's states (too-old binlog, meta error, operator).
  if (to.step === 'begin_snapshot') return NEXT_STATE[from.state].includes(to.state);
  if (from.state === to.state) return NEXT_STEP[from.step].includes(to.step);
  // A recorded restore enters replay, idle.
  if (from.step === 'persist_restore') return to.step === 'idle' && NEXT_STATE[from.state].includes(to.state);
  // A database job's one-table sync whose table is gone from the source is given up at any step.
  if (from.state === 'DBPartialSync' || from.state === 'DBSpecificTableFullSync')
    return to.state === 'DBTablesIncrementalSync' && to.step === 'idle';
  // Database jobs leave (or re-enter) per-table filtering between binlogs.
  return (
    from.step === 'idle' &&
    to.step === 'idle' &&
    isReplayState(from.state) &&
    NEXT_STATE[from.state].includes(to.state)
  );
}

/** The one way a job's position changes. Throws IllegalTransitionError and leaves it unchanged otherwise. */
export function moveTo(holder: { position: JobPosition }, to: JobPosition): void {
  if (!isAllowed(holder.position, to)) throw new IllegalTransitionError(holder.position, to);
  holder.position = to;
}

/** Moves to another step of the current sync state. */
export function moveStep(holder: { position: JobPosition }, step: JobStep): void {
  moveTo(holder, { state: holder.position.state, step });
}

export type AdminCommand = 'pause' | 'resume' | 'skip' | 'force_fullsync' | 'desync' | 'delete';

const ALL_STATES = Object.keys(NEXT_STATE) as SyncState[];

/**
 * The sync states each admin command may run from. Skipping a binlog only means something while binlogs
 * are replayed; everything else is safe from any state (a full sync may be forced over a partial one).
 */
export const ADMIN_COMMANDS: Readonly<Record<AdminCommand, readonly SyncState[]>> = {
  pause: ALL_STATES,
  resume: ALL_STATES,
  skip: ALL_STATES.filter(isReplayState),
  force_fullsync: ALL_STATES,
  desync: ALL_STATES,
  delete: ALL_STATES,
};

export function commandAllowed(command: AdminCommand, state: SyncState): boolean {
  return ADMIN_COMMANDS[command].includes(state);
}

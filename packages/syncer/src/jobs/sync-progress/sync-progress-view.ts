// job_status's `sync_progress`: the phase of a running full or partial sync (from its step, or further
// along when a shared full sync reported it), Doris's own task progress, and a percentage and estimate.
// The percentage weighs the phases by what usually takes the time — the restore's download most — and
// moves within the backup and the download by the files Doris reports done; it is an estimate, as is the
// time left, which divides the time taken so far by the share done.
import type { SyncPhase, SyncProgressView } from '../../model/sync-progress.js';
import type { SnapshotStep } from '../job-state.js';
import { isSnapshotState } from '../job-state.js';
import type { JobProgress } from '../progress.js';
import type { SyncWatch } from './sync-watch.js';

const PHASE_OF_STEP: Readonly<Record<SnapshotStep, SyncPhase>> = {
  begin_snapshot: 'backup',
  wait_backup: 'backup',
  get_snapshot: 'snapshot',
  restore_snapshot: 'restore',
  wait_restore: 'restore',
  persist_restore: 'swap',
};

export function phaseOfStep(step: SnapshotStep): SyncPhase {
  return PHASE_OF_STEP[step];
}

const ORDER: readonly SyncPhase[] = ['backup', 'snapshot', 'restore', 'swap', 'done'];

/** Where each phase starts on the 0..100 scale, and where it ends. */
const SPAN: Readonly<Record<SyncPhase, readonly [number, number]>> = {
  backup: [0, 25],
  snapshot: [25, 30],
  restore: [30, 95],
  swap: [95, 100],
  done: [100, 100],
};

/**
 * Share (0..1) of a restore done by its Doris state: preparing, downloading (by the share of the download
 * tasks' tablets done, when they reported any), committing.
 */
function restoreShare(state: string, tasks: number | undefined): number {
  switch (state) {
    case 'PENDING':
      return 0;
    case 'SNAPSHOTING':
      return 0.1;
    case 'DOWNLOAD':
      return 0.15;
    case 'DOWNLOADING':
      return 0.15 + 0.7 * (tasks ?? 0);
    case 'COMMIT':
    case 'COMMITTING':
      return 0.9;
    case 'FINISHED':
      return 1;
    default:
      return 0;
  }
}

/** Share (0..1) of a backup done by its Doris state (a local snapshot's backup uploads nothing). */
function backupShare(state: string, tasks: number | undefined): number {
  switch (state) {
    case 'PENDING':
      return 0;
    case 'SNAPSHOTING':
      return 0.2 + 0.3 * (tasks ?? 0);
    case 'UPLOAD_SNAPSHOT':
    case 'UPLOADING':
      return 0.5 + 0.3 * (tasks ?? 0);
    case 'SAVE_META':
    case 'UPLOAD_INFO':
      return 0.9;
    case 'FINISHED':
      return 1;
    default:
      return 0;
  }
}

function percentOf(phase: SyncPhase, state: string | undefined, tasks: number | undefined): number {
  const [from, to] = SPAN[phase];
  let share = 0;
  if (state !== undefined && phase === 'backup') share = backupShare(state, tasks);
  if (state !== undefined && phase === 'restore') share = restoreShare(state, tasks);
  return Math.round((from + (to - from) * share) * 10) / 10;
}

/** The view of the job's running full or partial sync; undefined when none runs. */
export function syncProgressOf(
  progress: JobProgress,
  watch: SyncWatch | undefined,
  now: number,
): SyncProgressView | undefined {
  const { state, step } = progress.position;
  if (!isSnapshotState(state)) return undefined;
  const entry = progress.history[progress.history.length - 1];
  if (!entry || entry.finishedAt !== undefined) return undefined;
  const seen = watch?.seen(entry.startedAt);
  const fromStep = phaseOfStep(step as SnapshotStep);
  // A shared full sync reports phases the job's own step (waiting at begin_snapshot) does not show.
  const phase = seen && ORDER.indexOf(seen.phase) > ORDER.indexOf(fromStep) ? seen.phase : fromStep;
  const doris = seen?.phase === phase ? seen.doris : undefined;
  const computed = percentOf(phase, doris?.State, watch?.taskShare(entry.startedAt));
  const percent = watch ? watch.atLeastShown(entry.startedAt, computed) : computed;
  const elapsedMs = Math.max(0, now - entry.startedAt);
  const tablesTotal = seen?.tablesTotal ?? Math.max(1, entry.tables?.length ?? 0);
  const pace = percent >= 1 && elapsedMs >= 1_000 ? elapsedMs / percent : undefined;
  return {
    kind: entry.kind,
    reason: entry.reason,
    phase,
    started_at: entry.startedAt,
    phase_started_at: seen?.phase === phase ? seen.phaseStartedAt : entry.startedAt,
    tables_total: tablesTotal,
    tables_done: phase === 'swap' || phase === 'done' ? tablesTotal : 0,
    ...(seen?.bytesTotal === undefined ? {} : { bytes_total: seen.bytesTotal }),
    percent,
    ...(pace === undefined ? {} : { eta_seconds: Math.round((pace * (100 - percent)) / 100) / 10 }),
    ...(doris ? { doris } : {}),
  };
}

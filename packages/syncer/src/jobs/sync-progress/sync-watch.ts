// What a job's running full or partial sync has reached, beyond its persisted step: when each phase
// began, the latest SHOW BACKUP / SHOW RESTORE row, how many tables the snapshot holds and their size on
// the source. The snapshot steps (and a shared full sync) report to it; job_status reads it through
// syncProgressOf. Nothing here is persisted: after a restart the phase is read from the step again.
import type { DorisJobFields, SyncPhase } from '../../model/sync-progress.js';
import type { Row } from '../cluster-access.js';
import type { JobProgress } from '../progress.js';
import { dorisFields, taskProgress, unfinishedTasks } from './doris-progress.js';

/** Start time of the job's running sync (its newest history entry): what the watch's records are keyed by. */
export function syncStartOf(progress: JobProgress): number {
  return progress.history[progress.history.length - 1]?.startedAt ?? 0;
}

interface Current {
  /** startedAt of the sync's history entry: a new sync starts a new record. */
  readonly syncStartedAt: number;
  phase: SyncPhase;
  phaseStartedAt: number;
  doris?: DorisJobFields;
  tablesTotal?: number;
  bytesTotal?: number;
  /**
   * Every task of the current Doris job seen with a progress, by signature. Doris drops a task from
   * Progress once it finishes, so a task that left UnfinishedTasks counts as done here.
   */
  tasks: Map<string, { done: number; total: number }>;
  /** The highest percentage shown so far: the estimate never goes back. */
  shown: number;
}

export class SyncWatch {
  private current: Current | undefined;

  private record(syncStartedAt: number, now: number, phase: SyncPhase): Current {
    if (this.current?.syncStartedAt !== syncStartedAt)
      this.current = { syncStartedAt, phase, phaseStartedAt: now, tasks: new Map(), shown: 0 };
    return this.current;
  }

  /** The sync that started at `syncStartedAt` is in `phase` (entering it now, or still in it). */
  enter(syncStartedAt: number, phase: SyncPhase, now: number): void {
    const c = this.record(syncStartedAt, now, phase);
    if (c.phase === phase) return;
    c.phase = phase;
    c.phaseStartedAt = now;
    // The backup's row says nothing about the restore that follows.
    if (phase === 'restore' || phase === 'backup') {
      delete c.doris;
      c.tasks.clear();
    }
    // Back to a backup: the sync takes a new snapshot and really starts over.
    if (phase === 'backup') c.shown = 0;
  }

  /** A SHOW BACKUP (phase backup) or SHOW RESTORE (phase restore) row of the sync was read. */
  saw(syncStartedAt: number, phase: 'backup' | 'restore', row: Row, now: number): void {
    this.enter(syncStartedAt, phase, now);
    const c = this.record(syncStartedAt, now, phase);
    const doris = dorisFields(row);
    c.doris = doris;
    const running = unfinishedTasks(doris.UnfinishedTasks);
    for (const [signature, task] of c.tasks) if (!running.has(signature)) task.done = task.total;
    for (const [signature, task] of taskProgress(doris.Progress)) c.tasks.set(signature, task);
  }

  /** The share (0..1) of the tasks' work done, over every task seen; undefined before any reported. */
  taskShare(syncStartedAt: number): number | undefined {
    const c = this.seen(syncStartedAt);
    let done = 0;
    let total = 0;
    for (const task of c?.tasks.values() ?? []) {
      done += task.done;
      total += task.total;
    }
    return total > 0 ? done / total : undefined;
  }

  /** `percent`, or the highest shown before if that was higher (a new look may see less). */
  atLeastShown(syncStartedAt: number, percent: number): number {
    const c = this.current?.syncStartedAt === syncStartedAt ? this.current : undefined;
    if (!c) return percent;
    c.shown = Math.max(c.shown, percent);
    return c.shown;
  }

  /** The snapshot's size: tables it holds and, when the source said, their bytes. */
  sized(syncStartedAt: number, tables: number, bytes: number | undefined, now: number): void {
    const c = this.record(syncStartedAt, now, 'backup');
    c.tablesTotal = tables;
    if (bytes !== undefined) c.bytesTotal = bytes;
  }

  /** What is known of the sync that started at `syncStartedAt` (nothing if the watch saw another). */
  seen(syncStartedAt: number): Readonly<Current> | undefined {
    return this.current?.syncStartedAt === syncStartedAt ? this.current : undefined;
  }
}

// A table-level job as the runner sees it: dispatches the current step by the job's position and turns
// escalations into a new full or partial sync with the reason recorded in the progress history.

import type { ErrorAction, SyncScope } from '../job-errors.js';
import type { JobWork, StepResult } from '../job-runner.js';
import { assertNeverStep } from './assert-never.js';
import {
  beginSnapshot,
  escalate,
  getSnapshot,
  joinSharedSync,
  persistRestore,
  restoreSnapshot,
  waitBackup,
  waitRestore,
} from './full-sync.js';
import { replayStep } from './incremental.js';
import type { TableJobContext } from './table-job-context.js';

export class TableJob implements JobWork {
  constructor(
    readonly ctx: TableJobContext,
    private readonly onPause: (reason: string) => Promise<void>,
  ) {}

  step(): Promise<StepResult> {
    const { phase, step } = this.ctx.progress.position;
    if (phase === 'full_sync' && step === 'begin_snapshot' && this.ctx.sharedSync && !this.ctx.syncAlone)
      return joinSharedSync(this.ctx);
    if (phase === 'full_sync' || phase === 'partial_sync') {
      const slot = this.ctx.snapshotSlot;
      // Recording a finished restore needs no snapshot, so no slot either (shared syncs end there).
      if (slot && step !== 'persist_restore' && !slot.acquire()) {
        this.ctx.log(
          'info',
          `waiting for a snapshot slot of the database (held by ${slot.holders().join(', ')})`,
        );
        return Promise.resolve('idle');
      }
      switch (step) {
        case 'begin_snapshot':
          return beginSnapshot(this.ctx);
        case 'wait_backup':
          return waitBackup(this.ctx);
        case 'get_snapshot':
          return getSnapshot(this.ctx);
        case 'restore_snapshot':
          return restoreSnapshot(this.ctx);
        case 'wait_restore':
          return waitRestore(this.ctx);
        case 'persist_restore':
          return persistRestore(this.ctx);
        default:
          return assertNeverStep(phase, step);
      }
    }
    return replayStep(this.ctx);
  }

  escalate(
    action: 'needs_full_sync' | 'needs_partial_sync',
    reason: string,
    scope?: SyncScope,
  ): Promise<void> {
    const what =
      action === 'needs_full_sync'
        ? 'full'
        : `partial (${scope?.partitions ? `partitions ${scope.partitions.join(', ')}` : 'whole table'})`;
    this.ctx.log('warn', `${what} sync: ${reason}`);
    this.ctx.observe?.syncStarted(action === 'needs_full_sync' ? 'full' : 'partial');
    return escalate(this.ctx, action === 'needs_full_sync' ? 'full' : 'partial', reason, scope);
  }

  async recordError(message: string, at: number, action: ErrorAction): Promise<void> {
    this.ctx.observe?.failed(action);
    this.ctx.progress.lastError = { message, at };
    await this.ctx.persist();
  }

  pause(reason: string): Promise<void> {
    return this.onPause(reason);
  }
}

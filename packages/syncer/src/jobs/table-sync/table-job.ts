// A table-level job as the runner sees it: dispatches the current step by the job's sync state and turns
// escalations into a new full or partial sync with the reason recorded in the progress history.

import type { ErrorAction, SyncScope } from '../job-errors.js';
import type { JobWork, StepResult } from '../job-runner.js';
import { isSnapshotState } from '../job-state.js';
import { startSync } from '../progress.js';
import { replayStep } from '../replay/replay-stream.js';
import { clearStepError, recordStepError } from '../step-errors.js';
import type { TableJobContext } from './table-job-context.js';
import { tableReplay } from './table-replay.js';
import { joinSharedSync, tableSnapshotStep } from './table-snapshot.js';

export class TableJob implements JobWork {
  constructor(
    readonly ctx: TableJobContext,
    private readonly onPause: (reason: string) => Promise<void>,
  ) {}

  step(): Promise<StepResult> {
    const { state, step } = this.ctx.progress.position;
    if (state === 'TableFullSync' && step === 'begin_snapshot' && this.ctx.sharedSync && !this.ctx.syncAlone)
      return joinSharedSync(this.ctx);
    if (isSnapshotState(state)) {
      const slot = this.ctx.snapshotSlot;
      // Recording a finished restore needs no snapshot, so no slot either (shared syncs end there).
      if (slot && step !== 'persist_restore' && !slot.acquire()) {
        this.ctx.log(
          'info',
          `waiting for a snapshot slot of the database (held by ${slot.holders().join(', ')})`,
        );
        return Promise.resolve('idle');
      }
      return tableSnapshotStep(this.ctx);
    }
    return replayStep(this.ctx, tableReplay(this.ctx));
  }

  async escalate(
    action: 'needs_full_sync' | 'needs_partial_sync',
    reason: string,
    scope?: SyncScope,
  ): Promise<void> {
    const ctx = this.ctx;
    const full = action === 'needs_full_sync';
    if (full && scope?.tableId !== undefined && scope.tableId !== ctx.names.srcTableId)
      await ctx.repoint(scope.tableId);
    const what = full
      ? 'full'
      : `partial (${scope?.partitions ? `partitions ${scope.partitions.join(', ')}` : 'whole table'})`;
    ctx.log('warn', `${what} sync: ${reason}`);
    ctx.observe?.syncStarted(full ? 'full' : 'partial');
    startSync(
      ctx.progress,
      full ? 'TableFullSync' : 'TablePartialSync',
      reason,
      ctx.clock.now(),
      full
        ? undefined
        : {
            tableId: ctx.names.srcTableId.toString(),
            tableName: ctx.names.srcTable,
            ...(scope?.partitions ? { partitions: scope.partitions } : {}),
          },
    );
    delete ctx.snapshot;
    delete ctx.syncAlone;
    delete ctx.ingestLayout;
    return ctx.persist();
  }

  recordError(message: string, at: number, action: ErrorAction): Promise<void> {
    return recordStepError(this.ctx, message, at, action);
  }

  clearError(): Promise<void> {
    return clearStepError(this.ctx);
  }

  pause(reason: string): Promise<void> {
    return this.onPause(reason);
  }
}

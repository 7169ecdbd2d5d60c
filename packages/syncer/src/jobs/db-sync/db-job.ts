// A database-level job as the runner sees it: a full sync of the database, then replay of every table's
// binlogs; a table that cannot follow by replay is copied alone (DBPartialSync of some partitions or the
// whole table, DBSpecificTableFullSync), never the whole database again; only a binlog gap (dummy) or an
// operator's force_fullsync copies the whole database.

import { quoteIdent } from '../../clients/sql-quote.js';
import type { ErrorAction, SyncScope } from '../job-errors.js';
import type { JobWork, StepResult } from '../job-runner.js';
import { isSnapshotState, moveTo } from '../job-state.js';
import { startSync, tableOf } from '../progress.js';
import { replayStep } from '../replay/replay-stream.js';
import { snapshotStep } from '../snapshot/snapshot-steps.js';
import { clearStepError, recordStepError } from '../step-errors.js';
import type { DbJobContext } from './db-job-context.js';
import { dbReplay } from './db-replay.js';
import { dbFullPlan, dbTablePlan, TableGone } from './db-snapshot.js';

export class DbJob implements JobWork {
  constructor(
    readonly ctx: DbJobContext,
    private readonly onPause: (reason: string) => Promise<void>,
  ) {}

  async step(): Promise<StepResult> {
    const ctx = this.ctx;
    const { state, step } = ctx.progress.position;
    if (!isSnapshotState(state)) return replayStep(ctx, dbReplay(ctx));
    const slot = ctx.snapshotSlot;
    if (slot && step !== 'persist_restore' && !slot.acquire()) {
      ctx.log('info', `waiting for a snapshot slot of the database (held by ${slot.holders().join(', ')})`);
      return 'idle';
    }
    if (state === 'DBFullSync') return snapshotStep(ctx, dbFullPlan(ctx));
    try {
      return await snapshotStep(ctx, dbTablePlan(ctx));
    } catch (error) {
      if (!(error instanceof TableGone)) throw error;
      return this.giveUpTable(error.message);
    }
  }

  /**
   * The table of a one-table sync is gone from the source (dropped, or renamed: a later RENAME binlog
   * copies it under its new name): drop it on the target too, forget it, and replay on after the trigger.
   */
  private async giveUpTable(reason: string): Promise<StepResult> {
    const p = this.ctx.progress;
    const partial = p.partial!;
    const gone = p.tables[partial.tableId];
    this.ctx.log('warn', `${reason}; the job stops copying it`);
    if (gone?.name)
      await this.ctx.dest.sql.execute(
        `DROP TABLE IF EXISTS ${quoteIdent(this.ctx.destDb)}.${quoteIdent(gone.destName ?? gone.name)} FORCE`,
      );
    delete p.tables[partial.tableId];
    delete p.snapshot;
    delete p.restoreLabel;
    delete p.restoreRetries;
    delete p.partial;
    delete this.ctx.snapshot;
    p.prevCommitSeq = partial.fromSeq;
    p.commitSeq = partial.fromSeq;
    const last = p.history[p.history.length - 1];
    if (last && last.finishedAt === undefined) last.finishedAt = this.ctx.clock.now();
    moveTo(p, { state: 'DBTablesIncrementalSync', step: 'idle' });
    this.ctx.snapshotSlot?.release();
    await this.ctx.persist();
    return 'progressed';
  }

  escalate(
    action: 'needs_full_sync' | 'needs_partial_sync',
    reason: string,
    scope?: SyncScope,
  ): Promise<void> {
    const ctx = this.ctx;
    const tableId = scope?.tableId;
    if (tableId === undefined) {
      ctx.log('warn', `full sync of the database: ${reason}`);
      ctx.observe?.syncStarted('full');
      startSync(ctx.progress, 'DBFullSync', reason, ctx.clock.now());
    } else {
      const name = scope?.tableName || tableOf(ctx.progress, tableId).name;
      if (scope?.tableName) tableOf(ctx.progress, tableId, name).name = name;
      const state = action === 'needs_full_sync' ? 'DBSpecificTableFullSync' : 'DBPartialSync';
      const what = scope?.partitions
        ? `partitions ${scope.partitions.join(', ')} of ${name}`
        : `table ${name}`;
      ctx.log('warn', `${state === 'DBPartialSync' ? 'partial' : 'full'} sync of ${what}: ${reason}`);
      ctx.observe?.syncStarted('partial');
      startSync(ctx.progress, state, reason, ctx.clock.now(), {
        tableId: tableId.toString(),
        tableName: name,
        ...(scope?.partitions ? { partitions: scope.partitions } : {}),
      });
    }
    delete ctx.snapshot;
    delete ctx.ingestLayout;
    delete ctx.restoring;
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

// CANCEL BACKUP | RESTORE [FROM db] (BackupHandler.cancel): cancels the database's current job if it is of
// the named kind and still running, with Doris's messages otherwise; and SQL RESTORE, which the sandbox —
// like Doris for the local repository — only accepts through the restoreSnapshot RPC.
import { checkPriv, type ExecContext, requireDb } from '../exec/exec-context.js';
import { ok } from '../exec/result-helpers.js';
import { dorisError, type StatementResult } from '../mysql/session-types.js';
import type { CancelBackupStatement, CancelRestoreStatement, RestoreStatement } from '../sql/index.js';
import { cancelJob } from './job-scheduler.js';
import { jobStore } from './job-store.js';
import { isDone, LOCAL_REPO } from './job-types.js';

function cancel(ctx: ExecContext, database: string | undefined, kind: 'BACKUP' | 'RESTORE'): StatementResult {
  const db = requireDb(ctx, database);
  checkPriv(ctx, 'LOAD', db.name);
  const job = jobStore(ctx.fe).current(db.id);
  if (!job || job.kind !== kind) {
    // Doris's own wording differs between the two kinds.
    throw dorisError(
      kind === 'RESTORE' ? 'No restore is currently running' : 'No backup job is currently running',
    );
  }
  if (isDone(job)) {
    throw dorisError(
      `Failed to cancel job: Job with label ${job.label} can not be cancelled. state: ${job.state}`,
    );
  }
  const msg = kind === 'RESTORE' ? `user cancelled, current state: ${job.state}` : 'user cancelled';
  cancelJob(ctx.fe, job, { code: 'COMMON_ERROR', msg });
  return ok();
}

export function cancelBackup(ctx: ExecContext, stmt: CancelBackupStatement): StatementResult {
  return cancel(ctx, stmt.database, 'BACKUP');
}

export function cancelRestore(ctx: ExecContext, stmt: CancelRestoreStatement): StatementResult {
  return cancel(ctx, stmt.database, 'RESTORE');
}

/** SQL RESTORE: the local repository is reachable only through the RPC, and there are no other repositories. */
export function restoreSql(ctx: ExecContext, stmt: RestoreStatement): StatementResult {
  if (stmt.repository === LOCAL_REPO)
    throw dorisError('restore from the local repo via SQL call is not supported');
  requireDb(ctx, stmt.database);
  throw dorisError(`Repository ${stmt.repository} does not exist`);
}

// CANCEL ALTER TABLE COLUMN | ROLLUP | MATERIALIZED VIEW (SchemaChangeHandler.cancel and
// MaterializedViewHandler.cancel): a running job of the table is cancelled — its shadow or rollup indexes
// dropped, the table NORMAL again, an ALTER_JOB record in state CANCELLED with "user cancelled". A job
// that has already finished cannot be taken back, so the table must still be in the job's state.
import { cancelAlterJob } from '../../alter/job-runner.js';
import { alterJobs } from '../../alter/job-store.js';
import { dorisError } from '../../mysql/session-types.js';
import type { CancelAlterTableStatement } from '../../sql/index.js';
import { checkPriv, type ExecContext, findOlapTable } from '../exec-context.js';
import { ok } from '../result-helpers.js';

export function cancelAlterTable(ctx: ExecContext, stmt: CancelAlterTableStatement) {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'ALTER', db.name, table.name);
  const column = stmt.alterType === 'COLUMN';
  if (column && table.state !== 'SCHEMA_CHANGE' && table.state !== 'WAITING_STABLE') {
    throw dorisError(`Table[${table.name}] is not under SCHEMA_CHANGE.`);
  }
  if (!column && table.state !== 'ROLLUP' && table.state !== 'WAITING_STABLE') {
    throw dorisError(
      `Table[${table.name}] is not under ROLLUP. Use 'ALTER TABLE DROP ROLLUP' if you want to.`,
    );
  }
  const kind = column ? 'SCHEMA_CHANGE' : 'ROLLUP';
  const jobs = alterJobs(ctx.fe)
    .unfinished(table.id)
    .filter((j) => j.kind === kind && (stmt.jobIds.length === 0 || stmt.jobIds.includes(j.jobId)));
  for (const id of stmt.jobIds) {
    if (!jobs.some((j) => j.jobId === id)) throw dorisError(`job ${id} is not found or already finished`);
  }
  if (jobs.length === 0) throw dorisError(`Table[${table.name}] has no running ${kind} job`);
  ctx.fe.commit(() => {
    for (const job of jobs) cancelAlterJob(ctx.fe, job, 'user cancelled');
  });
  return ok();
}

// The error a job's failing step leaves in its progress, shared by table and database jobs.
import type { JobContext } from './job-context.js';
import type { ErrorAction } from './job-errors.js';

/** Records a failed step's error in the progress (job_status shows it) and tells the metrics. */
export async function recordStepError(
  ctx: JobContext,
  message: string,
  at: number,
  action: ErrorAction,
): Promise<void> {
  ctx.observe?.failed(action, message);
  ctx.progress.lastError = { message, at };
  await ctx.persist();
}

/** Clears the recorded error once a step succeeds again; the log keeps what it was. */
export async function clearStepError(ctx: JobContext): Promise<void> {
  const last = ctx.progress.lastError;
  if (!last) return;
  delete ctx.progress.lastError;
  await ctx.persist();
  ctx.log('info', `recovered: steps succeed again (the last error was: ${last.message})`);
}

// `ccr jobs`: every job of the syncer with its state, lag and runway (list_jobs, then job_status of each).
import type { JobStatusView } from '../api-types.js';
import type { Ctx } from '../context.js';
import { CtlError } from '../errors.js';
import { duration, stateColour, table } from '../output.js';
import { jobStatus, runwayText } from './status.js';

/** At most this many job_status calls at once: a syncer with hundreds of jobs answers them in turn. */
const PARALLEL = 8;

export async function jobsCommand(ctx: Ctx): Promise<number> {
  const names = (await ctx.client.call<{ jobs: string[] }>('list_jobs')).body.jobs ?? [];
  const statuses: (JobStatusView | { name: string; error: string })[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < names.length; i = next++) {
      const name = names[i]!;
      statuses[i] = await jobStatus(ctx, name).then(
        (a) => a.body.status,
        (e: unknown) => {
          // A job deleted between the two calls, or one whose status cannot be read: say so in its row.
          if (e instanceof CtlError) return { name, error: e.message };
          throw e;
        },
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, names.length) }, worker));
  if (ctx.json) {
    ctx.o.out(JSON.stringify({ success: true, jobs: statuses }, null, 2));
    return 0;
  }
  if (names.length === 0) {
    ctx.o.out(`no jobs on ${ctx.client.server}`);
    return 0;
  }
  const { o } = ctx;
  const rows = statuses.map((s) =>
    'error' in s
      ? [s.name, o.c.red('?'), '', '', '', '', o.c.red(s.error)]
      : [
          s.name,
          stateColour(o, s.state),
          s.sync_progress ? `${s.progress_state} ${Math.floor(s.sync_progress.percent)}%` : s.progress_state,
          duration(s.lag_seconds),
          s.lag_binlogs === undefined ? '-' : String(s.lag_binlogs),
          runwayText(o, s) ?? '-',
          s.last_error ? o.c.red(s.last_error.slice(0, 60)) : '',
        ],
  );
  o.out(
    table(o, ['JOB', 'STATE', 'SYNC', 'LAG', 'BINLOGS', 'RUNWAY', 'LAST ERROR'], rows, { wrapLast: true }),
  );
  return 0;
}

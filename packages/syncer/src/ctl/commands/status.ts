// `ccr status NAME [--watch]`: the job's state, position, lag and runway, its last error, and — during a
// full or partial sync — the sync's phase and progress (a live bar with --watch on a terminal).
import type { JobStatusView } from '../api-types.js';
import type { Ctx } from '../context.js';
import { duration, fields, type Output, stateColour, time } from '../output.js';
import { SyncProgressView } from '../progress-bar.js';
import { intervalMs, repeat } from '../watch.js';

export async function jobStatus(ctx: Ctx, name: string) {
  return ctx.client.call<{ status: JobStatusView }>('job_status', { name });
}

export function runwayText(
  o: Output,
  s: { runway_seconds?: number; runway_limit?: string; runway_warning?: boolean },
): string | undefined {
  if (s.runway_limit === undefined) return undefined;
  if (s.runway_seconds === undefined) return 'unlimited';
  const text = `${duration(s.runway_seconds)} (${s.runway_limit})`;
  return s.runway_warning ? o.c.red(`${text} — shorter than the last full sync`) : text;
}

export function lagText(s: { lag_seconds?: number; lag_binlogs?: number }): string {
  const seconds = s.lag_seconds === undefined ? 'unknown' : duration(s.lag_seconds);
  return s.lag_binlogs === undefined
    ? seconds
    : `${seconds} (${s.lag_binlogs} binlog${s.lag_binlogs === 1 ? '' : 's'})`;
}

export function statusLines(o: Output, s: JobStatusView): string {
  const p = s.sync_progress;
  return fields(o, [
    ['job', s.name],
    ['state', stateColour(o, s.state)],
    ['sync', s.step ? `${s.progress_state} / ${s.step}` : s.progress_state],
    ['lag', lagText(s)],
    ['runway', runwayText(o, s)],
    [
      'last full sync',
      s.last_full_sync_seconds === undefined ? undefined : duration(s.last_full_sync_seconds),
    ],
    ['stalled since', s.stalled_since ? time(s.stalled_since) : undefined],
    ['owner', s.owner],
    ['last error', s.last_error ? `${o.c.red(s.last_error)} (${time(s.last_error_at)})` : undefined],
    ...(p
      ? ([
          [
            'progress',
            `${p.kind} sync, ${p.phase}, ${Math.floor(p.percent)}%${p.eta_seconds === undefined ? '' : `, ETA ${duration(p.eta_seconds)}`}`,
          ],
          ['reason', p.reason],
          ['tables', p.tables_total === undefined ? undefined : `${p.tables_done ?? 0} of ${p.tables_total}`],
          [
            'doris',
            p.doris
              ? Object.entries(p.doris)
                  .filter(([, v]) => v)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(' ')
              : undefined,
          ],
        ] as const)
      : []),
  ]);
}

/** One line for a watch between syncs. */
function oneLine(o: Output, s: JobStatusView): string {
  const runway = runwayText(o, s);
  return [
    stateColour(o, s.state),
    s.progress_state,
    `lag ${lagText(s)}`,
    runway ? `runway ${runway}` : '',
    s.last_error ? o.c.red(s.last_error.slice(0, 100)) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export interface WatchOptions {
  readonly interval?: string;
  /** Stop once a sync has been seen and has finished (create --wait). */
  readonly untilSynced?: boolean;
}

/** Polls job_status: a bar while a sync runs, a redrawn status line otherwise. */
export async function watchStatus(ctx: Ctx, name: string, options: WatchOptions): Promise<number> {
  const { o } = ctx;
  const view = new SyncProgressView(o);
  let lastLine = '';
  const every = intervalMs(options.interval, 0.5);
  try {
    await repeat(every, async () => {
      const answer = await jobStatus(ctx, name);
      const s = answer.body.status;
      if (ctx.json) {
        o.out(answer.text.trim());
      } else if (s.sync_progress) {
        if (lastLine && o.tty) process.stdout.write('\n');
        lastLine = '';
        view.show(s);
      } else {
        if (view.seen) view.stop(100);
        const line = oneLine(o, s);
        if (o.tty) process.stdout.write(`\r\x1b[K${line}`);
        else if (line !== lastLine) o.out(line);
        lastLine = line;
      }
      return options.untilSynced === true && !s.sync_progress && /Incremental/.test(s.progress_state);
    });
  } finally {
    view.stop();
    if (lastLine && o.tty) process.stdout.write('\n');
  }
  return 0;
}

export async function statusCommand(
  ctx: Ctx,
  name: string,
  options: { watch?: boolean; interval?: string },
): Promise<number> {
  if (options.watch) return watchStatus(ctx, name, options);
  const answer = await jobStatus(ctx, name);
  ctx.o.out(ctx.json ? answer.text : statusLines(ctx.o, answer.body.status));
  return 0;
}

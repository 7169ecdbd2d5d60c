// `ccr lag NAME [--watch]`: how far behind the job is, in seconds and binlogs, and its runway — asked of
// the source afresh each time (get_lag).
import type { LagView } from '../api-types.js';
import type { Ctx } from '../context.js';
import { duration, type Output } from '../output.js';
import { intervalMs, repeat } from '../watch.js';
import { runwayText } from './status.js';

function lagLine(o: Output, l: LagView): string {
  const seconds = l.lag_seconds === undefined ? 'unknown' : duration(l.lag_seconds);
  const behind =
    l.lag === 0
      ? o.c.green('caught up')
      : `${o.c.yellow(seconds)} behind (${l.lag} binlog${l.lag === 1 ? '' : 's'})`;
  const runway = runwayText(o, l);
  return [behind, runway ? `runway ${runway}` : '', l.last_error ? o.c.red(l.last_error.slice(0, 100)) : '']
    .filter(Boolean)
    .join(' · ');
}

export async function lagCommand(
  ctx: Ctx,
  name: string,
  options: { watch?: boolean; interval?: string },
): Promise<number> {
  const { o } = ctx;
  const look = async () => {
    const answer = await ctx.client.call<LagView>('get_lag', { name });
    if (ctx.json) return answer.text.trim();
    return lagLine(o, answer.body);
  };
  if (!options.watch) {
    o.out(await look());
    return 0;
  }
  const every = intervalMs(options.interval, 2);
  let last = '';
  await repeat(every, async () => {
    const line = await look();
    // A terminal gets one line redrawn in place; a pipe a time-stamped line per look (NDJSON with --json).
    if (ctx.json) o.out(line);
    else if (o.tty) process.stdout.write(`\r\x1b[K${new Date().toLocaleTimeString()}  ${line}`);
    else o.out(`${new Date().toISOString()}  ${line}`);
    last = line;
    return false;
  });
  if (o.tty && last && !ctx.json) process.stdout.write('\n');
  return 0;
}

// `ccr events NAME [--since ID|TIME] [--follow]`: the job's event log — syncs and why they happened,
// DDL, skips, retries, pauses and who asked, takeovers, stalls — oldest first.
import type { EventView } from '../api-types.js';
import type { Ctx } from '../context.js';
import type { Output } from '../output.js';
import { intervalMs, repeat } from '../watch.js';

interface EventsAnswer {
  readonly events: EventView[];
  readonly last_id?: number;
}

function kindColour(o: Output, kind: string): string {
  if (/fail|error|stall|retry|lost/.test(kind)) return o.c.red(kind);
  if (/pause|skip|takeover|warning/.test(kind)) return o.c.yellow(kind);
  if (/finish|resum|recover|created/.test(kind)) return o.c.green(kind);
  return o.c.cyan(kind);
}

function eventLine(o: Output, e: EventView): string {
  return `${o.c.dim(String(e.id).padStart(5))}  ${e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}  ${kindColour(o, e.kind.padEnd(18))} ${e.message}`;
}

export async function eventsCommand(
  ctx: Ctx,
  name: string,
  options: { since?: string; follow?: boolean; limit?: string; interval?: string },
): Promise<number> {
  const { o } = ctx;
  let since: string | number | undefined = options.since;
  const fetchEvents = async () => {
    const body: Record<string, unknown> = { name };
    if (since !== undefined) body.since = /^\d+$/.test(String(since)) ? Number(since) : since;
    if (options.limit !== undefined) body.limit = Number(options.limit);
    const answer = await ctx.client.call<EventsAnswer>('job_events', body);
    if (answer.body.last_id !== undefined) since = answer.body.last_id;
    return answer;
  };
  const first = await fetchEvents();
  if (ctx.json) o.out(first.text.trim());
  else if (first.body.events.length === 0 && !options.follow) o.out('no events');
  else for (const e of first.body.events) o.out(eventLine(o, e));
  if (!options.follow) return 0;
  await repeat(intervalMs(options.interval, 1), async () => {
    const answer = await fetchEvents();
    if (ctx.json) {
      if (answer.body.events.length > 0) o.out(answer.text.trim());
    } else for (const e of answer.body.events) o.out(eventLine(o, e));
    return false;
  });
  return 0;
}

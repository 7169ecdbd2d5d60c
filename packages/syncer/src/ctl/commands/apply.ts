// `ccr apply jobs.yaml [--dry-run] [--prune] [--replace]`: makes the syncer's jobs match the file. The
// plan is printed first (a diff per job); --dry-run stops there. Changes run one by one; a failure is
// reported and the rest still run, and the exit code says something failed.
import type { JobDetailView } from '../api-types.js';
import { effective, type PlannedAction, planApply } from '../apply-plan.js';
import type { Ctx } from '../context.js';
import { createBody, type FileJob, readJobFile } from '../job-file.js';
import type { Output } from '../output.js';

export function describeJob(job: Pick<FileJob, 'src' | 'dest'>): string {
  const side = (s: FileJob['src']) => `${s.database}${s.table ? `.${s.table}` : ''} (${s.host}:${s.port})`;
  return `${job.src.table ? 'table' : 'database'} ${side(job.src)} → ${side(job.dest)}`;
}

function planLines(o: Output, plan: readonly PlannedAction[]): string[] {
  const lines: string[] = [];
  const width = Math.max(0, ...plan.map((a) => a.name.length));
  const head = (sign: string, verb: string, name: string, rest = '') =>
    `${sign} ${verb.padEnd(8)} ${rest ? `${o.c.bold(name.padEnd(width))}  ${rest}` : o.c.bold(name)}`;
  for (const a of plan) {
    switch (a.kind) {
      case 'create':
        lines.push(o.c.green(head('+', 'create', a.name, describeJob(a.job))));
        break;
      case 'update_host_mapping':
        lines.push(o.c.yellow(head('~', 'update', a.name)));
        for (const c of a.changes) lines.push(o.c.yellow(`      ${c}`));
        break;
      case 'replace':
        lines.push(
          a.allowed
            ? o.c.red(head('!', 'replace', a.name, 'delete and create again (a new full sync)'))
            : o.c.magenta(
                head(
                  '!',
                  'differs',
                  a.name,
                  'left alone: only --replace changes this (delete + create, a new full sync)',
                ),
              ),
        );
        for (const c of a.changes) lines.push(o.c.dim(`      ${c}`));
        break;
      case 'delete':
        lines.push(
          a.allowed
            ? o.c.red(head('-', 'delete', a.name, 'not in the file'))
            : o.c.dim(head('·', 'keep', a.name, 'not in the file (--prune deletes it)')),
        );
        break;
      case 'unchanged':
        lines.push(o.c.dim(head('=', 'same', a.name)));
        break;
    }
  }
  return lines;
}

async function currentJobs(ctx: Ctx): Promise<Map<string, JobDetailView>> {
  const names = (await ctx.client.call<{ jobs: string[] }>('list_jobs')).body.jobs ?? [];
  const details = await Promise.all(
    names.map(
      async (name) =>
        [
          name,
          (await ctx.client.call<{ job_detail: JobDetailView }>('job_detail', { name })).body.job_detail,
        ] as const,
    ),
  );
  return new Map(details);
}

interface Outcome {
  readonly name: string;
  readonly action: PlannedAction['kind'];
  readonly ok: boolean;
  readonly error?: string;
}

async function run(ctx: Ctx, a: PlannedAction): Promise<void> {
  switch (a.kind) {
    case 'create':
      await ctx.client.call('create_ccr', createBody(a.job));
      return;
    case 'update_host_mapping':
      await ctx.client.call('update_host_mapping', {
        name: a.name,
        src_host_mapping: a.src,
        dest_host_mapping: a.dest,
      });
      return;
    case 'replace':
      await ctx.client.call('delete', { name: a.name });
      await ctx.client.call('create_ccr', createBody(a.job));
      return;
    case 'delete':
      await ctx.client.call('delete', { name: a.name });
      return;
    case 'unchanged':
      return;
  }
}

export async function applyCommand(
  ctx: Ctx,
  file: string,
  options: { dryRun?: boolean; prune?: boolean; replace?: boolean },
): Promise<number> {
  const { o } = ctx;
  const jobs = readJobFile(file);
  const plan = planApply(jobs, await currentJobs(ctx), {
    prune: options.prune === true,
    replace: options.replace === true,
  });
  const todo = effective(plan);
  const withheld = plan.filter((a) => (a.kind === 'replace' || a.kind === 'delete') && !a.allowed);
  if (!ctx.json) {
    o.out(`${file} against ${ctx.client.server}:`);
    for (const line of planLines(o, plan)) o.out(line);
  }
  const outcomes: Outcome[] = [];
  if (!options.dryRun)
    for (const a of todo) {
      try {
        await run(ctx, a);
        outcomes.push({ name: a.name, action: a.kind, ok: true });
        if (!ctx.json)
          o.out(`${o.c.green('✓')} ${a.kind === 'update_host_mapping' ? 'updated' : `${a.kind}d`} ${a.name}`);
      } catch (error) {
        const message = (error as Error).message;
        outcomes.push({ name: a.name, action: a.kind, ok: false, error: message });
        if (!ctx.json) o.err(`${o.c.red('✗')} ${a.kind} ${a.name}: ${message}`);
      }
    }
  const failed = outcomes.filter((r) => !r.ok).length;
  if (ctx.json) {
    const planJson = plan.map((a) => {
      const { job: _job, ...rest } = a as PlannedAction & { job?: FileJob };
      return rest;
    });
    o.out(
      JSON.stringify(
        { success: failed === 0, dry_run: options.dryRun === true, plan: planJson, applied: outcomes },
        null,
        2,
      ),
    );
    return failed > 0 ? 1 : 0;
  }
  const unchanged = plan.filter((a) => a.kind === 'unchanged').length;
  const summary =
    todo.length === 0
      ? `nothing to do: ${unchanged} job${unchanged === 1 ? '' : 's'} match${unchanged === 1 ? 'es' : ''} ${file}`
      : options.dryRun
        ? `${todo.length} change${todo.length === 1 ? '' : 's'} planned, ${unchanged} unchanged; dry run: nothing changed`
        : `${todo.length - failed} of ${todo.length} change${todo.length === 1 ? '' : 's'} applied, ${unchanged} unchanged`;
  o.out(`${summary}${withheld.length ? `; ${withheld.length} left alone (see above)` : ''}`);
  return failed > 0 ? 1 : 0;
}

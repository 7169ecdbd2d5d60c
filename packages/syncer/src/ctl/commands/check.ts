// `ccr check [NAME]` / `ccr check -f jobs.yaml` / `ccr check NAME --src … --dest …`: the syncer's
// pre-flight (POST /check) of existing jobs (all of them without a name) or of jobs still to create
// (a job of a file that exists already is checked as it runs);
// exit 1 when a check fails.
import type { CheckView } from '../api-types.js';
import type { Ctx } from '../context.js';
import { FOUND_PROBLEMS_EXIT_CODE } from '../errors.js';
import { readJobFile } from '../job-file.js';
import { mark, type Output, table } from '../output.js';
import { jobFromOptions, type SpecOptions } from './spec-options.js';

interface CheckAnswer {
  readonly ok: boolean;
  readonly checks: CheckView[];
}

function report(o: Output, name: string, answer: CheckAnswer): string {
  const rows = answer.checks.map((c) => [
    mark(o, c.ok),
    c.side,
    c.check,
    c.ok ? c.detail : o.c.red(c.detail),
  ]);
  const failed = answer.checks.filter((c) => !c.ok).length;
  const verdict = answer.ok
    ? o.c.green(`✓ ${name}: all ${answer.checks.length} checks passed`)
    : o.c.red(`✗ ${name}: ${failed} of ${answer.checks.length} checks failed`);
  return `${table(o, ['', 'SIDE', 'CHECK', 'DETAIL'], rows, { wrapLast: true })}\n${verdict}`;
}

export async function checkCommand(
  ctx: Ctx,
  name: string | undefined,
  options: SpecOptions,
): Promise<number> {
  const targets: { name: string; body: Record<string, unknown> }[] = [];
  if (options.src || options.dest) {
    const job = jobFromOptions(name, options);
    targets.push({ name: job.name, body: { ...job } });
  } else if (options.file) {
    const jobs = readJobFile(options.file).filter((j) => !name || j.name === name);
    // A job of the file that runs already is checked as it runs (its target is its own, its runway
    // measured against its last full sync); the others as jobs to create.
    const running = new Set((await ctx.client.call<{ jobs: string[] }>('list_jobs')).body.jobs ?? []);
    for (const job of jobs)
      targets.push({ name: job.name, body: running.has(job.name) ? { name: job.name } : { ...job } });
  } else if (name) targets.push({ name, body: { name } });
  else
    for (const job of (await ctx.client.call<{ jobs: string[] }>('list_jobs')).body.jobs ?? [])
      targets.push({ name: job, body: { name: job } });
  if (targets.length === 0) {
    ctx.o.out(ctx.json ? '[]' : 'nothing to check: no jobs');
    return 0;
  }
  let ok = true;
  const texts: string[] = [];
  for (const t of targets) {
    const answer = await ctx.client.call<CheckAnswer>('check', t.body);
    ok &&= answer.body.ok;
    if (ctx.json) texts.push(answer.text.trim());
    else ctx.o.out(report(ctx.o, t.name, answer.body));
  }
  // One answer as the API wrote it; several as a JSON list of the answers.
  if (ctx.json) ctx.o.out(texts.length === 1 ? texts[0]! : `[${texts.join(',\n')}]`);
  return ok ? 0 : FOUND_PROBLEMS_EXIT_CODE;
}

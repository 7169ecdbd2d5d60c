// `ccr create NAME --src … --dest …` (or `-f job.yaml`) [--wait]: creates a job; --wait follows its full
// sync with a progress bar until the job replicates incrementally.
import type { Ctx } from '../context.js';
import { createBody } from '../job-file.js';
import { describeJob } from './apply.js';
import { jobFromOptions, type SpecOptions } from './spec-options.js';
import { watchStatus } from './status.js';

export async function createCommand(
  ctx: Ctx,
  name: string | undefined,
  options: SpecOptions & { wait?: boolean; interval?: string },
): Promise<number> {
  const job = jobFromOptions(name, options);
  const answer = await ctx.client.call('create_ccr', createBody(job));
  if (ctx.json) ctx.o.out(answer.text.trim());
  else ctx.o.out(`${ctx.o.c.green('✓')} job ${job.name} created: ${describeJob(job)}`);
  if (!options.wait) return 0;
  return watchStatus(ctx, job.name, { ...options, untilSynced: true });
}

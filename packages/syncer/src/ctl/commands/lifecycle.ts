// `ccr pause|resume|delete|desync NAME`: one call each; the answer says it was done.
import type { Ctx } from '../context.js';

export type LifecycleCommand = 'pause' | 'resume' | 'delete' | 'desync';

const DONE: Record<LifecycleCommand, string> = {
  pause: 'paused',
  resume: 'resumed',
  delete: 'deleted',
  desync: 'desynced (its target tables are ordinary tables again)',
};

export async function lifecycleCommand(ctx: Ctx, command: LifecycleCommand, name: string): Promise<number> {
  const answer = await ctx.client.call(command, { name });
  ctx.o.out(ctx.json ? answer.text : `${ctx.o.c.green('✓')} job ${name} ${DONE[command]}`);
  return 0;
}

// `ccr` (also `ccr-syncer ctl …`): the operator's command line for a running syncer, over its HTTP API.
// Every command prints for people by default and the API's JSON with --json.
import { Command, CommanderError, Option } from 'commander';
import { applyCommand } from './commands/apply.js';
import { checkCommand } from './commands/check.js';
import { createCommand } from './commands/create.js';
import { eventsCommand } from './commands/events.js';
import { jobsCommand } from './commands/jobs.js';
import { lagCommand } from './commands/lag.js';
import { type LifecycleCommand, lifecycleCommand } from './commands/lifecycle.js';
import { statusCommand } from './commands/status.js';
import { verifyCommand } from './commands/verify.js';
import { type Ctx, DEFAULT_SERVER, type GlobalOptions, makeContext } from './context.js';
import { CtlError, USAGE_EXIT_CODE } from './errors.js';

const AFTER_HELP = `
The syncer's address: --server, or --host/--port, or the CCR_SERVER environment variable
(default ${DEFAULT_SERVER}).
The API token (the syncer's --api_token) is read from CCR_API_TOKEN (or CCR_SYNCER_API_TOKEN):
prefer it to --token, which every user of this machine can read in the process list.
Passwords of job specs come from a job file's \${VAR} references or from CCR_SRC_PASSWORD /
CCR_DEST_PASSWORD, never from the command line.
Exit codes: 0 done; 1 failed (or: verify found differences, check found a failing check); 2 bad usage.`;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function specOptions(command: Command): Command {
  return command
    .option('-f, --file <jobs.yaml>', 'take the job from a job file (the format of apply)')
    .option('--src <spec>', 'source: HOST:QUERY_PORT:RPC_PORT/DATABASE[.TABLE]')
    .option('--dest <spec>', 'target: HOST:QUERY_PORT:RPC_PORT/DATABASE[.TABLE]')
    .option('--src-user <user>', 'source user (password from CCR_SRC_PASSWORD)', 'root')
    .option('--dest-user <user>', 'target user (password from CCR_DEST_PASSWORD)', 'root')
    .option('--include-tables <list>', 'database jobs: comma-separated tables or globs to copy')
    .option('--exclude-tables <list>', 'database jobs: comma-separated tables or globs to leave out');
}

export function buildProgram(
  run: (work: (ctx: Ctx) => Promise<number>, command: Command) => Promise<void>,
): Command {
  const program = new Command('ccr')
    .description(
      'Operate a running ccr-syncer: jobs, lag, events, verification, pre-flight checks, jobs as code',
    )
    .option('--server <url>', `the syncer's HTTP address (default ${DEFAULT_SERVER})`)
    .option('--host <host>', "the syncer's host (with --port)")
    .option('--port <port>', "the syncer's HTTP port (default 9190)")
    .addOption(new Option('--token <token>', 'API token; prefer CCR_API_TOKEN (see below)'))
    .option('--json', "print the API's JSON instead of tables (one document per line when watching)")
    .option('--timeout <seconds>', 'give up on a request after this long (default 120)')
    .addHelpText('after', AFTER_HELP)
    .showHelpAfterError('(ccr --help lists the commands and options)')
    .exitOverride();
  const action = (work: (ctx: Ctx, ...args: never[]) => Promise<number>) =>
    async function (this: Command, ...args: unknown[]) {
      await run((ctx) => work(ctx, ...(args.slice(0, -1) as never[])), this);
    };

  program
    .command('jobs')
    .description('every job with its state, lag and runway')
    .action(action((ctx) => jobsCommand(ctx)));
  program
    .command('status <name>')
    .description("a job's state, position, lag, runway, last error and sync progress")
    .option('-w, --watch', 'keep watching: a live progress bar during a full or partial sync')
    .option('--interval <seconds>', 'between two looks with --watch', '0.5')
    .action(
      action((ctx, name: string, options: { watch?: boolean; interval?: string }) =>
        statusCommand(ctx, name, options),
      ),
    );
  program
    .command('lag <name>')
    .description('how far behind a job is (seconds and binlogs) and its runway, asked of the source')
    .option('-w, --watch', 'keep asking (Ctrl-C ends)')
    .option('--interval <seconds>', 'between two looks with --watch', '2')
    .action(
      action((ctx, name: string, options: { watch?: boolean; interval?: string }) =>
        lagCommand(ctx, name, options),
      ),
    );
  program
    .command('events <name>')
    .description("a job's event log: syncs and their reasons, DDL, skips, retries, pauses, takeovers, stalls")
    .option('--since <id|time>', 'after this event id, or since this time (ISO 8601)')
    .option('--limit <n>', 'at most this many events (1-1000, default 100)')
    .option('-F, --follow', 'keep printing new events (Ctrl-C ends)')
    .option('--interval <seconds>', 'between two looks with --follow', '1')
    .action(
      action(
        (
          ctx,
          name: string,
          options: { since?: string; follow?: boolean; limit?: string; interval?: string },
        ) => eventsCommand(ctx, name, options),
      ),
    );
  specOptions(program.command('create [name]'))
    .description('create a job from --src/--dest or from a job file')
    .option('--allow-table-exists', 'table jobs: reuse a target table that exists already')
    .option('--wait', 'follow the full sync with a progress bar until the job replicates incrementally')
    .option('--interval <seconds>', 'between two looks with --wait', '0.5')
    .action(
      action((ctx, name: string | undefined, options: Parameters<typeof createCommand>[2]) =>
        createCommand(ctx, name, options),
      ),
    );
  for (const [command, what] of [
    ['pause', 'pause a job (recorded in its event log)'],
    ['resume', 'resume a paused job'],
    ['delete', 'delete a job and clean up what it left open on the clusters'],
    ['desync', "clear is_being_synced on a job's target tables"],
  ] as const)
    program
      .command(`${command} <name>`)
      .description(what)
      .action(action((ctx, name: string) => lifecycleCommand(ctx, command as LifecycleCommand, name)));
  program
    .command('verify <name>')
    .description(
      'compare source and target row counts and checksums per table and partition (exit 1 on a difference)',
    )
    .option('-t, --table <table>', 'only this source table (repeatable)', collect)
    .action(action((ctx, name: string, options: { table?: string[] }) => verifyCommand(ctx, name, options)));
  specOptions(program.command('check [name]'))
    .description(
      'pre-flight from the syncer: binlog, privileges, versions, every FE/BE reachable, runway (exit 1 on a failure)',
    )
    .addHelpText(
      'after',
      '\nWithout a name or a spec: every job of the syncer. With -f: every job of the file (or NAME).',
    )
    .action(
      action((ctx, name: string | undefined, options: Parameters<typeof checkCommand>[2]) =>
        checkCommand(ctx, name, options),
      ),
    );
  program
    .command('apply <file>')
    .description("make the syncer's jobs match a YAML file (jobs as code)")
    .option('--dry-run', 'print the plan and change nothing')
    .option('--prune', 'delete jobs the file does not list')
    .option(
      '--replace',
      'delete and create again a job whose spec changed in a way that cannot be updated in place (a new full sync)',
    )
    .action(
      action((ctx, file: string, options: { dryRun?: boolean; prune?: boolean; replace?: boolean }) =>
        applyCommand(ctx, file, options),
      ),
    );
  return program;
}

export async function runCtl(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(async (work, command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    let ctx: Ctx | undefined;
    try {
      ctx = makeContext(globals);
      exitCode = await work(ctx);
    } catch (error) {
      if (!(error instanceof CtlError)) throw error;
      if (globals.json && error.answer) process.stdout.write(`${error.answer.trim()}\n`);
      process.stderr.write(`ccr: ${error.message}\n`);
      exitCode = error.exitCode;
    }
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // Help asked for exits 0; help shown because the command line was incomplete, and every other
    // mistake commander reports, exit 2.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    throw error;
  }
  return exitCode;
}

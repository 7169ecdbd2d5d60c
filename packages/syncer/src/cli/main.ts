// Entry point of the ccr-syncer daemon (bin/ccr-syncer.js imports this file).
import { parseCommandLine, USAGE_EXIT_CODE } from './command-line.js';
import { daemonize, isDaemonChild, notifyDaemonParent } from './daemonize.js';
import { startJobEngine } from './engine-loader.js';
import { runDaemon } from './run-daemon.js';
import { syncerVersion } from './version.js';

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'import-go-meta') {
    // Loaded only for this subcommand: it pulls in the job engine's store code.
    const { importCommand } = await import('../import/import-command.js');
    return importCommand(argv.slice(1));
  }
  if (argv[0] === 'ctl') {
    // The operator's command line (the `ccr` bin): a client of a running syncer, not the daemon.
    const { runCtl } = await import('../ctl/main.js');
    return runCtl(argv.slice(1));
  }
  if (argv[0] === 'rotate-key') {
    const { rotateKeyCommand } = await import('./rotate-key-command.js');
    return rotateKeyCommand(argv.slice(1));
  }
  const outcome = parseCommandLine(argv);
  switch (outcome.kind) {
    case 'help':
      process.stdout.write(outcome.text);
      return 0;
    case 'version':
      process.stdout.write(`${syncerVersion()}\n`);
      return 0;
    case 'error':
      process.stderr.write(`ccr-syncer: ${outcome.message}\nRun 'ccr-syncer --help' for the flags.\n`);
      return USAGE_EXIT_CODE;
    case 'run':
      break;
  }
  const { config, notices } = outcome;
  if (config.daemon && !isDaemonChild()) return daemonize(config, argv);
  try {
    const handle = await runDaemon(config, startJobEngine, { notices });
    await notifyDaemonParent({
      type: 'ready',
      pid: process.pid,
      address: `${config.listenHost}:${handle.port}`,
    });
    return await handle.exited;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The logger has the details; stderr tells whoever ran the command in the foreground.
    process.stderr.write(`ccr-syncer: ${message}\n`);
    await notifyDaemonParent({ type: 'failed', message });
    return 1;
  }
}

// The engine may leave timers or sockets behind; the exit code decides, not the event loop.
process.exit(await main(process.argv.slice(2)));

// doris-sandbox: runs one Doris-compatible cluster (FE + N BEs) in the foreground until SIGTERM/SIGINT.
// Prints one line with "ready" and the ports as JSON once every server accepts connections.
import { Command, InvalidArgumentError } from 'commander';
import { startSandbox } from './sandbox.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('must be a port number (0 picks a free one)');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new InvalidArgumentError('must be an integer from 1 to 64');
  return n;
}

function keyValue(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected key=value, got '${value}'`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

const program = new Command()
  .name('doris-sandbox')
  .description('A single-process, Doris-compatible cluster for CCR development and tests')
  .option('--query-port <port>', 'FE MySQL-protocol port', port, 0)
  .option('--rpc-port <port>', 'FE thrift (FrontendService) port', port, 0)
  .option('--http-port <port>', 'FE HTTP port (stream load)', port, 0)
  .option('--backends <n>', 'number of simulated BEs', positive, 1)
  .option('--frontends <n>', 'number of FEs (the first is master; followers answer NOT_MASTER)', positive, 1)
  .requiredOption('--data-dir <dir>', 'directory holding the cluster state')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--id-base <n>', 'first object id of a new cluster (e.g. 9007199254740993 to test 64-bit ids)')
  .option('--fe-config <key=value>', 'FE config override (repeatable)', keyValue, {})
  .option(
    '--be-config <key=value>',
    'BE config (repeatable): enable_feature_binlog, download_binlog_rate_limit_kbs',
    keyValue,
    {},
  )
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program.parse();
const opts = program.opts<{
  queryPort: number;
  rpcPort: number;
  httpPort: number;
  backends: number;
  frontends: number;
  dataDir: string;
  host: string;
  idBase?: string;
  feConfig: Record<string, string>;
  beConfig: Record<string, string>;
}>();

if (opts.idBase !== undefined && !/^\d+$/.test(opts.idBase)) {
  process.stderr.write('error: --id-base must be a positive integer\n');
  process.exit(2);
}
const beConfig: Record<string, unknown> = {};
for (const [k, v] of Object.entries(opts.beConfig)) {
  if (k === 'enable_feature_binlog') beConfig[k] = v === 'true' || v === '1';
  else if (k === 'download_binlog_rate_limit_kbs') beConfig[k] = Number(v);
  else {
    process.stderr.write(`error: unknown BE config '${k}'\n`);
    process.exit(2);
  }
}

try {
  const sandbox = await startSandbox({
    dataDir: opts.dataDir,
    backends: opts.backends,
    frontends: opts.frontends,
    host: opts.host,
    queryPort: opts.queryPort,
    rpcPort: opts.rpcPort,
    httpPort: opts.httpPort,
    ...(opts.idBase ? { idBase: BigInt(opts.idBase) } : {}),
    feConfig: opts.feConfig,
    beConfig,
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  const ready = {
    queryPort: sandbox.queryPort,
    rpcPort: sandbox.rpcPort,
    httpPort: sandbox.httpPort,
    frontends: sandbox.frontends,
    backends: sandbox.backends.map((b) => ({ id: b.id.toString(), bePort: b.bePort, httpPort: b.httpPort })),
  };
  process.stdout.write(`doris-sandbox ready ${JSON.stringify(ready)}\n`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await sandbox.stop();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
} catch (error) {
  process.stderr.write(`doris-sandbox failed to start: ${(error as Error).message}\n`);
  process.exit(1);
}

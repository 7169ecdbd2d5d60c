// doris-sandbox: runs one Doris-compatible cluster (FE + N BEs) in the foreground until SIGTERM/SIGINT.
// Prints one line with "ready" and the ports as JSON once every server accepts connections.
import { Command, InvalidArgumentError } from 'commander';
import {
  createSandboxLogger,
  SANDBOX_LOG_LEVELS,
  type SandboxLogLevel,
  setSandboxLog,
} from './log/sandbox-logger.js';
import { startSandbox } from './sandbox.js';
import { DEFAULT_CACHE_MB } from './storage/sqlite.js';

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

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new InvalidArgumentError('must be an integer from 0 to 64');
  return n;
}

function cacheMb(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65536)
    throw new InvalidArgumentError('must be an integer from 1 to 65536');
  return n;
}

function logLevel(value: string): SandboxLogLevel {
  if (!(SANDBOX_LOG_LEVELS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${SANDBOX_LOG_LEVELS.join(', ')}`);
  return value as SandboxLogLevel;
}

function keyValue(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected key=value, got '${value}'`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

const program = new Command()
  .name('doris-sandbox')
  .description('A single-process, Doris-compatible cluster for CCR development and tests')
  .option(
    '--query-port <port>',
    'FE MySQL-protocol port (default: the one the data dir kept, else free)',
    port,
  )
  .option('--rpc-port <port>', 'FE thrift (FrontendService) port (default: kept, else free)', port)
  .option('--http-port <port>', 'FE HTTP port: stream load, /api/_sandbox/* (default: kept, else free)', port)
  .option(
    '--backends <n>',
    'registered BEs to run at least (new cluster: default 1; a restart runs every BE it ran before and registers more up to n)',
    positive,
  )
  .option(
    '--spare-backends <n>',
    'BE processes running but not registered, for ALTER SYSTEM ADD BACKEND "host:heartbeat_port" (default: as the data dir kept, else 0)',
    nonNegative,
  )
  .option(
    '--be-port-base <port>',
    'new ports for every BE process: the i-th listens on base+3i (heartbeat), +1 (be_port), +2 (webserver); 0 picks free ones (default: the ports the data dir kept)',
    port,
  )
  .option(
    '--frontends <n>',
    'number of FEs: the first is master, followers answer NOT_MASTER (default: as the data dir kept, else 1)',
    positive,
  )
  .requiredOption('--data-dir <dir>', 'directory holding the cluster state')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--id-base <n>', 'first object id of a new cluster (e.g. 9007199254740993 to test 64-bit ids)')
  .option('--fe-config <key=value>', 'FE config override (repeatable)', keyValue, {})
  .option(
    '--be-config <key=value>',
    'BE config (repeatable): enable_feature_binlog, download_binlog_rate_limit_kbs, enable_debug_points',
    keyValue,
    {},
  )
  .option(
    '--cache-mb <mb>',
    'SQLite page cache in MB (bounds most of the memory beyond the catalog)',
    cacheMb,
    DEFAULT_CACHE_MB,
  )
  .option('--log-level <level>', `log level on stderr (${SANDBOX_LOG_LEVELS.join(', ')})`, logLevel, 'info')
  .addHelpText(
    'after',
    `
Ports are kept in the data dir: a restart listens where the last start did unless options name new ports.
The ready line lists every FE, every registered BE (id, heartbeatPort, bePort, httpPort) and every spare.
Sandbox admin endpoints on each FE's HTTP port (for failover tests in another process):
  POST /api/_sandbox/kill_frontend?index=N   stop FE N (its ports close; a live follower becomes master)
  POST /api/_sandbox/start_frontend?index=N  start FE N again on its ports, as a follower
  POST /api/_sandbox/stop_backend?id=N       stop BE N's process (its ports close; it shows Alive false)
  POST /api/_sandbox/start_backend?id=N      start it again on its ports
  GET  /api/_sandbox/topology                every FE and BE process with its ports and state
  GET  /api/_sandbox/event_loop[?reset=true] the event loop's longest and p99 delay since the last reset
Topology SQL as in Doris: ALTER SYSTEM ADD | DROPP | DECOMMISSION BACKEND "host:heartbeat_port", CANCEL
DECOMMISSION BACKEND, ADMIN SET REPLICA STATUS ("bad" | "ok" | "drop"); the tablet scheduler then moves
replicas (--fe-config tablet_schedule_interval_ms, tablet_repair_delay_factor_second, disable_balance,
disable_tablet_scheduler, schedule_batch_size, drop_backend_after_decommission).`,
  )
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program.parse();
const opts = program.opts<{
  queryPort?: number;
  rpcPort?: number;
  httpPort?: number;
  backends?: number;
  spareBackends?: number;
  bePortBase?: number;
  frontends?: number;
  dataDir: string;
  host: string;
  idBase?: string;
  feConfig: Record<string, string>;
  beConfig: Record<string, string>;
  logLevel: SandboxLogLevel;
  cacheMb: number;
}>();
const logger = createSandboxLogger(opts.logLevel);
setSandboxLog(logger);

if (opts.idBase !== undefined && !/^\d+$/.test(opts.idBase)) {
  process.stderr.write('error: --id-base must be a positive integer\n');
  process.exit(2);
}
const beConfig: Record<string, unknown> = {};
for (const [k, v] of Object.entries(opts.beConfig)) {
  if (k === 'enable_feature_binlog' || k === 'enable_debug_points') beConfig[k] = v === 'true' || v === '1';
  else if (k === 'download_binlog_rate_limit_kbs') beConfig[k] = Number(v);
  else {
    process.stderr.write(`error: unknown BE config '${k}'\n`);
    process.exit(2);
  }
}

try {
  const sandbox = await startSandbox({
    dataDir: opts.dataDir,
    ...(opts.backends === undefined ? {} : { backends: opts.backends }),
    ...(opts.spareBackends === undefined ? {} : { spareBackends: opts.spareBackends }),
    ...(opts.bePortBase === undefined ? {} : { bePortBase: opts.bePortBase }),
    ...(opts.frontends === undefined ? {} : { frontends: opts.frontends }),
    host: opts.host,
    ...(opts.queryPort === undefined ? {} : { queryPort: opts.queryPort }),
    ...(opts.rpcPort === undefined ? {} : { rpcPort: opts.rpcPort }),
    ...(opts.httpPort === undefined ? {} : { httpPort: opts.httpPort }),
    ...(opts.idBase ? { idBase: BigInt(opts.idBase) } : {}),
    feConfig: opts.feConfig,
    beConfig,
    cacheMb: opts.cacheMb,
    // The daemons' and servers' failure reports: warnings an operator should see.
    log: (line) => logger.warn(line),
  });
  const ready = {
    queryPort: sandbox.queryPort,
    rpcPort: sandbox.rpcPort,
    httpPort: sandbox.httpPort,
    frontends: sandbox.frontends,
    backends: sandbox.backends.map((b) => ({
      id: b.id.toString(),
      heartbeatPort: b.heartbeatPort,
      bePort: b.bePort,
      httpPort: b.httpPort,
    })),
    spareBackends: sandbox.spareBackends,
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
  logger.fatal({ err: error }, `doris-sandbox failed to start: ${(error as Error).message}`);
  process.exit(1);
}

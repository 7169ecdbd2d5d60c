// Every flag of the daemon: the Go syncer's names and defaults (syncer-operations.md §2), plus a few of
// our own (api_token, metrics_token, enable_failpoints, listen_host, pid_dir, log_dir, log_max_size_mb). Flags the Go
// binary has but this one does not need are still accepted, so existing command lines keep working.
import { FEATURE_DEFAULTS, FEATURE_HELP, type FeatureName } from './features.js';
import {
  choiceParser,
  durationParser,
  type FlagValue,
  integerParser,
  parseGoBool,
  parsePort,
  parseString,
} from './flag-values.js';

export const LOG_LEVELS = ['panic', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export const DB_TYPES = ['sqlite3', 'mysql', 'postgresql'] as const;
export type DbType = (typeof DB_TYPES)[number];

export interface FlagSpec {
  readonly name: string;
  /** Booleans take no value on the command line (`-daemon`), or `=false`. */
  readonly boolean: boolean;
  readonly defaultValue: FlagValue;
  /** How the default is shown in help (durations as Go writes them). */
  readonly defaultText: string;
  readonly help: string;
  readonly parse: (text: string) => FlagValue;
  /** Set for Go flags accepted for compatibility but without effect here: why. */
  readonly noEffect?: string;
}

type FlagInit = Omit<FlagSpec, 'boolean' | 'defaultText'> & { readonly defaultText?: string };

function flag(init: FlagInit): FlagSpec {
  return {
    ...init,
    boolean: typeof init.defaultValue === 'boolean',
    defaultText: init.defaultText ?? String(init.defaultValue),
  };
}

const bool = (name: string, defaultValue: boolean, help: string, noEffect?: string): FlagSpec =>
  flag({ name, defaultValue, help, parse: parseGoBool, ...(noEffect ? { noEffect } : {}) });
const text = (name: string, defaultValue: string, help: string, noEffect?: string): FlagSpec =>
  flag({ name, defaultValue, help, parse: parseString, ...(noEffect ? { noEffect } : {}) });
const int = (name: string, defaultValue: number, min: number, max: number, help: string, noEffect?: string) =>
  flag({ name, defaultValue, help, parse: integerParser(min, max), ...(noEffect ? { noEffect } : {}) });
const duration = (name: string, defaultText: string, allowZero: boolean, help: string): FlagSpec => {
  const parse = durationParser(allowZero);
  return flag({ name, defaultValue: parse(defaultText), defaultText, help, parse });
};

const featureFlags = (Object.keys(FEATURE_DEFAULTS) as FeatureName[]).map((name) =>
  bool(name, FEATURE_DEFAULTS[name], FEATURE_HELP[name]),
);

export const FLAGS: readonly FlagSpec[] = [
  // Process and identity
  bool('version', false, 'print the version and exit'),
  text('host', '127.0.0.1', "this syncer's identity host (HA owner key host:port; not the bind address)"),
  flag({ name: 'port', defaultValue: 9190, help: 'HTTP API port', parse: parsePort }),
  text('listen_host', '0.0.0.0', 'address the HTTP API binds to (Go always binds every interface)'),
  bool('daemon', false, 'run in the background; returns once the API answers'),
  text('config_file', '', 'file of flag=value lines; its values override the command line, as in Go'),
  text('pid_dir', '', 'directory of the PID file <host>_<port>.pid (empty: no PID file)'),
  text(
    'api_token',
    '',
    'require "Authorization: Bearer <token>" on every endpoint but /version and /metrics (env CCR_SYNCER_API_TOKEN)',
  ),
  text(
    'metrics_token',
    '',
    'require "Authorization: Bearer <token>" on /metrics (env CCR_SYNCER_METRICS_TOKEN; empty: /metrics is open)',
  ),
  bool('enable_failpoints', false, 'serve /failpoint (fault injection for tests; never in production)'),
  bool('pprof', false, 'Go profiler', 'there is no Go profiler; use node --inspect'),
  int('pprof_port', 6060, 1, 65535, 'Go profiler port', 'there is no Go profiler; use node --inspect'),
  // Metadata store
  flag({
    name: 'db_type',
    defaultValue: 'sqlite3',
    help: `metadata store: ${DB_TYPES.join(' or ')}`,
    parse: choiceParser(DB_TYPES),
  }),
  text('db_dir', 'ccr.db', 'sqlite3 database file'),
  text('db_host', '127.0.0.1', 'mysql or postgresql host'),
  flag({ name: 'db_port', defaultValue: 3306, help: 'mysql or postgresql port', parse: parsePort }),
  text('db_user', 'root', 'mysql or postgresql user'),
  text('db_password', '', 'mysql or postgresql password'),
  text('db_name', 'ccr', 'mysql or postgresql database (created if missing)'),
  int('db_max_open_conns', 20, 1, 10_000, 'metadata store connection pool size'),
  text(
    'secret_key_file',
    '',
    'key that encrypts cluster passwords in the metadata store (the same file on every syncer of a group; sqlite3 default: <db_dir>.key, created)',
  ),
  bool(
    'insecure_plaintext_passwords',
    false,
    'store cluster passwords in clear text when there is no --secret_key_file (not recommended)',
  ),
  // High availability and scale-out: syncers sharing one metadata store split its jobs between them.
  int(
    'lease_seconds',
    8,
    2,
    3600,
    "how long a job's lease lasts unless its syncer renews it (takeover time)",
  ),
  int('max_jobs', 0, 0, 1_000_000, 'most jobs this syncer runs (0: no limit)'),
  int(
    'stall_seconds',
    120,
    1,
    86_400,
    'a job that applies nothing this long while its source has newer binlogs is reported stalled',
  ),
  int('mysql_max_allowed_packet', 1073741824, 1024, 1073741824, 'mysql client packet limit in bytes'),
  // Logging
  flag({
    name: 'log_level',
    defaultValue: 'info',
    help: `${LOG_LEVELS.join(', ')} (Go's binary defaults to debug)`,
    parse: choiceParser(LOG_LEVELS, { warning: 'warn' }),
  }),
  text('log_dir', '', 'directory of the log file (a relative log_filename is placed in it)'),
  text('log_filename', '', 'log file; empty: <log_dir>/ccr_syncer.log with log_dir, else stdout'),
  bool('log_also_to_stderr', false, 'copy file log lines to stderr'),
  int('log_retain_num', 30, 0, 100_000, 'rotated log files kept (0: all)'),
  int('log_retain_days', 7, 0, 100_000, 'days rotated log files are kept (0: forever)'),
  int('log_max_size_mb', 1024, 1, 1_048_576, 'rotate the log file when it would grow past this size'),
  // Cluster access
  duration('connect_timeout', '10s', false, 'thrift connect timeout (FE and BE)'),
  duration('rpc_timeout', '30s', false, 'thrift call timeout'),
  duration('commit_txn_timeout', '33s', false, 'timeout of the target commitTxn call'),
  int('fe_max_open_conns', 20, 1, 10_000, 'MySQL-protocol connections per FE'),
  duration('fe_max_conn_lifetime', '0s', true, 'MySQL-protocol connection lifetime (0: unlimited)'),
  int('max_ingest_concurrency_per_backend', 48, 1, 10_000, 'ingest_binlog calls in flight per target BE'),
  text('local_repo_name', '', 'unused', 'declared but unused by the Go syncer too'),
  // Feature gates
  ...featureFlags,
];

const BY_NAME = new Map(FLAGS.map((spec) => [spec.name, spec]));

export function findFlag(name: string): FlagSpec | undefined {
  return BY_NAME.get(name);
}

export type FlagValues = Readonly<Record<string, FlagValue>>;

export function defaultFlagValues(): Record<string, FlagValue> {
  return Object.fromEntries(FLAGS.map((spec) => [spec.name, spec.defaultValue]));
}

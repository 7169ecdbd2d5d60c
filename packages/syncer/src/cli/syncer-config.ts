// The daemon's configuration, typed and checked, built from the final flag values. This is what the job
// engine receives; it never sees raw flags.
import { isAbsolute, join, resolve } from 'node:path';
import { FEATURE_DEFAULTS, type FeatureFlags, type FeatureName } from './features.js';
import type { DbType, FlagValues, LogLevelName } from './flag-table.js';

export type MetaStoreConfig =
  | { readonly type: 'sqlite3'; readonly path: string }
  | {
      readonly type: 'mysql' | 'postgresql';
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly password: string;
      readonly database: string;
      readonly maxOpenConns: number;
      readonly maxAllowedPacket: number;
    };

export interface LogConfig {
  readonly level: LogLevelName;
  /** Absolute path of the log file; undefined logs to stdout. */
  readonly file: string | undefined;
  readonly alsoToStderr: boolean;
  readonly maxSizeBytes: number;
  /** Rotated files kept; 0 keeps all. */
  readonly retainNum: number;
  /** Days rotated files are kept; 0 keeps them forever. */
  readonly retainDays: number;
}

export interface ClusterAccessConfig {
  readonly connectTimeoutMs: number;
  readonly rpcTimeoutMs: number;
  readonly commitTxnTimeoutMs: number;
  readonly feMaxOpenConns: number;
  /** 0: unlimited. */
  readonly feMaxConnLifetimeMs: number;
  readonly maxIngestConcurrencyPerBackend: number;
}

export interface SyncerConfig {
  /** Identity of this syncer (HA owner key `host:port`). */
  readonly host: string;
  readonly port: number;
  /** Bind address of the HTTP API. */
  readonly listenHost: string;
  readonly daemon: boolean;
  readonly configFile: string | undefined;
  readonly pidFile: string | undefined;
  /** Undefined: no authentication (Go's behaviour). */
  readonly apiToken: string | undefined;
  /** Undefined: /metrics answers without a token. */
  readonly metricsToken: string | undefined;
  readonly enableFailpoints: boolean;
  readonly meta: MetaStoreConfig;
  /** Key file sealing cluster passwords in the store; undefined: none (sqlite3 then uses <db_dir>.key). */
  readonly secretKeyFile: string | undefined;
  readonly insecurePlaintextPasswords: boolean;
  /** Jobs are leased for this long (ms) by the syncer that runs them. */
  readonly leaseMs: number;
  /** Most jobs this syncer runs; undefined: no limit. */
  readonly maxJobs: number | undefined;
  /** A job that applies nothing this long (ms) while its source is ahead is stalled. */
  readonly stallMs: number;
  readonly log: LogConfig;
  readonly cluster: ClusterAccessConfig;
  readonly features: FeatureFlags;
  /** Every flag's final value by its Go name (for the startup log; secrets included — redact first). */
  readonly flags: FlagValues;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function str(values: FlagValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string') throw new ConfigError(`flag -${name} has no text value`);
  return value;
}

function num(values: FlagValues, name: string): number {
  const value = values[name];
  if (typeof value !== 'number') throw new ConfigError(`flag -${name} has no numeric value`);
  return value;
}

function bool(values: FlagValues, name: string): boolean {
  const value = values[name];
  if (typeof value !== 'boolean') throw new ConfigError(`flag -${name} has no boolean value`);
  return value;
}

/** log_filename alone: that file (stdout when empty); with log_dir: relative names are placed in it. */
export function resolveLogFile(logDir: string, logFilename: string, cwd: string): string | undefined {
  if (logFilename === '' && logDir === '') return undefined;
  const name = logFilename === '' ? 'ccr_syncer.log' : logFilename;
  if (isAbsolute(name)) return name;
  return resolve(cwd, logDir, name);
}

export function buildSyncerConfig(values: FlagValues, cwd = process.cwd()): SyncerConfig {
  const dbType = str(values, 'db_type') as DbType;
  const meta: MetaStoreConfig =
    dbType === 'sqlite3'
      ? { type: 'sqlite3', path: resolve(cwd, str(values, 'db_dir')) }
      : {
          type: dbType,
          host: str(values, 'db_host'),
          port: num(values, 'db_port'),
          user: str(values, 'db_user'),
          password: str(values, 'db_password'),
          database: str(values, 'db_name'),
          maxOpenConns: num(values, 'db_max_open_conns'),
          maxAllowedPacket: num(values, 'mysql_max_allowed_packet'),
        };
  // An empty sqlite path would be a temporary database that vanishes on exit: refuse it up front.
  if (meta.type === 'sqlite3' && str(values, 'db_dir').trim() === '') {
    throw new ConfigError('flag -db_dir must not be empty with -db_type=sqlite3');
  }
  if (meta.type !== 'sqlite3' && meta.database.trim() === '') {
    throw new ConfigError(`flag -db_name must not be empty with -db_type=${meta.type}`);
  }
  const host = str(values, 'host');
  if (host.trim() === '' || /[\s/]/.test(host)) throw new ConfigError(`flag -host is invalid: "${host}"`);
  const port = num(values, 'port');
  const pidDir = str(values, 'pid_dir');
  const configFile = str(values, 'config_file');
  const apiToken = str(values, 'api_token');
  const metricsToken = str(values, 'metrics_token');
  const features = Object.fromEntries(
    (Object.keys(FEATURE_DEFAULTS) as FeatureName[]).map((name) => [name, bool(values, name)]),
  ) as Record<FeatureName, boolean>;
  return {
    host,
    port,
    listenHost: str(values, 'listen_host'),
    daemon: bool(values, 'daemon'),
    configFile: configFile === '' ? undefined : resolve(cwd, configFile),
    pidFile: pidDir === '' ? undefined : join(resolve(cwd, pidDir), `${host}_${port}.pid`),
    apiToken: apiToken === '' ? undefined : apiToken,
    metricsToken: metricsToken === '' ? undefined : metricsToken,
    enableFailpoints: bool(values, 'enable_failpoints'),
    meta,
    secretKeyFile:
      str(values, 'secret_key_file') === '' ? undefined : resolve(cwd, str(values, 'secret_key_file')),
    insecurePlaintextPasswords: bool(values, 'insecure_plaintext_passwords'),
    leaseMs: num(values, 'lease_seconds') * 1000,
    maxJobs: num(values, 'max_jobs') === 0 ? undefined : num(values, 'max_jobs'),
    stallMs: num(values, 'stall_seconds') * 1000,
    log: {
      level: str(values, 'log_level') as LogLevelName,
      file: resolveLogFile(str(values, 'log_dir'), str(values, 'log_filename'), cwd),
      alsoToStderr: bool(values, 'log_also_to_stderr'),
      maxSizeBytes: num(values, 'log_max_size_mb') * 1024 * 1024,
      retainNum: num(values, 'log_retain_num'),
      retainDays: num(values, 'log_retain_days'),
    },
    cluster: {
      connectTimeoutMs: num(values, 'connect_timeout'),
      rpcTimeoutMs: num(values, 'rpc_timeout'),
      commitTxnTimeoutMs: num(values, 'commit_txn_timeout'),
      feMaxOpenConns: num(values, 'fe_max_open_conns'),
      feMaxConnLifetimeMs: num(values, 'fe_max_conn_lifetime'),
      maxIngestConcurrencyPerBackend: num(values, 'max_ingest_concurrency_per_backend'),
    },
    features,
    flags: values,
  };
}

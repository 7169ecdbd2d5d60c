// The ccr-syncer daemon's command line, logging, PID file and life cycle (syncer-operations.md §2, §5).

export { formatLogRecord, formatLogTime } from '@doris-ccr/protocol';
export { API_TOKEN_ENV, type CommandLineOutcome, parseCommandLine, USAGE_EXIT_CODE } from './command-line.js';
export { type ConfigEntry, ConfigFileError, parseConfigText, readConfigFile } from './config-file.js';
export {
  DAEMON_CHILD_ENV,
  type DaemonMessage,
  daemonize,
  isDaemonChild,
  notifyDaemonParent,
} from './daemonize.js';
export type { EngineContext, EngineStart, RunningEngine } from './engine.js';
export { ENGINE_MODULE_ENV, EngineUnavailableError, loadJobEngine, startJobEngine } from './engine-loader.js';
export { FEATURE_DEFAULTS, type FeatureFlags, type FeatureName, featureFlagList } from './features.js';
export {
  DB_TYPES,
  type DbType,
  FLAGS,
  type FlagSpec,
  findFlag,
  LOG_LEVELS,
  type LogLevelName,
} from './flag-table.js';
export { type FlagValue, parseGoBool } from './flag-values.js';
export { formatGoDuration, parseGoDuration } from './go-duration.js';
export { normaliseGoStyleArgs } from './go-style-args.js';
export { createSyncerLogger, type LogSink, type SyncerLogger, type SyncerLoggerOptions } from './logger.js';
export { acquirePidFile, isProcessAlive, PidFileError, readPidFile, releasePidFile } from './pid-file.js';
export { RotatingFile, type RotatingFileOptions } from './rotating-file.js';
export { type DaemonHandle, type RunDaemonOptions, runDaemon } from './run-daemon.js';
export {
  buildSyncerConfig,
  type ClusterAccessConfig,
  ConfigError,
  type LogConfig,
  type MetaStoreConfig,
  resolveLogFile,
  type SyncerConfig,
} from './syncer-config.js';
export { syncerVersion } from './version.js';

// The syncer's access layer to one Doris cluster: SQL (ClusterSql), FrontendService on the master FE with
// failover (FeRpc), and BackendService per BE with an ingest window (BackendPool).
export { BackendPool, type BackendPoolOptions, type IngestOptions } from './backend-pool.js';
export {
  BINLOG_FEATURE_KEY,
  BinlogFeatureDisabledError,
  beBinlogDisabled,
  feBinlogDisabled,
} from './binlog-feature.js';
export {
  type BackendRow,
  ClusterSql,
  type ClusterSqlOptions,
  type FeConfigEntry,
  type TableIdRow,
} from './cluster-sql.js';
export { ConcurrencyLimiter, type LimiterStats } from './concurrency-limiter.js';
export { type FeMethodName, type FeRouteEvent, FeRouter, type FeRouterOptions } from './fe-router.js';
export { type FeRequest, FeRpc, type FeRpcOptions } from './fe-rpc.js';
export { type FeAttempt, FeUnavailableError } from './fe-rpc-error.js';
export { HostMapper, HostMappingError } from './host-mapping.js';
export { REDACTED, redactError, redactSecret } from './redact.js';
export { DorisSqlError, type DorisSqlErrorFields, toDorisSqlError } from './sql-error.js';
export { quoteIdent, quoteQualified, quoteString } from './sql-quote.js';
export { ColumnValueError, MissingColumnError, parseGoBool, SqlRow } from './sql-row.js';
export { type ClientTimeouts, DEFAULT_TIMEOUTS, type ResolvedTimeouts, resolveTimeouts } from './timeouts.js';

export * from './clusters.js';
export * from './converge.js';
export * from './inspect.js';
export * from './scenario.js';
export { SyncerProcess, type SyncerStartOptions } from './syncer-process.js';

/** Table properties every scenario table needs: one replica (any cluster has one BE) and binlog on. */
export const TABLE_PROPS = '"replication_num" = "1", "binlog.enable" = "true"';

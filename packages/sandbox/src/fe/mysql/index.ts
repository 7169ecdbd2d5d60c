// The sandbox FE's MySQL-protocol server (the Doris FE query port).
export {
  DORIS_SERVER_VERSION,
  type MysqlServer,
  type MysqlServerOptions,
  startMysqlServer,
} from './server.js';
export * from './session-types.js';

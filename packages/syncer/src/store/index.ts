// The syncer's metadata store engines and the factory that picks one from the command line.
export {
  MetaStoreClosedError,
  MetaStoreCorruptError,
  MetaStoreError,
  MetaStoreLockedError,
  MetaStoreNotImplementedError,
  MetaStoreOpenError,
  MetaStoreSchemaError,
} from './errors.js';
export {
  createMetaStore,
  DEFAULT_DB_DIR,
  type MetaStoreOptions,
  type MetaStoreType,
  openMetaStore,
} from './factory.js';
export {
  DEFAULT_BUSY_TIMEOUT_MS,
  SqliteMetaStore,
  type SqliteMetaStoreOptions,
} from './sqlite-meta-store.js';
export { SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';

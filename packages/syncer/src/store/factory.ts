// Chooses the metadata store engine from the daemon's --db_type/--db_* flags. An engine this build does not
// have is refused here, at startup, rather than failing on the first job write.
import type { MetaStore } from '../model/meta-store.js';
import { MetaStoreOpenError } from './errors.js';
import { mysqlDriver } from './mysql-driver.js';
import { postgresDriver } from './postgres-driver.js';
import { ServerMetaStore } from './server-meta-store.js';
import { SqliteMetaStore } from './sqlite-meta-store.js';

export type MetaStoreType = 'sqlite3' | 'mysql' | 'postgresql';

/** Same default as the Go syncer's -db_dir, so existing start scripts find their file name. */
export const DEFAULT_DB_DIR = 'ccr.db';

export interface MetaStoreOptions {
  readonly dbType: MetaStoreType;
  /** SQLite file path (--db_dir); a file, despite the flag's name. */
  readonly dbDir?: string;
  /** SQLite: how long to wait for another connection's lock (ms). */
  readonly busyTimeoutMs?: number;
  /** SQLite: hold the file's owner lock (a syncer and its commands; see owner-lock.ts). */
  readonly ownerLock?: boolean;
  /** MySQL/MariaDB and PostgreSQL: the server, the account and the database (created if missing). */
  readonly dbHost?: string;
  readonly dbPort?: number;
  readonly dbUser?: string;
  readonly dbPassword?: string;
  readonly dbName?: string;
  readonly dbMaxOpenConns?: number;
}

const SUPPORTED: readonly string[] = ['sqlite3', 'mysql', 'postgresql'] satisfies readonly MetaStoreType[];

/** A store for the options, not yet initialised: call init() (or use openMetaStore). */
export function createMetaStore(options: MetaStoreOptions): MetaStore {
  // The type already says sqlite3 | mysql, but the value comes from a command line at run time.
  const dbType: string = options.dbType;
  switch (dbType) {
    case 'sqlite3': {
      const path = options.dbDir ?? DEFAULT_DB_DIR;
      if (path === '') throw new MetaStoreOpenError('--db_dir must name a file for db_type sqlite3');
      return new SqliteMetaStore({
        path,
        ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
        ...(options.ownerLock ? { ownerLock: true } : {}),
      });
    }
    case 'mysql':
    case 'postgresql': {
      const connection = {
        host: options.dbHost ?? '127.0.0.1',
        port: options.dbPort ?? (dbType === 'mysql' ? 3306 : 5432),
        user: options.dbUser ?? (dbType === 'mysql' ? 'root' : 'postgres'),
        password: options.dbPassword ?? '',
        database: options.dbName ?? 'ccr',
        ...(options.dbMaxOpenConns ? { maxOpenConns: options.dbMaxOpenConns } : {}),
      };
      if (connection.database === '')
        throw new MetaStoreOpenError(`--db_name must not be empty for db_type ${dbType}`);
      return new ServerMetaStore(dbType === 'mysql' ? mysqlDriver(connection) : postgresDriver(connection));
    }
    default:
      throw new MetaStoreOpenError(
        `unknown db_type ${JSON.stringify(dbType)}: expected ${SUPPORTED.join(' or ')}`,
      );
  }
}

/** createMetaStore plus init(); the store is ready to use when the promise resolves. */
export async function openMetaStore(options: MetaStoreOptions): Promise<MetaStore> {
  const store = createMetaStore(options);
  await store.init();
  return store;
}

// Chooses the metadata store engine from the daemon's --db_type/--db_* flags. An engine this build does not
// have is refused here, at startup, rather than failing on the first job write.
import type { MetaStore } from '../model/meta-store.js';
import { MetaStoreNotImplementedError, MetaStoreOpenError } from './errors.js';
import { SqliteMetaStore } from './sqlite-meta-store.js';

export type MetaStoreType = 'sqlite3' | 'mysql';

/** Same default as the Go syncer's -db_dir, so existing start scripts find their file name. */
export const DEFAULT_DB_DIR = 'ccr.db';

export interface MetaStoreOptions {
  readonly dbType: MetaStoreType;
  /** SQLite file path (--db_dir); a file, despite the flag's name. */
  readonly dbDir?: string;
  /** SQLite: how long to wait for another connection's lock (ms). */
  readonly busyTimeoutMs?: number;
  // The MySQL settings are accepted now so the command line can pass them through unchanged once the
  // MySQL engine exists; until then they are ignored.
  readonly dbHost?: string;
  readonly dbPort?: number;
  readonly dbUser?: string;
  readonly dbPassword?: string;
  readonly dbName?: string;
  readonly dbMaxOpenConns?: number;
}

const SUPPORTED: readonly string[] = ['sqlite3', 'mysql'] satisfies readonly MetaStoreType[];

/** A store for the options, not yet initialised: call init() (or use openMetaStore). */
export function createMetaStore(options: MetaStoreOptions): MetaStore {
  // The type already says sqlite3 | mysql, but the value comes from a command line at run time.
  const dbType: string = options.dbType;
  switch (dbType) {
    case 'sqlite3': {
      const path = options.dbDir ?? DEFAULT_DB_DIR;
      if (path === '') throw new MetaStoreOpenError('--db_dir must name a file for db_type sqlite3');
      return new SqliteMetaStore({ path, busyTimeoutMs: options.busyTimeoutMs });
    }
    case 'mysql':
      throw new MetaStoreNotImplementedError(
        'MySQL metadata store is not implemented yet; use --db_type sqlite3 for now',
      );
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

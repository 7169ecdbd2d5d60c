// What the server-backed metadata stores (MySQL/MariaDB, PostgreSQL) need from their driver: statements
// with `?` placeholders, transactions, a lock held across the schema migration, and the few error codes
// the store reacts to. One store (server-meta-store.ts) runs over either driver, so both engines keep
// exactly the same semantics as the SQLite one.

export type SqlRow = Record<string, unknown>;

export interface SqlExec {
  /** Rows of a SELECT (empty for other statements). `?` placeholders are bound from `params`. */
  query(sql: string, params?: readonly unknown[]): Promise<SqlRow[]>;
  /** Rows changed (or matched) by an INSERT/UPDATE/DELETE. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface ServerDriver extends SqlExec {
  readonly engine: 'mysql' | 'postgresql';
  /** `host:port/database`, for messages (never the password). */
  readonly where: string;
  /** Creates the database if missing (safe when several syncers start at once). */
  ensureDatabase(): Promise<void>;
  /** Runs `work` in one transaction on one connection; rolled back if it throws. */
  transaction<T>(work: (tx: SqlExec) => Promise<T>): Promise<T>;
  /** Runs `work` holding a named cross-process lock (schema migrations of several syncers at once). */
  withLock<T>(name: string, work: (conn: SqlExec) => Promise<T>): Promise<T>;
  /** A primary-key or unique violation. */
  isDuplicateKey(error: unknown): boolean;
  /** Column types of this engine for the shared schema. */
  readonly types: { readonly name: string; readonly text: string; readonly int64: string };
  close(): Promise<void>;
}

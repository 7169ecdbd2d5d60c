// The contract between the query engine and the catalog/storage: a relation is a named list of typed
// columns and a way to scan its rows. The engine never touches tablets or SQLite directly.
import type { DorisType, StoredValue } from '../../types/doris-type.js';

export interface RelationColumn {
  readonly name: string;
  readonly type: DorisType;
  readonly nullable: boolean;
}

/**
 * Yielded by a pausable scan between slices of rows: whoever drives the query may give the event loop a
 * turn there (a long scan must not stop the sandbox's servers), and nothing else.
 */
export const PAUSE: unique symbol = Symbol('pause');
export type Pause = typeof PAUSE;

export interface Relation {
  /** Name used to qualify columns (`t.col`): the table name or alias. */
  readonly name: string;
  readonly columns: readonly RelationColumn[];
  /** Rows as stored values, aligned with `columns`. May be scanned more than once. */
  rows(): Iterable<readonly StoredValue[]>;
  /** Fast path for `SELECT COUNT(*) FROM t` without WHERE: the row count, if cheaply known. */
  count?(): number;
  /**
   * The same rows with PAUSE between slices, read from a consistent view that stays valid across event-loop
   * turns (a large table's scan). Only a driver that awaits at PAUSE may ask for it.
   */
  pausableRows?(): Iterable<readonly StoredValue[] | Pause>;
}

/** `FROM t PARTITION (p1, p2)` / `TEMPORARY PARTITION (…)`: only these partitions' rows. */
export interface PartitionSelection {
  readonly names: readonly string[];
  readonly temporary: boolean;
}

/** Resolves a table reference of a FROM clause (`db.tbl`, `tbl`, or a table function like `frontends()`). */
export interface RelationResolver {
  table(database: string | undefined, table: string, partitions?: PartitionSelection): Relation;
  tableFunction(name: string, args: readonly StoredValue[]): Relation;
}

/** Session values that expressions can read: `DATABASE()`, `@@version_comment`, `NOW()`, user variables. */
export interface EvalEnvironment {
  readonly currentDatabase: string | undefined;
  readonly currentUser: string;
  readonly nowMs: number;
  variable(scope: 'SYSTEM' | 'SESSION' | 'GLOBAL' | 'USER', name: string): StoredValue | undefined;
}

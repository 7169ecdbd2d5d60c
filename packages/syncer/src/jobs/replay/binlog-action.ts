// What a job does with one binlog record. Planning is a pure function of the record and what the job
// knows (table-sync/table-handlers.ts, db-sync/db-handlers.ts); executing the action is the replay
// module's business. Keeping them apart makes every binlog type's treatment testable without clusters.
import type { UpsertRecord } from '@doris-ccr/protocol';

type TableRecord = UpsertRecord['tableRecords'] extends ReadonlyMap<bigint, infer T> ? T : never;
export type UpsertTableRecord = TableRecord;

/** Bookkeeping of a database job's table set after its DDL succeeded on the target. */
export type TableChange =
  | { readonly kind: 'created'; readonly srcTableId: bigint; readonly name: string; readonly isView: boolean }
  | { readonly kind: 'dropped'; readonly srcTableId: bigint }
  | { readonly kind: 'renamed'; readonly srcTableId: bigint; readonly name: string }
  /** REPLACE WITH TABLE: with swap the two ids exchange names; without, the origin id is gone. */
  | {
      readonly kind: 'replaced';
      readonly originId: bigint;
      readonly newId: bigint;
      readonly originName: string;
      readonly newName: string;
      readonly swap: boolean;
    };

export type BinlogAction =
  /** Replay the data by one target transaction whose BEs pull the source rowsets of these tables. */
  | {
      readonly kind: 'upsert';
      readonly record: UpsertRecord;
      readonly tables: ReadonlyMap<bigint, TableRecord>;
    }
  /**
   * Replay DDL on the target. `alreadyApplied` recognises the target's answer when a crash made us replay
   * a statement that had already succeeded, so DDL replay is idempotent instead of stalling the job.
   * `fallback` is tried when the statement fails otherwise (DROP TABLE of what is a view on the target).
   */
  | {
      readonly kind: 'sql';
      readonly statements: readonly string[];
      readonly alreadyApplied?: RegExp;
      readonly tableChange?: TableChange;
      /** Errors that mean the DDL cannot be replayed as SQL: copy the table by a partial sync instead. */
      readonly partialOn?: RegExp;
      /** Errors that mean the object is not for this target (a UDF, a resource): skip the binlog. */
      readonly skipOn?: RegExp;
    }
  | {
      readonly kind: 'partial_sync';
      readonly reason: string;
      readonly partitions?: readonly string[];
      /** The table to copy (database jobs; a table job copies its own table). */
      readonly tableId?: bigint;
      readonly tableName?: string;
    }
  | { readonly kind: 'full_sync'; readonly reason: string }
  /** Follow another source table id under the job's name (table jobs: REPLACE TABLE), then full sync. */
  | { readonly kind: 'repoint'; readonly srcTableId: bigint; readonly reason: string }
  /** Remember or forget shadow indexes of a running schema change, whose upserts must not be replayed. */
  | {
      readonly kind: 'shadow_indexes';
      readonly tableId: bigint;
      readonly add: ReadonlyMap<bigint, bigint>;
      readonly remove: readonly bigint[];
    }
  /** Only bookkeeping changes (a table the job does not copy was created, dropped or renamed). */
  | { readonly kind: 'track'; readonly change: TableChange; readonly reason: string }
  | { readonly kind: 'ignore'; readonly reason: string }
  /** The job cannot follow this change by itself; it stops with the reason until an operator acts. */
  | { readonly kind: 'fail'; readonly reason: string };

export type BinlogActionKind = BinlogAction['kind'];

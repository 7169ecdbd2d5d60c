// What a table job does with one binlog record. Planning is a pure function of the record and the job's
// names (binlog-plan.ts); executing the action is the engine's business. Keeping them apart makes every
// binlog type's treatment testable without clusters.
import type { UpsertRecord } from '@doris-ccr/protocol';

export type BinlogAction =
  /** Replay the data by a target transaction whose BEs pull the source rowsets. */
  | { readonly kind: 'upsert'; readonly record: UpsertRecord }
  /**
   * Replay DDL on the target. `alreadyApplied` recognises the target's answer when a crash made us replay
   * a statement that had already succeeded, so DDL replay is idempotent instead of stalling the job.
   */
  | { readonly kind: 'sql'; readonly statements: readonly string[]; readonly alreadyApplied?: RegExp }
  | { readonly kind: 'partial_sync'; readonly reason: string; readonly partitions?: readonly string[] }
  | { readonly kind: 'full_sync'; readonly reason: string }
  /** Remember or forget shadow indexes of a running schema change, whose upserts must not be replayed. */
  | {
      readonly kind: 'shadow_indexes';
      readonly add: ReadonlyMap<bigint, bigint>;
      readonly remove: readonly bigint[];
    }
  | { readonly kind: 'ignore'; readonly reason: string }
  /** The job cannot follow this change by itself; it stops with the reason until an operator acts. */
  | { readonly kind: 'fail'; readonly reason: string };

export type BinlogActionKind = BinlogAction['kind'];

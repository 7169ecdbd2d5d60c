import type { ColumnDefinition, IndexDefinition } from './column.js';
import type { Property, TableName } from './names.js';
import type { Distribution, PartitionDefinition, RollupDefinition } from './partition.js';

/** `FIRST` or `AFTER col`. */
export type ColumnPosition = { readonly kind: 'First' } | { readonly kind: 'After'; readonly column: string };

/** `ADD COLUMN col_def [FIRST | AFTER c] [TO rollup] [PROPERTIES (…)]`. */
export interface AddColumnClause {
  readonly kind: 'AddColumnClause';
  readonly column: ColumnDefinition;
  readonly position?: ColumnPosition;
  readonly rollup?: string;
  readonly properties: readonly Property[];
}

/** `ADD COLUMN (col_def, …) [TO rollup] [PROPERTIES (…)]`. */
export interface AddColumnsClause {
  readonly kind: 'AddColumnsClause';
  readonly columns: readonly ColumnDefinition[];
  readonly rollup?: string;
  readonly properties: readonly Property[];
}

/** `DROP COLUMN c [FROM rollup] [PROPERTIES (…)]`. */
export interface DropColumnClause {
  readonly kind: 'DropColumnClause';
  readonly column: string;
  readonly rollup?: string;
  readonly properties: readonly Property[];
}

/** `MODIFY COLUMN col_def [FIRST | AFTER c] [FROM rollup] [PROPERTIES (…)]`. */
export interface ModifyColumnClause {
  readonly kind: 'ModifyColumnClause';
  readonly column: ColumnDefinition;
  readonly position?: ColumnPosition;
  readonly rollup?: string;
  readonly properties: readonly Property[];
}

/** `MODIFY COLUMN c COMMENT '…'`. */
export interface ModifyColumnCommentClause {
  readonly kind: 'ModifyColumnCommentClause';
  readonly column: string;
  readonly comment: string;
}

/** `ORDER BY (cols) [FROM rollup] [PROPERTIES (…)]`. */
export interface ReorderColumnsClause {
  readonly kind: 'ReorderColumnsClause';
  readonly columns: readonly string[];
  readonly rollup?: string;
  readonly properties: readonly Property[];
}

/** `ADD [TEMPORARY] PARTITION [IF NOT EXISTS] p [VALUES …] [("k"="v")] [DISTRIBUTED BY …]`. */
export interface AddPartitionClause {
  readonly kind: 'AddPartitionClause';
  readonly temporary: boolean;
  readonly partition: PartitionDefinition;
  readonly distribution?: Distribution;
}

/**
 * `DROP [TEMPORARY] PARTITION [IF EXISTS] p [FORCE]`; the binlog rendering `DROP PARTITION TEMPORARY p`
 * is accepted too.
 */
export interface DropPartitionClause {
  readonly kind: 'DropPartitionClause';
  readonly temporary: boolean;
  readonly ifExists: boolean;
  readonly name: string;
  readonly force: boolean;
}

/** `REPLACE PARTITION (p…) WITH TEMPORARY PARTITION (tp…) [FORCE] [PROPERTIES (…)]`. */
export interface ReplacePartitionClause {
  readonly kind: 'ReplacePartitionClause';
  readonly partitions: readonly string[];
  readonly tempPartitions: readonly string[];
  readonly force: boolean;
  readonly properties: readonly Property[];
}

/** `MODIFY PARTITION p | (p1, p2) | (*) SET ("k"="v")`; `partitions` is `'*'` for all. */
export interface ModifyPartitionClause {
  readonly kind: 'ModifyPartitionClause';
  readonly partitions: readonly string[] | '*';
  readonly properties: readonly Property[];
}

/** `RENAME new_name`. */
export interface RenameTableClause {
  readonly kind: 'RenameTableClause';
  readonly newName: string;
}

export interface RenamePartitionClause {
  readonly kind: 'RenamePartitionClause';
  readonly oldName: string;
  readonly newName: string;
}

export interface RenameColumnClause {
  readonly kind: 'RenameColumnClause';
  readonly oldName: string;
  readonly newName: string;
}

export interface RenameRollupClause {
  readonly kind: 'RenameRollupClause';
  readonly oldName: string;
  readonly newName: string;
}

/** `SET ("k" = "v", …)`. */
export interface SetTablePropertiesClause {
  readonly kind: 'SetTablePropertiesClause';
  readonly properties: readonly Property[];
}

/** `MODIFY COMMENT '…'` (table comment). */
export interface ModifyTableCommentClause {
  readonly kind: 'ModifyTableCommentClause';
  readonly comment: string;
}

/** `ADD ROLLUP r (cols) […], r2 (…)`. */
export interface AddRollupClause {
  readonly kind: 'AddRollupClause';
  readonly rollups: readonly RollupDefinition[];
}

export interface DropRollupClause {
  readonly kind: 'DropRollupClause';
  readonly name: string;
  readonly properties: readonly Property[];
}

/** `ADD INDEX name (cols) USING … [PROPERTIES] [COMMENT]`. */
export interface AddIndexClause {
  readonly kind: 'AddIndexClause';
  readonly index: IndexDefinition;
}

export interface DropIndexClause {
  readonly kind: 'DropIndexClause';
  readonly ifExists: boolean;
  readonly name: string;
}

/** `REPLACE WITH TABLE t [PROPERTIES ("swap" = "true")] [FORCE]`. */
export interface ReplaceWithTableClause {
  readonly kind: 'ReplaceWithTableClause';
  readonly table: string;
  readonly properties: readonly Property[];
  readonly force: boolean;
}

/** `MODIFY DISTRIBUTION DISTRIBUTED BY HASH(cols)|RANDOM BUCKETS n`: the default bucket count of new partitions. */
export interface ModifyDistributionClause {
  readonly kind: 'ModifyDistributionClause';
  readonly distribution: Distribution;
}

/** `ENABLE FEATURE "BATCH_DELETE" | "SEQUENCE_LOAD" [WITH PROPERTIES (…)]`; the name is upper-cased. */
export interface EnableFeatureClause {
  readonly kind: 'EnableFeatureClause';
  readonly feature: string;
  readonly properties: readonly Property[];
}

export type AlterTableClause =
  | AddColumnClause
  | AddColumnsClause
  | DropColumnClause
  | ModifyColumnClause
  | ModifyColumnCommentClause
  | ReorderColumnsClause
  | AddPartitionClause
  | DropPartitionClause
  | ReplacePartitionClause
  | ModifyPartitionClause
  | RenameTableClause
  | RenamePartitionClause
  | RenameColumnClause
  | RenameRollupClause
  | SetTablePropertiesClause
  | ModifyTableCommentClause
  | AddRollupClause
  | DropRollupClause
  | AddIndexClause
  | DropIndexClause
  | ReplaceWithTableClause
  | EnableFeatureClause
  | ModifyDistributionClause;

export type AlterTableClauseKind = AlterTableClause['kind'];

/** `ALTER TABLE t clause[, clause …]`. */
export interface AlterTableStatement {
  readonly kind: 'AlterTableStatement';
  readonly table: TableName;
  readonly clauses: readonly AlterTableClause[];
}

/** `CANCEL ALTER TABLE COLUMN|ROLLUP|MATERIALIZED VIEW FROM [db.]tbl [(jobId, …)]`. */
export interface CancelAlterTableStatement {
  readonly kind: 'CancelAlterTableStatement';
  readonly alterType: 'COLUMN' | 'ROLLUP' | 'MATERIALIZED_VIEW';
  readonly table: TableName;
  readonly jobIds: readonly bigint[];
}

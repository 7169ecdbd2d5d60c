// Which kind of operation each ALTER TABLE clause is (Doris's AlterOpType) and which kinds may share one
// statement (AlterOpType.COMPATIBILITY_MATRIX: only batches of the same schema-change, rollup, column
// comment or partition-drop operation).
import { dorisError } from '../../mysql/session-types.js';
import type { AlterTableClause, AlterTableClauseVisitor } from '../../sql/index.js';
import { visitAlterTableClause } from '../../sql/index.js';

export type AlterOpType =
  | 'ADD_ROLLUP'
  | 'DROP_ROLLUP'
  | 'SCHEMA_CHANGE'
  | 'ADD_PARTITION'
  | 'DROP_PARTITION'
  | 'REPLACE_PARTITION'
  | 'MODIFY_PARTITION'
  | 'RENAME'
  | 'MODIFY_TABLE_PROPERTY'
  | 'REPLACE_TABLE'
  | 'MODIFY_TABLE_COMMENT'
  | 'MODIFY_COLUMN_COMMENT'
  | 'MODIFY_DISTRIBUTION';

const OP_TYPE: AlterTableClauseVisitor<AlterOpType> = {
  AddColumnClause: () => 'SCHEMA_CHANGE',
  AddColumnsClause: () => 'SCHEMA_CHANGE',
  DropColumnClause: () => 'SCHEMA_CHANGE',
  ModifyColumnClause: () => 'SCHEMA_CHANGE',
  ReorderColumnsClause: () => 'SCHEMA_CHANGE',
  AddIndexClause: () => 'SCHEMA_CHANGE',
  DropIndexClause: () => 'SCHEMA_CHANGE',
  ModifyColumnCommentClause: () => 'MODIFY_COLUMN_COMMENT',
  AddPartitionClause: () => 'ADD_PARTITION',
  DropPartitionClause: () => 'DROP_PARTITION',
  ReplacePartitionClause: () => 'REPLACE_PARTITION',
  ModifyPartitionClause: () => 'MODIFY_PARTITION',
  RenameTableClause: () => 'RENAME',
  RenamePartitionClause: () => 'RENAME',
  RenameColumnClause: () => 'RENAME',
  RenameRollupClause: () => 'RENAME',
  SetTablePropertiesClause: () => 'MODIFY_TABLE_PROPERTY',
  ModifyTableCommentClause: () => 'MODIFY_TABLE_COMMENT',
  AddRollupClause: () => 'ADD_ROLLUP',
  DropRollupClause: () => 'DROP_ROLLUP',
  ReplaceWithTableClause: () => 'REPLACE_TABLE',
  EnableFeatureClause: () => 'SCHEMA_CHANGE',
  ModifyDistributionClause: () => 'MODIFY_DISTRIBUTION',
};

const BATCHABLE = new Set<AlterOpType>([
  'ADD_ROLLUP',
  'DROP_ROLLUP',
  'SCHEMA_CHANGE',
  'MODIFY_COLUMN_COMMENT',
  'DROP_PARTITION',
]);

export function opTypeOf(clause: AlterTableClause): AlterOpType {
  return visitAlterTableClause(clause, OP_TYPE);
}

/** The single operation kind of the statement, or Doris's conflict error. */
export function checkConflict(clauses: readonly AlterTableClause[]): AlterOpType {
  let current: AlterOpType | undefined;
  for (const clause of clauses) {
    const op = opTypeOf(clause);
    if (current === undefined) current = op;
    else if (current !== op || !BATCHABLE.has(op)) {
      throw dorisError(`Alter operation ${op} conflicts with operation ${current}`);
    }
  }
  if (current === undefined) throw dorisError('No alter operation is specified');
  return current;
}

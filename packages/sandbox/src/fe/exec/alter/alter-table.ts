// ALTER TABLE (Alter.processAlterTable): resolves the table, checks the ALTER privilege, the clauses'
// compatibility and the table state, then hands the clauses to the executor of their operation kind.
import type { Database } from '../../../catalog/database.js';
import type { OlapTable } from '../../../catalog/table.js';
import { dorisError } from '../../mysql/session-types.js';
import type { AlterTableClause, AlterTableStatement } from '../../sql/index.js';
import { assertNever } from '../../sql/index.js';
import { checkPriv, type ExecContext, findTable } from '../exec-context.js';
import { ok } from '../result-helpers.js';
import { checkNormalState } from './alter-checks.js';
import { type AlterOpType, checkConflict } from './alter-op-type.js';
import { modifyColumnComments, modifyTableComment } from './comment-exec.js';
import { modifyDefaultBuckets } from './modify-distribution-exec.js';
import { modifyPartitions } from './modify-partition-exec.js';
import { addPartitionClause, dropPartitionClause } from './partition-exec.js';
import { renameColumn, renamePartition, renameRollup, renameTable } from './rename-exec.js';
import { replacePartitions } from './replace-partition-exec.js';
import { replaceWithTable } from './replace-table-exec.js';
import { addRollups, dropRollups } from './rollup-exec.js';
import { schemaChange } from './schema-change-exec.js';
import { setTableProperties } from './table-property-exec.js';

/** Narrows the statement's clauses to the kind its operation type guarantees. */
function only<K extends AlterTableClause['kind']>(
  clauses: readonly AlterTableClause[],
  kind: K,
): Array<Extract<AlterTableClause, { kind: K }>> {
  return clauses.filter((c): c is Extract<AlterTableClause, { kind: K }> => c.kind === kind);
}

function first(clauses: readonly AlterTableClause[]): AlterTableClause {
  const clause = clauses[0];
  if (!clause) throw dorisError('No alter operation is specified');
  return clause;
}

function rename(ctx: ExecContext, db: Database, table: OlapTable, clause: AlterTableClause): void {
  switch (clause.kind) {
    case 'RenameTableClause':
      renameTable(ctx, db, table, clause);
      return;
    case 'RenamePartitionClause':
      renamePartition(ctx, db, table, clause);
      return;
    case 'RenameRollupClause':
      renameRollup(ctx, db, table, clause);
      return;
    case 'RenameColumnClause':
      renameColumn(ctx, db, table, clause);
      return;
    default:
      throw new Error(`${clause.kind} is not a rename clause`);
  }
}

function dispatch(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  op: AlterOpType,
  clauses: readonly AlterTableClause[],
): void {
  const clause = first(clauses);
  switch (op) {
    case 'SCHEMA_CHANGE':
      schemaChange(ctx, db, table, clauses);
      return;
    case 'ADD_ROLLUP':
      addRollups(ctx, db, table, only(clauses, 'AddRollupClause'));
      return;
    case 'DROP_ROLLUP':
      dropRollups(ctx, db, table, only(clauses, 'DropRollupClause'));
      return;
    case 'ADD_PARTITION':
      addPartitionClause(ctx, db, table, only(clauses, 'AddPartitionClause')[0]!);
      return;
    case 'DROP_PARTITION':
      for (const c of only(clauses, 'DropPartitionClause')) dropPartitionClause(ctx, db, table, c);
      return;
    case 'REPLACE_PARTITION':
      replacePartitions(ctx, db, table, only(clauses, 'ReplacePartitionClause')[0]!);
      return;
    case 'MODIFY_PARTITION':
      modifyPartitions(ctx, db, table, only(clauses, 'ModifyPartitionClause')[0]!);
      return;
    case 'RENAME':
      rename(ctx, db, table, clause);
      return;
    case 'MODIFY_TABLE_PROPERTY':
      setTableProperties(ctx, db, table, only(clauses, 'SetTablePropertiesClause')[0]!);
      return;
    case 'REPLACE_TABLE':
      replaceWithTable(ctx, db, table, only(clauses, 'ReplaceWithTableClause')[0]!);
      return;
    case 'MODIFY_TABLE_COMMENT':
      modifyTableComment(ctx, db, table, only(clauses, 'ModifyTableCommentClause')[0]!);
      return;
    case 'MODIFY_COLUMN_COMMENT':
      modifyColumnComments(ctx, db, table, only(clauses, 'ModifyColumnCommentClause'));
      return;
    case 'MODIFY_DISTRIBUTION':
      modifyDefaultBuckets(ctx, db, table, only(clauses, 'ModifyDistributionClause')[0]!);
      return;
    default:
      assertNever(op, 'alter operation');
      return;
  }
}

export function alterTable(ctx: ExecContext, stmt: AlterTableStatement) {
  const { db, table } = findTable(ctx, stmt.table);
  if (table.kind !== 'OLAP') throw dorisError(`Do not support alter VIEW table[${table.name}]`);
  checkPriv(ctx, 'ALTER', db.name, table.name);
  const op = checkConflict(stmt.clauses);
  checkNormalState(table);
  dispatch(ctx, db, table, op, stmt.clauses);
  return ok();
}

// SHOW BACKUP and SHOW [BRIEF] RESTORE [FROM db] [WHERE <name> = "…" | <name> LIKE "…"]: the jobs the
// database keeps, oldest first. Only the two WHERE forms Doris accepts are allowed; labels compare
// case-sensitively (Doris's label case sensibility).
import { checkPriv, type ExecContext, requireDb } from '../exec/exec-context.js';
import { likeMatcher, textResult } from '../exec/result-helpers.js';
import { dorisError, type StatementResult } from '../mysql/session-types.js';
import type { Expression, ShowBackupStatement, ShowRestoreStatement } from '../sql/index.js';
import { BACKUP_COLUMNS, backupRow, restoreColumns, restoreRow } from './job-rows.js';
import { jobStore } from './job-store.js';

/** The label test of an accepted WHERE clause, or a Doris error for any other condition. */
export function labelFilter(
  where: Expression | undefined,
  column: 'SnapshotName' | 'Label',
): (label: string) => boolean {
  if (!where) return () => true;
  const hint =
    column === 'SnapshotName'
      ? 'Where clause should like: SnapshotName = "your_snapshot_name", or SnapshotName LIKE "matcher"'
      : 'Where clause should like: Label = "your_label_name", or Label LIKE "matcher"';
  const isColumn = (e: Expression) =>
    e.kind === 'ColumnRef' && e.qualifier.length === 0 && e.name.toLowerCase() === column.toLowerCase();
  if (where.kind === 'BinaryExpression' && where.operator === '=' && isColumn(where.left)) {
    const value = where.right;
    if (value.kind === 'StringLiteral') return (label) => label === value.value;
  }
  if (where.kind === 'LikeExpression' && !where.negated && !where.escape && isColumn(where.operand)) {
    const pattern = where.pattern;
    if (pattern.kind === 'StringLiteral') return likeMatcher(pattern.value, true);
  }
  throw dorisError(hint);
}

export function showBackup(ctx: ExecContext, stmt: ShowBackupStatement): StatementResult {
  const db = requireDb(ctx, stmt.database);
  checkPriv(ctx, 'LOAD', db.name);
  const matches = labelFilter(stmt.where, 'SnapshotName');
  const rows = jobStore(ctx.fe)
    .ofDb(db.id)
    .flatMap((job) => (job.kind === 'BACKUP' && matches(job.label) ? [backupRow(job)] : []));
  return textResult(BACKUP_COLUMNS, rows);
}

export function showRestore(ctx: ExecContext, stmt: ShowRestoreStatement): StatementResult {
  const db = requireDb(ctx, stmt.database);
  checkPriv(ctx, 'LOAD', db.name);
  const matches = labelFilter(stmt.where, 'Label');
  const rows = jobStore(ctx.fe)
    .ofDb(db.id)
    .flatMap((job) =>
      job.kind === 'RESTORE' && matches(job.label) ? [restoreRow(ctx.fe, job, stmt.brief)] : [],
    );
  return textResult(restoreColumns(stmt.brief), rows);
}

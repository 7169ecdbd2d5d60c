// Generated columns (`c type AS (expr)`, Doris 2.1): the column's value is computed from the other columns
// of the same row whenever a row is written, and can never be given. An expression may read ordinary
// columns and generated columns defined before it, as Doris requires, so one pass in column order computes
// every value.
import type { Column } from '../../catalog/column.js';
import { dorisError } from '../mysql/session-types.js';
import { type ColumnDefinition, childExpressions, type Expression } from '../sql/index.js';

/** The names of the columns an expression reads (lower-cased, each once). */
export function referencedColumns(expr: Expression): string[] {
  const found = new Set<string>();
  const walk = (e: Expression): void => {
    if (e.kind === 'ColumnRef') found.add(e.name.toLowerCase());
    for (const child of childExpressions(e)) walk(child);
  };
  walk(expr);
  return [...found];
}

/** The catalog form of a definition's `AS (expr)`, or nothing for an ordinary column. */
export function generatedOf(def: ColumnDefinition): Column['generated'] | undefined {
  if (!def.generated) return undefined;
  if (def.autoIncrement) throw dorisError(`Generated column '${def.name}' can not be auto-increment`);
  if (def.default) throw dorisError(`Generated column '${def.name}' can not have a default value`);
  return { sql: def.generated.sql, refs: referencedColumns(def.generated.expr) };
}

/** CREATE TABLE's checks: every reference exists and is an ordinary column or an earlier generated one. */
export function checkGeneratedColumns(columns: readonly Column[]): void {
  columns.forEach((column, i) => {
    for (const ref of column.generated?.refs ?? []) {
      const at = columns.findIndex((c) => c.name.toLowerCase() === ref);
      if (at < 0) throw dorisError(`Unknown column '${ref}' in 'generated column function'`);
      const target = columns[at];
      if (target?.generated && at >= i) {
        throw dorisError(
          `Generated column can refer only to generated columns occurring earlier in the table definition: ${column.name}`,
        );
      }
      if (target?.autoIncrement) {
        throw dorisError(`Generated column '${column.name}' cannot refer to auto-increment column.`);
      }
    }
  });
}

/** DROP COLUMN of a column a generated column reads is refused, as in Doris. */
export function checkNoGeneratedDependents(columns: readonly Column[], dropped: string): void {
  const lower = dropped.toLowerCase();
  const dependents = columns.filter((c) => c.generated?.refs.includes(lower)).map((c) => c.name);
  if (dependents.length > 0) {
    throw dorisError(`Column '${dropped}' has a generated column dependency on :[${dependents.join(', ')}]`);
  }
}

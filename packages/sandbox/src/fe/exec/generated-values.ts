// The values of a table's generated columns for a row being written: each expression is compiled once per
// statement over the table's columns and evaluated in column order, so a generated column that reads an
// earlier one sees its computed value. The result is converted to the column's type as a CAST would.
import type { StoredRow } from '../../be/tablet-store.js';
import type { Column } from '../../catalog/column.js';
import { baseColumns, type OlapTable } from '../../catalog/table.js';
import type { StoredValue } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import { convertValue } from '../query/convert.js';
import { compileTypedExpression } from '../query/index.js';
import { toStored } from '../query/values.js';
import { parseStatement } from '../sql/index.js';

export interface GeneratedValue {
  readonly column: Column;
  readonly compute: (row: StoredRow) => StoredValue;
}

function expressionOf(sql: string) {
  // the SQL layer parses whole statements, so the expression travels inside a minimal query
  const statement = parseStatement(`SELECT ${sql}`);
  const item = statement.kind === 'SelectStatement' ? statement.items[0] : undefined;
  if (item?.kind !== 'ExpressionSelectItem') throw dorisError(`invalid generated column expression: ${sql}`);
  return item.expression;
}

/** Evaluators of the table's generated columns, in column order (none for most tables). */
export function generatedValues(table: OlapTable, nowMs: number): GeneratedValue[] {
  const columns = baseColumns(table);
  const generated = columns.filter((c) => c.generated);
  if (generated.length === 0) return [];
  const env = { currentDatabase: undefined, currentUser: 'root', nowMs, variable: () => undefined };
  return generated.map((column) => {
    const compiled = compileTypedExpression(expressionOf(column.generated?.sql ?? ''), columns, env);
    return {
      column,
      compute: (row: StoredRow) => {
        const value = compiled.evaluate(columns.map((c) => row[c.uniqueId] ?? null));
        return value === null ? null : toStored(convertValue(value, compiled.type, column.type));
      },
    };
  });
}

// The rows of an INSERT's VALUES or SELECT, built and checked before anything is written (strict mode: one
// bad value fails the statement). INSERT OVERWRITE uses this; it mirrors insert-exec.ts's row building.
import type { StoredRow } from '../../../be/tablet-store.js';
import type { OlapTable } from '../../../catalog/table.js';
import { dorisError } from '../../mysql/session-types.js';
import type { InsertStatement } from '../../sql/index.js';
import { autoIncrementValues } from '../auto-increment.js';
import type { ExecContext } from '../exec-context.js';
import type { InsertHooks } from '../insert-exec.js';
import { DEFAULT_VALUE, literalInput } from '../literal-input.js';
import { buildRow, RowError, rowShape } from '../row-builder.js';

export function insertRows(
  ctx: ExecContext,
  table: OlapTable,
  stmt: InsertStatement,
  hooks: InsertHooks,
): StoredRow[] {
  const shape = rowShape(table, stmt.columns, { autoIncrement: autoIncrementValues(ctx.fe, table) });
  const now = ctx.fe.clock.now();
  const rows: StoredRow[] = [];
  try {
    if (stmt.source.kind === 'ValuesSource') {
      for (const values of stmt.source.rows) {
        const inputs = values.map((v, i) => {
          const input = literalInput(v, (e) => hooks.evalConstant(ctx, e));
          if (input !== DEFAULT_VALUE) return input;
          const c = shape.targets[i];
          return c?.defaultValue === undefined || c.defaultValue === null
            ? ({ kind: 'null' } as const)
            : c.defaultValue;
        });
        rows.push(buildRow(shape, inputs, now));
      }
    } else {
      for (const values of hooks.selectRows(ctx, stmt)) {
        rows.push(
          buildRow(
            shape,
            values.map((v) => (v === null ? ({ kind: 'null' } as const) : v)),
            now,
          ),
        );
      }
    }
  } catch (error) {
    if (error instanceof RowError)
      throw dorisError(`Insert has filtered data in strict mode. ${error.message}`);
    throw error;
  }
  return rows;
}

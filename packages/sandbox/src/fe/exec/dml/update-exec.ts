// UPDATE t SET c = expr, … [WHERE …] on unique key tables, run as Doris's UpdateCommand runs it: an INSERT of
// new versions of the matching rows (keys unchanged, assigned columns recomputed from the old row), in one
// load transaction with its UPSERT binlog. Values are checked as INSERT checks them in strict mode.
import type { StoredRow } from '../../../be/tablet-store.js';
import { type Column, findColumn, SEQUENCE_COLUMN } from '../../../catalog/column.js';
import { baseColumns } from '../../../catalog/table.js';
import type { StoredValue } from '../../../types/doris-type.js';
import { coerceValue, ValueError } from '../../../types/index.js';
import { newLabel } from '../../load/label.js';
import type { OkResult } from '../../mysql/session-types.js';
import { dorisError } from '../../mysql/session-types.js';
import {
  compilePredicate,
  compileTypedExpression,
  type TypedEvaluator,
  toValueInput,
} from '../../query/index.js';
import type { UpdateStatement } from '../../sql/index.js';
import { evalEnvironment } from '../eval-environment.js';
import { checkPriv, type ExecContext, findOlapTable } from '../exec-context.js';
import { readCurrentRows, relationColumns } from './current-rows.js';
import { loadRows } from './load-rows.js';

interface Assignment {
  readonly column: Column;
  readonly value: TypedEvaluator;
}

function strictError(message: string): Error {
  return dorisError(`Insert has filtered data in strict mode. ${message}`);
}

export function update(ctx: ExecContext, stmt: UpdateStatement): OkResult {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'LOAD', db.name, table.name);
  if (table.keysType !== 'UNIQUE_KEYS') throw dorisError('Only unique table could be updated.');
  const columns = baseColumns(table);
  const relation = relationColumns(table);
  const env = evalEnvironment(ctx);
  // Later assignments to the same column win, as in Doris's name → expression map.
  const byName = new Map<string, UpdateStatement['assignments'][number]>();
  for (const a of stmt.assignments) byName.set(a.column.toLowerCase(), a);
  const resolved = [...byName.values()].map((a) => ({ a, column: findColumn(columns, a.column) }));
  if (resolved.some((r) => r.column?.isKey))
    throw dorisError('Only value columns of unique table could be updated');
  // Doris keeps assignments in a case-insensitive TreeMap, so unknown names are listed sorted.
  const unknown = resolved
    .filter((r) => !r.column?.visible)
    .map((r) => r.a.column)
    .sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1));
  if (unknown.length > 0) throw dorisError(`unknown column in assignment list: ${unknown.join(', ')}`);
  const assignments: Assignment[] = resolved.map(({ a, column }) => {
    if (a.value.kind === 'DefaultMarker')
      throw dorisError('DEFAULT in UPDATE … SET is not supported by doris-sandbox');
    return { column: column!, value: compileTypedExpression(a.value, relation, env) };
  });
  const where = stmt.where ? compilePredicate(stmt.where, relation, env) : undefined;

  // When the sequence column maps onto a value column, setting that column sets the hidden one too.
  const seqName = table.properties.get('function_column.sequence_col');
  const mapped = seqName ? findColumn(columns, seqName) : undefined;
  const hiddenSeq = findColumn(columns, SEQUENCE_COLUMN);

  const current = readCurrentRows(ctx.fe, table, [...table.partitions.values()]);
  const rows: StoredRow[] = [];
  for (const row of current.rows) {
    if (where && !where(row.values)) continue;
    const next: StoredRow = { ...row.stored };
    for (const { column, value } of assignments) {
      const v = value.evaluate(row.values);
      let stored: StoredValue;
      try {
        const type = value.type.kind === 'NULL' ? ({ kind: 'STRING' } as const) : value.type;
        stored = coerceValue(column.type, toValueInput({ value: v, type }), { column: column.name });
      } catch (error) {
        if (error instanceof ValueError) throw strictError(error.message);
        throw error;
      }
      if (stored === null && !column.nullable) {
        throw strictError(`column_name[${column.name}], null value for not null column`);
      }
      next[column.uniqueId] = stored;
    }
    if (mapped && hiddenSeq) next[hiddenSeq.uniqueId] = next[mapped.uniqueId] ?? null;
    rows.push(next);
  }
  return loadRows(ctx, db, table, rows, newLabel('insert'));
}

// Turns loaded values (INSERT VALUES items, stream-load fields) into stored rows of a table: column
// mapping, defaults, NOT NULL checks, hidden columns, and type coercion with Doris-like error messages.
import type { StoredRow } from '../../be/tablet-store.js';
import {
  type Column,
  DELETE_SIGN_COLUMN,
  findColumn,
  SEQUENCE_COLUMN,
  VERSION_COLUMN,
} from '../../catalog/column.js';
import { baseColumns, type OlapTable } from '../../catalog/table.js';
import type { StoredValue } from '../../types/doris-type.js';
import { coerceValue, ValueError, type ValueInput } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import { type GeneratedValue, generatedValues } from './generated-values.js';

export class RowError extends Error {
  override readonly name = 'RowError';
}

export interface RowShape {
  readonly table: OlapTable;
  /** Columns receiving values, in value order. */
  readonly targets: readonly Column[];
  /** Columns filled by default, NULL, a generated value, or a hidden-column rule. */
  readonly rest: readonly Column[];
  /** Per target column, the context coercion errors name (built once, not per value). */
  readonly contexts: ReadonlyArray<{ readonly column: string }>;
  /** With function_column.sequence_col: copy this column's value into the hidden sequence column. */
  readonly sequenceCopy?: { readonly from: number; readonly to: number };
  /** The next value of an AUTO_INCREMENT column (see auto-increment.ts). */
  readonly autoIncrement?: (column: Column) => string;
  /** Generated columns, computed last in column order (see generated-values.ts). */
  readonly generated: readonly GeneratedValue[];
  /** Positions among `targets` of generated columns (given only as NULL/DEFAULT); usually none. */
  readonly generatedTargets: readonly number[];
  /** A partial update: columns left out take the existing row's values, filled in after building. */
  readonly partialUpdate?: boolean;
}

export interface RowShapeOptions {
  /** The column a load names (stream load's function_column.sequence_col) to fill an unmapped sequence column. */
  readonly sequenceSource?: string;
  /** Where AUTO_INCREMENT values come from; required for tables that have such a column. */
  readonly autoIncrement?: (column: Column) => string;
  /** Stream load's partial_columns: a missing NOT NULL column without default is not an error yet. */
  readonly partialUpdate?: boolean;
}

/** Resolves the INSERT column list (or all visible columns) against the table. */
export function rowShape(
  table: OlapTable,
  names: readonly string[] | undefined,
  options: RowShapeOptions = {},
): RowShape {
  const { sequenceSource } = options;
  const all = baseColumns(table);
  const targets = names
    ? names.map((n) => {
        const c = findColumn(all, n);
        if (!c) throw dorisError(`Unknown column '${n}' in '${table.name}'`);
        return c;
      })
    : all.filter((c) => c.visible);
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.name)) throw dorisError(`Duplicate column name '${t.name}'`);
    seen.add(t.name);
  }
  const generated = generatedValues(table, Date.now());
  const rest = all.filter((c) => !seen.has(c.name));
  const seqCol = table.properties.get('function_column.sequence_col') ?? sequenceSource;
  for (const c of rest) {
    if (c.name === SEQUENCE_COLUMN && seqCol === undefined) {
      throw dorisError(`Table ${table.name} has sequence column, need to specify the sequence column`);
    }
  }
  if (sequenceSource !== undefined && !findColumn(all, SEQUENCE_COLUMN)) {
    throw dorisError(`There is no sequence column in the table ${table.name}`);
  }
  const mapped = seqCol ? findColumn(all, seqCol) : undefined;
  const hidden = findColumn(all, SEQUENCE_COLUMN);
  return {
    table,
    targets,
    rest,
    contexts: targets.map((c) => ({ column: c.name })),
    ...(mapped && hidden ? { sequenceCopy: { from: mapped.uniqueId, to: hidden.uniqueId } } : {}),
    ...(options.autoIncrement ? { autoIncrement: options.autoIncrement } : {}),
    ...(options.partialUpdate ? { partialUpdate: true } : {}),
    generated,
    generatedTargets: targets.flatMap((c, i) => (c.generated ? [i] : [])),
  };
}

function nowText(scale: number, ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const base = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return scale > 0 ? `${base}.${p(d.getMilliseconds(), 3).padEnd(scale, '0').slice(0, scale)}` : base;
}

function autoIncrementValue(shape: RowShape, c: Column): StoredValue {
  if (!shape.autoIncrement) throw new Error(`no auto-increment source for ${shape.table.name}.${c.name}`);
  return coerceValue(c.type, shape.autoIncrement(c));
}

function defaultFor(shape: RowShape, c: Column, nowMs: number): StoredValue {
  if (c.name === DELETE_SIGN_COLUMN || c.name === VERSION_COLUMN) return 0;
  if (c.name === SEQUENCE_COLUMN || c.generated) return null;
  if (c.autoIncrement) return autoIncrementValue(shape, c);
  if (c.defaultValue === undefined) {
    if (c.nullable || shape.partialUpdate) return null;
    throw new RowError(`Column has no default value. column: ${c.name}`);
  }
  if (c.defaultValue === null) return null;
  if (c.defaultValue === 'CURRENT_TIMESTAMP')
    return coerceValue(c.type, nowText(c.type.kind === 'DATETIME' ? c.type.scale : 0, nowMs));
  if (c.defaultValue === 'CURRENT_DATE') return coerceValue(c.type, nowText(0, nowMs).slice(0, 10));
  return coerceValue(c.type, c.defaultValue, { column: c.name });
}

export function buildRow(shape: RowShape, values: readonly ValueInput[], nowMs: number): StoredRow {
  if (values.length !== shape.targets.length) {
    throw new RowError(`Column count doesn't match value count`);
  }
  const row: StoredRow = {};
  const { targets, contexts } = shape;
  for (let i = 0; i < targets.length; i++) {
    const c = targets[i]!;
    let v: StoredValue;
    try {
      v = coerceValue(c.type, values[i]!, contexts[i]);
    } catch (error) {
      if (error instanceof ValueError) throw new RowError(error.message);
      throw error;
    }
    // an explicit NULL for an auto-increment column asks for a generated value, as in Doris
    if (v === null && c.autoIncrement) v = autoIncrementValue(shape, c);
    if (v === null && !c.nullable && !c.generated)
      throw new RowError(`column_name[${c.name}], null value for not null column`);
    row[c.uniqueId] = v;
  }
  for (const c of shape.rest) row[c.uniqueId] = defaultFor(shape, c, nowMs);
  // Checked here, not per value above: a column property read in the hot loop costs stream loads dearly.
  for (const i of shape.generatedTargets) {
    const c = targets[i]!;
    if (row[c.uniqueId] !== null) {
      throw new RowError(
        `The value specified for generated column '${c.name}' in table '${shape.table.name}' is not allowed.`,
      );
    }
  }
  for (const g of shape.generated) {
    const v = g.compute(row);
    if (v === null && !g.column.nullable) {
      throw new RowError(`column_name[${g.column.name}], null value for not null column`);
    }
    row[g.column.uniqueId] = v;
  }
  if (shape.sequenceCopy) row[shape.sequenceCopy.to] = row[shape.sequenceCopy.from] ?? null;
  return row;
}

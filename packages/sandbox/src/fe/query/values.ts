// Runtime values of the engine. A value of type T has T's stored form (see StoredValue); on top of that,
// predicates produce JavaScript booleans, and integer results that fit a double are plain numbers even for
// BIGINT/LARGEINT (stored BIGINTs are decimal text). Every helper here accepts both forms.
import {
  compareValues,
  type DorisType,
  formatDouble,
  renderValue,
  type StoredValue,
} from '../../types/index.js';
import type { ExprType } from './expr-type.js';

export type Value = StoredValue | boolean;

/** Evaluates an expression over one row (input columns, or group keys and aggregates after GROUP BY). */
export type Evaluator = (row: readonly Value[]) => Value;

/** A boolean value as a stored BOOLEAN (0/1), anything else unchanged. */
export function toStored(value: Value): StoredValue {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * A value as a condition: TRUE, FALSE or NULL (null). Numbers are true when non-zero; text is cast the way
 * Doris casts it to BOOLEAN ('true'/'false', or a number), anything else reads as NULL.
 */
export function truth(value: Value): boolean | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
    const n = Number(text);
    return text === '' || Number.isNaN(n) ? null : n !== 0;
  }
  return null;
}

/** The text of a non-null value as Doris casts it to a string (what CONCAT, LIKE and string functions see). */
export function textOf(type: ExprType, value: Value): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (type.kind === 'NULL') return String(value);
  if (type.kind === 'DOUBLE' && typeof value === 'number') return formatDouble(value);
  return renderValue(type, value) ?? '';
}

/** The text a result cell shows, or null for NULL. */
export function renderCell(type: ExprType, value: Value): string | null {
  if (value === null) return null;
  if (type.kind === 'NULL') return null;
  return renderValue(type, toStored(value));
}

/**
 * A key that is equal for equal values of one type (GROUP BY, DISTINCT, COUNT(DISTINCT)). Integers may be
 * numbers or decimal text, so they are keyed by their text; everything else is already canonical.
 */
export function keyOf(type: ExprType, value: Value): string | number {
  if (value === null) return '\u0000null';
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number')
    return type.kind === 'DOUBLE' || type.kind === 'FLOAT' ? value : String(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A row key for several values. */
export function rowKey(types: readonly ExprType[], values: readonly Value[]): string {
  let key = '';
  for (let i = 0; i < values.length; i++) {
    const part = keyOf(types[i] ?? { kind: 'NULL' }, values[i] ?? null);
    key += `${typeof part === 'number' ? `n${part}` : `s${part.length}:${part}`}|`;
  }
  return key;
}

/**
 * The ORDER BY / MIN / MAX order of values of one type, NULL first. Small integers compare as numbers;
 * everything else goes through the types layer's total order.
 */
export function compareForType(type: ExprType): (a: Value, b: Value) => number {
  if (type.kind === 'NULL') return () => 0;
  const doris: DorisType = type;
  return (a, b) => {
    if (a === b) return 0;
    if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
    return compareValues(doris, toStored(a), toStored(b));
  };
}

// How two values of (possibly different) types compare. Doris casts both sides of a comparison to a common
// type; the engine instead maps both sides to keys of a common domain that compare correctly: exact numbers
// (integers and decimals, never through a double), doubles, text, or date-times.
import { coerceValue, compareUtf8, compareValues, type DorisType, ValueError } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import { convertValue } from './convert.js';
import { comparableInteger } from './decimal-math.js';
import { type ExprType, isFloatType, isNumericType, isStringType, isTemporalType } from './expr-type.js';
import type { Value } from './values.js';

export type CompareKey = number | bigint | string;

/** Maps a non-null value to its key, or null when it has none (text that is no number or date). */
export type KeyOf = (value: Value) => CompareKey | null;

export interface ComparisonPlan {
  readonly left: KeyOf;
  readonly right: KeyOf;
  readonly compare: (a: CompareKey, b: CompareKey) => number;
}

const DATETIME6: DorisType = { kind: 'DATETIME', scale: 6 };
const FLOAT_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function compareOrdered(a: CompareKey, b: CompareKey): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: CompareKey, b: CompareKey): number {
  return a === b ? 0 : compareUtf8(String(a), String(b));
}

/** Keys of exact numbers: the unscaled integer at `scale` fraction digits. */
function exactKey(type: ExprType, scale: number): KeyOf {
  const zeros = '0'.repeat(scale);
  if (type.kind === 'BOOLEAN') {
    return (v) => comparableInteger((v === true || (v !== false && Number(v) !== 0) ? '1' : '0') + zeros);
  }
  if (type.kind === 'DECIMAL') {
    const pad = '0'.repeat(scale - type.scale);
    return (v) => {
      const text = String(v);
      const dot = text.indexOf('.');
      return comparableInteger((dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1)) + pad);
    };
  }
  // integers: numbers compare as they are when no scaling is needed
  if (scale === 0) return (v) => (typeof v === 'number' ? v : comparableInteger(String(v)));
  return (v) => comparableInteger(String(v) + zeros);
}

function floatKey(type: ExprType): KeyOf {
  if (isStringType(type)) {
    return (v) => {
      const text = String(v);
      return FLOAT_TEXT.test(text) ? Number(text) : null;
    };
  }
  return (v) => (typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));
}

/** Date-times as `YYYY-MM-DD HH:MM:SS.ffffff`, which orders correctly as text. */
function temporalKey(type: ExprType): KeyOf {
  if (type.kind === 'DATE') return (v) => `${String(v)} 00:00:00.000000`;
  if (type.kind === 'DATETIME') {
    return (v) => {
      const text = String(v);
      return text.length === 26 ? text : `${text}${text.length === 19 ? '.' : ''}`.padEnd(26, '0');
    };
  }
  return (v) => {
    try {
      return String(coerceValue(DATETIME6, String(v)));
    } catch (error) {
      if (error instanceof ValueError) return null;
      throw error;
    }
  };
}

function maxScale(a: ExprType, b: ExprType): number {
  return Math.max(a.kind === 'DECIMAL' ? a.scale : 0, b.kind === 'DECIMAL' ? b.scale : 0);
}

function same(key: KeyOf, compare: ComparisonPlan['compare']): ComparisonPlan {
  return { left: key, right: key, compare };
}

const identity: KeyOf = (v) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v as CompareKey));

/**
 * The comparison of a left operand of type `left` with a right operand of type `right`.
 *
 * @throws SqlError for types that cannot be compared (JSON with a number, arrays with text, ...).
 */
export function comparisonPlan(left: ExprType, right: ExprType): ComparisonPlan {
  if (left.kind === 'NULL' || right.kind === 'NULL') return same(() => null, compareOrdered);
  if (left.kind === 'VARIANT' || right.kind === 'VARIANT') return variantComparison(left, right);
  if (isNumericType(left) && isNumericType(right)) {
    if (isFloatType(left) || isFloatType(right)) {
      return { left: floatKey(left), right: floatKey(right), compare: compareOrdered };
    }
    const scale = maxScale(left, right);
    return { left: exactKey(left, scale), right: exactKey(right, scale), compare: compareOrdered };
  }
  if ((isNumericType(left) && isStringType(right)) || (isStringType(left) && isNumericType(right))) {
    return { left: floatKey(left), right: floatKey(right), compare: compareOrdered };
  }
  if (isTemporalType(left) || isTemporalType(right)) {
    const other = isTemporalType(left) ? right : left;
    if (!isTemporalType(other) && !isStringType(other) && !isNumericType(other))
      throw notComparable(left, right);
    if (left.kind === right.kind && JSON.stringify(left) === JSON.stringify(right)) {
      return same(identity, compareOrdered);
    }
    return { left: temporalKey(left), right: temporalKey(right), compare: compareOrdered };
  }
  if (isStringType(left) && isStringType(right)) return same(identity, compareText);
  if (left.kind === 'JSON' && right.kind === 'JSON') return same(identity, compareText);
  if (left.kind === 'ARRAY' && right.kind === 'ARRAY' && JSON.stringify(left) === JSON.stringify(right)) {
    // arrays are keyed by their JSON text and compared element-wise through the types layer
    const key: KeyOf = (v) => JSON.stringify(v);
    return same(key, (a, b) => compareValues(left, JSON.parse(String(a)), JSON.parse(String(b))));
  }
  throw notComparable(left, right);
}

/**
 * A VARIANT compared with a value of another type is cast to that type first, as Doris's type coercion
 * does (`v['a'] = 1` compares the member as a number, `v['s'] = 'x'` as text without JSON quotes); two
 * VARIANTs compare as their JSON text.
 */
function variantComparison(left: ExprType, right: ExprType): ComparisonPlan {
  if (left.kind === 'VARIANT' && right.kind === 'VARIANT') {
    return same((v) => (typeof v === 'string' ? v : JSON.stringify(v)), compareText);
  }
  const target = left.kind === 'VARIANT' ? right : left;
  const plan = comparisonPlan(target, target);
  const cast =
    (from: ExprType, key: KeyOf): KeyOf =>
    (v) => {
      const converted = convertValue(v, from, target);
      return converted === null ? null : key(converted);
    };
  return left.kind === 'VARIANT'
    ? { left: cast(left, plan.left), right: plan.right, compare: plan.compare }
    : { left: plan.left, right: cast(right, plan.right), compare: plan.compare };
}

function notComparable(left: ExprType, right: ExprType): Error {
  return dorisError(`can not compare ${left.kind} with ${right.kind}`);
}

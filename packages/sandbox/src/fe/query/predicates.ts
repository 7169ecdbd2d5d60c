// Comparisons, IN, BETWEEN, LIKE, IS NULL and the three-valued AND/OR/NOT. A predicate yields true, false
// or null (SQL NULL); WHERE and HAVING keep a row only for true.
import { coerceValue, type DorisType, ValueError } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import { type CompareKey, comparisonPlan } from './comparison.js';
import { type Compiled, combine, computed, constant, constantValue } from './compiled.js';
import { BOOLEAN, isNumericType, isStringType, isTemporalType } from './expr-type.js';
import { likeMatcher } from './like.js';
import { numericLiteralFromText } from './literals.js';
import { textOf, truth, type Value } from './values.js';

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=' | '<=>';

const TESTS: Readonly<Record<Exclude<ComparisonOperator, '<=>'>, (c: number) => boolean>> = {
  '=': (c) => c === 0,
  '<>': (c) => c !== 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

/**
 * A string literal next to a number is read as the number it spells (Doris casts the literal to the other
 * side's type), so `int_col = '5'` compares exactly rather than through a double.
 */
function alignLiteral(operand: Compiled, other: Compiled): Compiled {
  if (!operand.isConstant || !isStringType(operand.type)) return operand;
  const value = constantValue(operand);
  if (value === null) return operand;
  if (isNumericType(other.type)) return numericLiteralFromText(String(value)) ?? operand;
  if (isTemporalType(other.type)) return temporalLiteral(String(value), other.type) ?? operand;
  return operand;
}

const DATETIME6: DorisType = { kind: 'DATETIME', scale: 6 };

/**
 * Date text next to a date or datetime becomes a literal of that type when it converts without loss, so
 * the comparison runs on the stored text as it is (`dt = '2024-01-01'` compares DATE with DATE).
 */
function temporalLiteral(
  text: string,
  type: DorisType & { kind: 'DATE' | 'DATETIME' },
): Compiled | undefined {
  let full: string;
  try {
    full = String(coerceValue(DATETIME6, text));
  } catch (error) {
    if (error instanceof ValueError) return undefined;
    throw error;
  }
  if (type.kind === 'DATE') {
    return full.endsWith(' 00:00:00.000000') ? constant(type, full.slice(0, 10)) : constant(DATETIME6, full);
  }
  const fraction = full.slice(20);
  if (!/^0*$/.test(fraction.slice(type.scale))) return constant(DATETIME6, full);
  return constant(type, type.scale === 0 ? full.slice(0, 19) : full.slice(0, 20 + type.scale));
}

export function compileComparison(op: ComparisonOperator, leftIn: Compiled, rightIn: Compiled): Compiled {
  const left = alignLiteral(leftIn, rightIn);
  const right = alignLiteral(rightIn, leftIn);
  const plan = comparisonPlan(left.type, right.type);
  const { compare } = plan;
  const keyLeft = plan.left;
  const keyRight = plan.right;
  const el = left.evaluate;
  const er = right.evaluate;
  if (op === '<=>') {
    return combine([left, right], BOOLEAN, (row) => {
      const a = el(row);
      const b = er(row);
      if (a === null || b === null) return a === null && b === null;
      const ka = keyLeft(a);
      const kb = keyRight(b);
      return ka !== null && kb !== null && compare(ka, kb) === 0;
    });
  }
  const test = TESTS[op];
  if (right.isConstant && !left.isConstant) {
    // the common `column op literal`: the literal's key is computed once
    const value = constantValue(right);
    const k: CompareKey | null = value === null ? null : keyRight(value);
    if (k === null) return constant(BOOLEAN, null);
    return computed(BOOLEAN, (row) => {
      const a = el(row);
      if (a === null) return null;
      const ka = keyLeft(a);
      return ka === null ? null : test(compare(ka, k));
    });
  }
  return combine([left, right], BOOLEAN, (row) => {
    const a = el(row);
    if (a === null) return null;
    const b = er(row);
    if (b === null) return null;
    const ka = keyLeft(a);
    const kb = keyRight(b);
    return ka === null || kb === null ? null : test(compare(ka, kb));
  });
}

export function compileAnd(left: Compiled, right: Compiled): Compiled {
  const el = left.evaluate;
  const er = right.evaluate;
  return combine([left, right], BOOLEAN, (row) => {
    const a = truth(el(row));
    if (a === false) return false;
    const b = truth(er(row));
    if (b === false) return false;
    return a === null || b === null ? null : true;
  });
}

export function compileOr(left: Compiled, right: Compiled): Compiled {
  const el = left.evaluate;
  const er = right.evaluate;
  return combine([left, right], BOOLEAN, (row) => {
    const a = truth(el(row));
    if (a === true) return true;
    const b = truth(er(row));
    if (b === true) return true;
    return a === null || b === null ? null : false;
  });
}

export function compileNot(operand: Compiled): Compiled {
  const e = operand.evaluate;
  return combine([operand], BOOLEAN, (row) => {
    const v = truth(e(row));
    return v === null ? null : !v;
  });
}

export function compileIsNull(operand: Compiled, negated: boolean): Compiled {
  const e = operand.evaluate;
  return combine([operand], BOOLEAN, (row) => (e(row) === null) !== negated);
}

/** `x IN (a, b, …)`: true on a match; otherwise NULL if x or any item is NULL, else false. */
export function compileInList(operand: Compiled, items: readonly Compiled[], negated: boolean): Compiled {
  const tests = items.map((item) => {
    const aligned = alignLiteral(item, operand);
    const plan = comparisonPlan(operand.type, aligned.type);
    return { plan, evaluate: aligned.evaluate };
  });
  const e = operand.evaluate;
  return combine([operand, ...items], BOOLEAN, (row) => {
    const v = e(row);
    if (v === null) return null;
    let sawNull = false;
    for (const { plan, evaluate } of tests) {
      const item = evaluate(row);
      const ka = plan.left(v);
      const kb = item === null ? null : plan.right(item);
      if (ka === null || kb === null) {
        sawNull = true;
      } else if (plan.compare(ka, kb) === 0) {
        return !negated;
      }
    }
    return sawNull ? null : negated;
  });
}

/** `x BETWEEN a AND b` is `x >= a AND x <= b`, as Doris rewrites it. */
export function compileBetween(operand: Compiled, low: Compiled, high: Compiled, negated: boolean): Compiled {
  const range = compileAnd(compileComparison('>=', operand, low), compileComparison('<=', operand, high));
  return negated ? compileNot(range) : range;
}

export function compileLike(
  operand: Compiled,
  pattern: Compiled,
  escapeOperand: Compiled | undefined,
  negated: boolean,
): Compiled {
  let escapeChar = '\\';
  if (escapeOperand !== undefined) {
    const value = escapeOperand.isConstant ? constantValue(escapeOperand) : null;
    const text = value === null ? '' : textOf(escapeOperand.type, value);
    if (Array.from(text).length !== 1) throw dorisError('ESCAPE must be a single character');
    escapeChar = text;
  }
  const e = operand.evaluate;
  const operandType = operand.type;
  const patternType = pattern.type;
  const matchText = (text: string, matcher: (t: string) => boolean): boolean => matcher(text) !== negated;
  if (pattern.isConstant) {
    const value = constantValue(pattern);
    if (value === null) return constant(BOOLEAN, null);
    const matcher = likeMatcher(textOf(patternType, value), escapeChar);
    return combine([operand], BOOLEAN, (row) => {
      const v = e(row);
      return v === null ? null : matchText(textOf(operandType, v), matcher);
    });
  }
  // a pattern that varies per row: remember the last matcher, since rows often repeat the pattern
  const ep = pattern.evaluate;
  let lastPattern: string | undefined;
  let lastMatcher: (t: string) => boolean = () => false;
  return combine([operand, pattern], BOOLEAN, (row) => {
    const v: Value = e(row);
    if (v === null) return null;
    const p = ep(row);
    if (p === null) return null;
    const text = textOf(patternType, p);
    if (text !== lastPattern) {
      lastPattern = text;
      lastMatcher = likeMatcher(text, escapeChar);
    }
    return matchText(textOf(operandType, v), lastMatcher);
  });
}

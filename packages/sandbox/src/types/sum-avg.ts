// SELECT SUM(...) and AVG(...): result types by Doris's Nereids rules, and the computations.

import { addInType } from './aggregate.js';
import { coerceValue } from './coerce-value.js';
import type { DorisType, StoredValue } from './doris-type.js';
import { InvalidTypeError, ValueError } from './errors.js';
import { fitsPrecision, formatScaled } from './exact-decimal.js';
import { renderTypeSql } from './render-type.js';
import { storedBigInt, storedUnscaled } from './stored-numbers.js';
import { MAX_DECIMAL_PRECISION, MIN_AVG_DECIMAL_SCALE } from './type-limits.js';

const BIGINT: DorisType = { kind: 'BIGINT' };
const DOUBLE: DorisType = { kind: 'DOUBLE' };

/**
 * SUM's result type: TINYINT..BIGINT and BOOLEAN → BIGINT, LARGEINT → LARGEINT, FLOAT/DOUBLE → DOUBLE,
 * DECIMAL(p,s) → DECIMAL(38,s), and strings → DOUBLE (Doris casts them to DOUBLE first).
 *
 * @throws InvalidTypeError for types SUM does not accept.
 */
export function sumResultType(type: DorisType): DorisType {
  switch (type.kind) {
    case 'BOOLEAN':
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
      return BIGINT;
    case 'LARGEINT':
      return type;
    case 'FLOAT':
    case 'DOUBLE':
    case 'CHAR':
    case 'VARCHAR':
    case 'STRING':
      return DOUBLE;
    case 'DECIMAL':
      return { kind: 'DECIMAL', precision: MAX_DECIMAL_PRECISION, scale: type.scale };
    default:
      throw new InvalidTypeError(
        `sum requires a numeric, boolean or string parameter: ${renderTypeSql(type)}`,
      );
  }
}

/**
 * AVG's result type: integers and floating point → DOUBLE; DECIMAL(p,s) → DECIMAL(38, max(s, 4)).
 *
 * @throws InvalidTypeError for non-numeric types.
 */
export function avgResultType(type: DorisType): DorisType {
  switch (type.kind) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'LARGEINT':
    case 'FLOAT':
    case 'DOUBLE':
      return DOUBLE;
    case 'DECIMAL':
      return {
        kind: 'DECIMAL',
        precision: MAX_DECIMAL_PRECISION,
        scale: Math.max(type.scale, MIN_AVG_DECIMAL_SCALE),
      };
    default:
      throw new InvalidTypeError(`avg requires a numeric parameter: ${renderTypeSql(type)}`);
  }
}

/** A value of `type` converted to the sum type, or null if it has no numeric value (NULL, unparsable text). */
function toSumOperand(type: DorisType, value: StoredValue): StoredValue {
  if (value === null) return null;
  switch (type.kind) {
    case 'CHAR':
    case 'VARCHAR':
    case 'STRING':
      // Doris casts strings to DOUBLE; text that does not parse becomes NULL and is skipped
      try {
        return coerceValue(DOUBLE, String(value));
      } catch (error) {
        if (error instanceof ValueError) return null;
        throw error;
      }
    case 'BOOLEAN':
      return Number(value) !== 0 ? '1' : '0';
    default:
      return value;
  }
}

/**
 * SUM over stored values of `type`, in sumResultType(type); NULLs are skipped and the sum of no values is
 * NULL. Integer and decimal sums are exact.
 *
 * @throws ValueError if the sum overflows its result type (Doris would wrap; see addInType).
 */
export function sumValues(type: DorisType, values: Iterable<StoredValue>): StoredValue {
  const resultType = sumResultType(type);
  let total: StoredValue = resultType.kind === 'DECIMAL' ? formatScaled(0n, resultType.scale) : 0;
  let seen = false;
  for (const value of values) {
    const operand = toSumOperand(type, value);
    if (operand === null) continue;
    // addInType reads every integer or decimal operand exactly, whatever stored form it has
    total = addInType(resultType, total, operand);
    seen = true;
  }
  return seen ? total : null;
}

/**
 * AVG over stored values of `type`, in avgResultType(type); NULLs are skipped and the average of no values
 * is NULL. Integer sums are exact before the division; decimal averages truncate toward zero at the result
 * scale, as Doris's decimal division does.
 */
export function avgValues(type: DorisType, values: Iterable<StoredValue>): StoredValue {
  const resultType = avgResultType(type);
  let count = 0;
  if (resultType.kind === 'DECIMAL' && type.kind === 'DECIMAL') {
    let total = 0n;
    for (const value of values) {
      if (value === null) continue;
      total += storedUnscaled(value, resultType.scale);
      count++;
    }
    if (count === 0) return null;
    const average = total / BigInt(count);
    if (!fitsPrecision(average, resultType.precision)) {
      throw new ValueError(`Arithmetic overflow in avg of ${renderTypeSql(type)}`);
    }
    return formatScaled(average, resultType.scale);
  }
  const integral = type.kind !== 'FLOAT' && type.kind !== 'DOUBLE';
  let exact = 0n;
  let floating = 0;
  for (const value of values) {
    if (value === null) continue;
    if (integral) exact += storedBigInt(value);
    else floating += Number(value);
    count++;
  }
  if (count === 0) return null;
  const average = (integral ? Number(exact) : floating) / count;
  if (!Number.isFinite(average)) throw new ValueError(`Number out of range[${average}]. type: DOUBLE`);
  return average;
}

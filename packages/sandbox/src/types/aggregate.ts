// Merging a new value into an AGGREGATE KEY column (the value-column aggregation of Doris's aggregate model).

import { compareValues } from './compare-values.js';
import type { DorisType, StoredValue } from './doris-type.js';
import { InvalidTypeError, ValueError } from './errors.js';
import { fitsPrecision, formatScaled } from './exact-decimal.js';
import { renderTypeSql } from './render-type.js';
import { storedBigInt, storedUnscaled } from './stored-numbers.js';
import { INTEGER_RANGES, MAX_FLOAT32 } from './type-limits.js';

export type AggregateKind = 'SUM' | 'MIN' | 'MAX' | 'REPLACE' | 'REPLACE_IF_NOT_NULL';

function notCompatible(kind: AggregateKind, type: DorisType): InvalidTypeError {
  return new InvalidTypeError(
    `Aggregate type ${kind} is not compatible with primitive type ${renderTypeSql(type)}`,
  );
}

/**
 * `a + b` for two non-null stored values of a numeric type, staying in that type.
 *
 * Overflow is an error rather than C++ wrap-around: Doris's BE would wrap silently, which no test wants to
 * depend on, and an error makes the situation visible. Decimals must stay within the type's precision.
 *
 * @throws ValueError on overflow; InvalidTypeError for non-numeric types.
 */
export function addInType(type: DorisType, a: StoredValue, b: StoredValue): StoredValue {
  switch (type.kind) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'LARGEINT': {
      const sum = storedBigInt(a) + storedBigInt(b);
      const { min, max } = INTEGER_RANGES[type.kind];
      if (sum < min || sum > max) throw new ValueError(`Number out of range[${sum}]. type: ${type.kind}`);
      return type.kind === 'BIGINT' || type.kind === 'LARGEINT' ? sum.toString() : Number(sum);
    }
    case 'FLOAT':
    case 'DOUBLE': {
      const raw = Number(a) + Number(b);
      const sum = type.kind === 'FLOAT' ? Math.fround(raw) : raw;
      if (!Number.isFinite(sum) || (type.kind === 'FLOAT' && Math.abs(raw) > MAX_FLOAT32)) {
        throw new ValueError(`Number out of range[${raw}]. type: ${type.kind}`);
      }
      return sum === 0 ? 0 : sum;
    }
    case 'DECIMAL': {
      const sum = storedUnscaled(a, type.scale) + storedUnscaled(b, type.scale);
      if (!fitsPrecision(sum, type.precision)) {
        throw new ValueError(
          `Arithmetic overflow when converting value ${formatScaled(sum, type.scale)} to ${renderTypeSql(type)}`,
        );
      }
      return formatScaled(sum, type.scale);
    }
    default:
      throw notCompatible('SUM', type);
  }
}

/**
 * The aggregated value after `incoming` meets `current` in an aggregate-model value column.
 * SUM, MIN and MAX ignore NULL (the result is NULL only while every value was NULL); REPLACE takes the
 * incoming value even when it is NULL; REPLACE_IF_NOT_NULL keeps the current value when the incoming one is
 * NULL.
 */
export function aggregate(
  kind: AggregateKind,
  type: DorisType,
  current: StoredValue,
  incoming: StoredValue,
): StoredValue {
  switch (kind) {
    case 'REPLACE':
      return incoming;
    case 'REPLACE_IF_NOT_NULL':
      return incoming === null ? current : incoming;
    case 'SUM':
      if (!isNumericKind(type)) throw notCompatible(kind, type);
      if (current === null || incoming === null) return current ?? incoming;
      return addInType(type, current, incoming);
    case 'MIN':
    case 'MAX': {
      if (type.kind === 'JSON' || type.kind === 'ARRAY') throw notCompatible(kind, type);
      if (current === null || incoming === null) return current ?? incoming;
      const c = compareValues(type, incoming, current);
      return (kind === 'MIN' ? c < 0 : c > 0) ? incoming : current;
    }
    default: {
      const unknown: never = kind;
      throw new InvalidTypeError(`Unknown aggregate type: ${String(unknown)}`);
    }
  }
}

function isNumericKind(type: DorisType): boolean {
  switch (type.kind) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'LARGEINT':
    case 'FLOAT':
    case 'DOUBLE':
    case 'DECIMAL':
      return true;
    default:
      return false;
  }
}

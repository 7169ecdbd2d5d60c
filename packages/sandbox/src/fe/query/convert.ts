// Converting values between types: CAST, and the implicit casts Doris inserts (CASE branches to their common
// type, arguments to what a function expects). Conversions go through the types layer's coerceValue, so a
// value converts the way an INSERT of the same value would store it.
import {
  coerceValue,
  type DorisType,
  formatDouble,
  formatFloat,
  jsonScalarText,
  type LiteralInput,
  nestedVariantText,
  renderVariant,
  type StoredValue,
  ValueError,
  type VariantValue,
} from '../../types/index.js';
import { formatScaled, rescaleHalfUp, unscaledOfStored } from './decimal-math.js';
import { type ExprType, isIntegerType, isStringType, MAX_VARCHAR, sameType } from './expr-type.js';
import { textOf, toStored, type Value } from './values.js';

/** A non-null value of `type` as the literal input the types layer takes. */
export function literalInputOf(type: ExprType, value: Value): LiteralInput {
  if (value === null) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  switch (type.kind) {
    case 'BOOLEAN':
      return { kind: 'boolean', value: Number(value) !== 0 };
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'LARGEINT':
      return { kind: 'int', text: String(value) };
    case 'DECIMAL':
      return { kind: 'decimal', text: String(value) };
    case 'FLOAT':
      return { kind: 'decimal', text: formatFloat(Number(value)) };
    case 'DOUBLE':
      return { kind: 'decimal', text: formatDouble(Number(value)) };
    case 'ARRAY': {
      const element = type.element;
      const items = Array.isArray(value) ? value : [value];
      return { kind: 'array', items: items.map((item: StoredValue) => literalInputOf(element, item)) };
    }
    case 'MAP': {
      const pairs = Array.isArray(value) ? value : [];
      return {
        kind: 'map',
        entries: pairs.map((pair: StoredValue) => {
          const [k, v] = Array.isArray(pair) ? pair : [null, null];
          return [literalInputOf(type.key, k ?? null), literalInputOf(type.value, v ?? null)] as const;
        }),
      };
    }
    case 'STRUCT': {
      const values = Array.isArray(value) ? value : [];
      return {
        kind: 'struct',
        names: type.fields.map((f) => f.name),
        items: type.fields.map((f, i) => literalInputOf(f.type, values[i] ?? null)),
      };
    }
    case 'DATE':
    case 'DATETIME':
    case 'CHAR':
    case 'VARCHAR':
    case 'STRING':
    case 'JSON':
    case 'VARIANT':
    case 'NULL':
      return { kind: 'string', text: String(value) };
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/**
 * Converts a value of type `from` to type `to`. A value that does not convert (text that is no number, an
 * out-of-range number, an invalid date) becomes NULL, as in Doris's non-strict casts.
 */
export function convertValue(value: Value, from: ExprType, to: ExprType): Value {
  if (value === null || to.kind === 'NULL') return null;
  if (sameType(from, to)) return value;
  if (from.kind === 'VARIANT' && (to.kind !== 'JSON' || Array.isArray(value))) return fromVariant(value, to);
  // strings are not cut to the target length: Doris does not truncate in casts between string types either
  if (isStringType(to)) return textOf(from, value);
  if (to.kind === 'DECIMAL' && (from.kind === 'DECIMAL' || isIntegerType(from))) {
    return decimalToDecimal(value, from.kind === 'DECIMAL' ? from.scale : 0, to);
  }
  try {
    return coerceValue(to, literalInputOf(from, value));
  } catch (error) {
    if (error instanceof ValueError) return null;
    throw error;
  }
}

/**
 * A VARIANT value cast: a scalar as its value (a string member without its JSON quotes); the entries of a
 * flattened nested path as an array (to ARRAY<T>, entry by entry), as printed (to text), as JSON (to JSON or
 * into a VARIANT column), and NULL to any scalar type, as Doris casts a nested subcolumn.
 */
function fromVariant(value: Value, to: ExprType): Value {
  if (to.kind === 'VARIANT') {
    return Array.isArray(value) && to.flattenNested !== true
      ? nestedVariantText(value as VariantValue)
      : value;
  }
  if (Array.isArray(value)) {
    const entries = value as (string | null)[];
    if (to.kind === 'ARRAY') {
      return entries.map((e) => (e === null ? null : toStored(fromVariant(e, to.element))));
    }
    if (isStringType(to)) return renderVariant(entries);
    if (to.kind === 'JSON') return nestedVariantText(entries);
    return null;
  }
  return convertValue(jsonScalarText(String(value)), MAX_VARCHAR, to);
}

/** Exact rescaling between decimals (and from integers), NULL when the value overflows the target. */
function decimalToDecimal(value: Value, fromScale: number, to: DorisType & { kind: 'DECIMAL' }): Value {
  const unscaled = fromScale === 0 ? BigInt(String(value)) : unscaledOfStored(String(value));
  const scaled = rescaleHalfUp({ unscaled, scale: fromScale }, to.scale);
  const limit = 10n ** BigInt(to.precision);
  if (scaled >= limit || scaled <= -limit) return null;
  return formatScaled(scaled, to.scale);
}

/** A converter from one type to another, or the identity when nothing needs converting. */
export function converter(from: ExprType, to: ExprType): (value: Value) => Value {
  if (sameType(from, to) || from.kind === 'NULL') return (value) => value;
  return (value) => convertValue(value, from, to);
}

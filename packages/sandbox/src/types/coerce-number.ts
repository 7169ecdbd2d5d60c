// Coercion of sources into the numeric and boolean types.

import { type CoerceContext, ValueError } from './errors.js';
import {
  type ExactDecimal,
  fitsPrecision,
  formatScaled,
  parseExactDecimal,
  rescaleHalfUp,
  truncateToInteger,
} from './exact-decimal.js';
import { INTEGER_RANGES, type IntegerKind, MAX_FLOAT32 } from './type-limits.js';
import { describeSource, type Source } from './value-input.js';

/** Doris's string-to-integer parse: optional sign, digits, and an ignored fraction (`'12.7'` → 12). */
const INTEGER_STRING = /^[+-]?\d+(?:\.\d*)?$/;
/** Doris's string-to-double parse: decimal or exponent text, or inf/nan spellings (which we reject later). */
const FLOAT_STRING = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function cannotConvert(source: Source, typeSql: string, context: CoerceContext): ValueError {
  return new ValueError(`cannot convert '${describeSource(source)}' to ${typeSql}`, context);
}

/** The exact numeric value of a number source, a numeric string, or a boolean (1/0). */
function exactOf(source: Source, allowText: boolean): ExactDecimal | undefined {
  switch (source.tag) {
    case 'number':
      return parseExactDecimal(source.text);
    case 'text':
      return allowText ? parseExactDecimal(source.text) : undefined;
    case 'bool':
      return { unscaled: source.value ? 1n : 0n, scale: 0 };
    default:
      return undefined;
  }
}

/** TINYINT..LARGEINT: decimals truncate toward zero; out of range is an error, as Doris's insert reports. */
export function coerceInteger(
  kind: IntegerKind,
  source: Source,
  context: CoerceContext,
): number | string | undefined {
  if (source.tag === 'text' && !INTEGER_STRING.test(source.text.trim())) return undefined;
  const exact = exactOf(source, true);
  if (exact === undefined) {
    // a number literal whose exponent is too large to expand is simply out of range
    if (source.tag === 'number' && /^[+-]?[\d.]+[eE]\+?\d+$/.test(source.text.trim())) {
      throw new ValueError(`Number out of range[${source.text}]. type: ${kind}`, context);
    }
    return undefined;
  }
  const value = truncateToInteger(exact);
  const { min, max } = INTEGER_RANGES[kind];
  if (value < min || value > max) {
    throw new ValueError(`Number out of range[${value}]. type: ${kind}`, context);
  }
  // small integers are stored as numbers, BIGINT and LARGEINT as exact decimal strings
  return kind === 'BIGINT' || kind === 'LARGEINT' ? value.toString() : Number(value);
}

/** DECIMAL(p,s): rounded half up to s digits; more than p-s integer digits is an error. */
export function coerceDecimal(
  precision: number,
  scale: number,
  source: Source,
  context: CoerceContext,
): string | undefined {
  const exact = exactOf(source, true);
  const overflow = (): ValueError =>
    new ValueError(
      `Arithmetic overflow when converting value ${describeSource(source)} to decimal(${precision},${scale})`,
      context,
    );
  if (exact === undefined) {
    if (source.tag === 'number' || (source.tag === 'text' && FLOAT_STRING.test(source.text.trim()))) {
      throw overflow();
    }
    return undefined;
  }
  const unscaled = rescaleHalfUp(exact, scale);
  if (!fitsPrecision(unscaled, precision)) throw overflow();
  return formatScaled(unscaled, scale);
}

/** FLOAT/DOUBLE: any decimal or exponent text; FLOAT is rounded to float32. Non-finite results are errors. */
export function coerceFloating(
  kind: 'FLOAT' | 'DOUBLE',
  source: Source,
  context: CoerceContext,
): number | undefined {
  let value: number;
  switch (source.tag) {
    case 'number':
      value = Number(source.text.trim());
      break;
    case 'text': {
      const text = source.text.trim();
      if (!FLOAT_STRING.test(text)) return undefined;
      value = Number(text);
      break;
    }
    case 'bool':
      value = source.value ? 1 : 0;
      break;
    default:
      return undefined;
  }
  if (Number.isNaN(value)) return undefined;
  if (!Number.isFinite(value) || (kind === 'FLOAT' && Math.abs(value) > MAX_FLOAT32)) {
    throw new ValueError(`Number out of range[${describeSource(source)}]. type: ${kind}`, context);
  }
  // normalize -0 so that stored values compare and hash the same as 0
  const stored = kind === 'FLOAT' ? Math.fround(value) : value;
  return stored === 0 ? 0 : stored;
}

/** BOOLEAN: true/false (any case), 1/0, or any number (non-zero is true), stored as 1/0. */
export function coerceBoolean(source: Source): number | undefined {
  switch (source.tag) {
    case 'bool':
      return source.value ? 1 : 0;
    case 'number': {
      const exact = parseExactDecimal(source.text);
      return exact === undefined ? undefined : exact.unscaled === 0n ? 0 : 1;
    }
    case 'text': {
      const text = source.text.trim().toLowerCase();
      if (text === 'true' || text === '1') return 1;
      if (text === 'false' || text === '0') return 0;
      return undefined;
    }
    default:
      return undefined;
  }
}

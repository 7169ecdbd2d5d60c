// Literals and their types as Nereids types them: an integer gets the narrowest integer type that holds it,
// a decimal literal DECIMAL(p,s) from its digits, an exponent literal DOUBLE, a string VARCHAR(its length).
import { type Compiled, constant } from './compiled.js';
import { formatScaled, integerDigits, integerValue, parseDecimalText } from './decimal-math.js';
import { DOUBLE, decimalType, integerLiteralType, MAX_PRECISION, varcharOf } from './expr-type.js';

export function integerLiteral(value: bigint): Compiled {
  const type = integerLiteralType(value);
  if (type !== undefined) return constant(type, integerValue(value));
  // beyond LARGEINT: Doris falls back to a decimal, and to a double beyond 38 digits
  const digits = (value < 0n ? -value : value).toString().length;
  if (digits <= MAX_PRECISION) return constant(decimalType(digits, 0), value.toString());
  return constant(DOUBLE, Number(value));
}

/** `1.50` is DECIMAL(3,2) with value "1.50"; `1e3` is the DOUBLE 1000. */
export function decimalLiteral(text: string): Compiled {
  const exact = parseDecimalText(text);
  if (exact === undefined) return constant(DOUBLE, Number(text));
  const precision = Math.max(integerDigits(exact) + exact.scale, 1);
  if (precision > MAX_PRECISION) return constant(DOUBLE, Number(text));
  return constant(decimalType(precision, exact.scale), formatScaled(exact.unscaled, exact.scale));
}

export function stringLiteral(text: string): Compiled {
  return constant(varcharOf(Buffer.byteLength(text, 'utf8')), text);
}

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const DECIMAL_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*$/;
const DOUBLE_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+\s*$/;

/**
 * The numeric literal a string spells, typed as if it had been written without quotes: Doris turns a string
 * literal next to a number into a number of the literal's own shape. Undefined when the text is no number.
 */
export function numericLiteralFromText(text: string): Compiled | undefined {
  if (INTEGER_TEXT.test(text)) return integerLiteral(BigInt(text.trim()));
  if (DECIMAL_TEXT.test(text)) return decimalLiteral(text.trim());
  if (DOUBLE_TEXT.test(text)) return constant(DOUBLE, Number(text));
  return undefined;
}

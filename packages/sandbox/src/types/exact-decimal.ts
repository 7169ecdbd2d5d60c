// Exact decimal arithmetic on bigints. DECIMAL values, integer literals and numeric text are all handled
// through this so that nothing goes through a double and loses digits.

/** value = unscaled × 10^-scale, scale ≥ 0. */
export interface ExactDecimal {
  readonly unscaled: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Exponents beyond this are not expanded: 10^400 already exceeds every Doris type, and expanding an
 * attacker-sized exponent would allocate without bound.
 */
const MAX_EXPONENT = 400;

/**
 * Parses decimal text (`12`, `-1.50`, `.5`, `1.`, `1e3`, `2.5E-2`) exactly; surrounding whitespace is
 * ignored as Doris's string-to-number parsers do. Returns undefined for anything else.
 * A huge positive exponent on a non-zero value yields undefined too (callers report it as out of range);
 * a huge negative one is rounded to zero.
 */
export function parseExactDecimal(text: string): ExactDecimal | undefined {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (match === null) return undefined;
  const sign = match[1] ?? '';
  const intPart = match[2] ?? '';
  const fracPart = match[3] ?? '';
  if (intPart === '' && fracPart === '') return undefined;
  const exponent = match[4] === undefined ? 0 : Number(match[4]);
  let unscaled = BigInt(intPart + fracPart);
  if (unscaled === 0n) return { unscaled: 0n, scale: 0 };
  if (exponent > MAX_EXPONENT) return undefined;
  if (exponent < -MAX_EXPONENT) return { unscaled: 0n, scale: 0 };
  let scale = fracPart.length - exponent;
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { unscaled: sign === '-' ? -unscaled : unscaled, scale };
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** The value at `targetScale` fraction digits, rounding half away from zero (Doris's decimal rounding). */
export function rescaleHalfUp(value: ExactDecimal, targetScale: number): bigint {
  if (value.scale <= targetScale) return value.unscaled * 10n ** BigInt(targetScale - value.scale);
  const divisor = 10n ** BigInt(value.scale - targetScale);
  const quotient = value.unscaled / divisor;
  const remainder = abs(value.unscaled % divisor);
  if (remainder * 2n < divisor) return quotient;
  return value.unscaled < 0n ? quotient - 1n : quotient + 1n;
}

/** The integer part, truncated toward zero (how Doris casts decimals to integers). */
export function truncateToInteger(value: ExactDecimal): bigint {
  return value.unscaled / 10n ** BigInt(value.scale);
}

/** Text with exactly `scale` fraction digits: 1250n, 2 → "12.50"; -5n, 2 → "-0.05". */
export function formatScaled(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = abs(unscaled).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const text = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Whether an unscaled value fits `precision` digits in total. */
export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  return abs(unscaled) < 10n ** BigInt(precision);
}

/** Compares two exact decimals numerically. */
export function compareExact(a: ExactDecimal, b: ExactDecimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.unscaled * 10n ** BigInt(scale - a.scale);
  const y = b.unscaled * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

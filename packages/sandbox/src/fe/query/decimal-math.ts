// Exact decimal arithmetic on bigints for the query engine. The types layer has its own copy internally; it
// is not part of its public API, so the engine keeps the few operations it needs here.

/** value = unscaled × 10^-scale. */
export interface Exact {
  readonly unscaled: bigint;
  readonly scale: number;
}

const POW10: bigint[] = [1n];

export function pow10(n: number): bigint {
  for (let i = POW10.length; i <= n; i++) POW10.push((POW10[i - 1] ?? 1n) * 10n);
  return POW10[n] ?? 10n ** BigInt(n);
}

const DECIMAL_TEXT = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;

/**
 * Parses plain decimal text (`12`, `-1.50`, `.5`, ` 3 `) exactly; undefined for anything else. Exponent
 * notation is not accepted: text with an exponent is a DOUBLE in Doris, not a decimal.
 */
export function parseDecimalText(text: string): Exact | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const intPart = match[2] ?? '';
  const fracPart = match[3] ?? '';
  if (intPart === '' && fracPart === '') return undefined;
  const unscaled = BigInt(`${intPart}${fracPart}` || '0');
  return { unscaled: match[1] === '-' ? -unscaled : unscaled, scale: fracPart.length };
}

/** The unscaled value of stored decimal text that already has exactly `scale` fraction digits. */
export function unscaledOfStored(text: string): bigint {
  const dot = text.indexOf('.');
  return BigInt(dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1));
}

/** Rescales to `target` fraction digits, rounding half away from zero (Doris's decimal rounding). */
export function rescaleHalfUp(value: Exact, target: number): bigint {
  if (value.scale <= target) return value.unscaled * pow10(target - value.scale);
  const divisor = pow10(value.scale - target);
  const quotient = value.unscaled / divisor;
  const remainder = value.unscaled % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < divisor) return quotient;
  return value.unscaled < 0n ? quotient - 1n : quotient + 1n;
}

/** Rescales to `target` fraction digits, truncating toward zero. */
export function rescaleTruncate(value: Exact, target: number): bigint {
  if (value.scale <= target) return value.unscaled * pow10(target - value.scale);
  return value.unscaled / pow10(value.scale - target);
}

/** Text with exactly `scale` fraction digits: 1250n, 2 → "12.50"; -5n, 2 → "-0.05". */
export function formatScaled(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const text = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Whether an unscaled value fits `precision` digits. */
export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  return (unscaled < 0n ? -unscaled : unscaled) < pow10(precision);
}

/** The number of digits before the decimal point, leading zeros not counted (`0.5` has none). */
export function integerDigits(value: Exact): number {
  const abs = value.unscaled < 0n ? -value.unscaled : value.unscaled;
  const digits = abs.toString().length - value.scale;
  return abs === 0n ? 0 : Math.max(digits, 0);
}

/**
 * An exact integer as a value that compares exactly against other such values: a number while it has at
 * most 15 digits (exact in a double, and fast), a bigint beyond. JavaScript compares number and bigint
 * exactly, so the two forms mix freely in `<`, `>` and `==`.
 */
export function comparableInteger(digits: string): number | bigint {
  const length = digits.charCodeAt(0) === 45 /* - */ ? digits.length - 1 : digits.length;
  return length <= 15 ? Number(digits) : BigInt(digits);
}

/** An integer result as a stored value: a number while it is a safe integer, decimal text beyond. */
export function integerValue(value: bigint): number | string {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value.toString();
}

// Reading numeric stored values back as exact numbers.

import type { StoredValue } from './doris-type.js';
import { parseExactDecimal, rescaleHalfUp } from './exact-decimal.js';

/** An integer stored value (number for small kinds, decimal string for BIGINT/LARGEINT) as a bigint. */
export function storedBigInt(value: StoredValue): bigint {
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  return BigInt(String(value));
}

/** A DECIMAL stored value as its unscaled integer at `scale` fraction digits. */
export function storedUnscaled(value: StoredValue, scale: number): bigint {
  const exact = parseExactDecimal(String(value));
  if (exact === undefined) throw new Error(`not a stored decimal: ${String(value)}`);
  return rescaleHalfUp(exact, scale);
}

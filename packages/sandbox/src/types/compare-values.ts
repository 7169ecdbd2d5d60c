import type { DorisType, StoredValue } from './doris-type.js';
import { assertNever } from './errors.js';
import { compareExact, parseExactDecimal } from './exact-decimal.js';
import { storedBigInt } from './stored-numbers.js';

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareBigInt(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numbers compare numerically; -0 equals 0 (coercion never stores -0 anyway). */
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDecimals(a: StoredValue, b: StoredValue): number {
  const x = String(a);
  const y = String(b);
  // stored decimals of one column share the scale, so the digits alone decide; fall back for mixed scales
  const dx = x.indexOf('.');
  const dy = y.indexOf('.');
  const fx = dx < 0 ? 0 : x.length - dx - 1;
  const fy = dy < 0 ? 0 : y.length - dy - 1;
  if (fx === fy) {
    return compareBigInt(BigInt(x.replace('.', '')), BigInt(y.replace('.', '')));
  }
  const ex = parseExactDecimal(x);
  const ey = parseExactDecimal(y);
  if (ex === undefined || ey === undefined) return compareUtf8(x, y);
  return compareExact(ex, ey);
}

/**
 * Compares strings in UTF-8 byte order, which is code point order. UTF-16 code unit order differs only for
 * surrogates (code points above U+FFFF), which must sort after U+E000..U+FFFF: mapping each surrogate unit
 * up by 0x10000 fixes that without encoding the strings.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
    return x < y ? -1 : 1;
  }
  return sign(a.length - b.length);
}

function compareArrays(element: DorisType, a: readonly StoredValue[], b: readonly StoredValue[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(element, a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

/**
 * A total order on stored values of one type, for ORDER BY, key order and MIN/MAX: -1, 0 or 1.
 * NULL sorts first (Doris's default for ascending order). Integers, decimals and floating point compare
 * numerically (BIGINT/LARGEINT exactly, beyond 2^53); DATE/DATETIME compare as their fixed-width text; strings
 * and JSON text by UTF-8 bytes; arrays element by element, a prefix first.
 */
export function compareValues(type: DorisType, a: StoredValue, b: StoredValue): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : -1) : 1;
  switch (type.kind) {
    case 'BOOLEAN':
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'FLOAT':
    case 'DOUBLE':
      return compareNumbers(Number(a), Number(b));
    case 'BIGINT':
    case 'LARGEINT':
      return compareBigInt(storedBigInt(a), storedBigInt(b));
    case 'DECIMAL':
      return compareDecimals(a, b);
    case 'DATE':
    case 'DATETIME':
    case 'CHAR':
    case 'VARCHAR':
    case 'STRING':
    case 'JSON':
    case 'VARIANT':
      return compareUtf8(String(a), String(b));
    case 'ARRAY':
      return compareArrays(type.element, Array.isArray(a) ? a : [a], Array.isArray(b) ? b : [b]);
    case 'MAP':
    case 'STRUCT':
      // Doris refuses to order or compare these; a stable order keeps row merging deterministic
      return compareUtf8(JSON.stringify(a), JSON.stringify(b));
    default:
      return assertNever(type);
  }
}

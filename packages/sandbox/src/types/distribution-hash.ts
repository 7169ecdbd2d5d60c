// Bytes to feed the bucket hash. They follow how Doris's BE hashes a column value for HASH distribution
// (zlib CRC32 over the value's in-memory little-endian representation, strings by their bytes, NULL as a
// 4-byte zero int), so that the bytes depend only on the value, never on the process.

import { storedDateTimeParts } from './datetime-text.js';
import type { DorisType, StoredValue } from './doris-type.js';
import { assertNever } from './errors.js';
import { storedBigInt, storedUnscaled } from './stored-numbers.js';
import { INTEGER_RANGES, MAX_DECIMAL32_PRECISION, MAX_DECIMAL64_PRECISION } from './type-limits.js';

const NULL_BYTES = Buffer.alloc(4);

/** Two's-complement little-endian bytes of an integer in `width` bytes. */
function intBytes(value: bigint, width: number): Buffer {
  const out = Buffer.alloc(width);
  let v = BigInt.asUintN(width * 8, value);
  for (let i = 0; i < width; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function decimalWidth(precision: number): number {
  if (precision <= MAX_DECIMAL32_PRECISION) return 4;
  return precision <= MAX_DECIMAL64_PRECISION ? 8 : 16;
}

/** DATEV2's packed uint32: year << 9 | month << 5 | day. */
function dateBytes(stored: string): Buffer {
  const p = storedDateTimeParts(stored);
  return intBytes(BigInt((p.year << 9) | (p.month << 5) | p.day), 4);
}

/** DATETIMEV2's packed uint64: year:18 month:4 day:5 hour:5 minute:6 second:6 microsecond:20, high to low. */
function dateTimeBytes(stored: string): Buffer {
  const p = storedDateTimeParts(stored);
  const micros = BigInt(Number(p.fraction.padEnd(6, '0').slice(0, 6)));
  const packed =
    (BigInt(p.year) << 46n) |
    (BigInt(p.month) << 42n) |
    (BigInt(p.day) << 37n) |
    (BigInt(p.hour) << 32n) |
    (BigInt(p.minute) << 26n) |
    (BigInt(p.second) << 20n) |
    micros;
  return intBytes(packed, 8);
}

/**
 * Deterministic hash input for one distribution-column value; the caller CRC32s it (chaining columns).
 * Arrays, which Doris does not allow as distribution columns, get a length-prefixed concatenation of their
 * elements' bytes so that the function is total.
 */
export function hashForDistribution(type: DorisType, stored: StoredValue): Buffer {
  if (stored === null) return NULL_BYTES;
  switch (type.kind) {
    case 'BOOLEAN':
      return Buffer.from([Number(stored) !== 0 ? 1 : 0]);
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'LARGEINT':
      return intBytes(storedBigInt(stored), INTEGER_RANGES[type.kind].bytes);
    case 'FLOAT': {
      const out = Buffer.alloc(4);
      out.writeFloatLE(Number(stored));
      return out;
    }
    case 'DOUBLE': {
      const out = Buffer.alloc(8);
      out.writeDoubleLE(Number(stored));
      return out;
    }
    case 'DECIMAL':
      return intBytes(storedUnscaled(stored, type.scale), decimalWidth(type.precision));
    case 'DATE':
      return dateBytes(String(stored));
    case 'DATETIME':
      return dateTimeBytes(String(stored));
    case 'CHAR':
    case 'VARCHAR':
    case 'STRING':
    case 'JSON':
    case 'VARIANT':
      return Buffer.from(String(stored), 'utf8');
    case 'MAP':
    case 'STRUCT':
      // never distribution columns in Doris (not allowed as keys); hashed only for completeness
      return Buffer.from(JSON.stringify(stored), 'utf8');
    case 'ARRAY': {
      const items = Array.isArray(stored) ? stored : [stored];
      const parts: Buffer[] = [];
      for (const item of items) {
        const bytes = hashForDistribution(type.element, item);
        parts.push(intBytes(BigInt(bytes.length), 4), bytes);
      }
      return Buffer.concat(parts);
    }
    default:
      return assertNever(type);
  }
}

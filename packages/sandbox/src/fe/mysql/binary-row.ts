// Rows of the binary result protocol (the answer to COM_STMT_EXECUTE). The FE renders every value as text,
// as Doris does; here each value is turned into the binary form of the MySQL type its column is announced
// as (packets.ts, WIRE_TYPES), because clients decode binary rows by that type. Doris itself writes only
// INT, BIGINT and DATETIME in binary form and every other type as a string, which clients that trust the
// column type (libmariadb, mysql2) misread for TINYINT, SMALLINT, FLOAT, DOUBLE and DATE.
import type { ColumnKind, ResultColumn } from './session-types.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?$/;

/** Binary row: `0x00`, NULL bitmap (offset 2), then the non-NULL values. */
export function binaryRowPayload(
  columns: readonly ResultColumn[],
  row: ReadonlyArray<string | null>,
): Buffer {
  const bitmap = Buffer.alloc((columns.length + 7 + 2) >> 3);
  const parts: Buffer[] = [Buffer.from([0x00]), bitmap];
  columns.forEach((column, i) => {
    const value = row[i] ?? null;
    if (value === null) {
      const bit = i + 2;
      bitmap[bit >> 3] = (bitmap[bit >> 3] ?? 0) | (1 << (bit & 7));
      return;
    }
    parts.push(binaryValue(column.kind, value));
  });
  return Buffer.concat(parts);
}

function binaryValue(kind: ColumnKind, text: string): Buffer {
  switch (kind) {
    case 'boolean':
    case 'tinyint':
      return integer(1, text);
    case 'smallint':
      return integer(2, text);
    case 'int':
      return integer(4, text);
    case 'bigint':
      return integer(8, text);
    case 'float': {
      const b = Buffer.alloc(4);
      b.writeFloatLE(toNumber(text));
      return b;
    }
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(toNumber(text));
      return b;
    }
    case 'date':
    case 'datetime':
      return dateTime(text);
    // Announced as strings (LARGEINT, DECIMAL and JSON keep their exact text): length-encoded.
    case 'largeint':
    case 'decimal':
    case 'varchar':
    case 'json':
      return lengthEncoded(Buffer.from(text, 'utf8'));
  }
}

/** Doris prints the non-finite floating-point values as `inf`, `-inf` and `nan`. */
function toNumber(text: string): number {
  if (text === 'inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function integer(bytes: 1 | 2 | 4 | 8, text: string): Buffer {
  const b = Buffer.alloc(bytes);
  // The column is announced signed; BigInt keeps 64-bit values exact. A value out of range is a bug in the
  // FE's typing: BigInt.asIntN wraps it rather than throwing in the middle of a result set.
  const value = BigInt.asIntN(bytes * 8, BigInt(text));
  if (bytes === 8) b.writeBigInt64LE(value);
  else b.writeIntLE(Number(value), 0, bytes);
  return b;
}

/**
 * DATE and DATETIME: a length byte (0, 4, 7 or 11) and only the fields up to the last non-zero one, as
 * MySQL writes them. Text that is not a date (it cannot come from a DATE or DATETIME column) is sent with
 * length 0, the zero date.
 */
function dateTime(text: string): Buffer {
  const m = DATE_TIME.exec(text);
  if (!m) return Buffer.from([0]);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as number[];
  const micros = m[7] === undefined ? 0 : Number(m[7].padEnd(6, '0'));
  const length = micros !== 0 ? 11 : hour || minute || second ? 7 : year || month || day ? 4 : 0;
  const b = Buffer.alloc(1 + length);
  b[0] = length;
  if (length >= 4) {
    b.writeUInt16LE(year ?? 0, 1);
    b[3] = month ?? 0;
    b[4] = day ?? 0;
  }
  if (length >= 7) {
    b[5] = hour ?? 0;
    b[6] = minute ?? 0;
    b[7] = second ?? 0;
  }
  if (length === 11) b.writeUInt32LE(micros, 8);
  return b;
}

function lengthEncoded(data: Buffer): Buffer {
  const n = data.length;
  let prefix: Buffer;
  if (n < 0xfb) prefix = Buffer.from([n]);
  else if (n <= 0xffff) {
    prefix = Buffer.alloc(3);
    prefix[0] = 0xfc;
    prefix.writeUInt16LE(n, 1);
  } else if (n <= 0xff_ffff) {
    prefix = Buffer.alloc(4);
    prefix[0] = 0xfd;
    prefix.writeUIntLE(n, 1, 3);
  } else {
    prefix = Buffer.alloc(9);
    prefix[0] = 0xfe;
    prefix.writeBigUInt64LE(BigInt(n), 1);
  }
  return Buffer.concat([prefix, data]);
}

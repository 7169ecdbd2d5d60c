// Reads COM_STMT_EXECUTE: statement id, then the parameters in their binary form (NULL bitmap, the types
// when the client (re)binds them, the values), decoded into ParamValues the FE turns into SQL literals.
import { ColumnType } from './constants.js';
import { type ParamValue, SqlError } from './session-types.js';

/** A parameter's type as the client sent it: the MySQL type and whether an integer is unsigned. */
export interface ParamType {
  readonly type: number;
  readonly unsigned: boolean;
}

export interface ExecuteRequest {
  readonly statementId: number;
  readonly params: ParamValue[];
  /** The types used, to be kept for the next execution that does not send them again. */
  readonly types: readonly ParamType[];
}

/** Second byte of a parameter type: the integer is unsigned. */
const UNSIGNED_FLAG = 0x80;

export function malformedPacket(): SqlError {
  return new SqlError('Malformed communication packet.', 1835, 'HY000');
}

/** The statement id of a COM_STMT_* packet (`body` starts after the command byte). */
export function statementIdOf(body: Buffer): number {
  if (body.length < 4) throw malformedPacket();
  return body.readUInt32LE(0);
}

/**
 * Decodes the body of COM_STMT_EXECUTE (after the command byte) for a statement of `paramCount` parameters.
 * `previousTypes` are those of the last execution; `longData` the values sent by COM_STMT_SEND_LONG_DATA,
 * which are not repeated in the packet.
 */
export function decodeExecute(
  body: Buffer,
  paramCount: number,
  previousTypes: readonly ParamType[] | undefined,
  longData: ReadonlyMap<number, Buffer>,
): ExecuteRequest {
  const reader = new Reader(body);
  const statementId = reader.uint(4);
  reader.uint(1); // cursor flags: the sandbox has no cursors, rows always follow at once
  reader.uint(4); // iteration count, always 1
  if (paramCount === 0) return { statementId, params: [], types: [] };
  const nullBitmap = reader.bytes((paramCount + 7) >> 3);
  let types = previousTypes;
  if (reader.uint(1) === 1) {
    types = Array.from({ length: paramCount }, () => {
      const type = reader.uint(1);
      return { type, unsigned: (reader.uint(1) & UNSIGNED_FLAG) !== 0 };
    });
  }
  if (types === undefined) throw malformedPacket(); // the first execution must bind the types
  const bound = types;
  const params = bound.map((paramType, i): ParamValue => {
    const long = longData.get(i);
    if (long !== undefined) return { kind: 'string', value: long.toString('utf8') };
    if (((nullBitmap[i >> 3] ?? 0) >> (i & 7)) & 1) return null;
    return readValue(reader, paramType);
  });
  return { statementId, params, types: bound };
}

function readValue(reader: Reader, { type, unsigned }: ParamType): ParamValue {
  switch (type) {
    case ColumnType.NULL:
      return null;
    case ColumnType.TINY:
      return integer(reader.int(1, unsigned));
    case ColumnType.SHORT:
    case ColumnType.YEAR:
      return integer(reader.int(2, unsigned));
    case ColumnType.LONG:
    case ColumnType.INT24:
      return integer(reader.int(4, unsigned));
    case ColumnType.LONGLONG:
      return integer(reader.int(8, unsigned));
    case ColumnType.FLOAT:
      return floating(reader.float());
    case ColumnType.DOUBLE:
      return floating(reader.double());
    case ColumnType.DATE:
    case ColumnType.DATETIME:
    case ColumnType.TIMESTAMP:
      return { kind: 'temporal', text: dateTimeText(reader, type === ColumnType.DATE) };
    case ColumnType.TIME:
      return { kind: 'temporal', text: timeText(reader) };
    case ColumnType.DECIMAL:
    case ColumnType.NEWDECIMAL: {
      const text = reader.lengthEncoded().toString('latin1');
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)
        ? { kind: 'number', text }
        : { kind: 'string', value: text };
    }
    default:
      // VARCHAR, VAR_STRING, STRING, the BLOBs, JSON, ENUM, SET, BIT, GEOMETRY: length-encoded bytes.
      return { kind: 'string', value: reader.lengthEncoded().toString('utf8') };
  }
}

function integer(value: bigint): ParamValue {
  return { kind: 'number', text: value.toString() };
}

/** Non-finite values have no SQL literal; as strings they become NULL or an error where a number is due. */
function floating(value: number): ParamValue {
  return Number.isFinite(value)
    ? { kind: 'number', text: String(value) }
    : { kind: 'string', value: String(value) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** MYSQL_TIME of a DATE/DATETIME/TIMESTAMP: length 0, 4, 7 or 11, the fields up to that length. */
function dateTimeText(reader: Reader, dateOnly: boolean): string {
  const length = reader.uint(1);
  const field = reader.bytes(length);
  const year = length >= 4 ? field.readUInt16LE(0) : 0;
  const date = `${pad(year, 4)}-${pad(field[2] ?? 0)}-${pad(field[3] ?? 0)}`;
  if (dateOnly) return date;
  const time = `${pad(field[4] ?? 0)}:${pad(field[5] ?? 0)}:${pad(field[6] ?? 0)}`;
  const micros = length >= 11 ? field.readUInt32LE(7) : 0;
  return `${date} ${time}${micros ? `.${pad(micros, 6)}` : ''}`;
}

/** MYSQL_TIME of a TIME: length 0, 8 or 12: sign, days, hours, minutes, seconds, microseconds. */
function timeText(reader: Reader): string {
  const length = reader.uint(1);
  const field = reader.bytes(length);
  const negative = length > 0 && field[0] === 1;
  const hours = (length >= 8 ? field.readUInt32LE(1) : 0) * 24 + (field[5] ?? 0);
  const micros = length >= 12 ? field.readUInt32LE(8) : 0;
  const text = `${pad(hours)}:${pad(field[6] ?? 0)}:${pad(field[7] ?? 0)}${micros ? `.${pad(micros, 6)}` : ''}`;
  return negative ? `-${text}` : text;
}

/** Reads a packet front to back; running past its end is a malformed packet, not a RangeError. */
class Reader {
  private at = 0;
  constructor(private readonly b: Buffer) {}

  bytes(n: number): Buffer {
    if (this.at + n > this.b.length) throw malformedPacket();
    const out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  uint(n: 1 | 2 | 4): number {
    return this.bytes(n).readUIntLE(0, n);
  }

  int(n: 1 | 2 | 4 | 8, unsigned: boolean): bigint {
    const b = this.bytes(n);
    if (n === 8) return unsigned ? b.readBigUInt64LE(0) : b.readBigInt64LE(0);
    return BigInt(unsigned ? b.readUIntLE(0, n) : b.readIntLE(0, n));
  }

  float(): number {
    return this.bytes(4).readFloatLE(0);
  }

  double(): number {
    return this.bytes(8).readDoubleLE(0);
  }

  lengthEncoded(): Buffer {
    const first = this.uint(1);
    let length: number;
    if (first < 0xfb) length = first;
    else if (first === 0xfc) length = this.uint(2);
    else if (first === 0xfd) length = this.bytes(3).readUIntLE(0, 3);
    else if (first === 0xfe) length = Number(this.bytes(8).readBigUInt64LE(0));
    else throw malformedPacket();
    return this.bytes(length);
  }
}

// Payloads of the server's response packets (without the 4-byte header; framing is reply-writer.ts's job).
// Built with mysql2's Packet writer, except where its own builders get the wire format wrong: its ERR packet
// hard-codes SQLSTATE `_____`, its OK packet sizes the buffer without the info message, and its column
// definition encodes the column name in the column's charset (binary for numbers, which mangles non-Latin
// names).
import { Charset, ColumnFlag, ColumnType, NATIVE_PASSWORD_PLUGIN, ServerStatus } from './constants.js';
import { type Mysql2Packet, Packet } from './mysql2-internals.js';
import type { ColumnKind, ResultColumn } from './session-types.js';

/** Runs `write` once on a dummy buffer to learn the size, then again on a buffer of exactly that size. */
function build(write: (packet: Mysql2Packet) => void): Buffer {
  const dryRun = new Packet(0, Packet.MockBuffer(), 0, 0);
  write(dryRun);
  const size = dryRun.offset;
  const packet = new Packet(0, Buffer.alloc(size), 0, size);
  write(packet);
  return packet.buffer.subarray(4);
}

export interface OkFields {
  readonly affectedRows?: number;
  readonly info?: string;
  readonly status?: number;
}

export function okPayload({
  affectedRows = 0,
  info = '',
  status = ServerStatus.AUTOCOMMIT,
}: OkFields): Buffer {
  return build((p) => {
    p.writeInt8(0x00);
    p.writeLengthCodedNumber(affectedRows);
    p.writeLengthCodedNumber(0); // last insert id: Doris has no auto-increment ids to report here
    p.writeInt16(status);
    p.writeInt16(0); // warnings
    // Without CLIENT_SESSION_TRACK the info message is the rest of the packet, not length-prefixed.
    p.writeString(info, 'utf8');
  });
}

/** ERR packet: `0xff`, code, `#` + 5-character SQLSTATE, message. A malformed state falls back to HY000. */
export function errPayload(code: number, sqlState: string, message: string): Buffer {
  const state = /^[0-9A-Z]{5}$/.test(sqlState) ? sqlState : 'HY000';
  return build((p) => {
    p.writeInt8(0xff);
    p.writeInt16(code & 0xffff);
    p.writeString(`#${state}`, 'ascii');
    p.writeString(message, 'utf8');
  });
}

export function eofPayload(status: number): Buffer {
  return build((p) => {
    p.writeInt8(0xfe);
    p.writeInt16(0); // warnings
    p.writeInt16(status);
  });
}

/** First packet of a result set: the number of columns. */
export function columnCountPayload(count: number): Buffer {
  return build((p) => p.writeLengthCodedNumber(count));
}

interface ColumnWireType {
  readonly type: number;
  readonly charset: number;
  readonly length: number;
  readonly decimals: number;
}

const NUMERIC_FLAGS = ColumnFlag.BINARY | ColumnFlag.NUM;
/** `decimals` value meaning "not a fixed number of decimals" (floating point and strings). */
const NOT_FIXED_DECIMALS = 0x1f;

/**
 * The MySQL type each kind is announced as. Doris maps BOOLEAN to TINY, LARGEINT to STRING (MySQL has no
 * 128-bit integer, so clients keep it exact as text), CHAR/VARCHAR to STRING and JSONB to JSON. Numbers and
 * dates carry the binary collation, text the utf8mb4 one, which is what makes mysql2 return strings rather
 * than Buffers and parse integers as numbers.
 */
const WIRE_TYPES: Record<ColumnKind, ColumnWireType> = {
  tinyint: { type: ColumnType.TINY, charset: Charset.BINARY, length: 4, decimals: 0 },
  boolean: { type: ColumnType.TINY, charset: Charset.BINARY, length: 1, decimals: 0 },
  smallint: { type: ColumnType.SHORT, charset: Charset.BINARY, length: 6, decimals: 0 },
  int: { type: ColumnType.LONG, charset: Charset.BINARY, length: 11, decimals: 0 },
  bigint: { type: ColumnType.LONGLONG, charset: Charset.BINARY, length: 20, decimals: 0 },
  largeint: { type: ColumnType.STRING, charset: Charset.UTF8MB4_GENERAL_CI, length: 160, decimals: 0 },
  float: { type: ColumnType.FLOAT, charset: Charset.BINARY, length: 12, decimals: NOT_FIXED_DECIMALS },
  double: { type: ColumnType.DOUBLE, charset: Charset.BINARY, length: 22, decimals: NOT_FIXED_DECIMALS },
  // The scale is not part of ResultColumn; 0 is announced and the text carries the real digits.
  decimal: { type: ColumnType.NEWDECIMAL, charset: Charset.BINARY, length: 40, decimals: 0 },
  date: { type: ColumnType.DATE, charset: Charset.BINARY, length: 10, decimals: 0 },
  // Room for microseconds (`yyyy-MM-dd HH:mm:ss.SSSSSS`); the value's text decides what is shown.
  datetime: { type: ColumnType.DATETIME, charset: Charset.BINARY, length: 26, decimals: 0 },
  varchar: {
    type: ColumnType.STRING,
    charset: Charset.UTF8MB4_GENERAL_CI,
    length: 65533 * 4,
    decimals: NOT_FIXED_DECIMALS,
  },
  json: {
    type: ColumnType.JSON,
    charset: Charset.UTF8MB4_GENERAL_CI,
    length: 0xffff_ffff,
    decimals: NOT_FIXED_DECIMALS,
  },
};

export function columnWireType(kind: ColumnKind): ColumnWireType {
  return WIRE_TYPES[kind];
}

/** Column definition (Protocol::ColumnDefinition41). Names are UTF-8, whatever the column's collation. */
export function columnDefinitionPayload(column: ResultColumn): Buffer {
  const wire = WIRE_TYPES[column.kind];
  const flags = wire.charset === Charset.BINARY ? NUMERIC_FLAGS : 0;
  return build((p) => {
    p.writeLengthCodedString('def', 'ascii'); // catalog
    p.writeLengthCodedString('', 'utf8'); // schema
    p.writeLengthCodedString('', 'utf8'); // table
    p.writeLengthCodedString('', 'utf8'); // original table
    p.writeLengthCodedString(column.name, 'utf8');
    p.writeLengthCodedString(column.name, 'utf8'); // original name
    p.writeInt8(0x0c); // length of the fixed-size fields that follow
    p.writeInt16(wire.charset);
    p.writeInt32(wire.length);
    p.writeInt8(wire.type);
    p.writeInt16(flags);
    p.writeInt8(wire.decimals);
    p.writeInt16(0); // filler
  });
}

/** AuthSwitchRequest: asks a client that answered with another plugin to answer for native password. */
export function authSwitchPayload(scramble: Buffer): Buffer {
  return build((p) => {
    p.writeInt8(0xfe);
    p.writeNullTerminatedString(NATIVE_PASSWORD_PLUGIN, 'ascii');
    p.writeBuffer(scramble);
    p.writeInt8(0);
  });
}

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
  /** The client negotiated CLIENT_DEPRECATE_EOF (see `ClientProtocol`). */
  readonly deprecateEof?: boolean;
}

/**
 * OK packet as Doris's FE writes it. A non-empty info message (the `{'label':…}` of a load) is a
 * length-encoded string: that is how libmariadb and libmysqlclient read it whatever the flags say (the
 * protocol documents it so only for CLIENT_SESSION_TRACK, which Doris does not announce; written as the
 * rest of the packet, the client takes its first character for a length and fails with "malformed
 * packet"). An empty message is left out, except that a client with CLIENT_DEPRECATE_EOF gets an empty
 * length-encoded string, which Connector/J reads unconditionally.
 */
export function okPayload({
  affectedRows = 0,
  info = '',
  status = ServerStatus.AUTOCOMMIT,
  deprecateEof = false,
}: OkFields): Buffer {
  return build((p) => {
    p.writeInt8(0x00);
    p.writeLengthCodedNumber(affectedRows);
    p.writeLengthCodedNumber(0); // last insert id: Doris has no auto-increment ids to report here
    p.writeInt16(status);
    p.writeInt16(0); // warnings
    if (info !== '') p.writeLengthCodedString(info, 'utf8');
    else if (deprecateEof) p.writeLengthCodedNumber(0);
  });
}

/**
 * ERR packet: `0xff`, code, `#` + 5-character SQLSTATE, message. A malformed state falls back to HY000;
 * an empty message is sent as "Unknown error", as Doris does, because clients print "Query OK" for an
 * error without text.
 */
export function errPayload(code: number, sqlState: string, message: string): Buffer {
  const state = /^[0-9A-Z]{5}$/.test(sqlState) ? sqlState : 'HY000';
  return build((p) => {
    p.writeInt8(0xff);
    p.writeInt16(code & 0xffff);
    p.writeString(`#${state}`, 'ascii');
    p.writeString(message === '' ? 'Unknown error' : message, 'utf8');
  });
}

/** EOF packet: `0xfe`, warnings, status flags (5 bytes, which is how clients tell it from a row). */
export function eofPayload(status: number): Buffer {
  return build((p) => {
    p.writeInt8(0xfe);
    p.writeInt16(0); // warnings
    p.writeInt16(status);
  });
}

/**
 * The end of a result set for a client with CLIENT_DEPRECATE_EOF: an OK packet with the EOF header `0xfe`
 * (longer than 5 bytes, so it is not an EOF), carrying the status flags; the info is an empty
 * length-encoded string, as Doris writes it.
 */
export function resultSetEndPayload(status: number): Buffer {
  return build((p) => {
    p.writeInt8(0xfe);
    p.writeLengthCodedNumber(0); // affected rows
    p.writeLengthCodedNumber(0); // last insert id
    p.writeInt16(status);
    p.writeInt16(0); // warnings
    p.writeLengthCodedNumber(0); // info
  });
}

/** COM_STMT_PREPARE_OK: statement id, column and parameter counts; their definitions follow. */
export function stmtPrepareOkPayload(statementId: number, columns: number, params: number): Buffer {
  return build((p) => {
    p.writeInt8(0x00);
    p.writeInt32(statementId);
    p.writeInt16(columns);
    p.writeInt16(params);
    p.writeInt8(0); // reserved
    p.writeInt16(0); // warnings
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
  // Without a scale in the ResultColumn, 0 is announced; the text carries the real digits either way.
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

/** Where a column comes from, for COM_FIELD_LIST (result columns of queries carry no origin, as in Doris). */
export interface ColumnOrigin {
  readonly schema: string;
  readonly table: string;
  /** COM_FIELD_LIST appends the column's default value; null when it has none. */
  readonly defaultValue: string | null;
}

/** Column definition (Protocol::ColumnDefinition41). Names are UTF-8, whatever the column's collation. */
export function columnDefinitionPayload(column: ResultColumn, origin?: ColumnOrigin): Buffer {
  const wire = WIRE_TYPES[column.kind];
  const flags = wire.charset === Charset.BINARY ? NUMERIC_FLAGS : 0;
  const decimals = column.scale ?? wire.decimals;
  return build((p) => {
    p.writeLengthCodedString('def', 'ascii'); // catalog
    p.writeLengthCodedString(origin?.schema ?? '', 'utf8');
    p.writeLengthCodedString(origin?.table ?? '', 'utf8');
    p.writeLengthCodedString(origin?.table ?? '', 'utf8'); // original table
    p.writeLengthCodedString(column.name, 'utf8');
    p.writeLengthCodedString(column.name, 'utf8'); // original name
    p.writeInt8(0x0c); // length of the fixed-size fields that follow
    p.writeInt16(wire.charset);
    p.writeInt32(wire.length);
    p.writeInt8(wire.type);
    p.writeInt16(flags);
    p.writeInt8(decimals);
    p.writeInt16(0); // filler
    if (origin) {
      // Doris sends an empty string for a column without default; NULL (0xfb) is MySQL's choice.
      p.writeLengthCodedString(origin.defaultValue ?? '', 'utf8');
    }
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

/** LOCAL INFILE request (0xfb + file name, not length-encoded): the client answers with the file's bytes. */
export function localInfilePayload(fileName: string): Buffer {
  return Buffer.concat([Buffer.from([0xfb]), Buffer.from(fileName, 'utf8')]);
}

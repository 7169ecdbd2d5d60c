// Numeric constants of the MySQL client/server protocol that the sandbox FE uses. Values are the protocol's
// (they appear on the wire), names follow the MySQL documentation.

/** Capability flags (`CLIENT_*`). */
export const Capability = {
  LONG_PASSWORD: 0x0000_0001,
  FOUND_ROWS: 0x0000_0002,
  LONG_FLAG: 0x0000_0004,
  CONNECT_WITH_DB: 0x0000_0008,
  LOCAL_FILES: 0x0000_0080,
  PROTOCOL_41: 0x0000_0200,
  TRANSACTIONS: 0x0000_2000,
  SECURE_CONNECTION: 0x0000_8000,
  MULTI_STATEMENTS: 0x0001_0000,
  MULTI_RESULTS: 0x0002_0000,
  PLUGIN_AUTH: 0x0008_0000,
  CONNECT_ATTRS: 0x0010_0000,
  SESSION_TRACK: 0x0080_0000,
  DEPRECATE_EOF: 0x0100_0000,
} as const;

/**
 * What the sandbox advertises. Like Doris: PROTOCOL_41, CONNECT_WITH_DB, SECURE_CONNECTION, PLUGIN_AUTH,
 * CONNECT_ATTRS, LONG_FLAG and DEPRECATE_EOF (recent Doris FEs announce it and honour it for the clients that
 * ask). Unlike Doris: MULTI_STATEMENTS and MULTI_RESULTS, which Doris serves without announcing them, so that
 * strict clients do not refuse scripts. LOCAL_FILES, as Doris, for LOAD DATA LOCAL INFILE. Not announced, as by
 * Doris: CLIENT_SESSION_TRACK, so clients read the info message of an OK packet as Doris writes it (see
 * okPayload). No SSL, no compression.
 */
export const SERVER_CAPABILITIES =
  Capability.LONG_PASSWORD |
  Capability.FOUND_ROWS |
  Capability.LONG_FLAG |
  Capability.CONNECT_WITH_DB |
  Capability.LOCAL_FILES |
  Capability.PROTOCOL_41 |
  Capability.TRANSACTIONS |
  Capability.SECURE_CONNECTION |
  Capability.MULTI_STATEMENTS |
  Capability.MULTI_RESULTS |
  Capability.PLUGIN_AUTH |
  Capability.CONNECT_ATTRS |
  Capability.DEPRECATE_EOF;

/** Server status flags (`SERVER_*`) carried in OK and EOF packets. */
export const ServerStatus = {
  AUTOCOMMIT: 0x0002,
  MORE_RESULTS_EXISTS: 0x0008,
} as const;

/** Command bytes of the command phase (`COM_*`). */
export const Command = {
  QUIT: 0x01,
  INIT_DB: 0x02,
  QUERY: 0x03,
  FIELD_LIST: 0x04,
  STATISTICS: 0x09,
  PING: 0x0e,
  CHANGE_USER: 0x11,
  STMT_PREPARE: 0x16,
  STMT_EXECUTE: 0x17,
  STMT_SEND_LONG_DATA: 0x18,
  STMT_CLOSE: 0x19,
  STMT_RESET: 0x1a,
  SET_OPTION: 0x1b,
  STMT_FETCH: 0x1c,
  RESET_CONNECTION: 0x1f,
} as const;

/** Column types (`MYSQL_TYPE_*`) used in column definitions. */
export const ColumnType = {
  DECIMAL: 0,
  TINY: 1,
  SHORT: 2,
  LONG: 3,
  FLOAT: 4,
  DOUBLE: 5,
  NULL: 6,
  TIMESTAMP: 7,
  LONGLONG: 8,
  INT24: 9,
  DATE: 10,
  TIME: 11,
  DATETIME: 12,
  YEAR: 13,
  JSON: 245,
  NEWDECIMAL: 246,
  VAR_STRING: 253,
  STRING: 254,
} as const;

/** Column definition flags. */
export const ColumnFlag = {
  BINARY: 0x0080,
  NUM: 0x8000,
} as const;

/** Collation ids. */
export const Charset = {
  /** utf8_general_ci: what Doris announces in the greeting. */
  UTF8_GENERAL_CI: 33,
  /** utf8mb4_general_ci: text columns, so that clients decode 4-byte characters as UTF-8. */
  UTF8MB4_GENERAL_CI: 45,
  /** binary: numbers and dates, as MySQL announces them. */
  BINARY: 63,
} as const;

export const NATIVE_PASSWORD_PLUGIN = 'mysql_native_password';

/** Largest payload of one physical packet; a payload this long or longer continues in the next packet. */
export const MAX_PACKET_PAYLOAD = 0xff_ff_ff;

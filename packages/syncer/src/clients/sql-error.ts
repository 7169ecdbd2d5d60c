// Failures of SQL statements as one typed error. Doris answers most failures with errno 1105 and a text
// like "errCode = 2, detailMessage = …"; the syncer reacts to substrings of that text (sql-surface.md §10),
// so the server's text is kept verbatim in `dorisMessage`.

import { CONNECTION_CODES } from './connection-codes.js';
import { redactSecret } from './redact.js';

const MAX_STATEMENT_IN_MESSAGE = 300;

export interface DorisSqlErrorFields {
  /** `host:query_port` the statement was sent to. */
  readonly address: string;
  readonly statement: string;
  /** The server's error text, or the driver's text for a network failure. */
  readonly dorisMessage: string;
  /** MySQL error number from the server's ERR packet (1105, 1045, 1049, …); undefined for network errors. */
  readonly errno?: number | undefined;
  readonly sqlState?: string | undefined;
  /** mysql2's symbolic code (ER_UNKNOWN_ERROR, ECONNREFUSED, …). */
  readonly code?: string | undefined;
}

export class DorisSqlError extends Error {
  override readonly name = 'DorisSqlError';
  readonly address: string;
  readonly statement: string;
  readonly dorisMessage: string;
  readonly errno: number | undefined;
  readonly sqlState: string | undefined;
  readonly code: string | undefined;

  constructor(fields: DorisSqlErrorFields) {
    const errno = fields.errno === undefined ? '' : ` (errno ${fields.errno})`;
    super(`${fields.address}: ${fields.dorisMessage}${errno}; statement: ${shorten(fields.statement)}`);
    this.address = fields.address;
    this.statement = fields.statement;
    this.dorisMessage = fields.dorisMessage;
    this.errno = fields.errno;
    this.sqlState = fields.sqlState;
    this.code = fields.code;
  }

  /** The statement never reached the server or its answer was lost; nothing is known about its effect. */
  get isConnectionError(): boolean {
    return this.errno === undefined && this.code !== undefined && CONNECTION_CODES.has(this.code);
  }

  /** Whether the server's text contains `text` (how the syncer classifies Doris failures). */
  messageIncludes(text: string): boolean {
    return this.dorisMessage.includes(text);
  }
}

function shorten(statement: string): string {
  const flat = statement.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_STATEMENT_IN_MESSAGE ? `${flat.slice(0, MAX_STATEMENT_IN_MESSAGE)}…` : flat;
}

interface DriverError {
  message?: unknown;
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
  sqlMessage?: unknown;
}

/** Converts whatever mysql2 threw into a DorisSqlError, with the password scrubbed from every text. */
export function toDorisSqlError(
  error: unknown,
  address: string,
  statement: string,
  password: string,
): DorisSqlError {
  if (error instanceof DorisSqlError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as DriverError;
  const fromServer = typeof e.sqlMessage === 'string';
  const text = fromServer ? (e.sqlMessage as string) : typeof e.message === 'string' ? e.message : '';
  return new DorisSqlError({
    address,
    statement: redactSecret(statement, password),
    dorisMessage: redactSecret(text || 'unknown error', password),
    // Node sets a negative errno on socket errors; only a server ERR packet carries a MySQL error number.
    errno: fromServer && typeof e.errno === 'number' && e.errno > 0 ? e.errno : undefined,
    sqlState: typeof e.sqlState === 'string' ? e.sqlState : undefined,
    code: typeof e.code === 'string' ? e.code : undefined,
  });
}

// Turns what the FE returned for one COM_QUERY or COM_STMT_EXECUTE (results, or a failure) into response
// packets.

import { binaryRowPayload } from './binary-row.js';
import { ServerStatus } from './constants.js';
import {
  columnCountPayload,
  columnDefinitionPayload,
  eofPayload,
  errPayload,
  okPayload,
  resultSetEndPayload,
} from './packets.js';
import type { ReplyWriter } from './reply-writer.js';
import {
  dorisError,
  type ResultColumn,
  type ResultSet,
  SqlError,
  type StatementResult,
} from './session-types.js';

/**
 * The ERR payload for a failure. A SqlError is passed on as it is; anything else is a bug or an unexpected
 * condition in the FE, reported to `onError` and to the client the way Doris reports internal errors.
 */
export function failurePayload(failure: unknown, onError: (e: unknown) => void): Buffer {
  if (failure instanceof SqlError) return errPayload(failure.code, failure.sqlState, failure.message);
  onError(failure);
  const message = failure instanceof Error ? failure.message : String(failure);
  return errPayload(1105, 'HY000', `errCode = 2, detailMessage = ${message}`);
}

/** How the answers to one client are shaped, from what it negotiated and the command it sent. */
export interface ReplyFormat {
  /** CLIENT_DEPRECATE_EOF: no EOF after column definitions, and result sets end with an OK (`0xfe`). */
  readonly deprecateEof: boolean;
  /** Rows in the binary protocol (answers to COM_STMT_EXECUTE) instead of text. */
  readonly binary: boolean;
  readonly onError: (e: unknown) => void;
}

/**
 * Writes the results of a (possibly multi-statement) query. Every result but the last announces
 * SERVER_MORE_RESULTS_EXISTS; when a statement failed, the ERR packet comes last, after the results of the
 * statements before it.
 */
export async function writeQueryResults(
  writer: ReplyWriter,
  results: readonly StatementResult[],
  failure: { readonly error: unknown } | undefined,
  format: ReplyFormat,
): Promise<void> {
  const { deprecateEof } = format;
  if (results.length === 0 && failure === undefined) {
    // The FE had nothing to report (an empty statement list): the client still needs an answer.
    writer.packet(okPayload({ deprecateEof }));
    return;
  }
  for (const [i, result] of results.entries()) {
    const more = i < results.length - 1 || failure !== undefined;
    const status = ServerStatus.AUTOCOMMIT | (more ? ServerStatus.MORE_RESULTS_EXISTS : 0);
    if (result.kind === 'localInfile') {
      // the file exchange needs the query to itself (see the connection's LOCAL INFILE handling)
      const refusal = dorisError('LOAD DATA LOCAL INFILE must be the only statement of its query');
      writer.packet(failurePayload(refusal, format.onError));
      return;
    }
    if (result.kind === 'ok' || result.columns.length === 0) {
      // A result set without columns cannot be sent (a column count of 0 reads as an OK packet).
      const affectedRows = result.kind === 'ok' ? result.affectedRows : 0;
      const info = result.kind === 'ok' ? result.info : undefined;
      writer.packet(okPayload({ affectedRows, info, status, deprecateEof }));
    } else {
      await writeResultSet(writer, result, status, format);
    }
    if (writer.closed) return;
  }
  if (failure !== undefined) writer.packet(failurePayload(failure.error, format.onError));
}

/** Column definitions and what ends them: an EOF, unless the client deprecated it. */
export function writeColumnDefinitions(
  writer: ReplyWriter,
  columns: readonly ResultColumn[],
  status: number,
  deprecateEof: boolean,
): void {
  for (const column of columns) writer.packet(columnDefinitionPayload(column));
  if (!deprecateEof) writer.packet(eofPayload(status));
}

/** Column count, column definitions, [EOF], rows, then EOF or (CLIENT_DEPRECATE_EOF) an OK with 0xfe. */
async function writeResultSet(
  writer: ReplyWriter,
  resultSet: ResultSet,
  status: number,
  format: ReplyFormat,
): Promise<void> {
  const { columns, rows } = resultSet;
  writer.packet(columnCountPayload(columns.length));
  writeColumnDefinitions(writer, columns, status, format.deprecateEof);
  for (const row of rows) {
    if (row.length !== columns.length) {
      // A short or long row would desynchronise the client's parser; fail the statement instead.
      throw new Error(`result row has ${row.length} values for ${columns.length} columns`);
    }
    if (format.binary) writer.packet(binaryRowPayload(columns, row));
    else writer.row(row);
    if (writer.mustWait) {
      await writer.drain();
      if (writer.closed) return;
    }
  }
  writer.packet(format.deprecateEof ? resultSetEndPayload(status) : eofPayload(status));
}

// Turns what the FE returned for one COM_QUERY (results, or a failure) into response packets.
import { ServerStatus } from './constants.js';
import { columnCountPayload, columnDefinitionPayload, eofPayload, errPayload, okPayload } from './packets.js';
import type { ReplyWriter } from './reply-writer.js';
import { type ResultSet, SqlError, type StatementResult } from './session-types.js';

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

/**
 * Writes the results of a (possibly multi-statement) query. Every result but the last announces
 * SERVER_MORE_RESULTS_EXISTS; when a statement failed, the ERR packet comes last, after the results of the
 * statements before it.
 */
export async function writeQueryResults(
  writer: ReplyWriter,
  results: readonly StatementResult[],
  failure: { readonly error: unknown } | undefined,
  onError: (e: unknown) => void,
): Promise<void> {
  if (results.length === 0 && failure === undefined) {
    // The FE had nothing to report (an empty statement list): the client still needs an answer.
    writer.packet(okPayload({}));
    return;
  }
  for (const [i, result] of results.entries()) {
    const more = i < results.length - 1 || failure !== undefined;
    const status = ServerStatus.AUTOCOMMIT | (more ? ServerStatus.MORE_RESULTS_EXISTS : 0);
    if (result.kind === 'ok' || result.columns.length === 0) {
      // A result set without columns cannot be sent (a column count of 0 reads as an OK packet).
      const affectedRows = result.kind === 'ok' ? result.affectedRows : 0;
      const info = result.kind === 'ok' ? result.info : undefined;
      writer.packet(okPayload({ affectedRows, info, status }));
    } else {
      await writeResultSet(writer, result, status);
    }
    if (writer.closed) return;
  }
  if (failure !== undefined) writer.packet(failurePayload(failure.error, onError));
}

/** Column count, column definitions, EOF, rows, EOF: the text protocol without CLIENT_DEPRECATE_EOF. */
async function writeResultSet(writer: ReplyWriter, resultSet: ResultSet, status: number): Promise<void> {
  const { columns, rows } = resultSet;
  writer.packet(columnCountPayload(columns.length));
  for (const column of columns) writer.packet(columnDefinitionPayload(column));
  writer.packet(eofPayload(status));
  for (const row of rows) {
    if (row.length !== columns.length) {
      // A short or long row would desynchronise the client's parser; fail the statement instead.
      throw new Error(`result row has ${row.length} values for ${columns.length} columns`);
    }
    writer.row(row);
    if (writer.mustWait) {
      await writer.drain();
      if (writer.closed) return;
    }
  }
  writer.packet(eofPayload(status));
}

// The server-side prepared statements of one connection: COM_STMT_PREPARE, COM_STMT_EXECUTE (rows in the
// binary protocol), COM_STMT_SEND_LONG_DATA, COM_STMT_RESET and COM_STMT_CLOSE. The FE checks and runs the
// statements (Session.prepare); this keeps their ids, bound parameter types and long data.
import { ServerStatus } from './constants.js';
import { decodeExecute, type ParamType, statementIdOf } from './execute-params.js';
import { okPayload, stmtPrepareOkPayload } from './packets.js';
import type { ReplyWriter } from './reply-writer.js';
import { failurePayload, type ReplyFormat, writeColumnDefinitions, writeQueryResults } from './results.js';
import {
  type PreparedStatement,
  type ResultColumn,
  type Session,
  SqlError,
  type StatementResult,
} from './session-types.js';

/** The connection's reply format; COM_STMT_EXECUTE switches it to binary rows. */
type TextFormat = Omit<ReplyFormat, 'binary'>;

interface Entry {
  readonly statement: PreparedStatement;
  /** Types bound by the last execution; a client binds them once and may omit them afterwards. */
  types: readonly ParamType[] | undefined;
  /** Parameter index → data sent by COM_STMT_SEND_LONG_DATA since the last execution. */
  readonly longData: Map<number, Buffer>;
}

/** Doris announces every parameter as a string column named `?`. */
const PARAM_DEFINITION: ResultColumn = { name: '?', kind: 'varchar' };

export class PreparedStatements {
  private readonly entries = new Map<number, Entry>();
  private lastId = 0;

  /** COM_STMT_PREPARE_OK, the parameter definitions and the column definitions, or an ERR. */
  async prepare(session: Session, sql: string, writer: ReplyWriter, format: TextFormat): Promise<void> {
    let statement: PreparedStatement;
    try {
      statement = await session.prepare(sql);
    } catch (e) {
      writer.packet(failurePayload(e, format.onError));
      return;
    }
    const id = ++this.lastId;
    this.entries.set(id, { statement, types: undefined, longData: new Map() });
    const { columns, paramCount } = statement;
    writer.packet(stmtPrepareOkPayload(id, columns.length, paramCount));
    const status = ServerStatus.AUTOCOMMIT;
    if (paramCount > 0) {
      const params = Array.from({ length: paramCount }, () => PARAM_DEFINITION);
      writeColumnDefinitions(writer, params, status, format.deprecateEof);
    }
    if (columns.length > 0) writeColumnDefinitions(writer, columns, status, format.deprecateEof);
  }

  /** Runs a prepared statement with the parameters in `body`; the rows come in the binary protocol. */
  async execute(body: Buffer, writer: ReplyWriter, format: TextFormat): Promise<void> {
    let results: StatementResult[] = [];
    let failure: { error: unknown } | undefined;
    try {
      const entry = this.entry(body);
      const request = decodeExecute(body, entry.statement.paramCount, entry.types, entry.longData);
      entry.types = request.types;
      entry.longData.clear();
      results = [await entry.statement.execute(request.params)];
    } catch (error) {
      failure = { error };
    }
    await writeQueryResults(writer, results, failure, { ...format, binary: true });
  }

  /** COM_STMT_SEND_LONG_DATA: appends to a parameter's value; the protocol has no answer for it. */
  sendLongData(body: Buffer): void {
    const entry = this.entries.get(body.length >= 4 ? body.readUInt32LE(0) : -1);
    if (!entry || body.length < 6) return; // nothing to answer with: the error would surface on execute
    const index = body.readUInt16LE(4);
    const previous = entry.longData.get(index);
    const data = body.subarray(6);
    entry.longData.set(index, previous ? Buffer.concat([previous, data]) : Buffer.from(data));
  }

  /** COM_STMT_RESET: drops the long data sent so far. */
  reset(body: Buffer, format: TextFormat): Buffer {
    try {
      this.entry(body).longData.clear();
      return okPayload({ deprecateEof: format.deprecateEof });
    } catch (e) {
      return failurePayload(e, format.onError);
    }
  }

  /** COM_STMT_CLOSE: the protocol has no answer, not even for an unknown id. */
  close(body: Buffer): void {
    if (body.length >= 4) this.entries.delete(body.readUInt32LE(0));
  }

  /** COM_RESET_CONNECTION and the end of the connection: every statement is gone. */
  clear(): void {
    this.entries.clear();
  }

  private entry(body: Buffer): Entry {
    const entry = this.entries.get(statementIdOf(body));
    if (!entry) throw unknownStatement();
    return entry;
  }
}

/** What Doris answers for a statement id it does not know (ERR_UNKNOWN_COM_ERROR with its own text). */
function unknownStatement(): SqlError {
  return new SqlError('msg: Not supported such prepared statement', 1047, '08S01');
}

import { lineTextAt, positionAt } from './source-position.js';

/** Longest excerpt of the offending line quoted in a syntax error. */
const MAX_EXCERPT = 160;

/**
 * Base class of every error the SQL front end raises. The message has the shape Doris uses over the
 * MySQL protocol (`errCode = 2, detailMessage = …`); the FE sends it with MySQL error 1105 / HY000.
 */
export abstract class SqlError extends Error {
  /** MySQL error number to send in the ERR packet. */
  readonly mysqlErrorCode = 1105;
  readonly sqlState = 'HY000';
  /** The part after `detailMessage = `. */
  readonly detailMessage: string;
  /** 0-based offset into the SQL text. */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (UTF-16 code units). */
  readonly column: number;

  protected constructor(detailMessage: string, source: string, offset: number) {
    super(`errCode = 2, detailMessage = ${detailMessage}`);
    const position = positionAt(source, offset);
    this.detailMessage = detailMessage;
    this.offset = position.offset;
    this.line = position.line;
    this.column = position.column;
  }
}

/** The text is not valid SQL of the supported dialect. */
export class SqlSyntaxError extends SqlError {
  override readonly name = 'SqlSyntaxError';
  /** What was found at the error position (`EOF` at the end of the text). */
  readonly encountered: string;
  /** What the parser would have accepted there. */
  readonly expected: string;

  constructor(source: string, offset: number, encountered: string, expected: string) {
    super(syntaxDetail(source, offset, encountered, expected), source, offset);
    this.encountered = encountered;
    this.expected = expected;
  }
}

/** The statement or clause is valid Doris SQL but not part of what doris-sandbox implements. */
export class UnsupportedStatementError extends SqlError {
  override readonly name = 'UnsupportedStatementError';
  /** The construct that is not supported, e.g. `CREATE CATALOG` or `data type BITMAP`. */
  readonly construct: string;

  constructor(source: string, offset: number, construct: string) {
    const { line, column } = positionAt(source, offset);
    super(`${construct} is not supported by doris-sandbox (line ${line}, column ${column})`, source, offset);
    this.construct = construct;
  }
}

function syntaxDetail(source: string, offset: number, encountered: string, expected: string): string {
  const { line, column } = positionAt(source, offset);
  let text = lineTextAt(source, offset);
  let caret = column - 1;
  if (text.length > MAX_EXCERPT) {
    const from = Math.max(0, Math.min(caret - MAX_EXCERPT / 2, text.length - MAX_EXCERPT));
    text = text.slice(from, from + MAX_EXCERPT);
    caret -= from;
  }
  return (
    `Syntax error in line ${line}:\n${text}\n${' '.repeat(caret)}^\n` +
    `Encountered: ${encountered}\nExpected: ${expected}`
  );
}

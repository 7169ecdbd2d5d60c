import type { Statement } from '../ast/statement.js';
import { SqlSyntaxError } from '../errors.js';
import { tokenize } from '../lexer/lexer.js';
import { TokenCursor } from './cursor.js';
import { parseSelect } from './parse-select.js';
import { parseOneStatement } from './parse-statement.js';

/** A statement with the exact text it was parsed from (without the `;`). */
export interface ParsedStatement {
  readonly statement: Statement;
  readonly text: string;
  /** Offset of the first character of `text` in the script. */
  readonly start: number;
  /** Offset just past the last character of `text`. */
  readonly end: number;
}

/** Parses a `;`-separated script; empty statements are skipped. */
export function parseScript(sql: string): ParsedStatement[] {
  const c = new TokenCursor(sql, tokenize(sql), parseSelect);
  const parsed: ParsedStatement[] = [];
  for (;;) {
    while (c.acceptOp(';')) {
      // skip empty statements
    }
    const first = c.peek();
    if (first.type === 'eof') return parsed;
    const statement = parseOneStatement(c);
    const last = c.previous();
    if (!c.atStatementEnd()) throw c.fail("';' or end of input");
    parsed.push({ statement, text: c.textBetween(first, last), start: first.start, end: last.end });
  }
}

/** Parses a script of one or more `;`-separated statements. */
export function parseStatements(sql: string): Statement[] {
  return parseScript(sql).map((p) => p.statement);
}

/** Parses exactly one statement (a trailing `;` is allowed). */
export function parseStatement(sql: string): Statement {
  const parsed = parseScript(sql);
  const [only, second] = parsed;
  if (only === undefined) throw new SqlSyntaxError(sql, sql.length, 'EOF', 'a statement');
  if (second !== undefined) {
    throw new SqlSyntaxError(sql, second.start, 'a second statement', 'end of input (one statement only)');
  }
  return only.statement;
}

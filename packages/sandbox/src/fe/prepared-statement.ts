// The FE side of COM_STMT_PREPARE / COM_STMT_EXECUTE. A prepared statement keeps its text; each execution
// puts the parameters, written as SQL literals, in place of the `?` markers and runs the result like a
// COM_QUERY, so prepared and plain statements share one parser and one executor. Like Doris, only SELECT and
// INSERT (without a label) can be prepared, and their errors surface at prepare time.
import {
  dorisError,
  type ParamValue,
  type PreparedStatement,
  type ResultColumn,
  type StatementResult,
} from './mysql/session-types.js';
import { parseScript, type Token, tokenize } from './sql/index.js';

/** Runs one statement text as COM_QUERY does (the session's execute). */
export type RunText = (sql: string) => Promise<StatementResult[]>;

export async function prepareStatement(sql: string, run: RunText): Promise<PreparedStatement> {
  const markers = parameterMarkers(sql);
  // With NULL in every place the statement must parse: errors in it are reported at prepare time.
  const probeText = substitute(
    sql,
    markers,
    markers.map(() => 'NULL'),
  );
  const parsed = parseScript(probeText);
  const [only, second] = parsed;
  if (only === undefined || second !== undefined) {
    throw dorisError('Only support prepare SelectStmt or InsertStmt now');
  }
  const statement = only.statement;
  if (statement.kind === 'InsertStatement' && statement.label !== undefined) {
    throw dorisError('Only support prepare InsertStmt without label now');
  }
  if (statement.kind !== 'SelectStatement' && statement.kind !== 'InsertStatement') {
    throw dorisError('Only support prepare SelectStmt or InsertStmt now');
  }
  // The result columns are announced with the prepare answer, as Doris does. Running the SELECT with NULL
  // parameters is how the sandbox learns them (it has no planner that stops short of execution); a query
  // that fails here would fail at every execution too.
  let columns: readonly ResultColumn[] = [];
  if (statement.kind === 'SelectStatement') {
    const [probe] = await run(probeText);
    if (probe?.kind === 'resultSet') columns = probe.columns;
  }
  return {
    paramCount: markers.length,
    columns,
    async execute(params: readonly ParamValue[]): Promise<StatementResult> {
      if (params.length !== markers.length) {
        throw dorisError(`expected ${markers.length} parameters, got ${params.length}`);
      }
      const [result] = await run(substitute(sql, markers, params.map(sqlLiteral)));
      return result ?? { kind: 'ok' };
    },
  };
}

/** The `?` tokens of the text: the lexer already skips those inside strings, quoted names and comments. */
function parameterMarkers(sql: string): Token[] {
  return tokenize(sql).filter((t) => t.type === 'op' && t.value === '?');
}

function substitute(sql: string, markers: readonly Token[], literals: readonly string[]): string {
  let out = '';
  let from = 0;
  markers.forEach((marker, i) => {
    out += sql.slice(from, marker.start) + (literals[i] ?? 'NULL');
    from = marker.end;
  });
  return out + sql.slice(from);
}

/**
 * A parameter as a literal. Numbers stay numbers (a leading space keeps `x -?` from becoming the comment
 * `x --1`); strings and dates are quoted, with backslashes and quotes escaped as MySQL's lexer reads them,
 * and Doris casts them where the column wants another type.
 */
export function sqlLiteral(param: ParamValue): string {
  if (param === null) return 'NULL';
  switch (param.kind) {
    case 'number':
      return param.text.startsWith('-') ? ` ${param.text}` : param.text;
    case 'string':
      return quote(param.value);
    case 'temporal':
      return quote(param.text);
  }
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

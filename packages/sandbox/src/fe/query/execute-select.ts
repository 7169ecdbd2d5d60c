// executeSelect: a SELECT statement to the text result set the client receives.
import type { ResultSet } from '../mysql/session-types.js';
import type { SelectStatement } from '../sql/index.js';
import { columnKindOf, columnScaleOf } from './expr-type.js';
import type { EvalEnvironment, RelationResolver } from './relation.js';
import { runSelect, runSelectAsync, type SelectResult } from './run-select.js';
import { renderCell } from './values.js';

/**
 * Runs `stmt` and renders its rows as Doris does over the MySQL text protocol (NULL as null). Column names
 * are the aliases, or Doris's names for unaliased expressions; column kinds follow the result types.
 *
 * @throws SqlError with Doris's wording for unknown tables/columns/functions and unsupported constructs.
 */
export function executeSelect(
  stmt: SelectStatement,
  resolver: RelationResolver,
  env: EvalEnvironment,
): ResultSet {
  return resultSet(runSelect(stmt, resolver, env));
}

/** executeSelect for a SELECT statement of its own: a large scan lets the servers answer meanwhile. */
export async function executeSelectAsync(
  stmt: SelectStatement,
  resolver: RelationResolver,
  env: EvalEnvironment,
): Promise<ResultSet> {
  return resultSet(await runSelectAsync(stmt, resolver, env));
}

function resultSet({ names, types, rows }: SelectResult): ResultSet {
  return {
    kind: 'resultSet',
    columns: names.map((name, i) => {
      const type = types[i] ?? { kind: 'NULL' };
      const scale = columnScaleOf(type);
      return { name, kind: columnKindOf(type), ...(scale === undefined ? {} : { scale }) };
    }),
    rows: rows.map((row) => row.map((value, i) => renderCell(types[i] ?? { kind: 'NULL' }, value))),
  };
}

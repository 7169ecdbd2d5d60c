// Compiling against the FROM clause's rows (WHERE, ON, GROUP BY keys, aggregate arguments, and the select
// list of a query without aggregation): a column reference reads the row at the column's position.
import { dorisError } from '../mysql/session-types.js';
import type { SelectStatement } from '../sql/index.js';
import type { CompileContext, SubqueryResult } from './compile-context.js';
import { slot } from './compiled.js';
import { expressionName } from './expression-name.js';
import type { Clause } from './query-errors.js';
import type { EvalEnvironment } from './relation.js';
import type { Scope } from './scope.js';

export type SubqueryRunner = (query: SelectStatement) => SubqueryResult;

/** The plan node Doris names when an aggregate appears where none may (`LOGICAL_FILTER can not contains …`). */
const NODE_OF: Readonly<Record<Clause, string>> = {
  PROJECT: 'LOGICAL_PROJECT',
  FILTER: 'LOGICAL_FILTER',
  AGGREGATE: 'LOGICAL_AGGREGATE',
  HAVING: 'LOGICAL_HAVING',
  SORT: 'LOGICAL_SORT',
  JOIN: 'LOGICAL_JOIN',
};

export function rowContext(
  scope: Scope,
  env: EvalEnvironment,
  clause: Clause,
  subquery?: SubqueryRunner,
): CompileContext {
  const context: CompileContext = {
    env,
    column: (ref) => {
      const column = scope.resolve(ref, clause);
      return slot(column.type, column.index);
    },
    aggregate: (call) => {
      throw dorisError(
        `${NODE_OF[clause]} can not contains AggregateFunction expression: ${expressionName(call)}`,
      );
    },
  };
  return subquery === undefined ? context : { ...context, subquery };
}

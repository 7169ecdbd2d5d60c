// What the expression compiler needs from the place an expression appears: how column references bind
// (to input columns, or to group keys after GROUP BY), what an aggregate call means there, and whether
// subqueries can run.
import type { ColumnRef, Expression, FunctionCall, SelectStatement } from '../sql/index.js';
import type { Compiled } from './compiled.js';
import type { ExprType } from './expr-type.js';
import type { EvalEnvironment } from './relation.js';
import type { Value } from './values.js';

/** The typed rows of an (uncorrelated) subquery, computed once per statement. */
export interface SubqueryResult {
  readonly names: readonly string[];
  readonly types: readonly ExprType[];
  readonly rows: readonly (readonly Value[])[];
}

export interface CompileContext {
  readonly env: EvalEnvironment;
  /** Binds a column reference. @throws SqlError for unknown or ambiguous columns. */
  column(ref: ColumnRef): Compiled;
  /** A replacement for a whole (sub)expression, tried before compiling it: a group key or an aggregate. */
  intercept?(expression: Expression): Compiled | undefined;
  /** An aggregate call (COUNT, SUM, …). @throws SqlError where aggregates are not allowed. */
  aggregate(call: FunctionCall): Compiled;
  /** Runs a subquery; absent where subqueries cannot run (predicates compiled outside a SELECT). */
  subquery?(query: SelectStatement): SubqueryResult;
}

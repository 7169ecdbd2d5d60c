// Expressions outside a SELECT: the WHERE of DELETE/UPDATE, delete predicates applied by BEs, SET values of
// UPDATE. Columns are given as a relation's column list; any table qualifier is accepted.
import type { StoredValue } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import { type Expression, parseStatement } from '../sql/index.js';
import { compileExpr } from './compile-expression.js';
import type { ExprType } from './expr-type.js';
import type { EvalEnvironment, RelationColumn } from './relation.js';
import { rowContext } from './row-context.js';
import { Scope } from './scope.js';
import { truth } from './values.js';

export type RowEvaluator = (row: readonly StoredValue[]) => StoredValue | boolean | null;

export interface TypedEvaluator {
  /** The result type; `{ kind: 'NULL' }` for an expression that is always NULL. */
  readonly type: ExprType;
  readonly evaluate: RowEvaluator;
}

/** Compiles `expr` over rows aligned with `columns`, keeping its result type (for UPDATE … SET). */
export function compileTypedExpression(
  expr: Expression,
  columns: readonly RelationColumn[],
  env: EvalEnvironment,
): TypedEvaluator {
  const compiled = compileExpr(expr, rowContext(Scope.of(undefined, columns), env, 'FILTER'));
  return { type: compiled.type, evaluate: compiled.evaluate };
}

/**
 * Compiles `expr` over rows aligned with `columns`. Values come back in stored form (see StoredValue);
 * predicates give booleans, and NULL is null.
 *
 * @throws SqlError for unknown columns or functions.
 */
export function compileExpression(
  expr: Expression,
  columns: readonly RelationColumn[],
  env: EvalEnvironment,
): RowEvaluator {
  return compileTypedExpression(expr, columns, env).evaluate;
}

/** Compiles a condition: true keeps the row; false and NULL do not. */
export function compilePredicate(
  expr: Expression,
  columns: readonly RelationColumn[],
  env: EvalEnvironment,
): (row: readonly StoredValue[]) => boolean {
  const evaluate = compileExpression(expr, columns, env);
  return (row) => {
    const v = evaluate(row);
    return v === true || (v !== false && truth(v) === true);
  };
}

/** Parses a WHERE condition given as SQL text (`k1 = 1 AND k2 > 'x'`) and compiles it. */
export function predicateFromSql(
  sqlCondition: string,
  columns: readonly RelationColumn[],
  env: EvalEnvironment,
): (row: readonly StoredValue[]) => boolean {
  // the SQL layer parses whole statements only, so the condition travels inside a minimal query
  const statement = parseStatement(`SELECT * FROM t WHERE ${sqlCondition}`);
  if (statement.kind !== 'SelectStatement' || statement.where === undefined || statement.from.length !== 1) {
    throw dorisError(`invalid condition: ${sqlCondition}`);
  }
  return compilePredicate(statement.where, columns, env);
}

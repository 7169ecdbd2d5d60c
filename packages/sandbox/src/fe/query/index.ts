// The query engine: SELECT execution and compiled expressions over relations.
export type { Accumulator, AggregateSpec } from './aggregates.js';
export type { SubqueryResult as SelectRows } from './compile-context.js';
export { type ConstantResult, evaluateConstant, toValueInput } from './evaluate-constant.js';
export { executeSelect, executeSelectAsync } from './execute-select.js';
export { columnKindOf, columnScaleOf, type ExprType, type NullType } from './expr-type.js';
export {
  compileExpression,
  compilePredicate,
  compileTypedExpression,
  predicateFromSql,
  type RowEvaluator,
  type TypedEvaluator,
} from './expression-api.js';
export { MYSQL_SERVER_VERSION } from './functions/session-functions.js';
export { likeMatcher } from './like.js';
export type { EvalEnvironment, Relation, RelationColumn, RelationResolver } from './relation.js';
export { runSelect } from './run-select.js';
export type { Value } from './values.js';

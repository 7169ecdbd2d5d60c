import { assertNever } from '../../../assert-never.js';
import type { AlterTableClause, AlterTableClauseKind } from './alter-table.js';
import type { Expression, ExpressionKind } from './expression.js';
import type { Statement, StatementKind } from './statement.js';

export { assertNever };

/** One handler per statement kind; the mapped type makes a missing kind a compile error. */
export type StatementVisitor<R> = {
  readonly [K in StatementKind]: (statement: Extract<Statement, { kind: K }>) => R;
};

export type ExpressionVisitor<R> = {
  readonly [K in ExpressionKind]: (expression: Extract<Expression, { kind: K }>) => R;
};

export type AlterTableClauseVisitor<R> = {
  readonly [K in AlterTableClauseKind]: (clause: Extract<AlterTableClause, { kind: K }>) => R;
};

/** Dispatches `statement` to the visitor method of its kind. */
export function visitStatement<R>(statement: Statement, visitor: StatementVisitor<R>): R {
  const handler = visitor[statement.kind] as (s: Statement) => R;
  return handler(statement);
}

export function visitExpression<R>(expression: Expression, visitor: ExpressionVisitor<R>): R {
  const handler = visitor[expression.kind] as (e: Expression) => R;
  return handler(expression);
}

export function visitAlterTableClause<R>(clause: AlterTableClause, visitor: AlterTableClauseVisitor<R>): R {
  const handler = visitor[clause.kind] as (c: AlterTableClause) => R;
  return handler(clause);
}

/**
 * The direct sub-expressions of an expression (subqueries are not entered). The exhaustive switch is
 * the template for any code that has to handle every expression kind.
 */
export function childExpressions(expression: Expression): readonly Expression[] {
  switch (expression.kind) {
    case 'IntegerLiteral':
    case 'DecimalLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'DefaultMarker':
    case 'ColumnRef':
    case 'VariableRef':
    case 'ScalarSubquery':
    case 'ExistsExpression':
      return [];
    case 'UnaryExpression':
      return [expression.operand];
    case 'BinaryExpression':
      return [expression.left, expression.right];
    case 'InListExpression':
      return [expression.operand, ...expression.list];
    case 'InSubqueryExpression':
      return [expression.operand];
    case 'BetweenExpression':
      return [expression.operand, expression.low, expression.high];
    case 'LikeExpression':
      return expression.escape
        ? [expression.operand, expression.pattern, expression.escape]
        : [expression.operand, expression.pattern];
    case 'IsNullExpression':
      return [expression.operand];
    case 'FunctionCall':
      return expression.args;
    case 'CastExpression':
      return [expression.operand];
    case 'CaseExpression': {
      const out: Expression[] = [];
      if (expression.operand) out.push(expression.operand);
      for (const w of expression.whens) out.push(w.condition, w.result);
      if (expression.else) out.push(expression.else);
      return out;
    }
    default:
      return assertNever(expression, 'expression kind');
  }
}

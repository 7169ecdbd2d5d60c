// The name of an unaliased result column. Nereids names it after the analyzed expression's toSql(): a
// column by its own name, `count(*)`, `(k1 + 1)`, `'abc'`, `@@version_comment`, function names in their
// canonical lower case. This renders the AST the same way for the common shapes.
import { renderTypeSql } from '../../types/index.js';
import { assertNever, type ColumnRef, dataTypeLabel, type Expression } from '../sql/index.js';
import { castTargetType } from './compile-expression.js';
import { isAggregateName, lookupFunction } from './functions/registry.js';

/** Renders a column reference (the scope supplies the column's real name). */
export type ColumnNamer = (ref: ColumnRef) => string;

function functionName(name: string, arity: number): string {
  if (isAggregateName(name)) return name.toLowerCase();
  try {
    return lookupFunction(name, arity).name;
  } catch {
    return name.toLowerCase();
  }
}

export function expressionName(expression: Expression, column: ColumnNamer = (ref) => ref.name): string {
  const name = (e: Expression): string => expressionName(e, column);
  switch (expression.kind) {
    case 'IntegerLiteral':
      return expression.value.toString();
    case 'DecimalLiteral':
      return expression.text;
    case 'StringLiteral':
      return `'${expression.value}'`;
    case 'BooleanLiteral':
      return expression.value ? 'TRUE' : 'FALSE';
    case 'NullLiteral':
      return 'NULL';
    case 'DefaultMarker':
      return 'DEFAULT';
    case 'ColumnRef':
      return column(expression);
    case 'VariableRef':
      return expression.scope === 'USER' ? `@${expression.name}` : `@@${expression.name}`;
    case 'UnaryExpression':
      switch (expression.operator) {
        case '-':
          return `(0 - ${name(expression.operand)})`;
        case '+':
          return name(expression.operand);
        case 'NOT':
          return `( NOT ${name(expression.operand)})`;
        case '~':
          return `~${name(expression.operand)}`;
        default: {
          const unreachable: never = expression;
          return assertNever(unreachable, 'unary operator');
        }
      }
    case 'BinaryExpression':
      return `(${name(expression.left)} ${expression.operator} ${name(expression.right)})`;
    case 'InListExpression':
      return `${name(expression.operand)}${expression.negated ? ' NOT' : ''} IN (${expression.list.map(name).join(', ')})`;
    case 'InSubqueryExpression':
      return `${name(expression.operand)}${expression.negated ? ' NOT' : ''} IN (subquery)`;
    case 'BetweenExpression':
      return `${name(expression.operand)}${expression.negated ? ' NOT' : ''} BETWEEN ${name(expression.low)} AND ${name(expression.high)}`;
    case 'LikeExpression':
      return `${name(expression.operand)}${expression.negated ? ' NOT' : ''} like ${name(expression.pattern)}`;
    case 'IsNullExpression':
      return `${name(expression.operand)} IS ${expression.negated ? 'NOT ' : ''}NULL`;
    case 'FunctionCall': {
      const fn = functionName(expression.name, expression.args.length);
      if (expression.star) return `${fn}(*)`;
      return `${fn}(${expression.distinct ? 'DISTINCT ' : ''}${expression.args.map(name).join(', ')})`;
    }
    case 'CastExpression': {
      let type: string;
      try {
        type = renderTypeSql(castTargetType(expression.type)).toUpperCase();
      } catch {
        type = dataTypeLabel(expression.type);
      }
      return `cast(${name(expression.operand)} as ${type})`;
    }
    case 'CaseExpression': {
      const parts = ['CASE'];
      if (expression.operand !== undefined) parts.push(name(expression.operand));
      for (const w of expression.whens) parts.push(`WHEN ${name(w.condition)} THEN ${name(w.result)}`);
      if (expression.else !== undefined) parts.push(`ELSE ${name(expression.else)}`);
      parts.push('END');
      return parts.join(' ');
    }
    case 'ScalarSubquery':
      return '(subquery)';
    case 'ExistsExpression':
      return `${expression.negated ? 'NOT ' : ''}EXISTS (subquery)`;
    default:
      return assertNever(expression, 'expression kind');
  }
}

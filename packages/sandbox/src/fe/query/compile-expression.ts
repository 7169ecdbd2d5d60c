// The expression compiler: one pass over the AST that checks names and types and returns closures. Every
// expression kind is handled here or delegated to the module for its family (arithmetic, predicates, CASE,
// functions).
import { type DorisType, InvalidTypeError, typeFromParts } from '../../types/index.js';
import { complexTypeToDoris } from '../ddl/column-builder.js';
import { dorisError } from '../mysql/session-types.js';
import {
  assertNever,
  type DataType,
  dataTypeLabel,
  type Expression,
  type FunctionCall,
  type SelectStatement,
} from '../sql/index.js';
import { compileArithmetic, compileBitNot, compileNegate } from './arithmetic.js';
import { compileCase } from './compile-case.js';
import type { CompileContext, SubqueryResult } from './compile-context.js';
import { type Compiled, combine, constant } from './compiled.js';
import { converter } from './convert.js';
import { BIGINT, BOOLEAN, DOUBLE, MAX_VARCHAR, NULL_TYPE, varcharOf } from './expr-type.js';
import { isAggregateName, lookupFunction } from './functions/registry.js';
import { decimalLiteral, integerLiteral, stringLiteral } from './literals.js';
import {
  compileAnd,
  compileBetween,
  compileComparison,
  compileInList,
  compileIsNull,
  compileLike,
  compileNot,
  compileOr,
} from './predicates.js';
import { asClientError, notSupported } from './query-errors.js';
import type { Value } from './values.js';

/** The type a CAST names. CHAR/VARCHAR without a length mean "a string", as in MySQL's CAST(x AS CHAR). */
export function castTargetType(type: DataType): DorisType {
  const complex = complexTypeToDoris(type, castTargetType);
  if (complex !== undefined) return complex;
  if (type.kind !== 'ScalarType') throw notSupported(`CAST to ${dataTypeLabel(type)}`);
  switch (type.name) {
    case 'DECIMAL':
      return typeFromParts('DECIMAL', type.precision === undefined ? [] : [type.precision, type.scale ?? 0]);
    case 'DATETIME':
      return typeFromParts('DATETIME', type.precision === undefined ? [] : [type.precision]);
    case 'CHAR':
    case 'VARCHAR':
      return type.length === undefined ? MAX_VARCHAR : typeFromParts(type.name, [type.length]);
    default:
      return typeFromParts(type.name, []);
  }
}

/** A session or user variable's value as a constant: integers are BIGINT, other numbers DOUBLE. */
function variableConstant(value: Value): Compiled {
  if (value === null) return constant(NULL_TYPE, null);
  if (typeof value === 'number') return constant(Number.isInteger(value) ? BIGINT : DOUBLE, value);
  if (typeof value === 'boolean') return constant(BOOLEAN, value);
  if (typeof value === 'string') return constant(varcharOf(Buffer.byteLength(value, 'utf8')), value);
  return constant(MAX_VARCHAR, JSON.stringify(value));
}

function requireSubquery(ctx: CompileContext, query: SelectStatement): SubqueryResult {
  if (ctx.subquery === undefined) throw notSupported('A subquery in this place');
  const result = ctx.subquery(query);
  if (result.types.length !== 1 && result.rows.length > 0) {
    throw dorisError(`subquery must return exactly one column, but returns ${result.types.length}`);
  }
  return result;
}

function compileFunction(call: FunctionCall, ctx: CompileContext): Compiled {
  if (isAggregateName(call.name)) return ctx.aggregate(call);
  if (call.star || call.distinct)
    throw dorisError(`${call.name} does not support ${call.star ? '*' : 'DISTINCT'}`);
  const fn = lookupFunction(call.name, call.args.length);
  const args = call.args.map((a) => compileExpr(a, ctx));
  return asClientError(() => fn.bind(args, ctx.env));
}

function compileCast(operand: Compiled, type: DataType): Compiled {
  let target: DorisType;
  try {
    target = castTargetType(type);
  } catch (error) {
    if (error instanceof InvalidTypeError) throw dorisError(error.message);
    throw error;
  }
  const convert = converter(operand.type, target);
  const e = operand.evaluate;
  return combine([operand], target, (row) => {
    const v = e(row);
    return v === null ? null : convert(v);
  });
}

/** Compiles `expression` in `ctx`. @throws SqlError for unknown names, bad types and unsupported forms. */
export function compileExpr(expression: Expression, ctx: CompileContext): Compiled {
  const replaced = ctx.intercept?.(expression);
  if (replaced !== undefined) return replaced;
  const sub = (e: Expression): Compiled => compileExpr(e, ctx);
  switch (expression.kind) {
    case 'IntegerLiteral':
      return integerLiteral(expression.value);
    case 'DecimalLiteral':
      return decimalLiteral(expression.text);
    case 'StringLiteral':
      return stringLiteral(expression.value);
    case 'BooleanLiteral':
      return constant(BOOLEAN, expression.value);
    case 'NullLiteral':
      return constant(NULL_TYPE, null);
    case 'DefaultMarker':
      throw dorisError('DEFAULT can only be used as a value of INSERT or UPDATE');
    case 'ColumnRef':
      return ctx.column(expression);
    case 'VariableRef': {
      const value = ctx.env.variable(expression.scope, expression.name);
      if (value !== undefined) return variableConstant(value);
      // an unset user variable is NULL; an unknown system variable is an error
      if (expression.scope === 'USER') return constant(NULL_TYPE, null);
      throw dorisError(`Unsupported system variable: ${expression.name}`);
    }
    case 'UnaryExpression':
      switch (expression.operator) {
        case '-':
          return compileNegate(sub(expression.operand));
        case '+':
          return sub(expression.operand);
        case 'NOT':
          return compileNot(sub(expression.operand));
        case '~':
          return compileBitNot(sub(expression.operand));
        default: {
          const unreachable: never = expression;
          return assertNever(unreachable, 'unary operator');
        }
      }
    case 'BinaryExpression': {
      const left = sub(expression.left);
      const right = sub(expression.right);
      switch (expression.operator) {
        case 'AND':
          return compileAnd(left, right);
        case 'OR':
          return compileOr(left, right);
        case '=':
        case '<=>':
        case '<>':
        case '<':
        case '<=':
        case '>':
        case '>=':
          return compileComparison(expression.operator, left, right);
        case '+':
        case '-':
        case '*':
        case '/':
        case '%':
        case 'DIV':
          return compileArithmetic(expression.operator, left, right);
        default: {
          const unreachable: never = expression;
          return assertNever(unreachable, 'binary operator');
        }
      }
    }
    case 'InListExpression':
      return compileInList(sub(expression.operand), expression.list.map(sub), expression.negated);
    case 'InSubqueryExpression': {
      const result = requireSubquery(ctx, expression.query);
      const type = result.types[0] ?? NULL_TYPE;
      const items = result.rows.map((row) => constant(type, row[0] ?? null));
      if (items.length === 0) return constant(BOOLEAN, expression.negated);
      return compileInList(sub(expression.operand), items, expression.negated);
    }
    case 'BetweenExpression':
      return compileBetween(
        sub(expression.operand),
        sub(expression.low),
        sub(expression.high),
        expression.negated,
      );
    case 'LikeExpression':
      return compileLike(
        sub(expression.operand),
        sub(expression.pattern),
        expression.escape === undefined ? undefined : sub(expression.escape),
        expression.negated,
      );
    case 'IsNullExpression':
      return compileIsNull(sub(expression.operand), expression.negated);
    case 'FunctionCall':
      return compileFunction(expression, ctx);
    case 'CastExpression':
      return compileCast(sub(expression.operand), expression.type);
    case 'CaseExpression':
      return compileCase(
        expression.operand === undefined ? undefined : sub(expression.operand),
        expression.whens.map((w) => ({ condition: sub(w.condition), result: sub(w.result) })),
        expression.else === undefined ? undefined : sub(expression.else),
      );
    case 'ScalarSubquery': {
      const result = requireSubquery(ctx, expression.query);
      if (result.rows.length > 1) throw dorisError('Expected EQ 1 to be returned by expression');
      return constant(result.types[0] ?? NULL_TYPE, result.rows[0]?.[0] ?? null);
    }
    case 'ExistsExpression': {
      if (ctx.subquery === undefined) throw notSupported('A subquery in this place');
      const exists = ctx.subquery(expression.query).rows.length > 0;
      return constant(BOOLEAN, exists !== expression.negated);
    }
    default:
      return assertNever(expression, 'expression kind');
  }
}

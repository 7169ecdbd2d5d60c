// INSERT … VALUES items → value inputs for the types layer. Literals map directly (numbers keep their
// written text, so nothing is rounded on the way); other constant expressions go through the query engine.
import type { LiteralInput, ValueInput } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import type { Expression, FunctionCall } from '../sql/index.js';

export const DEFAULT_VALUE = Symbol('DEFAULT');

/** A value nested in a complex literal; DEFAULT has no meaning there. */
function nestedInput(expr: Expression, evalOther?: (e: Expression) => ValueInput): LiteralInput {
  const input = literalInput(expr, evalOther);
  if (input === DEFAULT_VALUE || typeof input === 'string' || input.kind === 'json') {
    throw dorisError(`Unsupported value in a complex literal: ${expr.kind}`);
  }
  return input;
}

/**
 * `[…]`/array(), `{…}`/map(), struct() and named_struct() of values: the literal input of the complex value,
 * converted straight to the column's type as Doris casts a complex literal to the column type.
 */
function complexLiteral(
  call: FunctionCall,
  evalOther?: (e: Expression) => ValueInput,
): LiteralInput | undefined {
  const items = (args: readonly Expression[]): LiteralInput[] => args.map((a) => nestedInput(a, evalOther));
  const pairs = (args: readonly Expression[]): [LiteralInput, LiteralInput][] => {
    if (args.length % 2 !== 0) throw dorisError(`${call.name} requires an even number of arguments`);
    const flat = items(args);
    return flat.flatMap((v, i) => (i % 2 === 0 ? [[v, flat[i + 1] ?? { kind: 'null' }]] : []));
  };
  switch (call.name.toLowerCase()) {
    case 'array':
      return { kind: 'array', items: items(call.args) };
    case 'map':
      return { kind: 'map', entries: pairs(call.args) };
    case 'struct':
      return { kind: 'struct', items: items(call.args) };
    case 'named_struct': {
      const entries = pairs(call.args);
      const names = entries.map(([k]) => {
        if (k.kind !== 'string') throw dorisError('named_struct field names must be string literals');
        return k.text;
      });
      return { kind: 'struct', names, items: entries.map(([, v]) => v) };
    }
    default:
      return undefined;
  }
}

export function literalInput(
  expr: Expression,
  evalOther?: (e: Expression) => ValueInput,
): ValueInput | typeof DEFAULT_VALUE {
  switch (expr.kind) {
    case 'IntegerLiteral':
      return { kind: 'int', text: expr.value.toString() };
    case 'DecimalLiteral':
      return { kind: 'decimal', text: expr.text };
    case 'StringLiteral':
      return { kind: 'string', text: expr.value };
    case 'BooleanLiteral':
      return { kind: 'boolean', value: expr.value };
    case 'NullLiteral':
      return { kind: 'null' };
    case 'DefaultMarker':
      return DEFAULT_VALUE;
    case 'FunctionCall': {
      const complex = complexLiteral(expr, evalOther);
      if (complex !== undefined) return complex;
      break;
    }
    case 'UnaryExpression':
      if (expr.operator === '-' && expr.operand.kind === 'IntegerLiteral') {
        return { kind: 'int', text: (-expr.operand.value).toString() };
      }
      if (expr.operator === '-' && expr.operand.kind === 'DecimalLiteral') {
        const t = expr.operand.text;
        return { kind: 'decimal', text: t.startsWith('-') ? t.slice(1) : `-${t}` };
      }
      if (expr.operator === '+') return literalInput(expr.operand, evalOther);
      break;
    default:
      break;
  }
  if (evalOther) return evalOther(expr);
  throw dorisError(`Unsupported value expression in INSERT: ${expr.kind}`);
}

// INSERT … VALUES items → value inputs for the types layer. Literals map directly (numbers keep their
// written text, so nothing is rounded on the way); other constant expressions go through the query engine.
import type { ValueInput } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import type { Expression } from '../sql/index.js';

export const DEFAULT_VALUE = Symbol('DEFAULT');

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

// Constant expressions: the items of INSERT … VALUES. The caller stores the value with coerceValue into the
// column's type; the value keeps its own (literal) type so that nothing is lost on the way.
import type { DorisType, StoredValue, ValueInput } from '../../types/index.js';
import type { Expression } from '../sql/index.js';
import type { CompileContext } from './compile-context.js';
import { compileExpr } from './compile-expression.js';
import { constantValue } from './compiled.js';
import { literalInputOf } from './convert.js';
import { STRING } from './expr-type.js';
import type { EvalEnvironment } from './relation.js';

export interface ConstantResult {
  readonly value: StoredValue | boolean;
  /** The natural type of the value (`1.50` is DECIMAL(3,2)); a bare NULL is reported as STRING. */
  readonly type: DorisType;
}

/** Thrown (and caught) when the expression turns out to read a column. */
const NOT_CONSTANT = Symbol('not constant');

/**
 * The value of a constant expression: literals, negative numbers, NOW(), CAST, arithmetic and functions
 * of constants. Null when the expression is not constant (it reads a column, or is DEFAULT).
 *
 * @throws SqlError for unknown functions and other errors a real INSERT would report.
 */
export function evaluateConstant(expr: Expression, env: EvalEnvironment): ConstantResult | null {
  if (expr.kind === 'DefaultMarker') return null;
  const context: CompileContext = {
    env,
    column: () => {
      throw NOT_CONSTANT;
    },
    aggregate: () => {
      throw NOT_CONSTANT;
    },
  };
  try {
    const compiled = compileExpr(expr, context);
    if (!compiled.isConstant) return null;
    const value = constantValue(compiled);
    return { value, type: compiled.type.kind === 'NULL' ? STRING : compiled.type };
  } catch (error) {
    if (error === NOT_CONSTANT) return null;
    throw error;
  }
}

/** The ValueInput coerceValue takes for a constant (a literal of the value's own type). */
export function toValueInput(result: ConstantResult): ValueInput {
  return literalInputOf(result.type, result.value);
}

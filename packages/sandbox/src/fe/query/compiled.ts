// A compiled expression: its result type and a closure that evaluates it over a row. Expressions are
// compiled once per statement, so the per-row work is a chain of closure calls with no AST walking.
import type { ExprType } from './expr-type.js';
import type { Evaluator, Value } from './values.js';

export interface Compiled {
  readonly type: ExprType;
  readonly evaluate: Evaluator;
  /** True when the value does not depend on the row; such expressions are evaluated once, at compile time. */
  readonly isConstant: boolean;
}

const NO_ROW: readonly Value[] = [];

export function constant(type: ExprType, value: Value): Compiled {
  return { type, evaluate: () => value, isConstant: true };
}

export function computed(type: ExprType, evaluate: Evaluator): Compiled {
  return { type, evaluate, isConstant: false };
}

/** The value of a constant expression. */
export function constantValue(compiled: Compiled): Value {
  return compiled.evaluate(NO_ROW);
}

/**
 * Builds the result of an operation over `inputs`: when every input is constant the operation is folded to
 * its value now (as Doris folds constants in the FE), otherwise the closure is used per row.
 */
export function combine(inputs: readonly Compiled[], type: ExprType, evaluate: Evaluator): Compiled {
  if (inputs.every((input) => input.isConstant)) return constant(type, evaluate(NO_ROW));
  return computed(type, evaluate);
}

/** A slot: the value at `index` of the row. */
export function slot(type: ExprType, index: number): Compiled {
  return computed(type, (row) => row[index] ?? null);
}

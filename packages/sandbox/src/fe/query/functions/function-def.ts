// What a scalar function is to the engine: a name, the argument counts it takes, and a binder that turns the
// compiled arguments into a compiled call (its result type and its evaluator).
import { type Compiled, combine } from '../compiled.js';
import type { ExprType } from '../expr-type.js';
import type { EvalEnvironment } from '../relation.js';
import type { Value } from '../values.js';

export interface ScalarFunction {
  /** The canonical lower-case name, the one Doris prints in result column names. */
  readonly name: string;
  /** Other spellings that call the same function. */
  readonly aliases?: readonly string[];
  /** The argument counts accepted: [min, max]; max is Infinity for variadic functions. */
  readonly arity: readonly [number, number];
  bind(args: readonly Compiled[], env: EvalEnvironment): Compiled;
}

/**
 * A call that is NULL when any argument is NULL (most functions), with `fn` applied to the non-null
 * argument values otherwise. One- and two-argument calls avoid building an array per row.
 */
export function strict(
  args: readonly Compiled[],
  type: ExprType,
  fn: (values: readonly Value[]) => Value,
): Compiled {
  const evaluators = args.map((arg) => arg.evaluate);
  const [e0, e1] = evaluators;
  if (evaluators.length === 1 && e0 !== undefined) {
    return combine(args, type, (row) => {
      const a = e0(row);
      return a === null ? null : fn([a]);
    });
  }
  if (evaluators.length === 2 && e0 !== undefined && e1 !== undefined) {
    return combine(args, type, (row) => {
      const a = e0(row);
      if (a === null) return null;
      const b = e1(row);
      return b === null ? null : fn([a, b]);
    });
  }
  return combine(args, type, (row) => {
    const values: Value[] = [];
    for (const evaluate of evaluators) {
      const v = evaluate(row);
      if (v === null) return null;
      values.push(v);
    }
    return fn(values);
  });
}

/** The argument at `i`; binders are only called with an argument count inside their arity. */
export function arg(args: readonly Compiled[], i: number): Compiled {
  const found = args[i];
  if (found === undefined) throw new Error(`missing argument ${i}`);
  return found;
}

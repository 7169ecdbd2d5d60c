// CASE: the first WHEN that holds (searched form) or that equals the operand (simple form) picks its
// THEN; without a match, ELSE or NULL. The result has the common type of all THEN/ELSE branches.
import { commonType } from './common-type.js';
import { type Compiled, combine } from './compiled.js';
import { converter } from './convert.js';
import { compileComparison } from './predicates.js';
import { truth } from './values.js';

export interface CompiledWhen {
  readonly condition: Compiled;
  readonly result: Compiled;
}

/**
 * `operand` set: the simple form, where each condition is a value compared with `=` to the operand (a NULL
 * operand or value never matches).
 */
export function compileCase(
  operand: Compiled | undefined,
  whens: readonly CompiledWhen[],
  otherwise: Compiled | undefined,
): Compiled {
  const results = [...whens.map((w) => w.result), ...(otherwise === undefined ? [] : [otherwise])];
  const type = commonType(results.map((r) => r.type));
  const branches = whens.map((w) => ({
    test: (operand === undefined ? w.condition : compileComparison('=', operand, w.condition)).evaluate,
    value: w.result.evaluate,
    convert: converter(w.result.type, type),
  }));
  const elseValue = otherwise?.evaluate;
  const convertElse = otherwise === undefined ? undefined : converter(otherwise.type, type);
  const inputs = [
    ...(operand === undefined ? [] : [operand]),
    ...whens.flatMap((w) => [w.condition, w.result]),
    ...(otherwise === undefined ? [] : [otherwise]),
  ];
  return combine(inputs, type, (row) => {
    for (const branch of branches) {
      if (truth(branch.test(row)) === true) {
        const v = branch.value(row);
        return v === null ? null : branch.convert(v);
      }
    }
    if (elseValue === undefined || convertElse === undefined) return null;
    const v = elseValue(row);
    return v === null ? null : convertElse(v);
  });
}

// COALESCE, IFNULL, IF and NULLIF. They are not NULL-in/NULL-out, and their result has the common type of
// the branches, to which each branch value is converted (IF(c, 1, 2.5) gives 1.0 in DECIMAL(2,1)).
import { commonType } from '../common-type.js';
import { comparisonPlan } from '../comparison.js';
import { type Compiled, combine } from '../compiled.js';
import { converter } from '../convert.js';
import { truth, type Value } from '../values.js';
import { arg, type ScalarFunction } from './function-def.js';

function coalesce(args: readonly Compiled[]): Compiled {
  const type = commonType(args.map((a) => a.type));
  const branches = args.map((a) => ({ evaluate: a.evaluate, convert: converter(a.type, type) }));
  return combine(args, type, (row) => {
    for (const branch of branches) {
      const v = branch.evaluate(row);
      if (v !== null) return branch.convert(v);
    }
    return null;
  });
}

function conditional(args: readonly Compiled[]): Compiled {
  const condition = arg(args, 0).evaluate;
  const yes = arg(args, 1);
  const no = arg(args, 2);
  const type = commonType([yes.type, no.type]);
  const convertYes = converter(yes.type, type);
  const convertNo = converter(no.type, type);
  return combine(args, type, (row) => {
    if (truth(condition(row)) === true) {
      const v = yes.evaluate(row);
      return v === null ? null : convertYes(v);
    }
    const v = no.evaluate(row);
    return v === null ? null : convertNo(v);
  });
}

function nullIf(args: readonly Compiled[]): Compiled {
  const a = arg(args, 0);
  const b = arg(args, 1);
  const plan = comparisonPlan(a.type, b.type);
  return combine(args, a.type, (row) => {
    const x: Value = a.evaluate(row);
    if (x === null) return null;
    const y = b.evaluate(row);
    if (y === null) return x;
    const kx = plan.left(x);
    const ky = plan.right(y);
    return kx !== null && ky !== null && plan.compare(kx, ky) === 0 ? null : x;
  });
}

export const CONDITIONAL_FUNCTIONS: readonly ScalarFunction[] = [
  { name: 'coalesce', arity: [1, Number.POSITIVE_INFINITY], bind: coalesce },
  { name: 'ifnull', aliases: ['nvl'], arity: [2, 2], bind: coalesce },
  { name: 'if', arity: [3, 3], bind: conditional },
  { name: 'nullif', arity: [2, 2], bind: nullIf },
];

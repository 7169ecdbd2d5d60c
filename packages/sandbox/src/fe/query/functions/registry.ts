// Looking scalar functions up by name (case-insensitively, aliases included), with Doris's errors for an
// unknown name and for a known name called with an argument count it does not take.
import { unknownFunction, wrongArity } from '../query-errors.js';
import { COMPLEX_FUNCTIONS } from './complex-functions.js';
import { CONDITIONAL_FUNCTIONS } from './conditional-functions.js';
import { DATETIME_FUNCTIONS } from './datetime-functions.js';
import type { ScalarFunction } from './function-def.js';
import { HASH_FUNCTIONS } from './hash-functions.js';
import { NUMERIC_FUNCTIONS } from './numeric-functions.js';
import { SESSION_FUNCTIONS } from './session-functions.js';
import { STRING_FUNCTIONS } from './string-functions.js';

const BY_NAME: ReadonlyMap<string, ScalarFunction> = (() => {
  const map = new Map<string, ScalarFunction>();
  for (const fn of [
    ...STRING_FUNCTIONS,
    ...NUMERIC_FUNCTIONS,
    ...CONDITIONAL_FUNCTIONS,
    ...DATETIME_FUNCTIONS,
    ...SESSION_FUNCTIONS,
    ...COMPLEX_FUNCTIONS,
    ...HASH_FUNCTIONS,
  ]) {
    map.set(fn.name, fn);
    for (const alias of fn.aliases ?? []) map.set(alias, fn);
  }
  return map;
})();

/** The aggregate functions the engine implements (see aggregates.ts). */
export const AGGREGATE_NAMES: ReadonlySet<string> = new Set([
  'count',
  'sum',
  'min',
  'max',
  'avg',
  'group_concat',
]);

export function isAggregateName(name: string): boolean {
  return AGGREGATE_NAMES.has(name.toLowerCase());
}

/** How Doris lists candidate signatures in an arity error: `[substring(Expression, Expression), …]`. */
function candidates(fn: ScalarFunction, written: string): string {
  const [min, max] = fn.arity;
  const signature = (n: number, variadic: boolean): string =>
    `${written}(${[...Array.from({ length: n }, () => 'Expression'), ...(variadic ? ['...'] : [])].join(', ')})`;
  if (max === Number.POSITIVE_INFINITY) return signature(min, true);
  const list: string[] = [];
  for (let n = min; n <= max; n++) list.push(signature(n, false));
  return list.join(', ');
}

/**
 * The function called `name` taking `arity` arguments.
 *
 * @throws SqlError `Can not found function 'name'` for unknown names, and the arity variant of that message
 * for a wrong argument count.
 */
export function lookupFunction(name: string, arity: number): ScalarFunction {
  const fn = BY_NAME.get(name.toLowerCase());
  if (fn === undefined) throw unknownFunction(name);
  const [min, max] = fn.arity;
  if (arity < min || arity > max) throw wrongArity(name, arity, candidates(fn, name));
  return fn;
}

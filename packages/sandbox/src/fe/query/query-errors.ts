// Errors the query engine reports to the client, worded as Doris's Nereids planner words them.
import { InvalidTypeError, ValueError } from '../../types/index.js';
import { dorisError, type SqlError } from '../mysql/session-types.js';
import type { ExprType } from './expr-type.js';

/**
 * The plan node a clause becomes in Nereids; Doris names it in analysis errors ("… in FILTER clause").
 * ExpressionAnalyzer.couldNotFoundColumn prints the node type without its `LOGICAL_` prefix.
 */
export type Clause = 'PROJECT' | 'FILTER' | 'AGGREGATE' | 'HAVING' | 'SORT' | 'JOIN';

/** `Unknown column 'x' in 'table list' in PROJECT clause`; a qualified reference names its qualifier instead. */
export function unknownColumn(
  name: string,
  qualifier: readonly string[],
  clause: Clause | undefined,
): SqlError {
  const where = qualifier.length === 0 ? 'table list' : qualifier.join('.');
  const suffix = clause === undefined ? '' : ` in ${clause} clause`;
  return dorisError(`Unknown column '${name}' in '${where}'${suffix}`);
}

/** FunctionRegistry.findFunctionBuilder: the name as written. */
export function unknownFunction(name: string): SqlError {
  return dorisError(`Can not found function '${name}'`);
}

export function wrongArity(name: string, arity: number, candidates: string): SqlError {
  return dorisError(
    `Can not found function '${name}' which has ${arity} arity. Candidate functions are: [${candidates}]`,
  );
}

/**
 * Type.OnlyMetricTypeErrorMsg: what Doris answers for a VARIANT sort or group key (Nereids checks every
 * ORDER BY and GROUP BY expression's type; `CAST(v['a'] AS INT)` is the way to sort by a member).
 */
export function onlyMetricType(type: ExprType): void {
  if (type.kind !== 'VARIANT') return;
  throw dorisError(
    "Doris hll, bitmap, array, map, struct, jsonb, variant column must use with specific function, and don't support filter, group by or order by. please run 'help hll' or 'help bitmap' or 'help array' or 'help map' or 'help struct' or 'help jsonb' or 'help variant' in your mysql client.",
  );
}

/** A valid construct the sandbox does not implement. */
export function notSupported(what: string): SqlError {
  return dorisError(`${what} is not supported by doris-sandbox`);
}

/** Runs `fn`, turning the types layer's errors into client errors. */
export function asClientError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ValueError || error instanceof InvalidTypeError) throw dorisError(error.message);
    throw error;
  }
}

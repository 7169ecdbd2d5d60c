// ORDER BY and LIMIT. NULLs sort first in ascending and last in descending order unless NULLS FIRST/LAST
// says otherwise (Doris's default, as MySQL's). The sort is stable, so ties keep their scan order.
import type { LimitClause, OrderByItem } from '../sql/index.js';
import type { ExprType } from './expr-type.js';
import { compareForType, type Value } from './values.js';

export interface SortKey {
  /** The key of a row, from the input (or grouped) row or from the output row. */
  readonly evaluate: (input: readonly Value[], output: readonly Value[]) => Value;
  readonly type: ExprType;
  readonly item: OrderByItem;
}

export interface SortEntry {
  readonly output: readonly Value[];
  readonly keys: readonly Value[];
}

export function sortEntries(entries: SortEntry[], sortKeys: readonly SortKey[]): void {
  const comparators = sortKeys.map((key, i) => {
    const compare = compareForType(key.type);
    const descending = key.item.direction === 'DESC';
    const nullsFirst = key.item.nulls === undefined ? !descending : key.item.nulls === 'FIRST';
    return (a: SortEntry, b: SortEntry): number => {
      const x = a.keys[i] ?? null;
      const y = b.keys[i] ?? null;
      if (x === null || y === null) {
        if (x === y) return 0;
        return (x === null) === nullsFirst ? -1 : 1;
      }
      const c = compare(x, y);
      return descending ? -c : c;
    };
  });
  entries.sort((a, b) => {
    for (const comparator of comparators) {
      const c = comparator(a, b);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Rows to skip and rows to return; LIMIT values beyond the safe integer range mean "all". */
export function limitWindow(limit: LimitClause | undefined): {
  readonly offset: number;
  readonly count: number;
} {
  if (limit === undefined) return { offset: 0, count: Number.POSITIVE_INFINITY };
  const toNumber = (n: bigint): number =>
    n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(n);
  return { offset: limit.offset === undefined ? 0 : toNumber(limit.offset), count: toNumber(limit.count) };
}

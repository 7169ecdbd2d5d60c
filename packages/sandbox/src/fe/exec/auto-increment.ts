// AUTO_INCREMENT values as Doris hands them out: increasing from the column's start value (1 unless
// AUTO_INCREMENT(n) says otherwise), unique, not necessarily dense. Doris's FE gives its BEs ranges of ids
// and persists how far it has given; the sandbox does the same per table, so a restart leaves a gap (as a
// restarted Doris BE does) but never hands out a value twice.
import type { Column } from '../../catalog/column.js';
import type { OlapTable } from '../../catalog/table.js';
import type { Frontend } from '../frontend.js';

/** Ids reserved per persisted step: a write to the store once per this many values. */
const RANGE = 1000n;

interface Range {
  next: bigint;
  limit: bigint;
}

class AutoIncrementIds {
  private readonly ranges = new Map<string, Range>();

  constructor(private readonly fe: Frontend) {}

  next(table: OlapTable, column: Column): bigint {
    const key = `auto_increment:${table.id}:${column.uniqueId}`;
    let range = this.ranges.get(key);
    if (range === undefined || range.next >= range.limit) {
      const given = this.fe.store.getKv(key);
      const from = given === undefined ? BigInt(column.autoIncrementStart ?? '1') : BigInt(given);
      range = { next: from, limit: from + RANGE };
      this.fe.store.setKv(key, range.limit.toString());
      this.ranges.set(key, range);
    }
    return range.next++;
  }
}

const perFrontend = new WeakMap<Frontend, AutoIncrementIds>();

/** A generator of the table's auto-increment values, for building rows (see RowShapeOptions). */
export function autoIncrementValues(fe: Frontend, table: OlapTable): (column: Column) => string {
  let ids = perFrontend.get(fe);
  if (!ids) {
    ids = new AutoIncrementIds(fe);
    perFrontend.set(fe, ids);
  }
  const owner = ids;
  return (column) => owner.next(table, column).toString();
}

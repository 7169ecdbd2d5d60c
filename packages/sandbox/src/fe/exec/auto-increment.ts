// AUTO_INCREMENT values as Doris hands them out: increasing from the column's start value (1 unless
// AUTO_INCREMENT(n) says otherwise, or past the values a restored table already holds), unique, not
// necessarily dense. Doris's FE gives its BEs ranges of ids
// and persists how far it has given; the sandbox does the same per table, so a restart leaves a gap (as a
// restarted Doris BE does) but never hands out a value twice.
import type { Column } from '../../catalog/column.js';
import type { OlapTable } from '../../catalog/table.js';
import type { Frontend } from '../frontend.js';
import { readCurrentRows } from './dml/current-rows.js';

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
      const from = given === undefined ? this.firstFree(table, column) : BigInt(given);
      range = { next: from, limit: from + RANGE };
      this.fe.store.setKv(key, range.limit.toString());
      this.ranges.set(key, range);
    }
    return range.next++;
  }

  /**
   * Where a table that never handed out a value starts: its column's start, or past the largest value
   * already stored — a table restored from a backup (a CCR target) holds the source's values, which Doris
   * carries in the backup as the table's generator and the sandbox reads back from the rows.
   */
  private firstFree(table: OlapTable, column: Column): bigint {
    let next = BigInt(column.autoIncrementStart ?? '1');
    for (const row of readCurrentRows(this.fe, table, [...table.partitions.values()]).rows) {
      const value = row.stored[column.uniqueId];
      if (value !== null && value !== undefined && BigInt(value as string | number) >= next) {
        next = BigInt(value as string | number) + 1n;
      }
    }
    return next;
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

// Stream load's `partial_columns: true` on a merge-on-write UNIQUE table: the load names some of the
// columns, and each row takes the other columns from the row already stored under its key (a new key takes
// their defaults, and a NOT NULL column without one fails the row, as in Doris 2.1). The rows are
// complete when they are written, so the rowset a CCR target ingests needs no partial-update logic.
import type { StoredRow } from '../../be/tablet-store.js';
import { type Column, DELETE_SIGN_COLUMN, VERSION_COLUMN } from '../../catalog/column.js';
import { baseColumns, type OlapTable } from '../../catalog/table.js';
import { readCurrentRows } from '../exec/dml/current-rows.js';
import type { GeneratedValue } from '../exec/generated-values.js';
import { RowError } from '../exec/row-builder.js';
import type { Frontend } from '../frontend.js';

/** Checks a partial update's columns; a string is the error to answer. */
export function checkPartialColumns(
  table: OlapTable,
  names: readonly string[] | undefined,
): string | undefined {
  const mow =
    table.keysType === 'UNIQUE_KEYS' && table.properties.get('enable_unique_key_merge_on_write') !== 'false';
  if (!mow) return 'Only unique key merge on write support partial update';
  if (names === undefined) return undefined;
  const given = new Set(names.map((n) => n.toLowerCase()));
  const missing = baseColumns(table).filter((c) => c.isKey && !given.has(c.name.toLowerCase()));
  if (missing.length > 0) {
    return `Partial update should include all key columns, missing: ${missing.map((c) => c.name).join(', ')}`;
  }
  return undefined;
}

/**
 * Completes rows built from some columns with the stored row of the same key; generated columns are then
 * computed again, since what they read may have come from the stored row.
 */
export function partialRowFiller(
  fe: Frontend,
  table: OlapTable,
  given: readonly Column[],
  generated: readonly GeneratedValue[],
): (row: StoredRow) => void {
  const columns = baseColumns(table);
  const keys = columns.filter((c) => c.isKey);
  const givenIds = new Set(given.map((c) => c.uniqueId));
  const fill = columns.filter(
    (c) => !givenIds.has(c.uniqueId) && c.name !== DELETE_SIGN_COLUMN && c.name !== VERSION_COLUMN,
  );
  const keyOf = (row: StoredRow) => JSON.stringify(keys.map((k) => row[k.uniqueId] ?? null));
  const existing = new Map<string, StoredRow>();
  const sign = columns.find((c) => c.name === DELETE_SIGN_COLUMN);
  for (const current of readCurrentRows(fe, table, [...table.partitions.values()]).rows) {
    // a deleted key is a new key again
    if (sign && Number(current.stored[sign.uniqueId] ?? 0) === 1) continue;
    existing.set(keyOf(current.stored), current.stored);
  }
  return (row) => {
    const old = existing.get(keyOf(row));
    for (const c of fill) {
      if (old) row[c.uniqueId] = old[c.uniqueId] ?? null;
      else if (row[c.uniqueId] === null && !c.nullable && !c.generated) {
        throw new RowError(
          `the unmentioned column \`${c.name}\` should have default value or be nullable for newly inserted rows in non-strict mode partial update`,
        );
      }
    }
    for (const g of generated) row[g.column.uniqueId] = g.compute(row);
    // a later row of the same load updates what an earlier one wrote
    existing.set(keyOf(row), { ...row });
  };
}

// The visible rows of a table as a DELETE or UPDATE sees them before rewriting them: every stored row of the
// base index in the chosen partitions (one alive replica per tablet), complete with hidden columns, plus
// the visible columns' values in relation order for evaluating WHERE and SET expressions.
import type { StoredRow } from '../../../be/tablet-store.js';
import type { Column } from '../../../catalog/column.js';
import { baseColumns, type OlapTable, type Partition } from '../../../catalog/table.js';
import type { StoredValue } from '../../../types/doris-type.js';
import { coerceValue } from '../../../types/index.js';
import type { Frontend } from '../../frontend.js';
import { dorisError } from '../../mysql/session-types.js';
import type { RelationColumn } from '../../query/index.js';
import { readableBackend } from '../../system/replica-state.js';

export interface CurrentRow {
  /** All base columns by unique id (columns added after the row was written read as their default). */
  readonly stored: StoredRow;
  /** Visible columns' values, aligned with `CurrentRows.columns`. */
  readonly values: readonly StoredValue[];
}

export interface CurrentRows {
  readonly columns: readonly RelationColumn[];
  readonly visible: readonly Column[];
  readonly rows: CurrentRow[];
}

/** The default a row written before a light ADD COLUMN reads for the new column (as the query path does). */
function storedDefault(c: Column): StoredValue {
  if (c.defaultValue === undefined || c.defaultValue === null) return null;
  if (c.defaultValue === 'CURRENT_TIMESTAMP' || c.defaultValue === 'CURRENT_DATE') return null;
  try {
    return coerceValue(c.type, c.defaultValue);
  } catch {
    return null;
  }
}

/** The visible columns of a table as the query engine sees them (what WHERE and SET expressions read). */
export function relationColumns(table: OlapTable): RelationColumn[] {
  return baseColumns(table)
    .filter((c) => c.visible)
    .map((c) => ({ name: c.name, type: c.type, nullable: c.nullable }));
}

export function readCurrentRows(
  fe: Frontend,
  table: OlapTable,
  partitions: readonly Partition[],
): CurrentRows {
  const all = baseColumns(table);
  const visible = all.filter((c) => c.visible);
  const defaults = new Map(all.map((c) => [String(c.uniqueId), storedDefault(c)]));
  const rows: CurrentRow[] = [];
  for (const partition of partitions) {
    for (const tablet of partition.indexes.get(table.baseIndexId)?.tablets ?? []) {
      const backend = readableBackend(fe.backends, tablet);
      if (!backend)
        throw dorisError(`Failed to get scan range, no queryable replica found in tablet: ${tablet.id}`);
      for (const row of backend.rows(tablet.id)) {
        const stored: StoredRow = { ...row };
        for (const [uid, value] of defaults) if (!(uid in stored)) stored[uid] = value;
        rows.push({ stored, values: visible.map((c) => stored[String(c.uniqueId)] ?? null) });
      }
    }
  }
  return { columns: relationColumns(table), visible, rows };
}

// Publishing a rowset: merge its rows into the tablet's visible rows by the tablet's key model.
// DUP keeps every row; UNIQUE keeps the newest row per key (by version, or by the sequence column when the
// table has one) and removes keys whose delete sign is set; AGG folds value columns with their aggregation.
import { DELETE_SIGN_COLUMN } from '../catalog/column.js';
import type { StoredValue } from '../types/doris-type.js';
import { aggregate, compareValues } from '../types/index.js';
import type { RowsetMeta, SegmentRow } from './rowset.js';
import {
  keyColumns,
  type PredicateCompiler,
  sequenceColumnName,
  type TabletSchema,
} from './tablet-schema.js';
import type { StoredRow, TabletStore } from './tablet-store.js';

export interface ApplyContext {
  readonly store: TabletStore;
  readonly backendId: bigint;
  readonly tabletId: bigint;
  readonly schema: TabletSchema;
  readonly compilePredicate: PredicateCompiler;
}

/** Converts segment rows (named columns) to stored rows (by column unique id) of the local schema. */
export function toStoredRows(
  schema: TabletSchema,
  columns: readonly string[],
  rows: readonly SegmentRow[],
): StoredRow[] {
  const positions = schema.columns.map((c) => {
    const lower = c.name.toLowerCase();
    return { uid: c.uniqueId, at: columns.findIndex((n) => n.toLowerCase() === lower) };
  });
  return rows.map((row) => {
    const stored: StoredRow = {};
    for (const { uid, at } of positions) stored[uid] = at >= 0 ? (row[at] ?? null) : null;
    return stored;
  });
}

export function rowKey(schema: TabletSchema, row: StoredRow): string | null {
  if (schema.keysType === 'DUP_KEYS') return null;
  return JSON.stringify(keyColumns(schema).map((c) => row[c.uniqueId] ?? null));
}

export function applyRowset(ctx: ApplyContext, meta: RowsetMeta, rows: readonly StoredRow[]): void {
  const { store, backendId, tabletId, schema } = ctx;
  if (meta.deletePredicate) {
    applyDeletePredicate(ctx, meta.deletePredicate);
    return;
  }
  switch (schema.keysType) {
    case 'DUP_KEYS':
      store.appendRows(backendId, tabletId, rows);
      return;
    case 'UNIQUE_KEYS':
      applyUnique(ctx, rows);
      return;
    case 'AGG_KEYS':
      applyAggregate(ctx, rows);
      return;
  }
}

function applyUnique(ctx: ApplyContext, rows: readonly StoredRow[]): void {
  const { store, backendId, tabletId, schema } = ctx;
  const deleteSign = schema.columns.find((c) => c.name === DELETE_SIGN_COLUMN);
  const seqName = sequenceColumnName(schema);
  const seqColumn = seqName ? schema.columns.find((c) => c.name === seqName) : undefined;
  for (const row of rows) {
    const key = rowKey(schema, row)!;
    if (seqColumn) {
      const existing = store.get(backendId, tabletId, key);
      // A row with a smaller sequence value than the visible one loses, even if it was loaded later.
      if (
        existing &&
        compareNullable(seqColumn.type, row[seqColumn.uniqueId], existing[seqColumn.uniqueId]) < 0
      ) {
        continue;
      }
    }
    if (deleteSign && row[deleteSign.uniqueId] === 1) store.remove(backendId, tabletId, key);
    else store.upsert(backendId, tabletId, key, row);
  }
}

function compareNullable(
  type: TabletSchema['columns'][number]['type'],
  a: StoredValue | undefined,
  b: StoredValue | undefined,
) {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  return compareValues(type, a, b);
}

function applyAggregate(ctx: ApplyContext, rows: readonly StoredRow[]): void {
  const { store, backendId, tabletId, schema } = ctx;
  const values = schema.columns.filter((c) => !c.isKey);
  for (const row of rows) {
    const key = rowKey(schema, row)!;
    const existing = store.get(backendId, tabletId, key);
    if (!existing) {
      store.upsert(backendId, tabletId, key, row);
      continue;
    }
    const merged: StoredRow = { ...existing };
    for (const c of values) {
      const kind = c.aggregation === 'NONE' ? 'REPLACE' : c.aggregation;
      merged[c.uniqueId] = aggregate(kind, c.type, existing[c.uniqueId] ?? null, row[c.uniqueId] ?? null);
    }
    store.upsert(backendId, tabletId, key, merged);
  }
}

function applyDeletePredicate(ctx: ApplyContext, predicateSql: string): void {
  const { store, backendId, tabletId, schema } = ctx;
  const test = ctx.compilePredicate(predicateSql, schema.columns);
  store.deleteWhere(backendId, tabletId, (row) => {
    const named = new Map<string, unknown>();
    for (const c of schema.columns) named.set(c.name, row[c.uniqueId] ?? null);
    return test(named);
  });
}

// Stream load's batch-delete and sequence headers: `merge_type` (APPEND, DELETE: every loaded row deletes
// its key, MERGE: rows matching the `delete` condition delete theirs, the others are upserted) through the
// hidden __DORIS_DELETE_SIGN__ column, and `function_column.sequence_col`, which names the loaded column
// that orders versions of a key when the table's sequence column is not mapped onto one of its columns.
import type { StoredRow } from '../../be/tablet-store.js';
import { DELETE_SIGN_COLUMN, findColumn } from '../../catalog/column.js';
import { baseColumns, type OlapTable } from '../../catalog/table.js';
import { predicateFromSql } from '../query/index.js';

export type MergeType = 'APPEND' | 'DELETE' | 'MERGE';

export interface MergeHeaders {
  readonly mergeType: MergeType;
  readonly deleteCondition: string | undefined;
  readonly sequenceCol: string | undefined;
}

/** Reads and checks the headers as Doris's load statement analysis does; a string is the error to answer. */
export function mergeHeaders(
  header: (name: string) => string | undefined,
  table: OlapTable,
): MergeHeaders | string {
  const mergeType = (header('merge_type') ?? 'APPEND').trim().toUpperCase();
  if (mergeType !== 'APPEND' && mergeType !== 'DELETE' && mergeType !== 'MERGE') {
    return `unknown merge type ${mergeType}`;
  }
  const deleteCondition = header('delete')?.trim() || undefined;
  if (mergeType === 'MERGE' && deleteCondition === undefined) {
    return 'Excepted DELETE ON clause when merge type is MERGE.';
  }
  if (mergeType !== 'MERGE' && deleteCondition !== undefined) {
    return 'not support DELETE ON clause when merge type is not MERGE.';
  }
  if (mergeType !== 'APPEND' && !findColumn(baseColumns(table), DELETE_SIGN_COLUMN)) {
    return 'load by MERGE or DELETE need to upgrade table to support batch delete.';
  }
  const sequenceCol = header('function_column.sequence_col')?.trim() || undefined;
  return { mergeType, deleteCondition, sequenceCol };
}

/**
 * What marks a built row as a delete: nothing for APPEND (the delete sign stays as loaded, so a
 * `columns` header naming __DORIS_DELETE_SIGN__ still works), every row for DELETE, rows matching the
 * condition for MERGE (evaluated over the row's columns; NULL does not match).
 */
export function deleteSignMarker(
  table: OlapTable,
  merge: MergeHeaders,
  env: Parameters<typeof predicateFromSql>[2],
): ((row: StoredRow) => void) | undefined {
  if (merge.mergeType === 'APPEND') return undefined;
  const columns = baseColumns(table);
  const sign = findColumn(columns, DELETE_SIGN_COLUMN);
  if (sign === undefined) return undefined;
  if (merge.mergeType === 'DELETE') {
    return (row) => {
      row[sign.uniqueId] = 1;
    };
  }
  const matches = predicateFromSql(merge.deleteCondition ?? 'false', columns, env);
  return (row) => {
    row[sign.uniqueId] = matches(columns.map((c) => row[c.uniqueId] ?? null)) ? 1 : 0;
  };
}

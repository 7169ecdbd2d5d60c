// What a BE knows about one tablet: the schema of its materialized index and the key model, which decide
// how a published rowset merges into the tablet's visible rows.
import { type Column, DELETE_SIGN_COLUMN, SEQUENCE_COLUMN } from '../catalog/column.js';
import type { KeysType } from '../catalog/table.js';

export interface TabletSchema {
  readonly tableId: bigint;
  readonly partitionId: bigint;
  readonly indexId: bigint;
  readonly keysType: KeysType;
  readonly columns: readonly Column[];
  /** The column whose value orders versions of a UNIQUE key (hidden sequence column or a mapped one). */
  readonly sequenceColumn?: string;
  readonly binlogEnabled: boolean;
}

export function keyColumns(schema: TabletSchema): Column[] {
  return schema.columns.filter((c) => c.isKey);
}

export function hasDeleteSign(schema: TabletSchema): boolean {
  return schema.columns.some((c) => c.name === DELETE_SIGN_COLUMN);
}

export function sequenceColumnName(schema: TabletSchema): string | undefined {
  if (schema.sequenceColumn) return schema.sequenceColumn;
  return schema.columns.some((c) => c.name === SEQUENCE_COLUMN) ? SEQUENCE_COLUMN : undefined;
}

/** Resolves a tablet to its schema; the FE catalog is the source of truth (a BE learns it at tablet creation). */
export type TabletSchemaLookup = (tabletId: bigint) => TabletSchema | undefined;

/** Compiles a delete predicate (SQL text of a WHERE condition) into a row test over column names. */
export type PredicateCompiler = (
  sql: string,
  columns: readonly Column[],
) => (row: ReadonlyMap<string, unknown>) => boolean;

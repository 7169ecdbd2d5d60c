// A column of an OLAP table or of a materialized index, as the FE catalog keeps it.
import type { DorisType } from '../types/doris-type.js';

/** Aggregation of a value column in an AGGREGATE KEY table (REPLACE is also implied for UNIQUE KEY). */
export type AggregationKind = 'SUM' | 'MIN' | 'MAX' | 'REPLACE' | 'REPLACE_IF_NOT_NULL' | 'NONE';

export interface Column {
  readonly name: string;
  readonly type: DorisType;
  readonly nullable: boolean;
  readonly isKey: boolean;
  readonly aggregation: AggregationKind;
  /** True when the aggregation was not written by the user (UNIQUE/DUP value columns). */
  readonly aggregationImplicit: boolean;
  /** The default as written in DDL: a literal's text, `CURRENT_TIMESTAMP`, or null for DEFAULT NULL. */
  readonly defaultValue?: string | null;
  readonly autoIncrement: boolean;
  /** AUTO_INCREMENT(n)'s first value as decimal text; absent means 1. */
  readonly autoIncrementStart?: string;
  /** A generated column (`AS (expr)`): the expression as written and the columns it reads. */
  readonly generated?: { readonly sql: string; readonly refs: readonly string[] };
  readonly comment: string;
  /** Stable id of the column across renames (light schema change); rows are stored by this id. */
  readonly uniqueId: number;
  /** Hidden columns: __DORIS_DELETE_SIGN__, __DORIS_SEQUENCE_COL__, __DORIS_VERSION_COL__. */
  readonly visible: boolean;
}

export const DELETE_SIGN_COLUMN = '__DORIS_DELETE_SIGN__';
export const SEQUENCE_COLUMN = '__DORIS_SEQUENCE_COL__';
export const VERSION_COLUMN = '__DORIS_VERSION_COL__';

export function findColumn(columns: readonly Column[], name: string): Column | undefined {
  // Doris column names are case-insensitive.
  const lower = name.toLowerCase();
  return columns.find((c) => c.name.toLowerCase() === lower);
}

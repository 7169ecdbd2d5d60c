import type { DataType } from './data-type.js';
import type { Expression } from './expression.js';
import type { Property } from './names.js';

export type AggregationType = 'SUM' | 'MIN' | 'MAX' | 'REPLACE' | 'REPLACE_IF_NOT_NULL';

/** `DEFAULT NULL`. */
export interface NullDefault {
  readonly kind: 'NullDefault';
}

/** `DEFAULT "text"` / `DEFAULT 'text'`. */
export interface StringDefault {
  readonly kind: 'StringDefault';
  readonly value: string;
}

/** `DEFAULT 12` / `DEFAULT -1.5`, kept as written. */
export interface NumberDefault {
  readonly kind: 'NumberDefault';
  readonly text: string;
}

/** `DEFAULT CURRENT_TIMESTAMP[(precision)]`. */
export interface CurrentTimestampDefault {
  readonly kind: 'CurrentTimestampDefault';
  readonly precision?: number;
}

/** `DEFAULT CURRENT_DATE`. */
export interface CurrentDateDefault {
  readonly kind: 'CurrentDateDefault';
}

export type ColumnDefault =
  | NullDefault
  | StringDefault
  | NumberDefault
  | CurrentTimestampDefault
  | CurrentDateDefault;

/**
 * A column definition:
 * `name type [KEY] [agg] [[NOT] NULL] [AUTO_INCREMENT[(start)]] [DEFAULT …] [ON UPDATE CURRENT_TIMESTAMP] [COMMENT '…']`.
 * `nullable` is unset when neither NULL nor NOT NULL is written.
 */
export interface ColumnDefinition {
  readonly name: string;
  readonly type: DataType;
  readonly isKey: boolean;
  readonly aggregation?: AggregationType;
  readonly nullable?: boolean;
  readonly autoIncrement?: { readonly start?: bigint };
  readonly default?: ColumnDefault;
  readonly onUpdateCurrentTimestamp?: { readonly precision?: number };
  readonly comment?: string;
  /** `[GENERATED ALWAYS] AS (expr)`: the expression and its text as written between the parentheses. */
  readonly generated?: { readonly expr: Expression; readonly sql: string };
}

export type IndexType = 'INVERTED' | 'NGRAM_BF' | 'BITMAP';

/** `INDEX name (cols) USING type [PROPERTIES (…)] [COMMENT '…']`. */
export interface IndexDefinition {
  readonly name: string;
  readonly columns: readonly string[];
  readonly indexType: IndexType;
  readonly properties: readonly Property[];
  readonly comment?: string;
}

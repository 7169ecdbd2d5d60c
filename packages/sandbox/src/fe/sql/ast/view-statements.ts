import type { Property, TableName } from './names.js';
import type { SelectStatement } from './select.js';

export interface ViewColumn {
  readonly name: string;
  readonly comment?: string;
}

/**
 * `CREATE [OR REPLACE] VIEW [IF NOT EXISTS] v [(cols)] [COMMENT '…'] AS select`. `queryText` is the
 * SELECT exactly as written (views store their definition text).
 */
export interface CreateViewStatement {
  readonly kind: 'CreateViewStatement';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly view: TableName;
  readonly columns?: readonly ViewColumn[];
  readonly comment?: string;
  readonly query: SelectStatement;
  readonly queryText: string;
}

/** `ALTER VIEW v [(cols)] AS select`. */
export interface AlterViewStatement {
  readonly kind: 'AlterViewStatement';
  readonly view: TableName;
  readonly columns?: readonly ViewColumn[];
  readonly query: SelectStatement;
  readonly queryText: string;
}

export interface DropViewStatement {
  readonly kind: 'DropViewStatement';
  readonly ifExists: boolean;
  readonly view: TableName;
}

/** Synchronous (rollup-style) materialized view over one table: `CREATE MATERIALIZED VIEW mv AS select [PROPERTIES]`. */
export interface CreateMaterializedViewStatement {
  readonly kind: 'CreateMaterializedViewStatement';
  readonly ifNotExists: boolean;
  readonly name: string;
  readonly query: SelectStatement;
  readonly queryText: string;
  readonly properties: readonly Property[];
}

/** `DROP MATERIALIZED VIEW [IF EXISTS] mv ON t`. */
export interface DropMaterializedViewStatement {
  readonly kind: 'DropMaterializedViewStatement';
  readonly ifExists: boolean;
  readonly name: string;
  readonly table: TableName;
}

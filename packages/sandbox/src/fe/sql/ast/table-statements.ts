import type { ColumnDefinition, IndexDefinition, IndexType } from './column.js';
import type { Property, TableName } from './names.js';
import type { Distribution, PartitionScheme, RollupDefinition } from './partition.js';

export type KeysType = 'DUPLICATE' | 'UNIQUE' | 'AGGREGATE';

export interface KeysDesc {
  readonly type: KeysType;
  readonly columns: readonly string[];
}

/** `CREATE TABLE … (columns, indexes) [ENGINE=…] [keys] [COMMENT] [partitions] [distribution] [ROLLUP] [PROPERTIES]`. */
export interface CreateTableStatement {
  readonly kind: 'CreateTableStatement';
  readonly ifNotExists: boolean;
  readonly table: TableName;
  readonly columns: readonly ColumnDefinition[];
  readonly indexes: readonly IndexDefinition[];
  /** As written (`OLAP`, `olap`); only OLAP is accepted. */
  readonly engine?: string;
  readonly keys?: KeysDesc;
  readonly comment?: string;
  readonly partitioning?: PartitionScheme;
  readonly distribution?: Distribution;
  readonly rollups: readonly RollupDefinition[];
  readonly properties: readonly Property[];
}

/** `CREATE TABLE [IF NOT EXISTS] t LIKE source`. */
export interface CreateTableLikeStatement {
  readonly kind: 'CreateTableLikeStatement';
  readonly ifNotExists: boolean;
  readonly table: TableName;
  readonly source: TableName;
}

export interface DropTableStatement {
  readonly kind: 'DropTableStatement';
  readonly ifExists: boolean;
  readonly table: TableName;
  readonly force: boolean;
}

/** `TRUNCATE TABLE t [PARTITION p | PARTITION(S) (p1, p2)]`; `partitions` empty = whole table. */
export interface TruncateTableStatement {
  readonly kind: 'TruncateTableStatement';
  readonly table: TableName;
  readonly partitions: readonly string[];
  readonly force: boolean;
}

export interface RecoverTableStatement {
  readonly kind: 'RecoverTableStatement';
  readonly table: TableName;
  readonly newName?: string;
}

export interface RecoverPartitionStatement {
  readonly kind: 'RecoverPartitionStatement';
  readonly partition: string;
  readonly table: TableName;
  readonly newName?: string;
}

export interface RecoverDatabaseStatement {
  readonly kind: 'RecoverDatabaseStatement';
  readonly database: string;
  readonly newName?: string;
}

/** `CREATE INDEX [IF NOT EXISTS] name ON t (cols) USING type [PROPERTIES (…)] [COMMENT '…']`. */
export interface CreateIndexStatement {
  readonly kind: 'CreateIndexStatement';
  readonly ifNotExists: boolean;
  readonly name: string;
  readonly table: TableName;
  readonly columns: readonly string[];
  readonly indexType: IndexType;
  readonly properties: readonly Property[];
  readonly comment?: string;
}

export interface DropIndexStatement {
  readonly kind: 'DropIndexStatement';
  readonly ifExists: boolean;
  readonly name: string;
  readonly table: TableName;
}

/** `BUILD INDEX name ON t [PARTITION (p…)]`; `partitions` empty = all partitions. */
export interface BuildIndexStatement {
  readonly kind: 'BuildIndexStatement';
  readonly name: string;
  readonly table: TableName;
  readonly partitions: readonly string[];
}

import type { Expression } from './expression.js';
import type { TableName } from './names.js';
import type { LimitClause, OrderByItem } from './select.js';

/** `SHOW DATABASES [LIKE '…' | WHERE …]`. */
export interface ShowDatabasesStatement {
  readonly kind: 'ShowDatabasesStatement';
  readonly like?: string;
  readonly where?: Expression;
}

export interface ShowCreateDatabaseStatement {
  readonly kind: 'ShowCreateDatabaseStatement';
  readonly database: string;
}

/** `SHOW [FULL] TABLES [FROM|IN db] [LIKE '…' | WHERE …]`. */
export interface ShowTablesStatement {
  readonly kind: 'ShowTablesStatement';
  readonly full: boolean;
  readonly database?: string;
  readonly like?: string;
  readonly where?: Expression;
}

/** `SHOW TABLE <tableId>`. */
export interface ShowTableIdStatement {
  readonly kind: 'ShowTableIdStatement';
  readonly tableId: bigint;
}

/** `SHOW [TEMPORARY] PARTITIONS FROM t [WHERE …] [ORDER BY …] [LIMIT …]`. */
export interface ShowPartitionsStatement {
  readonly kind: 'ShowPartitionsStatement';
  readonly temporary: boolean;
  readonly table: TableName;
  readonly where?: Expression;
  readonly orderBy: readonly OrderByItem[];
  readonly limit?: LimitClause;
}

export interface ShowCreateTableStatement {
  readonly kind: 'ShowCreateTableStatement';
  readonly table: TableName;
}

export interface ShowCreateViewStatement {
  readonly kind: 'ShowCreateViewStatement';
  readonly view: TableName;
}

export interface ShowBackendsStatement {
  readonly kind: 'ShowBackendsStatement';
}

export interface ShowFrontendsStatement {
  readonly kind: 'ShowFrontendsStatement';
}

/** `SHOW PROC '/path'`. */
export interface ShowProcStatement {
  readonly kind: 'ShowProcStatement';
  readonly path: string;
}

/** `SHOW TRANSACTION [FROM db] WHERE id = n | label = '…' | status = '…'` (condition checked by the executor). */
export interface ShowTransactionStatement {
  readonly kind: 'ShowTransactionStatement';
  readonly database?: string;
  readonly where: Expression;
}

/** `[ADMIN] SHOW FRONTEND CONFIG [LIKE '…']`. */
export interface ShowFrontendConfigStatement {
  readonly kind: 'ShowFrontendConfigStatement';
  readonly admin: boolean;
  readonly like?: string;
}

export type AlterJobType = 'COLUMN' | 'ROLLUP' | 'MATERIALIZED VIEW';

/** `SHOW ALTER TABLE COLUMN|ROLLUP|MATERIALIZED VIEW [FROM db] [WHERE …] [ORDER BY …] [LIMIT …]`. */
export interface ShowAlterTableStatement {
  readonly kind: 'ShowAlterTableStatement';
  readonly alterType: AlterJobType;
  readonly database?: string;
  readonly where?: Expression;
  readonly orderBy: readonly OrderByItem[];
  readonly limit?: LimitClause;
}

/** `SHOW BACKUP [FROM db] [WHERE SnapshotName = "…" | SnapshotName LIKE "…"]` (condition checked by the executor). */
export interface ShowBackupStatement {
  readonly kind: 'ShowBackupStatement';
  readonly database?: string;
  readonly where?: Expression;
}

/** `SHOW [BRIEF] RESTORE [FROM db] [WHERE Label = "…" | Label LIKE "…"]`. */
export interface ShowRestoreStatement {
  readonly kind: 'ShowRestoreStatement';
  readonly brief: boolean;
  readonly database?: string;
  readonly where?: Expression;
}

/** `SHOW [GLOBAL|SESSION] VARIABLES [LIKE '…' | WHERE …]`. */
export interface ShowVariablesStatement {
  readonly kind: 'ShowVariablesStatement';
  readonly scope?: 'GLOBAL' | 'SESSION';
  readonly like?: string;
  readonly where?: Expression;
}

/** `SHOW DATA [FROM [db.]tbl] [ORDER BY …]`. */
export interface ShowDataStatement {
  readonly kind: 'ShowDataStatement';
  readonly from?: TableName;
  readonly orderBy: readonly OrderByItem[];
}

/** `SHOW VIEW FROM|IN t [FROM|IN db]`: views that reference table `t`. */
export interface ShowViewStatement {
  readonly kind: 'ShowViewStatement';
  readonly table: TableName;
}

/** `SHOW [FULL] COLUMNS FROM|IN t [FROM|IN db]`. */
export interface ShowColumnsStatement {
  readonly kind: 'ShowColumnsStatement';
  readonly full: boolean;
  readonly table: TableName;
}

/** `SHOW INDEX|INDEXES|KEYS FROM|IN t [FROM|IN db]`. */
export interface ShowIndexStatement {
  readonly kind: 'ShowIndexStatement';
  readonly table: TableName;
}

/** `DESC|DESCRIBE t [ALL]`. */
export interface DescribeStatement {
  readonly kind: 'DescribeStatement';
  readonly table: TableName;
  readonly all: boolean;
}

/** `SHOW WARNINGS [LIMIT …]`. */
export interface ShowWarningsStatement {
  readonly kind: 'ShowWarningsStatement';
  readonly limit?: LimitClause;
}

import type {
  AdminSetFrontendConfigStatement,
  AdminSetReplicaStatusStatement,
  AlterSystemStatement,
  CancelDecommissionBackendStatement,
} from './admin-statements.js';
import type { AlterTableStatement, CancelAlterTableStatement } from './alter-table.js';
import type {
  BackupStatement,
  CancelBackupStatement,
  CancelRestoreStatement,
  RestoreStatement,
} from './backup-statements.js';
import type {
  AlterDatabasePropertiesStatement,
  CreateDatabaseStatement,
  DropDatabaseStatement,
  UseStatement,
} from './database-statements.js';
import type {
  BeginStatement,
  BrokerLoadStatement,
  CommitStatement,
  CreateRoutineLoadStatement,
  DeleteStatement,
  InsertStatement,
  LoadDataStatement,
  RollbackStatement,
  UpdateStatement,
} from './dml-statements.js';
import type { SelectStatement } from './select.js';
import type { SetNamesStatement, SetVariablesStatement } from './session-statements.js';
import type {
  DescribeStatement,
  ShowAlterTableStatement,
  ShowBackendsStatement,
  ShowBackupStatement,
  ShowColumnsStatement,
  ShowCreateDatabaseStatement,
  ShowCreateTableStatement,
  ShowCreateViewStatement,
  ShowDatabasesStatement,
  ShowDataStatement,
  ShowFrontendConfigStatement,
  ShowFrontendsStatement,
  ShowIndexStatement,
  ShowPartitionsStatement,
  ShowProcStatement,
  ShowRestoreStatement,
  ShowTableIdStatement,
  ShowTablesStatement,
  ShowTransactionStatement,
  ShowVariablesStatement,
  ShowViewStatement,
  ShowWarningsStatement,
} from './show-statements.js';
import type {
  BuildIndexStatement,
  CreateIndexStatement,
  CreateTableLikeStatement,
  CreateTableStatement,
  DropIndexStatement,
  DropTableStatement,
  RecoverDatabaseStatement,
  RecoverPartitionStatement,
  RecoverTableStatement,
  TruncateTableStatement,
} from './table-statements.js';
import type {
  CreateUserStatement,
  DropUserStatement,
  GrantStatement,
  RevokeStatement,
  ShowGrantsStatement,
} from './user-statements.js';
import type {
  AlterViewStatement,
  CreateMaterializedViewStatement,
  CreateViewStatement,
  DropMaterializedViewStatement,
  DropViewStatement,
} from './view-statements.js';

/** Every statement the SQL front end understands. */
export type Statement =
  // users and privileges
  | CreateUserStatement
  | DropUserStatement
  | GrantStatement
  | RevokeStatement
  | ShowGrantsStatement
  // databases and session
  | CreateDatabaseStatement
  | DropDatabaseStatement
  | AlterDatabasePropertiesStatement
  | UseStatement
  | SetVariablesStatement
  | SetNamesStatement
  // tables, indexes, views
  | CreateTableStatement
  | CreateTableLikeStatement
  | AlterTableStatement
  | DropTableStatement
  | TruncateTableStatement
  | RecoverTableStatement
  | RecoverPartitionStatement
  | RecoverDatabaseStatement
  | CreateIndexStatement
  | DropIndexStatement
  | BuildIndexStatement
  | CreateViewStatement
  | AlterViewStatement
  | DropViewStatement
  | CreateMaterializedViewStatement
  | DropMaterializedViewStatement
  // DML and queries
  | SelectStatement
  | InsertStatement
  | DeleteStatement
  | UpdateStatement
  | BeginStatement
  | CommitStatement
  | RollbackStatement
  // SHOW
  | ShowDatabasesStatement
  | ShowCreateDatabaseStatement
  | ShowTablesStatement
  | ShowTableIdStatement
  | ShowPartitionsStatement
  | ShowCreateTableStatement
  | ShowCreateViewStatement
  | ShowBackendsStatement
  | ShowFrontendsStatement
  | ShowProcStatement
  | ShowTransactionStatement
  | ShowFrontendConfigStatement
  | ShowAlterTableStatement
  | ShowBackupStatement
  | ShowRestoreStatement
  | ShowVariablesStatement
  | ShowDataStatement
  | ShowViewStatement
  | ShowColumnsStatement
  | ShowIndexStatement
  | DescribeStatement
  | ShowWarningsStatement
  // backup / restore / admin
  | BackupStatement
  | RestoreStatement
  | CancelBackupStatement
  | CancelRestoreStatement
  | CancelAlterTableStatement
  | LoadDataStatement
  | CreateRoutineLoadStatement
  | BrokerLoadStatement
  | AdminSetFrontendConfigStatement
  | AdminSetReplicaStatusStatement
  // cluster topology
  | AlterSystemStatement
  | CancelDecommissionBackendStatement;

export type StatementKind = Statement['kind'];

/** The statement node of a given kind. */
export type StatementOfKind<K extends StatementKind> = Extract<Statement, { kind: K }>;

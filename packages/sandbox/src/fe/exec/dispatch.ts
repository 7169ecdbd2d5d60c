// One executor per statement kind. The visitor type makes a statement kind without an entry a compile
// error; kinds the sandbox does not implement say so with a Doris-like error instead of being ignored.
import * as backupExec from '../backup/index.js';
import { brokerLoad, createRoutineLoad } from '../load/external-load.js';
import { loadData } from '../load/mysql-load.js';
import type { StatementResult } from '../mysql/session-types.js';
import { recoverDatabase, recoverPartition, recoverTable } from '../recycle/recover-exec.js';
import { type Statement, type StatementVisitor, visitStatement } from '../sql/index.js';
import { adminSetReplicaStatus, alterSystem, cancelDecommission } from '../system/alter-system-exec.js';
import { cancelAlterTable } from './alter/cancel-alter-exec.js';
import {
  alterTable,
  buildIndex,
  createIndex,
  createMaterializedView,
  dropIndex,
  dropMaterializedView,
  showAlterTable,
} from './alter/index.js';
import {
  alterDatabaseProperties,
  createDatabase,
  dropDatabase,
  showCreateDatabase,
  showDatabases,
  useDatabase,
} from './database-exec.js';
import { deleteFrom } from './dml/delete-exec.js';
import { insertOverwrite } from './dml/insert-overwrite.js';
import { update } from './dml/update-exec.js';
import type { ExecContext } from './exec-context.js';
import { checkPriv, unsupported } from './exec-context.js';
import { type InsertHooks, insert } from './insert-exec.js';
import { showProc } from './proc-exec.js';
import { ok } from './result-helpers.js';
import { select } from './select-exec.js';
import { setNames, setVariables } from './session-exec.js';
import {
  describe,
  showBackends,
  showCreateTableExec,
  showCreateViewExec,
  showFrontendConfig,
  showFrontends,
  showGrants,
  showPartitions,
  showTableId,
  showTables,
  showTransaction,
  showVariables,
} from './show-exec.js';
import { createTable, createTableLike, dropTable, truncateTable } from './table-exec.js';
import { createUser, dropUser, grant, revoke } from './user-exec.js';
import { alterView, createView, dropView } from './view-exec.js';

type Run = StatementResult | Promise<StatementResult>;

export function executeStatement(ctx: ExecContext, statement: Statement, hooks: InsertHooks): Run {
  const visitor: StatementVisitor<Run> = {
    CreateUserStatement: (s) => createUser(ctx, s),
    DropUserStatement: (s) => dropUser(ctx, s),
    GrantStatement: (s) => grant(ctx, s),
    RevokeStatement: (s) => revoke(ctx, s),
    ShowGrantsStatement: (s) => showGrants(ctx, s),
    CreateDatabaseStatement: (s) => createDatabase(ctx, s),
    DropDatabaseStatement: (s) => dropDatabase(ctx, s),
    AlterDatabasePropertiesStatement: (s) => alterDatabaseProperties(ctx, s),
    UseStatement: (s) => useDatabase(ctx, s),
    SetVariablesStatement: (s) => setVariables(ctx, s),
    SetNamesStatement: (s) => setNames(ctx, s),
    CreateTableStatement: (s) => createTable(ctx, s),
    CreateTableLikeStatement: (s) => createTableLike(ctx, s),
    AlterTableStatement: (s) => alterTable(ctx, s),
    DropTableStatement: (s) => dropTable(ctx, s),
    TruncateTableStatement: (s) => truncateTable(ctx, s),
    RecoverTableStatement: (s) => recoverTable(ctx, s),
    RecoverPartitionStatement: (s) => recoverPartition(ctx, s),
    RecoverDatabaseStatement: (s) => recoverDatabase(ctx, s),
    CreateIndexStatement: (s) => createIndex(ctx, s),
    DropIndexStatement: (s) => dropIndex(ctx, s),
    BuildIndexStatement: (s) => buildIndex(ctx, s),
    CreateViewStatement: (s) => createView(ctx, s),
    AlterViewStatement: (s) => alterView(ctx, s),
    DropViewStatement: (s) => dropView(ctx, s),
    CreateMaterializedViewStatement: (s) => createMaterializedView(ctx, s),
    DropMaterializedViewStatement: (s) => dropMaterializedView(ctx, s),
    SelectStatement: (s) => select(ctx, s),
    InsertStatement: (s) => (s.overwrite ? insertOverwrite(ctx, s, hooks) : insert(ctx, s, hooks)),
    DeleteStatement: (s) => deleteFrom(ctx, s),
    UpdateStatement: (s) => update(ctx, s),
    BeginStatement: () => unsupported('BEGIN (explicit transactions)'),
    CommitStatement: () => ok(),
    RollbackStatement: () => ok(),
    ShowDatabasesStatement: (s) => showDatabases(ctx, s),
    ShowCreateDatabaseStatement: (s) => showCreateDatabase(ctx, s),
    ShowTablesStatement: (s) => showTables(ctx, s),
    ShowTableIdStatement: (s) => showTableId(ctx, s),
    ShowPartitionsStatement: (s) => showPartitions(ctx, s),
    ShowCreateTableStatement: (s) => showCreateTableExec(ctx, s),
    ShowCreateViewStatement: (s) => showCreateViewExec(ctx, s),
    ShowBackendsStatement: () => showBackends(ctx),
    ShowFrontendsStatement: () => showFrontends(ctx),
    ShowProcStatement: (s) => showProc(ctx, s),
    ShowTransactionStatement: (s) => showTransaction(ctx, s),
    ShowFrontendConfigStatement: (s) => showFrontendConfig(ctx, s),
    ShowAlterTableStatement: (s) => showAlterTable(ctx, s),
    ShowBackupStatement: (s) => backupExec.showBackup(ctx, s),
    ShowRestoreStatement: (s) => backupExec.showRestore(ctx, s),
    ShowVariablesStatement: (s) => showVariables(ctx, s),
    ShowDataStatement: () => unsupported('SHOW DATA'),
    ShowViewStatement: () => unsupported('SHOW VIEW'),
    ShowColumnsStatement: (s) => describe(ctx, s),
    ShowIndexStatement: () => unsupported('SHOW INDEX'),
    DescribeStatement: (s) => describe(ctx, s),
    ShowWarningsStatement: () => ({
      kind: 'resultSet',
      columns: [
        { name: 'Level', kind: 'varchar' },
        { name: 'Code', kind: 'int' },
        { name: 'Message', kind: 'varchar' },
      ],
      rows: [],
    }),
    BackupStatement: (s) => backupExec.backup(ctx, s),
    RestoreStatement: (s) => backupExec.restoreSql(ctx, s),
    CancelBackupStatement: (s) => backupExec.cancelBackup(ctx, s),
    CancelRestoreStatement: (s) => backupExec.cancelRestore(ctx, s),
    CancelAlterTableStatement: (s) => cancelAlterTable(ctx, s),
    LoadDataStatement: (s) => loadData(ctx, s),
    CreateRoutineLoadStatement: (s) => createRoutineLoad(ctx, s),
    BrokerLoadStatement: (s) => brokerLoad(ctx, s),
    AdminSetReplicaStatusStatement: (s) => adminSetReplicaStatus(ctx, s),
    AlterSystemStatement: (s) => alterSystem(ctx, s),
    CancelDecommissionBackendStatement: (s) => cancelDecommission(ctx, s),
    AdminSetFrontendConfigStatement: (s) => {
      checkPriv(ctx, 'ADMIN');
      return setFrontendConfig(ctx, s);
    },
  };
  return visitStatement(statement, visitor);
}

function setFrontendConfig(
  ctx: ExecContext,
  s: Extract<Statement, { kind: 'AdminSetFrontendConfigStatement' }>,
) {
  for (const { key, value } of s.properties) {
    const entry = ctx.fe.config.get(key);
    if (!entry) unsupported(`Config '${key}'`);
    if (!entry.mutable) return unsupported(`Setting the immutable config '${key}' at run time`);
    entry.value = value;
  }
  return ok();
}

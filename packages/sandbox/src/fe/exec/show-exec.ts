// SHOW statements about tables, the cluster and the FE (columns named and ordered as Doris 2.1 prints them).
import { type Column, findColumn } from '../../catalog/column.js';
import { itemCanonicalText } from '../../catalog/partition-item.js';
import { baseColumns, flattensNested, type OlapTable } from '../../catalog/table.js';
import { renderTypeSql } from '../../types/index.js';
import { SHOW_GRANTS_COLUMNS } from '../auth/auth-manager.js';
import type { Frontend } from '../frontend.js';
import { partitionTypes } from '../load/publisher.js';
import { dorisError, SqlError } from '../mysql/session-types.js';
import { showCreateTable } from '../render/show-create-table.js';
import type {
  DescribeStatement,
  Expression,
  ShowColumnsStatement,
  ShowCreateTableStatement,
  ShowCreateViewStatement,
  ShowFrontendConfigStatement,
  ShowGrantsStatement,
  ShowPartitionsStatement,
  ShowTableIdStatement,
  ShowTablesStatement,
  ShowTransactionStatement,
  ShowVariablesStatement,
} from '../sql/index.js';
import { readableBackend } from '../system/replica-state.js';
import type { Transaction } from '../txn/transaction.js';
import { tableRelation } from './catalog-relations.js';
import {
  BACKEND_COLUMNS,
  backendRows,
  DORIS_VERSION,
  FRONTEND_COLUMNS,
  frontendRows,
} from './cluster-rows.js';
import {
  checkPriv,
  type ExecContext,
  findOlapTable,
  findTable,
  requireDb,
  sessionFlag,
} from './exec-context.js';
import { formatTime, likeMatcher, textResult } from './result-helpers.js';
import { variantSubcolumns } from './variant-subcolumns.js';
import { createViewSql as showCreateView } from './view/view-ddl.js';

export function showTables(ctx: ExecContext, stmt: ShowTablesStatement) {
  const db = requireDb(ctx, stmt.database);
  const match = likeMatcher(stmt.like, true);
  const tables = [...db.tables.values()]
    .filter((t) => match(t.name) && ctx.fe.auth.hasAnyInDb(ctx.session.user, 'SELECT', db.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const column = `Tables_in_${stmt.database ?? db.name}`;
  if (stmt.full) {
    return textResult(
      [column, 'Table_type'],
      tables.map((t) => [t.name, t.kind === 'VIEW' ? 'VIEW' : 'BASE TABLE']),
    );
  }
  return textResult(
    [column],
    tables.map((t) => [t.name]),
  );
}

export function showCreateTableExec(ctx: ExecContext, stmt: ShowCreateTableStatement) {
  const { db, table } = findTable(ctx, stmt.table);
  checkPriv(ctx, 'SELECT', db.name, table.name);
  if (table.kind === 'VIEW') {
    return textResult(
      ['View', 'Create View', 'character_set_client', 'collation_connection'],
      [[table.name, showCreateView(table), 'utf8mb4', 'utf8mb4_0900_bin']],
    );
  }
  const binlogFeature = ctx.fe.config.bool('enable_feature_binlog');
  return textResult(['Table', 'Create Table'], [[table.name, showCreateTable(table, { binlogFeature })]]);
}

export function showCreateViewExec(ctx: ExecContext, stmt: ShowCreateViewStatement) {
  const { db, table } = findTable(ctx, stmt.view);
  checkPriv(ctx, 'SELECT', db.name, table.name);
  if (table.kind !== 'VIEW') throw dorisError(`${db.name}.${table.name} is not VIEW`, 1347);
  return textResult(
    ['View', 'Create View', 'character_set_client', 'collation_connection'],
    [[table.name, showCreateView(table), 'utf8mb4', 'utf8mb4_0900_bin']],
  );
}

export function showTableId(ctx: ExecContext, stmt: ShowTableIdStatement) {
  checkPriv(ctx, 'ADMIN');
  const found = ctx.fe.catalog.table(stmt.tableId);
  if (!found) return textResult(['DbName', 'TableName', 'DbId'], []);
  return textResult(
    ['DbName', 'TableName', 'DbId'],
    [[found.db.name, found.table.name, found.db.id.toString()]],
  );
}

export const PARTITION_COLUMNS = [
  'PartitionId',
  'PartitionName',
  'VisibleVersion',
  'VisibleVersionTime',
  'State',
  'PartitionKey',
  'Range',
  'DistributionKey',
  'Buckets',
  'ReplicationNum',
  'StorageMedium',
  'CooldownTime',
  'RemoteStoragePolicy',
  'LastConsistencyCheckTime',
  'DataSize',
  'IsInMemory',
  'ReplicaAllocation',
  'IsMutable',
  'SyncWithBaseTables',
  'UnsyncTables',
  'CommittedVersion',
  'RowCount',
];

export function partitionRows(
  ctx: ExecContext,
  table: OlapTable,
  temporary: boolean,
): Array<Array<string | null>> {
  const types = partitionTypes(table);
  const pool = temporary ? table.tempPartitions : table.partitions;
  return [...pool.values()].map((p) => {
    let rows = 0;
    const base = p.indexes.get(table.baseIndexId);
    for (const tablet of base?.tablets ?? []) {
      rows += readableBackend(ctx.fe.backends, tablet)?.rowCount(tablet.id) ?? 0;
    }
    return [
      p.id.toString(),
      p.name,
      p.visibleVersion.toString(),
      formatTime(p.visibleVersionTime),
      'NORMAL',
      table.partitionColumns.join(', '),
      itemCanonicalText(types, p.item),
      table.distribution.type === 'HASH' ? table.distribution.columns.join(', ') : 'RANDOM',
      String(p.buckets),
      String(p.replicationNum),
      p.storageMedium,
      '9999-12-31 23:59:59',
      '',
      null,
      '0.000 ',
      'false',
      `tag.location.default: ${p.replicationNum}`,
      'true',
      'true',
      '\\N',
      p.visibleVersion.toString(),
      String(rows),
    ];
  });
}

export function showPartitions(ctx: ExecContext, stmt: ShowPartitionsStatement) {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'SELECT', db.name, table.name);
  if (stmt.where || stmt.orderBy.length > 0 || stmt.limit) {
    throw dorisError('SHOW PARTITIONS with WHERE / ORDER BY / LIMIT is not supported by doris-sandbox');
  }
  return textResult(PARTITION_COLUMNS, partitionRows(ctx, table, stmt.temporary));
}

export function showBackends(ctx: ExecContext) {
  checkPriv(ctx, 'ADMIN');
  return textResult(BACKEND_COLUMNS, backendRows(ctx.fe));
}

export function showFrontends(ctx: ExecContext) {
  checkPriv(ctx, 'ADMIN');
  return textResult(FRONTEND_COLUMNS, frontendRows(ctx.fe, ctx.session.frontendIndex));
}

export function showFrontendConfig(ctx: ExecContext, stmt: ShowFrontendConfigStatement) {
  checkPriv(ctx, 'ADMIN');
  const match = likeMatcher(stmt.like);
  const rows = ctx.fe.config
    .all()
    .filter((e) => match(e.key))
    .map((e) => [e.key, e.value, e.type, String(e.mutable), String(e.masterOnly), e.comment]);
  return textResult(['Key', 'Value', 'Type', 'IsMutable', 'MasterOnly', 'Comment'], rows);
}

export const TRANSACTION_COLUMNS = [
  'TransactionId',
  'Label',
  'Coordinator',
  'TransactionStatus',
  'LoadJobSourceType',
  'PrepareTime',
  'PreCommitTime',
  'CommitTime',
  'PublishTime',
  'FinishTime',
  'Reason',
  'ErrorReplicasCount',
  'ListenerId',
  'TimeoutMs',
  'ErrMsg',
];

function whereEquals(where: Expression): { column: string; value: string } {
  if (where.kind === 'BinaryExpression' && where.operator === '=' && where.left.kind === 'ColumnRef') {
    const right = where.right;
    const value =
      right.kind === 'IntegerLiteral'
        ? right.value.toString()
        : right.kind === 'StringLiteral'
          ? right.value
          : undefined;
    if (value !== undefined) return { column: where.left.name.toLowerCase(), value };
  }
  throw dorisError(
    "Where clause should looks like one of them: id = 123 or label = 'label' or status = 'prepare/precommitted/committed/visible/aborted'",
  );
}

export function showTransaction(ctx: ExecContext, stmt: ShowTransactionStatement) {
  const db = requireDb(ctx, stmt.database);
  checkPriv(ctx, 'LOAD', db.name);
  const { column, value } = whereEquals(stmt.where);
  let txns: Transaction[];
  if (column === 'id') {
    const txn = ctx.fe.txns.get(BigInt(value));
    if (!txn || txn.dbId !== db.id) throw dorisError(`transaction with id ${value} does not exist`);
    txns = [txn];
  } else if (column === 'label') {
    const txn = ctx.fe.txns.byLabel(db.id, value, true);
    if (!txn) throw dorisError(`transaction with label ${value} does not exist`);
    txns = [txn];
  } else if (column === 'status') {
    txns = ctx.fe.txns.list(db.id).filter((t) => t.status === value.toUpperCase());
  } else {
    throw dorisError(`Where clause should looks like one of them: id = 123 or label = 'label'`);
  }
  const rows = txns.map((t) => [
    t.id.toString(),
    t.label,
    t.coordinator,
    t.status,
    t.sourceType,
    formatTime(t.prepareTime),
    null,
    formatTime(t.commitTime),
    formatTime(t.publishTime),
    formatTime(t.finishTime),
    t.reason,
    '0',
    '-1',
    String(t.timeoutMs),
    t.errMsg,
  ]);
  return textResult(TRANSACTION_COLUMNS, rows);
}

export function showVariables(ctx: ExecContext, stmt: ShowVariablesStatement) {
  const match = likeMatcher(stmt.like);
  const vars: Array<[string, string]> = [
    ['version_comment', `Doris version ${DORIS_VERSION} (doris-sandbox)`],
    ['version', '5.7.99'],
    ['lower_case_table_names', '0'],
    ['character_set_client', 'utf8mb4'],
    ['time_zone', Intl.DateTimeFormat().resolvedOptions().timeZone],
    ['autocommit', '1'],
    ['sql_mode', 'ONLY_FULL_GROUP_BY'],
    ['max_allowed_packet', '16777216'],
    ['enable_insert_strict', 'true'],
  ];
  for (const [k, v] of ctx.session.variables) if (!vars.some(([n]) => n === k)) vars.push([k, String(v)]);
  return textResult(
    ['Variable_name', 'Value'],
    vars.filter(([k]) => match(k)).map(([k, v]) => [k, v]),
  );
}

function describeRows(table: OlapTable, full: boolean): Array<Array<string | null>> {
  return baseColumns(table)
    .filter((c: Column) => c.visible)
    .map((c) => {
      const row = [
        c.name,
        renderTypeSql(c.type),
        c.nullable ? 'Yes' : 'No',
        c.isKey ? 'true' : 'false',
        c.defaultValue === undefined ? null : c.defaultValue,
        c.isKey || c.aggregation === 'NONE' ? '' : c.aggregation,
      ];
      return full ? [...row, c.comment] : row;
    });
}

/**
 * DESC with `describe_extend_variant_column`: Doris answers from the tablets' merged schema, every value
 * column's aggregation written out (NONE) and each VARIANT column followed by its extracted subcolumns
 * (`v.a.b`, typed as inferred from the data the table holds).
 */
function describeExtendedRows(fe: Frontend, table: OlapTable): Array<Array<string | null>> {
  const columns = baseColumns(table).filter((c: Column) => c.visible);
  const relation = tableRelation(fe, table);
  return columns.flatMap((c, i) => {
    const extra = c.isKey ? '' : c.aggregation;
    const row = [
      c.name,
      renderTypeSql(c.type),
      c.nullable ? 'Yes' : 'No',
      String(c.isKey),
      c.defaultValue ?? null,
      extra,
    ];
    if (c.type.kind !== 'VARIANT') return [row];
    const docs = [...relation.rows()].map((r) => r[i]).filter((v): v is string => typeof v === 'string');
    return [
      row,
      ...variantSubcolumns(docs, flattensNested(table)).map(([path, type]) => [
        `${c.name}.${path}`,
        type,
        'Yes',
        'false',
        null,
        'NONE',
      ]),
    ];
  });
}

export function describe(ctx: ExecContext, stmt: DescribeStatement | ShowColumnsStatement) {
  const { db, table } = findTable(ctx, stmt.table);
  checkPriv(ctx, 'SELECT', db.name, table.name);
  if (table.kind === 'VIEW') {
    return textResult(
      ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'],
      table.columns.map((c) => [c.name, c.typeSql, 'Yes', 'false', null, '']),
    );
  }
  if (stmt.kind === 'DescribeStatement' && stmt.all)
    return textResult(DESC_ALL_COLUMNS, describeAllRows(table));
  const full = stmt.kind === 'ShowColumnsStatement' && stmt.full;
  if (stmt.kind === 'DescribeStatement' && sessionFlag(ctx, 'describe_extend_variant_column')) {
    return textResult(
      ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'],
      describeExtendedRows(ctx.fe, table),
    );
  }
  const cols = ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra', ...(full ? ['Comment'] : [])];
  return textResult(cols, describeRows(table, full));
}

const DESC_ALL_COLUMNS = [
  'IndexName',
  'IndexKeysType',
  'Field',
  'Type',
  'InternalType',
  'Null',
  'Key',
  'Default',
  'Extra',
  'Visible',
  'DefineExpr',
  'WhereClause',
];

/**
 * DESC t ALL (DescribeStmt with isAllTables): every materialized index, base first, its name and keys type
 * on its first row only, an empty row between indexes. Shadow indexes of a running schema change are left
 * out; the sandbox keeps no per-column define expressions, so DefineExpr and WhereClause stay empty.
 */
function describeAllRows(table: OlapTable): Array<Array<string | null>> {
  const indexes = [...table.indexes.values()]
    .filter((i) => i.state === 'NORMAL')
    .sort((a, b) =>
      a.id === table.baseIndexId
        ? -1
        : b.id === table.baseIndexId
          ? 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0,
    );
  const bloomFilter = new Set(
    (table.properties.get('bloom_filter_columns') ?? '')
      .split(',')
      .map((c) => c.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: Array<Array<string | null>> = [];
  indexes.forEach((index, i) => {
    if (i > 0) out.push(DESC_ALL_COLUMNS.map(() => ''));
    index.columns
      .filter((c) => c.visible)
      .forEach((c, j) => {
        const extras = [
          ...(c.isKey || c.aggregation === 'NONE' ? [] : [c.aggregation]),
          ...(bloomFilter.has(c.name.toLowerCase()) ? ['BLOOM_FILTER'] : []),
        ];
        out.push([
          j === 0 ? index.name : '',
          j === 0 ? index.keysType : '',
          c.name,
          renderTypeSql(c.type),
          renderTypeSql(c.type).toUpperCase(),
          c.nullable ? 'Yes' : 'No',
          c.isKey ? 'true' : 'false',
          c.defaultValue ?? null,
          extras.join(','),
          'true',
          '',
          '',
        ]);
      });
  });
  return out;
}

export function showGrants(ctx: ExecContext, stmt: ShowGrantsStatement) {
  const user = stmt.user?.user ?? ctx.session.user;
  if (user !== ctx.session.user) checkPriv(ctx, 'GRANT');
  if (!ctx.fe.auth.user(user))
    throw new SqlError(`errCode = 2, detailMessage = user '${user}'@'%' does not exist`, 1105, 'HY000');
  return textResult(SHOW_GRANTS_COLUMNS, ctx.fe.auth.grantsRows(user));
}

export { findColumn };

// CREATE MATERIALIZED VIEW (synchronous, single table) and DROP MATERIALIZED VIEW … ON t
// (MaterializedViewHandler.processCreateMaterializedView / processDropMaterializedView). A sync MV is a
// rollup index whose columns are named as 2.x names them (`mv_<col>`, `mva_<FN>__<expr>`); it is built by a
// rollup job (ALTER_JOB type ROLLUP with the statement as rawSql) and dropped with DROP_ROLLUP.
import { type Column, DELETE_SIGN_COLUMN, findColumn, SEQUENCE_COLUMN } from '../../../catalog/column.js';
import { tableByName } from '../../../catalog/database.js';
import { baseColumns, type OlapTable } from '../../../catalog/table.js';
import type { DorisType } from '../../../types/doris-type.js';
import { renderTypeSql } from '../../../types/index.js';
import { scheduleAlterJob } from '../../alter/job-runner.js';
import { dorisError, SqlError } from '../../mysql/session-types.js';
import type {
  CreateMaterializedViewStatement,
  DropMaterializedViewStatement,
  Expression,
} from '../../sql/index.js';
import { checkPriv, type ExecContext, findOlapTable, requireDb, unsupported } from '../exec-context.js';
import { ok } from '../result-helpers.js';
import { checkNormalState, checkNoTempPartitions } from './alter-checks.js';
import { dropRollupIndex, rollupToDrop, startRollupJobs } from './rollup-exec.js';
import { inferDuplicateKeys } from './rollup-schema.js';
import { indexByName } from './schema-draft.js';

type Aggregation = 'SUM' | 'MIN' | 'MAX';

/** SUM is computed in the widened type, which 2.x writes into the column name as a cast. */
function sumType(type: DorisType): DorisType | undefined {
  switch (type.kind) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
      return { kind: 'BIGINT' };
    case 'FLOAT':
      return { kind: 'DOUBLE' };
    default:
      return undefined;
  }
}

function columnOf(table: OlapTable, expr: Expression): Column {
  if (expr.kind !== 'ColumnRef') unsupported('Expressions other than plain columns in a materialized view');
  const column = findColumn(baseColumns(table), expr.name);
  if (!column?.visible) throw dorisError(`Unknown column '${expr.name}' in 'table list'`);
  return column;
}

function mvColumn(table: OlapTable, expr: Expression): { column: Column; aggregation?: Aggregation } {
  if (expr.kind === 'ColumnRef') {
    const c = columnOf(table, expr);
    return { column: { ...c, name: `mv_${c.name}` } };
  }
  if (expr.kind !== 'FunctionCall')
    return unsupported('Expressions other than columns and SUM/MIN/MAX in a materialized view');
  const fn = expr.name.toUpperCase();
  if (fn !== 'SUM' && fn !== 'MIN' && fn !== 'MAX')
    unsupported(`Aggregate function ${expr.name} in a materialized view`);
  if (expr.distinct || expr.star || expr.args.length !== 1)
    unsupported(`${fn} with DISTINCT or several arguments in a materialized view`);
  const c = columnOf(table, expr.args[0]!);
  const widened = fn === 'SUM' ? sumType(c.type) : undefined;
  const source = widened ? `CAST(\`${c.name}\` AS ${renderTypeSql(widened)})` : `\`${c.name}\``;
  return {
    column: {
      ...c,
      name: `mva_${fn}__${source}`,
      type: widened ?? c.type,
      isKey: false,
      aggregation: fn,
      aggregationImplicit: false,
    },
    aggregation: fn as Aggregation,
  };
}

export function createMaterializedView(ctx: ExecContext, stmt: CreateMaterializedViewStatement) {
  const q = stmt.query;
  const from = q.from[0];
  if (q.from.length !== 1 || from?.kind !== 'NamedTableRef')
    unsupported('A materialized view over anything but one table');
  if (q.where || q.having || q.limit || q.distinct)
    unsupported('WHERE / HAVING / LIMIT / DISTINCT in a materialized view');
  if (stmt.properties.length > 0) unsupported('PROPERTIES of CREATE MATERIALIZED VIEW');
  const { db, table } = findOlapTable(ctx, from.name);
  checkPriv(ctx, 'ALTER', db.name, table.name);
  checkNormalState(table);
  checkNoTempPartitions(table);
  if (indexByName(table, stmt.name)) {
    if (stmt.ifNotExists) return ok();
    throw dorisError(`Materialized view[${stmt.name}] already exists`);
  }
  const items = q.items.map((item) => {
    if (item.kind !== 'ExpressionSelectItem') return unsupported('SELECT * in a materialized view');
    if (item.alias !== undefined) unsupported('Column aliases in a materialized view');
    return mvColumn(table, item.expression);
  });
  // Index rows are stored by column unique id, so one base column can feed only one MV column here.
  if (new Set(items.map((i) => i.column.uniqueId)).size !== items.length)
    unsupported('Using a column twice in a materialized view');
  const aggregated = items.some((i) => i.aggregation);
  const grouped = aggregated || q.groupBy.length > 0;
  if (table.keysType !== 'DUP_KEYS' && !grouped) {
    throw dorisError('The materialized view of aggregation or unique table must has grouping columns');
  }
  let columns: Column[];
  if (grouped) {
    let meetValue = false;
    columns = items.map(({ column, aggregation }) => {
      if (!aggregation && meetValue)
        throw dorisError('The materialized view of aggregation must has key columns before value columns');
      if (aggregation) meetValue = true;
      return aggregation
        ? column
        : { ...column, isKey: true, aggregation: 'NONE', aggregationImplicit: false };
    });
    for (const { column, aggregation } of items) {
      const base = baseColumns(table).find((c) => c.uniqueId === column.uniqueId)!;
      if (table.keysType !== 'DUP_KEYS' && base.isKey && aggregation) {
        throw dorisError(`The column[${column.name}] must be the key of materialized view`);
      }
      if (table.keysType === 'AGG_KEYS' && !base.isKey && base.aggregation !== (aggregation ?? 'NONE')) {
        throw dorisError(
          `The aggregation type of column[${column.name}] must be same as the aggregate type of base column in aggregate table`,
        );
      }
    }
    if (table.keysType === 'UNIQUE_KEYS') {
      for (const hidden of [DELETE_SIGN_COLUMN, SEQUENCE_COLUMN]) {
        const c = baseColumns(table).find((x) => x.name === hidden);
        if (c) columns.push(c);
      }
    }
  } else {
    columns = inferDuplicateKeys(items.map((i) => i.column));
  }
  const keysType = grouped ? 'AGG_KEYS' : 'DUP_KEYS';
  const jobIds = ctx.fe.commit(() => {
    const ids = startRollupJobs(ctx, db, table, [
      {
        name: stmt.name,
        baseIndexName: table.name,
        columns,
        keysType,
        rawSql: ctx.text,
        defineSql: stmt.queryText,
      },
    ]);
    ctx.fe.catalog.saveTable(db, table);
    return ids;
  });
  for (const id of jobIds) scheduleAlterJob(ctx.fe, id);
  return ok();
}

export function dropMaterializedView(ctx: ExecContext, stmt: DropMaterializedViewStatement) {
  const db = requireDb(ctx, stmt.table.database);
  const found = tableByName(db, stmt.table.table);
  if (!found)
    throw new SqlError(`errCode = 2, detailMessage = Unknown table '${stmt.table.table}'`, 1051, '42S02');
  if (found.kind !== 'OLAP') throw dorisError(`${db.name}.${found.name} is not OLAP table`, 1347);
  const table = found;
  checkPriv(ctx, 'ALTER', db.name, table.name);
  if (table.state !== 'NORMAL')
    throw dorisError(`Table[${table.name}]'s state is not NORMAL. Do not allow doing DROP ops`);
  const index = rollupToDrop(table, stmt.name, stmt.ifExists);
  if (!index) return ok();
  ctx.fe.commit(() => dropRollupIndex(ctx, db, table, index.id));
  return ok();
}

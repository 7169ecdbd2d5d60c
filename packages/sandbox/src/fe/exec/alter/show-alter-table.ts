// SHOW ALTER TABLE COLUMN | ROLLUP | MATERIALIZED VIEW [FROM db] [WHERE …] [ORDER BY …] [LIMIT …] with the
// 2.1 column lists (SchemaChangeJobV2.getInfo: one row per rewritten index; RollupJobV2.getInfo). WHERE
// takes what ShowAlterStmt accepts: TableName / State equality and CreateTime / FinishTime comparisons,
// joined with AND.
import type { AlterJob } from '../../alter/alter-job.js';
import { alterJobs } from '../../alter/job-store.js';
import { dorisError } from '../../mysql/session-types.js';
import type { Expression, ShowAlterTableStatement } from '../../sql/index.js';
import { type ExecContext, requireDb } from '../exec-context.js';
import { formatTime, textResult } from '../result-helpers.js';

export const SCHEMA_CHANGE_COLUMNS = [
  'JobId',
  'TableName',
  'CreateTime',
  'FinishTime',
  'IndexName',
  'IndexId',
  'OriginIndexId',
  'SchemaVersion',
  'TransactionId',
  'State',
  'Msg',
  'Progress',
  'Timeout',
];
export const ROLLUP_COLUMNS = [
  'JobId',
  'TableName',
  'CreateTime',
  'FinishTime',
  'BaseIndexName',
  'RollupIndexName',
  'RollupId',
  'TransactionId',
  'State',
  'Msg',
  'Progress',
  'Timeout',
];

type Row = Array<string | null>;

function progress(job: AlterJob, tasks: number): string | null {
  return job.state === 'RUNNING' && tasks > 0 ? `0/${tasks}` : null;
}

function jobRows(job: AlterJob): Row[] {
  const common = [
    job.jobId.toString(),
    job.tableName,
    formatTime(job.createTimeMs),
    formatTime(job.finishedTimeMs),
  ];
  const tail = (tasks: number) => [
    job.watershedTxnId.toString(),
    job.state,
    job.errMsg,
    progress(job, tasks),
    String(job.timeoutMs / 1000),
  ];
  switch (job.kind) {
    case 'SCHEMA_CHANGE':
      return job.indexes.map((ix) => {
        const tasks = ix.partitions.reduce(
          (n, p) => n + p.tablets.reduce((m, t) => m + t.replicas.length, 0),
          0,
        );
        return [
          ...common,
          ix.originName,
          ix.shadowIndexId.toString(),
          ix.originIndexId.toString(),
          `${ix.schemaVersion}:${ix.schemaHash}`,
          ...tail(tasks),
        ];
      });
    case 'ROLLUP': {
      const tasks = job.partitions.reduce(
        (n, p) => n + p.tablets.reduce((m, t) => m + t.replicas.length, 0),
        0,
      );
      return [
        [...common, job.baseIndexName, job.rollupIndexName, job.rollupIndexId.toString(), ...tail(tasks)],
      ];
    }
    case 'INDEX_CHANGE':
      return [];
  }
}

function literal(e: Expression): string {
  if (e.kind === 'StringLiteral') return e.value;
  if (e.kind === 'IntegerLiteral') return e.value.toString();
  throw dorisError('The columns of TableName/CreateTime/FinishTime/State are supported.');
}

/** Compiles the WHERE of SHOW ALTER into a row test over the result columns. */
function rowFilter(where: Expression | undefined, columns: readonly string[]): (row: Row) => boolean {
  if (!where) return () => true;
  if (where.kind === 'BinaryExpression' && where.operator === 'AND') {
    const l = rowFilter(where.left, columns);
    const r = rowFilter(where.right, columns);
    return (row) => l(row) && r(row);
  }
  const unsupportedWhere = () =>
    dorisError('The columns of TableName/CreateTime/FinishTime/State are supported.');
  if (where.kind !== 'BinaryExpression' || where.left.kind !== 'ColumnRef') throw unsupportedWhere();
  const name = where.left.name.toLowerCase();
  const at = columns.findIndex((c) => c.toLowerCase() === name);
  const value = literal(where.right);
  const op = where.operator;
  if (name === 'tablename' || name === 'state') {
    if (op !== '=') throw dorisError(`Only operator = is supported for ${where.left.name}`);
    return (row) => (name === 'state' ? row[at]?.toUpperCase() === value.toUpperCase() : row[at] === value);
  }
  if (name !== 'createtime' && name !== 'finishtime') throw unsupportedWhere();
  const compare: Record<string, (a: string, b: string) => boolean> = {
    '=': (a, b) => a === b,
    '<>': (a, b) => a !== b,
    '!=': (a, b) => a !== b,
    '<': (a, b) => a < b,
    '<=': (a, b) => a <= b,
    '>': (a, b) => a > b,
    '>=': (a, b) => a >= b,
  };
  const test = compare[op];
  if (!test) throw unsupportedWhere();
  return (row) => row[at] !== null && row[at] !== undefined && test(row[at]!, value);
}

function sortRows(rows: Row[], stmt: ShowAlterTableStatement, columns: readonly string[]): void {
  const keys = stmt.orderBy.map((o) => {
    if (o.expression.kind !== 'ColumnRef') throw dorisError('Should order by column');
    const name = o.expression.name.toLowerCase();
    const at = columns.findIndex((c) => c.toLowerCase() === name);
    if (at < 0) throw dorisError(`Title name[${o.expression.name}] does not exist`);
    return {
      at,
      desc: o.direction === 'DESC',
      numeric: ['jobid', 'indexid', 'originindexid', 'rollupid', 'transactionid', 'timeout'].includes(name),
    };
  });
  rows.sort((a, b) => {
    for (const k of keys) {
      const x = a[k.at] ?? '';
      const y = b[k.at] ?? '';
      const c = k.numeric ? Number(BigInt(x || '0') - BigInt(y || '0')) : x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}

export function showAlterTable(ctx: ExecContext, stmt: ShowAlterTableStatement) {
  const db = requireDb(ctx, stmt.database);
  const kind = stmt.alterType === 'COLUMN' ? 'SCHEMA_CHANGE' : 'ROLLUP';
  const columns = kind === 'SCHEMA_CHANGE' ? SCHEMA_CHANGE_COLUMNS : ROLLUP_COLUMNS;
  const jobs = alterJobs(ctx.fe)
    .all()
    .filter(
      (j) =>
        j.dbId === db.id &&
        j.kind === kind &&
        ctx.fe.auth.has(ctx.session.user, 'ALTER', db.name, j.tableName),
    );
  const keep = rowFilter(stmt.where, columns);
  const rows = jobs.flatMap(jobRows).filter(keep);
  if (stmt.orderBy.length > 0) sortRows(rows, stmt, columns);
  const offset = Number(stmt.limit?.offset ?? 0n);
  const limited = stmt.limit ? rows.slice(offset, offset + Number(stmt.limit.count)) : rows;
  return textResult(columns, limited);
}

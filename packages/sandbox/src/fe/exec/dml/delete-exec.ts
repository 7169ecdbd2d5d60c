// DELETE FROM t [PARTITION …] WHERE …, choosing Doris's two paths as DeleteFromCommand does:
// - a delete job: the WHERE becomes a delete predicate that a load transaction writes to every tablet of the
//   selected partitions (a predicate rowset; UPSERT binlog), for duplicate and aggregate tables and for
//   merge-on-read unique tables whose conditions a delete job accepts;
// - a rewrite: merge-on-write unique tables (and unique tables whose conditions a delete job cannot carry)
//   re-write the matching rows with the delete sign set, as an INSERT would (UPSERT binlog).
import { randomUUID } from 'node:crypto';
import type { StoredRow } from '../../../be/tablet-store.js';
import { DELETE_SIGN_COLUMN, findColumn } from '../../../catalog/column.js';
import type { Database } from '../../../catalog/database.js';
import { baseColumns, type OlapTable, type Partition } from '../../../catalog/table.js';
import type { StoredValue } from '../../../types/doris-type.js';
import { newLabel } from '../../load/label.js';
import type { OkResult } from '../../mysql/session-types.js';
import { dorisError, SqlError } from '../../mysql/session-types.js';
import { compilePredicate, evaluateConstant } from '../../query/index.js';
import type { DeleteStatement, Expression } from '../../sql/index.js';
import { evalEnvironment } from '../eval-environment.js';
import { checkPriv, type ExecContext, findOlapTable, sessionFlag } from '../exec-context.js';
import { ok } from '../result-helpers.js';
import { readCurrentRows, relationColumns } from './current-rows.js';
import {
  type DeleteCondition,
  DeleteConditionError,
  deleteConditions,
  hasSubquery,
  SHAPE,
} from './delete-conditions.js';
import { prunedPartitions } from './delete-partitions.js';
import { loadRows, runChecked } from './load-rows.js';

function deleteJobInfo(label: string, txnId: bigint | -1): string {
  return `{'label':'${label}', 'txnId':'${txnId}', 'status':'VISIBLE'}`;
}

/** Partitions named in the statement (formal partitions only), in the order given. */
function namedPartitions(table: OlapTable, names: readonly string[]): Partition[] {
  return names.map((name) => {
    const lower = name.toLowerCase();
    const found = [...table.partitions.values()].find((p) => p.name.toLowerCase() === lower);
    if (!found) throw dorisError(`Partition does not exist. name: ${name}`);
    return found;
  });
}

/** A WHERE the planner folds to false or NULL deletes nothing and runs no job (processEmptyRelation). */
function alwaysFalse(ctx: ExecContext, where: Expression): boolean {
  const folded = evaluateConstant(where, evalEnvironment(ctx));
  return folded !== null && (folded.value === null || folded.value === false || folded.value === 0);
}

export function deleteFrom(ctx: ExecContext, stmt: DeleteStatement): OkResult {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'LOAD', db.name, table.name);
  const named = stmt.partitions ? namedPartitions(table, stmt.partitions) : undefined;
  const mow =
    table.keysType === 'UNIQUE_KEYS' && table.properties.get('enable_unique_key_merge_on_write') === 'true';
  const where = stmt.where;
  if (!where) {
    // Unique tables still scan through the delete sign filter, so only they have a filter to delete by.
    if (table.keysType !== 'UNIQUE_KEYS') throw dorisError('delete command must contain filter');
    if (!mow) throw dorisError('delete all rows is forbidden temporary.');
    return deleteBySign(ctx, db, table, named, undefined);
  }
  // Only DELETE … USING (unique tables) runs subqueries; a delete job never can.
  if (table.keysType !== 'UNIQUE_KEYS' && hasSubquery(where)) throw dorisError(SHAPE);
  // Compiling first reports unknown columns and functions the way a query would.
  const predicate = compilePredicate(where, relationColumns(table), evalEnvironment(ctx));
  if (alwaysFalse(ctx, where)) return ok(0, deleteJobInfo(`delete_${randomUUID()}`, -1));
  let conditions: DeleteCondition[];
  try {
    conditions = deleteConditions(table, where);
  } catch (error) {
    if (!(error instanceof DeleteConditionError)) throw error;
    // Doris retries as DELETE … USING, which only unique tables support; others report the first error.
    if (table.keysType === 'UNIQUE_KEYS') return deleteBySign(ctx, db, table, named, predicate);
    throw dorisError(error.message);
  }
  if (mow && table.properties.get('enable_mow_light_delete') !== 'true') {
    return deleteBySign(ctx, db, table, named, predicate);
  }
  return deleteJob(ctx, db, table, named, conditions);
}

function deleteJob(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  named: Partition[] | undefined,
  conditions: readonly DeleteCondition[],
): OkResult {
  let partitions = named ?? prunedPartitions(table, conditions);
  if (partitions === undefined) {
    if (!sessionFlag(ctx, 'delete_without_partition')) {
      throw dorisError(
        'This is a range or list partitioned table. You should specify partition in delete stmt, or set delete_without_partition to true',
      );
    }
    partitions = [...table.partitions.values()];
  }
  const label = `delete_${randomUUID()}`;
  // No partition can hold a matching row: the planner's scan is empty and no job runs.
  if (partitions.length === 0) return ok(0, deleteJobInfo(label, -1));
  const outcome = runChecked(ctx, {
    db,
    table,
    label,
    sourceType: 'FRONTEND',
    timeoutMs: ctx.fe.config.int('stream_load_default_timeout_second') * 1000,
    deletePredicate: { sql: conditions.map((c) => c.sql).join(' AND '), partitions },
  });
  return ok(0, deleteJobInfo(outcome.label, outcome.txnId));
}

/** Re-writes the matching rows with __DORIS_DELETE_SIGN__ = 1 (every row when `predicate` is undefined). */
function deleteBySign(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  named: Partition[] | undefined,
  predicate: ((row: readonly StoredValue[]) => boolean) | undefined,
): OkResult {
  const sign = findColumn(baseColumns(table), DELETE_SIGN_COLUMN);
  if (!sign) {
    throw new SqlError(
      `errCode = 2, detailMessage = Unknown column '${DELETE_SIGN_COLUMN}' in '${table.name}'`,
      1054,
      '42S22',
    );
  }
  const current = readCurrentRows(ctx.fe, table, named ?? [...table.partitions.values()]);
  const rows: StoredRow[] = current.rows
    .filter((r) => predicate === undefined || predicate(r.values))
    .map((r) => ({ ...r.stored, [sign.uniqueId]: 1 }));
  return loadRows(ctx, db, table, rows, newLabel('insert'));
}

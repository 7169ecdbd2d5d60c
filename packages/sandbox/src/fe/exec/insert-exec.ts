// INSERT INTO … VALUES / SELECT: rows are built and checked first, then loaded in one transaction; a bad
// value fails the whole statement (strict mode, Doris's default for INSERT) and nothing is written.
import type { StoredRow } from '../../be/tablet-store.js';
import type { Partition } from '../../catalog/table.js';
import type { ValueInput } from '../../types/index.js';
import { groupCommitInsert, groupCommitMode } from '../load/group-commit.js';
import { newLabel } from '../load/label.js';
import { NoPartitionError, type PlannedLoad, planLoad } from '../load/load-planner.js';
import { runLoad } from '../load/load-runner.js';
import { CommitError } from '../load/publisher.js';
import { dorisError } from '../mysql/session-types.js';
import type { InsertStatement } from '../sql/index.js';
import { TxnError } from '../txn/transaction-manager.js';
import { autoIncrementValues } from './auto-increment.js';
import { checkPriv, type ExecContext, findOlapTable } from './exec-context.js';
import { DEFAULT_VALUE, literalInput } from './literal-input.js';
import { ok } from './result-helpers.js';
import { buildRow, RowError, rowShape } from './row-builder.js';

export interface InsertHooks {
  /** Evaluates a non-literal VALUES item (NOW(), CAST(…), 1+1). */
  readonly evalConstant: (ctx: ExecContext, expr: import('../sql/index.js').Expression) => ValueInput;
  /** Runs the SELECT of INSERT … SELECT and returns its rows as text values (NULL as null). */
  readonly selectRows: (ctx: ExecContext, stmt: InsertStatement) => Array<Array<string | null>>;
}

export function insert(ctx: ExecContext, stmt: InsertStatement, hooks: InsertHooks) {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'LOAD', db.name, table.name);
  if (stmt.overwrite) throw dorisError('INSERT OVERWRITE is not supported by doris-sandbox yet');
  const shape = rowShape(table, stmt.columns, { autoIncrement: autoIncrementValues(ctx.fe, table) });
  const now = ctx.fe.clock.now();
  const rows: StoredRow[] = [];
  try {
    if (stmt.source.kind === 'ValuesSource') {
      for (const values of stmt.source.rows) {
        const inputs = values.map((v, i) => {
          const input = literalInput(v, (e) => hooks.evalConstant(ctx, e));
          if (input === DEFAULT_VALUE) {
            const c = shape.targets[i];
            return c?.defaultValue === undefined || c.defaultValue === null
              ? ({ kind: 'null' } as const)
              : c.defaultValue;
          }
          return input;
        });
        rows.push(buildRow(shape, inputs, now));
      }
    } else {
      for (const values of hooks.selectRows(ctx, stmt)) {
        rows.push(
          buildRow(
            shape,
            values.map((v) => (v === null ? { kind: 'null' as const } : v)),
            now,
          ),
        );
      }
    }
  } catch (error) {
    if (error instanceof RowError)
      throw dorisError(`Insert has filtered data in strict mode. ${error.message}`);
    throw error;
  }
  let partitions: Partition[] | undefined;
  if (stmt.partitions) {
    const pool = stmt.temporaryPartitions ? table.tempPartitions : table.partitions;
    partitions = stmt.partitions.map((name) => {
      const p = [...pool.values()].find((x) => x.name === name);
      if (!p) throw dorisError(`Unknown partition '${name}' in table '${table.name}'`);
      return p;
    });
  }
  // Group commit takes plain INSERT … VALUES only; anything else runs as its own transaction, as in Doris.
  const groupMode = groupCommitMode(ctx);
  if (groupMode && stmt.source.kind === 'ValuesSource' && !stmt.label && !partitions && rows.length > 0) {
    return groupCommitInsert(ctx, db, table, rows, groupMode);
  }
  const label = stmt.label ?? newLabel('insert');
  if (rows.length === 0) {
    return ok(0, `{'label':'${label}', 'status':'VISIBLE', 'txnId':'-1'}`);
  }
  let planned: PlannedLoad;
  try {
    planned = planLoad(table, rows, partitions ? { partitions } : {});
  } catch (error) {
    if (error instanceof NoPartitionError) {
      throw dorisError('Insert has filtered data in strict mode. Reason: no partition for this tuple');
    }
    throw error;
  }
  try {
    const outcome = runLoad(ctx.fe, {
      db,
      table,
      label,
      sourceType: 'INSERT_STREAMING',
      timeoutMs: 4 * 3600 * 1000,
      planned,
    });
    return ok(
      outcome.rowCount,
      `{'label':'${outcome.label}', 'status':'VISIBLE', 'txnId':'${outcome.txnId}'}`,
    );
  } catch (error) {
    if (error instanceof TxnError || error instanceof CommitError) throw dorisError(error.message);
    throw error;
  }
}

// Writing DML results as one load transaction, the way Doris runs UPDATE and merge-on-write DELETE (an
// INSERT of new row versions): rows are routed and checked first, then published together with their UPSERT
// binlog, or the transaction aborts and nothing is visible.
import type { StoredRow } from '../../../be/tablet-store.js';
import type { Database } from '../../../catalog/database.js';
import type { OlapTable, Partition } from '../../../catalog/table.js';
import { NoPartitionError, type PlannedLoad, planLoad } from '../../load/load-planner.js';
import { type LoadOutcome, type LoadRequest, runLoad } from '../../load/load-runner.js';
import { CommitError } from '../../load/publisher.js';
import type { OkResult } from '../../mysql/session-types.js';
import { dorisError } from '../../mysql/session-types.js';
import { TxnError } from '../../txn/transaction-manager.js';
import type { ExecContext } from '../exec-context.js';
import { ok } from '../result-helpers.js';

/** Routes rows into `partitions` (all formal partitions when omitted), with INSERT's strict-mode error. */
export function planRows(
  table: OlapTable,
  rows: readonly StoredRow[],
  partitions?: readonly Partition[],
): PlannedLoad {
  try {
    return planLoad(table, rows, partitions ? { partitions } : {});
  } catch (error) {
    if (error instanceof NoPartitionError) {
      throw dorisError('Insert has filtered data in strict mode. Reason: no partition for this tuple');
    }
    throw error;
  }
}

/** Runs a load, turning transaction and commit failures into the client's errors. */
export function runChecked(ctx: ExecContext, request: LoadRequest): LoadOutcome {
  try {
    return runLoad(ctx.fe, request);
  } catch (error) {
    if (error instanceof TxnError || error instanceof CommitError) throw dorisError(error.message);
    throw error;
  }
}

/** The OK packet of an INSERT-style statement: affected rows and Doris's `{'label':…}` info. */
export function insertOk(rows: number, label: string, txnId: bigint | -1): OkResult {
  return ok(rows, `{'label':'${label}', 'status':'VISIBLE', 'txnId':'${txnId}'}`);
}

/** Loads complete stored rows (new versions of existing rows) into the formal partitions of `table`. */
export function loadRows(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  rows: readonly StoredRow[],
  label: string,
): OkResult {
  // An empty DML publishes nothing, as an INSERT that selects no rows.
  if (rows.length === 0) return insertOk(0, label, -1);
  const planned = planRows(table, rows);
  const outcome = runChecked(ctx, {
    db,
    table,
    label,
    sourceType: 'INSERT_STREAMING',
    timeoutMs: 4 * 3600 * 1000,
    planned,
  });
  return insertOk(outcome.rowCount, outcome.label, outcome.txnId);
}

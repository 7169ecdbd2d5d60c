// INSERT OVERWRITE TABLE t [PARTITION (…)] VALUES … | SELECT …, with Doris 2.1's semantics: every target
// partition (all formal partitions when none are named) gets an empty temporary twin (ADD_PARTITION, temp),
// the rows are loaded into the twins (UPSERT with isTempPartition), and the twins then replace the targets
// atomically under the targets' names (REPLACE_PARTITIONS; the replaced partitions go to the recycle bin).
// An overwrite without rows therefore empties its partitions. The whole statement is one store transaction.
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../../catalog/database.js';
import type { OlapTable, Partition } from '../../../catalog/table.js';
import { newLabel } from '../../load/label.js';
import type { OkResult } from '../../mysql/session-types.js';
import { dorisError } from '../../mysql/session-types.js';
import { recyclePartition } from '../../recycle/recycle-bin.js';
import type { InsertStatement } from '../../sql/index.js';
import { logDdl } from '../ddl-log.js';
import { checkPriv, type ExecContext, findOlapTable } from '../exec-context.js';
import type { InsertHooks } from '../insert-exec.js';
import { replacePartitionsInPlace } from '../table-exec.js';
import { commitAtomically } from './atomic-commit.js';
import { insertRows } from './insert-rows.js';
import { insertOk, planRows, runChecked } from './load-rows.js';
import { addTempPartitionRecord, createTempPartition, tempPartitionName } from './temp-partitions.js';

function targetPartitions(table: OlapTable, names: readonly string[] | undefined): Partition[] {
  if (!names) return [...table.partitions.values()];
  return names.map((name) => {
    const lower = name.toLowerCase();
    const p = [...table.partitions.values()].find((x) => x.name.toLowerCase() === lower);
    if (!p) throw dorisError(`Unknown partition '${name}' in table '${table.name}'`);
    return p;
  });
}

/** ReplacePartitionOperationLog as InsertOverwriteUtil.replacePartition logs it. */
function replaceRecord(
  db: Database,
  table: OlapTable,
  replaced: readonly Partition[],
  temps: readonly string[],
): object {
  return {
    dbId: db.id,
    dbName: db.name,
    tblId: table.id,
    tblName: table.name,
    partitions: replaced.map((p) => p.name),
    tempPartitions: temps,
    strictRange: true,
    useTempPartitionName: false,
    force: false,
    // Read by the dropped-partition bookkeeping of getMeta (binlog/dropped-ids.ts).
    replacedPartitionIds: replaced.map((p) => p.id),
  };
}

export function insertOverwrite(ctx: ExecContext, stmt: InsertStatement, hooks: InsertHooks): OkResult {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'LOAD', db.name, table.name);
  if (stmt.temporaryPartitions) throw dorisError('Not allowed to insert overwrite into temporary partitions');
  const targets = targetPartitions(table, stmt.partitions);
  const rows = insertRows(ctx, table, stmt, hooks);
  // Route against the targets now: a row no target holds fails the statement before anything changes.
  planRows(table, rows, targets);
  const now = ctx.fe.clock.now();
  const tempNames = targets.map((p) => tempPartitionName(p.name, now));
  for (const name of tempNames) {
    if ([...table.tempPartitions.values()].some((p) => p.name.toLowerCase() === name.toLowerCase())) {
      throw dorisError(`Duplicate partition name ${name}`);
    }
  }
  const label = stmt.label ?? newLabel('insert');
  const used = ctx.fe.txns.byLabel(db.id, label);
  if (used) {
    throw dorisError(
      `Label [${label}] has already been used, relate to txn [${used.id}], status [${used.status}].`,
    );
  }
  return commitAtomically(ctx.fe, () => {
    const temps = targets.map((p, i) => createTempPartition(ctx.fe, p, tempNames[i]!));
    for (const t of temps) table.tempPartitions.set(t.id, t);
    ctx.fe.catalog.saveTable(db, table);
    for (const t of temps) {
      logDdl(ctx.fe, BinlogType.ADD_PARTITION, db.id, [table.id], (seq) =>
        addTempPartitionRecord(seq, db, table, t),
      );
    }
    let result = insertOk(0, label, -1);
    if (rows.length > 0) {
      const outcome = runChecked(ctx, {
        db,
        table,
        label,
        sourceType: 'INSERT_STREAMING',
        timeoutMs: 4 * 3600 * 1000,
        planned: planRows(table, rows, temps),
      });
      result = insertOk(outcome.rowCount, outcome.label, outcome.txnId);
    }
    // The twins take the targets' names and places; the targets keep their data in the recycle bin.
    const swapped = new Map<bigint, Partition>();
    targets.forEach((old, i) => {
      const temp = temps[i]!;
      table.tempPartitions.delete(temp.id);
      swapped.set(old.id, { ...temp, name: old.name, isTemp: false });
    });
    replacePartitionsInPlace(table, swapped);
    ctx.fe.catalog.saveTable(db, table);
    for (const old of targets) recyclePartition(ctx.fe, db, table, old);
    if (temps.length > 0) {
      logDdl(ctx.fe, BinlogType.REPLACE_PARTITIONS, db.id, [table.id], () =>
        replaceRecord(db, table, targets, tempNames),
      );
    }
    return result;
  });
}

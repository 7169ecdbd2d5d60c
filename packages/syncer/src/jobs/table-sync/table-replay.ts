// A table job's binlog stream: the records of its one table, planned by the table handlers. Records the
// table's own snapshot already holds (after a whole-table partial sync) are skipped by commit seq.
import { fatal } from '../job-errors.js';
import type { ReplayPlan } from '../replay/replay-stream.js';
import { planTableBinlog } from './table-handlers.js';
import type { TableJobContext } from './table-job-context.js';

export function tableReplay(ctx: TableJobContext): ReplayPlan {
  const names = ctx.names;
  return {
    table: { name: names.srcTable, id: names.srcTableId },
    plan(record, seq) {
      const own = ctx.progress.tables[names.srcTableId.toString()];
      if (own?.commitSeq !== undefined && seq <= BigInt(own.commitSeq) && record.kind !== 'upsert')
        return { kind: 'ignore', reason: `the table's snapshot already holds seq ${seq}` };
      return planTableBinlog(record, names);
    },
    gone: (message) =>
      fatal(`source table ${names.srcDb}.${names.srcTable} (id ${names.srcTableId}) is gone: ${message}`),
  };
}

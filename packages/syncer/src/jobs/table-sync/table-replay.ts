// A table job's binlog stream: the records of its one table, planned by the table handlers. Records the
// table's own snapshot already holds (after a whole-table partial sync) are skipped by commit seq. Doris
// keeps DROP TABLE out of a table's stream, so a dropped table's stream just goes quiet: while idle, the
// job checks now and then that its table still exists, and pauses (or follows a re-created table).

/** How often an idle table job checks that its source table still exists. */
export const PRESENCE_CHECK_MS = 5_000;

import { StatusCode } from '@doris-ccr/protocol';
import { cred } from '../job-context.js';
import { fatal, needsFullSync } from '../job-errors.js';
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
      const action = planTableBinlog(record, names);
      // Told to follow a re-created table, the job copies it again once it exists (the full sync waits).
      if (action.kind === 'fail' && record.kind === 'dropTable' && ctx.followRecreated)
        return {
          kind: 'full_sync',
          reason: `${action.reason}; following the table created again under its name`,
        };
      return action;
    },
    gone: (message) =>
      fatal(`source table ${names.srcDb}.${names.srcTable} (id ${names.srcTableId}) is gone: ${message}`),
    onIdle: () => checkPresence(ctx),
  };
}

async function checkPresence(ctx: TableJobContext): Promise<void> {
  const now = ctx.clock.now();
  if (ctx.presenceCheckedAt !== undefined && now - ctx.presenceCheckedAt < PRESENCE_CHECK_MS) return;
  const names = ctx.names;
  const meta = await ctx.src.fe.getMeta({
    ...cred(ctx.src),
    db: { id: ctx.srcDbId, tables: [{ id: names.srcTableId }] },
  });
  const message = meta.status?.error_msgs?.join('; ') ?? '';
  const ok = meta.status?.status_code === StatusCode.OK;
  // Anything but a clear answer (an FE hiccup) is looked at again next time.
  if (!ok && !/not found|not exist|unknown table/i.test(message)) return;
  ctx.presenceCheckedAt = now;
  const found = ok && (meta.db_meta?.tables ?? []).some((t) => t.id === names.srcTableId);
  if (found) return;
  const what = `source table ${names.srcDb}.${names.srcTable} (id ${names.srcTableId}) was dropped`;
  if (ctx.followRecreated) throw needsFullSync(`${what}; following the table created again under its name`);
  throw fatal(`${what}; the job pauses (create it with follow_recreated_table to follow a re-created table)`);
}

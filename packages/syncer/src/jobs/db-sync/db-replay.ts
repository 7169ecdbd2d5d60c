// A database job's binlog stream: every table's records in commit-seq order, planned by the database
// handlers, and the job's table set kept current as tables are created, dropped, renamed and replaced.
import { fatal } from '../job-errors.js';
import { tableOf } from '../progress.js';
import type { TableChange } from '../replay/binlog-action.js';
import type { ReplayPlan } from '../replay/replay-stream.js';
import { planDbBinlog } from './db-handlers.js';
import type { DbJobContext } from './db-job-context.js';

export function trackTableChange(ctx: DbJobContext, change: TableChange): void {
  const tables = ctx.progress.tables;
  switch (change.kind) {
    case 'created': {
      const t = tableOf(ctx.progress, change.srcTableId, change.name);
      t.name = change.name;
      delete t.destId; // looked up by name at its first load
      if (change.isView) t.isView = true;
      return;
    }
    case 'dropped':
      delete tables[change.srcTableId.toString()];
      return;
    case 'renamed': {
      const t = tables[change.srcTableId.toString()];
      if (t) {
        t.name = change.name;
        delete t.destName;
      }
      return;
    }
    case 'replaced': {
      // Doris moves names, not tables: each table keeps its id on both sides (the target ran the same
      // REPLACE), so only the names change. With swap the two exchange names; without, the origin is gone
      // and the replacing table carries its name.
      const origin = tables[change.originId.toString()];
      const replacing = tables[change.newId.toString()];
      if (change.swap) {
        if (origin) origin.name = change.newName;
        if (replacing) replacing.name = change.originName;
      } else {
        delete tables[change.originId.toString()];
        if (replacing) replacing.name = change.originName;
      }
      for (const t of [origin, replacing]) if (t) delete t.destName;
      return;
    }
    default: {
      const never: never = change;
      throw new Error(`unknown table change ${JSON.stringify(never)}`);
    }
  }
}

export function dbReplay(ctx: DbJobContext): ReplayPlan {
  return {
    plan: (record, seq) =>
      planDbBinlog(record, {
        srcDb: ctx.srcDb,
        destDb: ctx.destDb,
        seq,
        tables: ctx.progress.tables,
        filter: ctx.filter,
      }),
    track: (change) => trackTableChange(ctx, change),
    gone: (message) => fatal(`source database ${ctx.srcDb} is gone: ${message}`),
  };
}

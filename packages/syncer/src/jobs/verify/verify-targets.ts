// The tables a verification compares: a table job's one table (under its alias on the target), or the
// tables a database job follows (its include/exclude filters applied, views left out: they hold no data).
// Asking for a table the job does not follow is the caller's mistake, answered 404 naming it.
import type { JobRecord } from '../../model/job-record.js';
import { JobServiceError } from '../../model/job-service.js';
import { tableFilter } from '../db-sync/table-filter.js';
import type { JobProgress } from '../progress.js';

export interface VerifyTarget {
  readonly srcTable: string;
  /** Source table id (decimal), as binlogs name it. */
  readonly srcId: string;
  readonly destTable: string;
}

function followed(record: JobRecord, progress: JobProgress): VerifyTarget[] {
  if (record.sync_type !== 'db_sync')
    return [{ srcTable: record.src.table, srcId: record.src.table_id ?? '0', destTable: record.dest.table }];
  const filter = tableFilter(record.extra.include_tables, record.extra.exclude_tables);
  return Object.entries(progress.tables)
    .filter(([, t]) => !t.isView && t.name !== '' && filter.matches(t.name))
    .map(([id, t]) => ({ srcTable: t.name, srcId: id, destTable: t.destName ?? t.name }))
    .sort((a, b) => (a.srcTable < b.srcTable ? -1 : a.srcTable > b.srcTable ? 1 : 0));
}

export function verifyTargets(
  record: JobRecord,
  progress: JobProgress,
  requested?: readonly string[],
): VerifyTarget[] {
  const all = followed(record, progress);
  if (!requested?.length) return all;
  const byName = new Map(all.map((t) => [t.srcTable, t]));
  const unknown = requested.filter((name) => !byName.has(name));
  if (unknown.length) {
    const known = all.map((t) => t.srcTable);
    const shown = known.length > 20 ? `${known.slice(0, 20).join(', ')}, …` : known.join(', ');
    throw new JobServiceError(
      `job ${record.name} does not follow table(s) ${unknown.join(', ')} (it follows: ${shown || 'none yet'})`,
      404,
    );
  }
  return requested.map((name) => byName.get(name)!);
}

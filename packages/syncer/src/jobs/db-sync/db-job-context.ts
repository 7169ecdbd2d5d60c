// What a database job's steps need besides the common job context: which of the database's tables it
// copies. The tables it knows (names, target ids, per-table commit seqs) live in the progress.
import type { JobRecord } from '../../model/job-record.js';
import type { JobContext } from '../job-context.js';
import { type TableFilter, tableFilter } from './table-filter.js';

export interface DbJobContext extends JobContext {
  readonly filter: TableFilter;
  /** Objects of the snapshot being restored (set when it is read; not persisted). */
  restoring?: ReadonlyArray<{ readonly name: string; readonly isView: boolean }>;
}

export function dbContext(common: JobContext, record: JobRecord): DbJobContext {
  return { ...common, filter: tableFilter(record.extra.include_tables, record.extra.exclude_tables) };
}

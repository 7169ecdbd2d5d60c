// Reading the task columns of SHOW BACKUP / SHOW RESTORE as Doris writes them (BackupJob/RestoreJob
// getInfo): UnfinishedTasks is `signature=id, …` (one entry per agent task still running), Progress is
// `[taskId: finished/total], …` (files of each upload or download task, as the BEs report them).
import type { DorisJobFields } from '../../model/sync-progress.js';
import type { Row } from '../cluster-access.js';

function text(value: unknown): string {
  return value === null || value === undefined || value === '\\N' ? '' : String(value);
}

/** The four task fields of a SHOW BACKUP / SHOW RESTORE row. */
export function dorisFields(row: Row): DorisJobFields {
  return {
    State: text(row.State),
    Progress: text(row.Progress),
    UnfinishedTasks: text(row.UnfinishedTasks),
    TaskErrMsg: text(row.TaskErrMsg),
  };
}

/** Files done and in all over the tasks of a Progress field; undefined when it lists none. */
export function taskFiles(progress: string): { done: number; total: number } | undefined {
  let done = 0;
  let total = 0;
  let seen = false;
  for (const m of progress.matchAll(/\[[^:\]]+:\s*(\d+)\/(\d+)\]/g)) {
    done += Number(m[1]);
    total += Number(m[2]);
    seen = true;
  }
  return seen && total > 0 ? { done, total } : undefined;
}

/** Agent tasks an UnfinishedTasks field lists. */
export function unfinishedTasks(field: string): number {
  return field.trim() === '' ? 0 : field.split(',').filter((e) => e.includes('=')).length;
}

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

/** Each task of a Progress field: its signature, and the files (or tablets) it has done of its total. */
export function taskProgress(progress: string): Map<string, { done: number; total: number }> {
  const tasks = new Map<string, { done: number; total: number }>();
  for (const m of progress.matchAll(/\[([^:\]]+):\s*(\d+)\/(\d+)\]/g))
    tasks.set(m[1]!.trim(), { done: Number(m[2]), total: Number(m[3]) });
  return tasks;
}

/** The signatures an UnfinishedTasks field lists (`signature=id, …`). */
export function unfinishedTasks(field: string): Set<string> {
  const signatures = new Set<string>();
  for (const entry of field.split(',')) {
    const at = entry.indexOf('=');
    if (at > 0) signatures.add(entry.slice(0, at).trim());
  }
  return signatures;
}

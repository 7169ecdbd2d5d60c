// A restore's agent tasks as SHOW RESTORE shows them (RestoreJob.getInfo): UnfinishedTasks lists
// `signature=id` for each task still running — the download tasks of DOWNLOADING (one per target BE, id
// the BE) and the per-tablet dir-move tasks of COMMIT/COMMITTING (id the tablet); Progress lists
// `[signature: finished/total]` for each running download task as its BE reports the tablets it has
// fetched (dir moves report none); TaskErrMsg lists `[signature: message]` for a task that failed.
// A finished task leaves all three, as in Doris. Kept in memory, like the downloads themselves.
import type { Frontend } from '../frontend.js';
import type { RestoreJob } from './job-types.js';

interface AgentTask {
  readonly signature: bigint;
  /** The BE (download) or tablet (dir move) the task is for. */
  readonly id: bigint;
  readonly total: number;
  done: number;
  /** Whether the task reports its progress (downloads do, dir moves do not). */
  readonly reports: boolean;
  error?: string;
}

export class RestoreTaskBook {
  private readonly tasks: AgentTask[] = [];
  /** The download tasks' plan: source tablet directory → task signature (restore-download.ts). */
  downloads?: ReadonlyMap<string, bigint>;

  constructor(private readonly fe: Frontend) {}

  /** A new batch of tasks replaces the previous state's. Returns each task's signature, in order. */
  start(batch: ReadonlyArray<{ id: bigint; total: number }>, reports: boolean): bigint[] {
    this.tasks.length = 0;
    for (const { id, total } of batch)
      this.tasks.push({ signature: this.fe.sequences.allocId(), id, total, done: 0, reports });
    return this.tasks.map((t) => t.signature);
  }

  /** One unit of the task's work is done (a tablet downloaded, a tablet's files moved). */
  step(signature: bigint): void {
    const task = this.tasks.find((t) => t.signature === signature);
    if (task) task.done++;
  }

  failed(signature: bigint, message: string): void {
    const task = this.tasks.find((t) => t.signature === signature);
    if (task) task.error = message;
  }

  clear(): void {
    this.tasks.length = 0;
  }

  fields(): { unfinished: string; progress: string; errors: string } {
    const running = this.tasks.filter((t) => t.done < t.total);
    return {
      unfinished: running.map((t) => `${t.signature}=${t.id}`).join(', '),
      progress: running
        .filter((t) => t.reports)
        .map((t) => `[${t.signature}: ${t.done}/${t.total}]`)
        .join(', '),
      errors: this.tasks
        .filter((t) => t.error !== undefined)
        .map((t) => `[${t.signature}: ${t.error}]`)
        .join(', '),
    };
  }
}

const booksByFe = new WeakMap<Frontend, Map<bigint, RestoreTaskBook>>();

export function restoreTasks(fe: Frontend, job: RestoreJob): RestoreTaskBook {
  let books = booksByFe.get(fe);
  if (!books) {
    books = new Map();
    booksByFe.set(fe, books);
  }
  let book = books.get(job.jobId);
  if (!book) {
    book = new RestoreTaskBook(fe);
    books.set(job.jobId, book);
  }
  return book;
}

/** SHOW RESTORE's task columns of a job (empty for a job this FE has no tasks of, e.g. after a restart). */
export function restoreTaskFields(
  fe: Frontend,
  job: RestoreJob,
): { unfinished: string; progress: string; errors: string } {
  return booksByFe.get(fe)?.get(job.jobId)?.fields() ?? { unfinished: '', progress: '', errors: '' };
}

export function forgetRestoreTasks(fe: Frontend, job: RestoreJob): void {
  booksByFe.get(fe)?.delete(job.jobId);
}

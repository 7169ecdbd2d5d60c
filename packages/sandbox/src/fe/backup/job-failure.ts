// A job step that cannot go on: the job is cancelled with this status (SHOW BACKUP / SHOW RESTORE `Status`).
import type { JobStatus } from './job-types.js';

export class JobFailure extends Error {
  override readonly name = 'JobFailure';
  constructor(readonly status: JobStatus) {
    super(status.msg);
  }
}

export function commonError(msg: string): JobFailure {
  return new JobFailure({ code: 'COMMON_ERROR', msg });
}

/** Executor errors carry Doris's SQL prefix; job statuses carry the bare message. */
export function bareMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^errCode = \d+, detailMessage = /, '');
}

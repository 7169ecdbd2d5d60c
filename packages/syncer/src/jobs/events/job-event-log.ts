// Writes jobs' events to the metadata store (model/job-events.ts). Recording never holds a job up or fails
// it: events of one job are written in order behind the job's back, and a write that fails (the store
// unreachable, the job deleted meanwhile) is logged and dropped. A failing step retried every few seconds
// is recorded once a minute while its error stays the same, so retries cannot push the rest out.
import { describeEvent, type JobEventBody, MAX_JOB_EVENTS } from '../../model/job-events.js';
import type { MetaStore } from '../../model/meta-store.js';
import type { Clock } from '../runtime.js';

/** A repeated retry with the same error is recorded again after this long. */
const REPEAT_MS = 60_000;

export class JobEventLog {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly lastRetry = new Map<string, { error: string; at: number }>();

  constructor(
    private readonly store: MetaStore,
    private readonly clock: Clock,
    private readonly log: (level: 'warn', message: string, job: string) => void,
    private readonly keep = MAX_JOB_EVENTS,
  ) {}

  record(job: string, body: JobEventBody): void {
    const at = this.clock.now();
    if (body.kind === 'retry') {
      const key = `${body.action}: ${body.error}`;
      const last = this.lastRetry.get(job);
      if (last && last.error === key && at - last.at < REPEAT_MS) return;
      this.lastRetry.set(job, { error: key, at });
    } else if (body.kind !== 'stalled') this.lastRetry.delete(job);
    const previous = this.queues.get(job) ?? Promise.resolve();
    const next = previous
      .then(() => this.store.appendEvent(job, at, { ...body, message: describeEvent(body) }, this.keep))
      .catch((error: Error) => this.log('warn', `event ${body.kind} not recorded: ${error.message}`, job));
    this.queues.set(job, next);
    next.finally(() => {
      if (this.queues.get(job) === next) this.queues.delete(job);
    });
  }

  /** Waits until every event recorded so far is written (or dropped). */
  async flush(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  forget(job: string): void {
    this.lastRetry.delete(job);
  }
}

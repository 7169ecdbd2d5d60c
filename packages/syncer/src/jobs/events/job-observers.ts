// What a running job reports goes to the metrics and to the event log alike: one JobObserver that hands
// each report to both.
import type { JobObserver } from '../job-metrics.js';
import type { JobEventLog } from './job-event-log.js';

/** The reports that become events: DDL replayed, binlogs skipped, steps that failed. */
export function eventObserver(events: JobEventLog, job: string): Partial<JobObserver> {
  return {
    ddlApplied: (seq, statements) =>
      events.record(job, { kind: 'ddl_applied', commit_seq: seq.toString(), statements }),
    binlogSkipped: (seq, reason) =>
      events.record(job, { kind: 'binlog_skipped', commit_seq: seq.toString(), by: 'syncer', reason }),
    failed: (action, message) => events.record(job, { kind: 'retry', action, error: message }),
  };
}

const METHODS = [
  'binlogApplied',
  'upsertApplied',
  'syncStarted',
  'failed',
  'leaseLost',
  'tookOver',
  'ddlApplied',
  'binlogSkipped',
] as const satisfies ReadonlyArray<keyof JobObserver>;

/** One observer calling each of `observers` that listens to a report. */
export function fanOut(...observers: Array<Partial<JobObserver>>): JobObserver {
  const out: Record<string, (...args: never[]) => void> = {};
  for (const method of METHODS) {
    const listeners = observers.map((o) => o[method]).filter((f) => f !== undefined) as Array<
      (...args: unknown[]) => void
    >;
    out[method] = (...args: unknown[]) => {
      for (const f of listeners) f(...args);
    };
  }
  return out as unknown as JobObserver;
}

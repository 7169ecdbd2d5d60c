// The engine's side of the event log: one JobEventLog for every job, the sync-history watch of each local
// job (kept across a relaunch, so a sync an operator forces is announced), and the observer a job reports
// to (metrics and events together).
import type { JobEventBody } from '../../model/job-events.js';
import type { MetaStore } from '../../model/meta-store.js';
import type { JobMetrics, JobObserver } from '../job-metrics.js';
import type { SyncHistoryEntry } from '../progress.js';
import type { Clock } from '../runtime.js';
import { JobEventLog } from './job-event-log.js';
import { eventObserver, fanOut } from './job-observers.js';
import { SyncHistoryWatch } from './sync-events.js';

export class EngineEvents {
  readonly log: JobEventLog;
  private readonly watches = new Map<string, SyncHistoryWatch>();

  constructor(
    store: MetaStore,
    clock: Clock,
    private readonly logLine: (level: 'info' | 'warn', message: string, job: string) => void,
    private readonly metrics: JobMetrics,
  ) {
    this.log = new JobEventLog(store, clock, logLine);
  }

  /** The health monitor found a job stalled, or moving again: said in the log and the event log. */
  stallChanged(job: string, change: 'stalled' | 'recovered', detail: string): void {
    this.logLine(change === 'stalled' ? 'warn' : 'info', `job ${change}: ${detail}`, job);
    this.log.record(job, { kind: change, detail });
  }

  record(job: string, body: JobEventBody): void {
    this.log.record(job, body);
  }

  /** A job starts here: what its stored history holds was announced already. */
  launched(job: string, history: readonly SyncHistoryEntry[]): void {
    if (!this.watches.has(job)) this.watches.set(job, new SyncHistoryWatch(history));
  }

  /** The job's progress was written: announce the syncs that started or finished since. */
  persisted(job: string, history: readonly SyncHistoryEntry[]): void {
    for (const event of this.watches.get(job)?.changes(history) ?? []) this.log.record(job, event);
  }

  observer(job: string): JobObserver {
    return fanOut(this.metrics.observer(job), eventObserver(this.log, job));
  }

  /** The job stopped here (deleted, or run elsewhere now). */
  forget(job: string): void {
    this.watches.delete(job);
    this.log.forget(job);
  }
}

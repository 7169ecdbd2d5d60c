// Full and partial sync events, read off the job's own sync history as its progress is persisted: a new
// history entry is a sync that started, an entry that gained its finish time one that finished. Every
// place a sync starts or ends already writes the history, so none of them has to remember the events.
import type { JobEventBody } from '../../model/job-events.js';
import type { SyncHistoryEntry } from '../progress.js';

const keyOf = (h: SyncHistoryEntry) => `${h.kind}@${h.startedAt}`;

export class SyncHistoryWatch {
  /** Entries seen so far, and whether they had finished. */
  private readonly seen = new Map<string, boolean>();

  /** Starts from the history as stored: what it holds was announced when it happened. */
  constructor(history: readonly SyncHistoryEntry[]) {
    for (const h of history) this.seen.set(keyOf(h), h.finishedAt !== undefined);
  }

  /** The events of what changed since the last call. */
  changes(history: readonly SyncHistoryEntry[]): JobEventBody[] {
    const events: JobEventBody[] = [];
    for (const h of history) {
      const key = keyOf(h);
      const was = this.seen.get(key);
      if (was === undefined)
        events.push({
          kind: 'sync_started',
          sync: h.kind,
          reason: h.reason,
          ...(h.tables ? { tables: h.tables } : {}),
          ...(h.partitions ? { partitions: h.partitions } : {}),
        });
      if (h.finishedAt !== undefined && was !== true)
        events.push({
          kind: 'sync_finished',
          sync: h.kind,
          reason: h.reason,
          duration_ms: h.finishedAt - h.startedAt,
          ...(h.rows === undefined ? {} : { rows: h.rows }),
        });
      this.seen.set(key, h.finishedAt !== undefined);
    }
    return events;
  }
}

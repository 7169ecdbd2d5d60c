// The table jobs of each database pair that are being created and have not yet asked for their full
// sync. A shared full sync gathers the jobs created together: while one of them is still running its
// create_ccr checks or starting up, more jobs are on the way; once none is (and no create_ccr has just
// ended, so a script's next call has had time to come), the jobs created so far need not wait any longer.
import type { Clock } from '../runtime.js';

export interface CreatesView {
  /** Jobs of the pair between their create_ccr call and their first full-sync request. */
  readonly pending: number;
  /** Clock time the latest create_ccr for the pair ended (successfully or not). */
  readonly lastEndedAt: number;
}

/** What FullSyncBatches asks of it. */
export interface CreatesPort {
  of(pairKey: string): CreatesView;
  /** The job has asked for its full sync: it is no longer on the way. */
  arrived(pairKey: string, job: string): void;
}

/** A job created this long ago that never asked (paused at once, failed to start) no longer counts. */
const PENDING_FOR_AT_MOST_MS = 10_000;

interface PairCreates {
  readonly pending: Map<string, number>;
  lastEndedAt: number;
}

export class CreatesInFlight implements CreatesPort {
  private readonly pairs = new Map<string, PairCreates>();

  constructor(private readonly clock: Clock) {}

  /**
   * A create_ccr for `job` of `pairKey` has begun. Call `ended(created)` when it has finished: a job that
   * was not created is forgotten at once, a created one when it asks for its full sync.
   */
  begin(pairKey: string, job: string): { ended(created: boolean): void } {
    const pair = this.pair(pairKey);
    pair.pending.set(job, this.clock.now());
    return {
      ended: (created) => {
        pair.lastEndedAt = this.clock.now();
        if (!created) pair.pending.delete(job);
      },
    };
  }

  arrived(pairKey: string, job: string): void {
    this.pairs.get(pairKey)?.pending.delete(job);
  }

  of(pairKey: string): CreatesView {
    const pair = this.pairs.get(pairKey);
    if (!pair) return { pending: 0, lastEndedAt: 0 };
    const now = this.clock.now();
    for (const [job, since] of pair.pending)
      if (now - since > PENDING_FOR_AT_MOST_MS) pair.pending.delete(job);
    return { pending: pair.pending.size, lastEndedAt: pair.lastEndedAt };
  }

  private pair(pairKey: string): PairCreates {
    let pair = this.pairs.get(pairKey);
    if (!pair) {
      pair = { pending: new Map(), lastEndedAt: 0 };
      this.pairs.set(pairKey, pair);
    }
    return pair;
  }
}

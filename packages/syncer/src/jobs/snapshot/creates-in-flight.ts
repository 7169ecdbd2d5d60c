// The table jobs of each database pair that are being created and have not yet asked for their full
// sync. A shared full sync gathers the jobs created together: while one of them is still running its
// create_ccr checks or starting up, more jobs are on the way. A job created with no other create_ccr for
// its pair in the last seconds is taken to be alone and need not wait once none is on the way; a job
// created soon after another (a script creating jobs one by one, whose next call may take a while to
// come) waits the whole gathering pause, so the jobs of a script still share one snapshot.
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
  /**
   * The job has asked for its full sync: it is no longer on the way. True when its create_ccr came with
   * no other for the pair shortly before it (the job may start without the whole gathering pause).
   */
  arrived(pairKey: string, job: string): boolean;
}

/** A job created this long ago that never asked (paused at once, failed to start) no longer counts. */
const PENDING_FOR_AT_MOST_MS = 10_000;
/** A create_ccr within this time after another one of the pair belongs to a batch of creations. */
const SIBLING_WINDOW_MS = 2_000;

interface PairCreates {
  /** Job → when its create began. */
  readonly pending: Map<string, number>;
  /** Jobs whose create came with no other shortly before it, until they arrive. */
  readonly alone: Set<string>;
  lastEndedAt: number;
  lastBeganAt: number;
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
    const now = this.clock.now();
    if (now - pair.lastBeganAt > SIBLING_WINDOW_MS && pair.pending.size === 0) pair.alone.add(job);
    pair.lastBeganAt = now;
    pair.pending.set(job, now);
    return {
      ended: (created) => {
        pair.lastEndedAt = this.clock.now();
        if (created) return;
        pair.pending.delete(job);
        pair.alone.delete(job);
      },
    };
  }

  arrived(pairKey: string, job: string): boolean {
    const pair = this.pairs.get(pairKey);
    if (!pair) return false;
    pair.pending.delete(job);
    return pair.alone.delete(job);
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
      pair = { pending: new Map(), alone: new Set(), lastEndedAt: 0, lastBeganAt: Number.NEGATIVE_INFINITY };
      this.pairs.set(pairKey, pair);
    }
    return pair;
  }
}

// The lag of each job over the last hour, as the health monitor saw it: what the console's lag chart
// draws (POST /lag_history). Kept in memory only — a restarted syncer starts a new hour — and bounded:
// one sample per look, at most one a second, none older than the window.

/** One look at a job: when, and how far behind it was. */
export interface LagSample {
  /** Unix ms. */
  readonly at: number;
  /** Age of the oldest unapplied source binlog; absent when its commit time is unknown. */
  readonly lag_seconds?: number;
  readonly lag_binlogs: number;
}

export const LAG_HISTORY_WINDOW_MS = 3_600_000;
/** Looks closer together than this (a short --stall_seconds) keep one sample. */
const MIN_SPACING_MS = 1_000;

export class LagHistory {
  private readonly samples: LagSample[] = [];
  /** How many samples the window holds at most: the ring's size. */
  readonly capacity: number;

  constructor(
    /** Between two looks of the monitor. */
    readonly intervalMs: number,
    readonly windowMs = LAG_HISTORY_WINDOW_MS,
  ) {
    this.capacity = Math.ceil(windowMs / Math.max(intervalMs, MIN_SPACING_MS)) + 1;
  }

  add(sample: LagSample): void {
    const last = this.samples[this.samples.length - 1];
    // 10% slack: a look that ran late must not push the next one out.
    if (last && sample.at - last.at < MIN_SPACING_MS * 0.9) return;
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
  }

  /** The samples of the window ending at `now`, oldest first. */
  since(now: number): LagSample[] {
    const from = now - this.windowMs;
    return this.samples.filter((s) => s.at >= from);
  }
}

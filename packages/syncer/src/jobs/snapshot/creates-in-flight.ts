// The create_ccr calls in progress per database pair. A shared full sync gathers the jobs created
// together; while another create_ccr for the same pair is still running its checks, more jobs are on the
// way, and once none is (and none has just finished), the jobs created so far need not wait any longer.
import type { Clock } from '../runtime.js';

export interface CreatesView {
  readonly inFlight: number;
  /** Clock time the latest create_ccr for the pair finished (successfully or not). */
  readonly lastEndedAt: number;
}

export class CreatesInFlight {
  private readonly pairs = new Map<string, { inFlight: number; lastEndedAt: number }>();

  constructor(private readonly clock: Clock) {}

  /** Marks a create_ccr for `pairKey` as running; call the answer when it has finished. */
  begin(pairKey: string): () => void {
    let entry = this.pairs.get(pairKey);
    if (!entry) {
      entry = { inFlight: 0, lastEndedAt: 0 };
      this.pairs.set(pairKey, entry);
    }
    entry.inFlight++;
    const counted = entry;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      counted.inFlight--;
      counted.lastEndedAt = this.clock.now();
    };
  }

  of(pairKey: string): CreatesView {
    return this.pairs.get(pairKey) ?? { inFlight: 0, lastEndedAt: 0 };
  }
}

// Stall detection for one job: a job that has moved nothing for `stallMs` while the source has binlogs it
// has not applied is stalled, whatever its runner says (a step that hangs, or fails and retries forever,
// looks 'running' or 'failing' in turn). Moving means: the applied commit seq advanced, the job changed
// state or step, or — during a full or partial sync, where nothing is applied until the end — a step
// succeeded. A paused job is never stalled; a job with nothing to apply is not stuck.
import { isReplayState, type JobPosition } from '../job-state.js';

/** What the watch compares between two looks at the job. */
export interface JobMarker {
  readonly position: JobPosition;
  readonly prevCommitSeq: string;
  /** Steps that succeeded so far. */
  readonly steps: number;
}

export type StallChange = 'stalled' | 'recovered';

export class StallWatch {
  private last: JobMarker | undefined;
  /** Unix ms of the last time the job moved (or had nothing to do). */
  lastActiveAt: number;
  /** Unix ms since which the job is stalled. */
  stalledSince: number | undefined;

  constructor(
    private readonly stallMs: number,
    now: number,
  ) {
    this.lastActiveAt = now;
  }

  /**
   * One look at the job. `sourceAhead`: the source has binlogs after the job's position (undefined when
   * the source could not be asked). Returns the change of stalled state, if any.
   */
  observe(
    now: number,
    marker: JobMarker,
    sourceAhead: boolean | undefined,
    paused: boolean,
  ): StallChange | undefined {
    const before = this.last;
    this.last = marker;
    const moved =
      before === undefined ||
      before.prevCommitSeq !== marker.prevCommitSeq ||
      before.position.state !== marker.position.state ||
      before.position.step !== marker.position.step ||
      (!isReplayState(marker.position.state) && before.steps !== marker.steps);
    const idleByRight = paused || (sourceAhead === false && isReplayState(marker.position.state));
    if (moved || idleByRight) this.lastActiveAt = now;
    const stuck = !paused && sourceAhead !== false && now - this.lastActiveAt >= this.stallMs;
    if (stuck && this.stalledSince === undefined) {
      this.stalledSince = this.lastActiveAt + this.stallMs;
      return 'stalled';
    }
    if (!stuck && this.stalledSince !== undefined) {
      this.stalledSince = undefined;
      return 'recovered';
    }
    return undefined;
  }
}

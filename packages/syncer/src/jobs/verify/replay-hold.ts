// A binlog barrier for one job: while a verification measures the target, the job applies nothing after
// the source commit seq the source side was measured at, so the target stands exactly at that seq. The
// job keeps replaying up to the barrier (it is not paused), and the barrier lasts only as long as the
// target's measurement.

export class ReplayHold {
  private at: bigint | undefined;

  /** The job may apply binlogs up to and including `seq`, nothing after. */
  hold(seq: bigint): void {
    this.at = seq;
  }

  release(): void {
    this.at = undefined;
  }

  /** Whether the binlog of `seq` must wait. */
  blocks(seq: bigint): boolean {
    return this.at !== undefined && seq > this.at;
  }

  /** The job stands at `applied` and may apply nothing more until the hold is released. */
  reached(applied: bigint): boolean {
    return this.at !== undefined && applied >= this.at;
  }
}

// A bounded number of full or partial syncs at a time per source database, across the jobs of this
// syncer. Doris keeps only the last few backups' snapshots per database (max_backup_restore_job_num_per_db,
// 10 by default), so when many table jobs of one database back up at once, later backups evict earlier
// snapshots before they are restored, and those jobs start over, again and again. A job takes one of its
// database's slots before its first snapshot step and gives it back once the restore is recorded (or it
// pauses, stops or is deleted); the others wait without counting it as an error, and are woken as soon as
// a slot frees up.
export const SLOTS_PER_DATABASE = 4;

export class SnapshotSlots {
  private readonly holders = new Map<string, Set<string>>();
  private readonly waiting = new Map<string, Set<string>>();

  constructor(
    private readonly wake: (job: string) => void = () => undefined,
    private readonly capacity = SLOTS_PER_DATABASE,
  ) {}

  /** True when `job` holds a slot of `key` (taking one if one is free). */
  acquire(key: string, job: string): boolean {
    let holders = this.holders.get(key);
    if (holders?.has(job)) return true;
    if (!holders) {
      holders = new Set();
      this.holders.set(key, holders);
    }
    if (holders.size < this.capacity) {
      holders.add(job);
      this.waiting.get(key)?.delete(job);
      return true;
    }
    let waiters = this.waiting.get(key);
    if (!waiters) {
      waiters = new Set();
      this.waiting.set(key, waiters);
    }
    waiters.add(job);
    return false;
  }

  release(key: string, job: string): void {
    const holders = this.holders.get(key);
    if (!holders?.delete(job)) return;
    if (holders.size === 0) this.holders.delete(key);
    const waiters = this.waiting.get(key);
    this.waiting.delete(key);
    for (const waiter of waiters ?? []) this.wake(waiter);
  }

  /** The jobs holding the slots of `key`, for status messages. */
  holdersOf(key: string): string[] {
    return [...(this.holders.get(key) ?? [])];
  }
}

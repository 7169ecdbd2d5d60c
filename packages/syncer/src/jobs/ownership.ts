// Who runs which job when several syncers share one metadata store (high availability and scale-out).
// Every syncer heartbeats and, every tick, renews the leases of the jobs it runs; a job whose lease it
// lost (another syncer took it over after this one stalled: SIGSTOP, a network cut, a clock jump) is
// stopped at once without writing anything — its progress writes are fenced by the lease's epoch anyway.
// Jobs nobody holds (new, released, or whose owner stopped renewing) are taken up to a fair share of the
// live syncers (and --max_jobs); a syncer above its share gives one job back per tick, between steps, so
// that a syncer that joins gets its share. A dead owner on this machine (its process is gone) is taken
// over at once instead of after its lease runs out, so a restarted syncer does not wait.
import { hostname } from 'node:os';
import type { JobRecord } from '../model/job-record.js';
import type { Lease, MetaStore, SyncerInfo } from '../model/meta-store.js';
import { failpoint } from './failpoints.js';
import type { Clock, Sleeper } from './runtime.js';

export interface SyncerIdentity {
  /** `host:port` of this syncer's API (the Go syncer's identity). */
  readonly id: string;
  readonly hostname: string;
  readonly pid: number;
}

export function localIdentity(id: string): SyncerIdentity {
  return { id, hostname: hostname(), pid: process.pid };
}

/** How long a lease lasts unless renewed; a dead owner's jobs move within about this long. */
export const DEFAULT_LEASE_MS = 8_000;

/** What the coordinator asks of the engine. */
export interface OwnedJobs {
  /** Names of the jobs this syncer runs now, with the lease each runs under. */
  local(): ReadonlyMap<string, Lease>;
  /** Starts a job under a lease just taken; `takenFrom`: the syncer whose lease ran out or died. */
  start(record: JobRecord, lease: Lease, takenFrom?: string): Promise<void>;
  /** Stops a job. `lost`: another syncer owns it now, so nothing may be written or undone for it. */
  stop(name: string, why: 'lost' | 'deleted' | 'rebalanced'): Promise<void>;
  /** A job's stored record changed (paused, resumed, host mapping) through another syncer. */
  recordChanged(record: JobRecord): void;
}

export interface OwnershipOptions {
  readonly store: MetaStore;
  readonly identity: SyncerIdentity;
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  readonly leaseMs: number;
  readonly maxJobs?: number;
  readonly log: (level: 'info' | 'warn' | 'error', message: string, job?: string) => void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

export class Ownership {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly options: OwnershipOptions,
    private readonly jobs: OwnedJobs,
  ) {}

  get tickMs(): number {
    return Math.max(50, Math.floor(this.options.leaseMs / 4));
  }

  /** Runs one round now, then keeps ticking until stop(). */
  async start(): Promise<void> {
    await this.tick();
    this.running = true;
    this.loop = this.run();
  }

  /** Ends the loop (the jobs keep their leases until leave()). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** The syncer leaves the group once its jobs are stopped: its leases are free for the others at once. */
  async leave(): Promise<void> {
    await this.options.store.removeSyncer(this.options.identity.id).catch(() => undefined);
  }

  /** Runs the next round soon (a job was created or deleted here). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.options.sleeper.sleep(this.tickMs).then(resolve);
      });
      this.wake = undefined;
      if (!this.running) break;
      try {
        await this.tick();
      } catch (error) {
        // The store is unreachable: nothing can be renewed. Jobs keep running until a fenced write fails
        // or the next round finds their leases gone; the store's own errors say why.
        this.options.log('warn', `ownership round failed: ${(error as Error).message}`);
      }
    }
  }

  /** One round: heartbeat, renew, notice lost and deleted jobs, take a fair share, give back extras. */
  async tick(): Promise<void> {
    const { store, identity, leaseMs } = this.options;
    const now = this.options.clock.now();
    await store.heartbeat(identity, now);
    const held = new Map((await store.renewLeases(identity.id, now, leaseMs)).map((l) => [l.job, l]));
    await failpoint('after_renew_leases');
    for (const [name, lease] of this.jobs.local()) {
      const still = held.get(name);
      if (!still || still.epoch !== lease.epoch) {
        this.options.log('warn', `lost the lease of job ${name} to another syncer; stopping it here`, name);
        await this.jobs.stop(name, 'lost');
      }
    }
    const [records, leases, syncers] = await Promise.all([
      store.listJobs(),
      store.listLeases(),
      store.listSyncers(),
    ]);
    const byName = new Map(records.map((r) => [r.name, r]));
    for (const name of this.jobs.local().keys()) {
      const record = byName.get(name);
      if (!record) await this.jobs.stop(name, 'deleted');
      else this.jobs.recordChanged(record);
    }
    const live = syncers.filter((s) => s.id === identity.id || now - s.heartbeatAt < leaseMs);
    const share = Math.min(
      this.options.maxJobs ?? Number.POSITIVE_INFINITY,
      Math.ceil(records.length / Math.max(1, live.length)),
    );
    await this.takeShare(records, leases, syncers, share, now);
    await this.giveBackExtra(leases, live, share, records.length);
  }

  private deadLocal(owner: string, syncers: readonly SyncerInfo[]): boolean {
    const s = syncers.find((x) => x.id === owner);
    return (
      !!s && s.hostname === this.options.identity.hostname && s.pid !== process.pid && !processAlive(s.pid)
    );
  }

  private async takeShare(
    records: readonly JobRecord[],
    leases: readonly Lease[],
    syncers: readonly SyncerInfo[],
    share: number,
    now: number,
  ): Promise<void> {
    const { store, identity, leaseMs } = this.options;
    const leaseOf = new Map(leases.map((l) => [l.job, l]));
    for (const record of records) {
      if (this.jobs.local().size >= share) return;
      if (this.jobs.local().has(record.name)) continue;
      const lease = leaseOf.get(record.name);
      const dead = lease && lease.syncerId !== '' && this.deadLocal(lease.syncerId, syncers);
      const free =
        !lease || lease.syncerId === '' || lease.expiresAt <= now || lease.syncerId === identity.id;
      if (!free && !dead) continue;
      await failpoint('before_take_lease');
      const taken = await store.acquireLease(
        record.name,
        identity.id,
        now,
        leaseMs,
        dead ? lease.syncerId : undefined,
      );
      if (!taken) continue;
      await failpoint('after_take_lease');
      const takenFrom =
        lease && lease.syncerId !== '' && lease.syncerId !== identity.id ? lease.syncerId : undefined;
      if (takenFrom)
        this.options.log(
          'info',
          `took over job ${record.name} from ${takenFrom} (epoch ${taken.epoch})`,
          record.name,
        );
      await this.jobs.start(record, taken, takenFrom);
    }
  }

  /** Above its share while another live syncer is below it: hand one job back (between its steps). */
  private async giveBackExtra(
    leases: readonly Lease[],
    live: readonly SyncerInfo[],
    share: number,
    total: number,
  ): Promise<void> {
    const mine = this.jobs.local();
    if (mine.size <= share || live.length < 2) return;
    const counts = new Map(live.map((s) => [s.id, 0]));
    for (const l of leases) if (counts.has(l.syncerId)) counts.set(l.syncerId, counts.get(l.syncerId)! + 1);
    const below = [...counts.entries()].some(
      ([id, n]) => id !== this.options.identity.id && n < Math.floor(total / live.length),
    );
    if (!below) return;
    const [name, lease] = [...mine.entries()].sort(([a], [b]) => (a < b ? 1 : -1))[0]!;
    this.options.log('info', `handing job ${name} over to a syncer with fewer jobs`, name);
    await this.jobs.stop(name, 'rebalanced');
    await failpoint('before_release_lease');
    await this.options.store.releaseLease(name, { syncerId: lease.syncerId, epoch: lease.epoch });
    await failpoint('after_release_lease');
  }
}

// Gathers the full syncs of table jobs that copy tables of one source database into one target database,
// so that one backup and one restore serve them all (table-sync/shared-full-sync.ts). A job asks again on
// each step and waits, without counting it as an error, until its shared sync has an outcome; it is woken
// when that happens. A shared sync starts as soon as its database pair has no backup running, after a
// short gathering pause (jobs created or resumed together join the same one); jobs that ask while a
// backup runs go into the next one, whose backup then overlaps the running sync's restore. A job with
// nobody to share with takes the per-job path.
import type { Spec } from '../../model/spec.js';
import type { ClusterAccess, Row } from '../cluster-access.js';
import { sharedSnapshotName } from '../labels.js';
import type { Clock, Sleeper } from '../runtime.js';
import type { CreatesPort } from './creates-in-flight.js';
import { runSharedFullSync, type SharedSyncMember, type SharedSyncOutcome } from './shared-full-sync.js';

export interface BatchEntry {
  readonly member: SharedSyncMember;
  readonly src: Spec;
  readonly dest: Spec;
  /**
   * When the job asked for this full sync, if that is known and recent (a new job: when its create_ccr
   * call came). The gathering pause counts from it, so the create checks that kept the job from asking
   * sooner are not waited for again; a single job starts its own full sync that much earlier.
   */
  readonly requestedAt?: number;
}

export type BatchTicket =
  | { readonly kind: 'queued' }
  | { readonly kind: 'running'; readonly snapshot: string; readonly tables: number }
  | SharedSyncOutcome;

export interface FullSyncBatchOptions {
  readonly connect: (spec: Spec) => Promise<ClusterAccess>;
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  /** Wakes a job whose shared sync has an outcome. */
  readonly wake: (job: string) => void;
  /** A member's shared backup or restore was read (its progress, for job_status). */
  readonly observe?: (job: string, phase: 'backup' | 'restore', row: Row) => void;
  readonly log: (level: 'info' | 'warn', message: string) => void;
  /** Pause after the latest arrival before a shared sync starts (jobs created together join it). */
  readonly gatherMs?: number;
  /**
   * The jobs being created per database pair: when every queued job was created alone and no other is
   * being created or starting, the pause ends early (a job created alone starts at once).
   */
  readonly creates?: CreatesPort;
  /** Longest a shared sync waits for arrivals, counted from the first. */
  readonly maxGatherMs?: number;
  readonly pollMs?: number;
  /** Most tables in one shared backup (a real FE also limits tablets per backup job). */
  readonly maxTables?: number;
}

interface Batch {
  readonly name: string;
  /** Members still waiting for the outcome (a paused or deleted job leaves). */
  readonly members: Map<string, BatchEntry>;
}

interface Pair {
  readonly key: string;
  readonly queue: Map<string, BatchEntry>;
  readonly running: Set<Batch>;
  backupRunning: boolean;
  gathering: boolean;
  /** Clock time of the latest arrival in the queue. */
  lastArrival: number;
  /** Every job queued since the last start was a new one created alone (creates-in-flight.ts). */
  onlyNewJobs: boolean;
}

/** Quiet time after the latest create_ccr and arrival before new jobs stop waiting for more. */
const CREATES_SETTLED_MS = 25;

/** What decides which jobs may share a snapshot: both clusters, users and databases. */
export function databasePairKey(src: Spec, dest: Spec): string {
  const side = (s: Spec) => `${s.user}@${s.host}:${s.port}/${s.cluster ?? ''}/${s.database}`;
  return `${side(src)}|${side(dest)}`;
}

export class FullSyncBatches {
  private readonly pairs = new Map<string, Pair>();
  private readonly outcomes = new Map<string, SharedSyncOutcome>();
  private serial = 0;

  constructor(private readonly options: FullSyncBatchOptions) {}

  /** Where the job's full sync stands; queues the job on its first call. An outcome is handed out once. */
  take(entry: BatchEntry): BatchTicket {
    const job = entry.member.job;
    const outcome = this.outcomes.get(job);
    if (outcome) {
      this.outcomes.delete(job);
      return outcome;
    }
    const key = databasePairKey(entry.src, entry.dest);
    let pair = this.pairs.get(key);
    if (!pair) {
      pair = {
        key,
        queue: new Map(),
        running: new Set(),
        backupRunning: false,
        gathering: false,
        lastArrival: 0,
        onlyNewJobs: true,
      };
      this.pairs.set(key, pair);
    }
    for (const batch of pair.running)
      if (batch.members.has(job))
        return { kind: 'running', snapshot: batch.name, tables: batch.members.size };
    if (!pair.queue.has(job)) {
      const createdAlone = this.options.creates?.arrived(key, job) ?? false;
      pair.queue.set(job, entry);
      const now = this.options.clock.now();
      const at = entry.requestedAt;
      // A job created alone counts as arrived when its create_ccr came, so the checks that kept it from
      // asking sooner are not waited for again; any other job when it asks.
      const early = createdAlone && at !== undefined && at <= now && now - at < this.gatherMs;
      if (!early) pair.onlyNewJobs = false;
      pair.lastArrival = Math.max(pair.lastArrival, early ? at : now);
      this.schedule(pair);
    }
    return { kind: 'queued' };
  }

  private get gatherMs(): number {
    return this.options.gatherMs ?? 150;
  }

  /** The job no longer waits (paused, stopped, deleted, or restarted with a new progress). */
  leave(job: string): void {
    this.outcomes.delete(job);
    for (const pair of this.pairs.values()) {
      pair.queue.delete(job);
      for (const batch of pair.running) batch.members.delete(job);
    }
  }

  /** Starts the next shared sync once arrivals pause (or the longest gathering time has passed). */
  private schedule(pair: Pair): void {
    if (pair.gathering || pair.backupRunning || pair.queue.size === 0) return;
    pair.gathering = true;
    // Long enough for jobs created by one script (each create_ccr runs its own checks first) to arrive
    // together on a busy machine; a job created alone does not wait for company that is not coming.
    const gatherMs = this.gatherMs;
    const deadline = this.options.clock.now() + (this.options.maxGatherMs ?? 1_000);
    const gather = async () => {
      // At least one turn, so the job that arrived first has gone back to wait when it is woken.
      let wait = 0;
      for (;;) {
        await this.options.sleeper.sleep(wait);
        const now = this.options.clock.now();
        if (now >= deadline || this.createsSettled(pair, now)) break;
        let next = pair.lastArrival + gatherMs - now; // what is left of the pause
        if (next <= 0) {
          // Jobs still being created or starting are waited for past the pause (up to the deadline).
          if ((this.options.creates?.of(pair.key).pending ?? 0) === 0) break;
          next = CREATES_SETTLED_MS;
        } else if (pair.onlyNewJobs && this.options.creates) next = Math.min(next, CREATES_SETTLED_MS);
        wait = Math.min(next, deadline - now);
      }
      pair.gathering = false;
      this.start(pair);
    };
    void gather();
  }

  /** Only new jobs wait, no other is being created or starting, and none has ended or arrived just now. */
  private createsSettled(pair: Pair, now: number): boolean {
    if (!pair.onlyNewJobs || !this.options.creates) return false;
    const creates = this.options.creates.of(pair.key);
    return (
      creates.pending === 0 &&
      now - creates.lastEndedAt >= CREATES_SETTLED_MS &&
      now - pair.lastArrival >= CREATES_SETTLED_MS
    );
  }

  private start(pair: Pair): void {
    if (pair.backupRunning || pair.queue.size === 0) return;
    const members = new Map<string, BatchEntry>();
    for (const [job, entry] of pair.queue) {
      if (members.size >= (this.options.maxTables ?? 100)) break;
      members.set(job, entry);
    }
    for (const job of members.keys()) pair.queue.delete(job);
    // Jobs left over (past maxTables) gather again with the full pause; a new queue starts as new jobs.
    pair.onlyNewJobs = pair.queue.size === 0;
    if (members.size === 1) {
      // Nothing to share: the per-job path, whose backup and restore a restarted syncer finds again by name.
      const [job] = members.keys();
      this.outcomes.set(job!, { kind: 'alone', reason: 'no other job of the database pair syncs now' });
      this.options.wake(job!);
      this.forgetIfIdle(pair);
      return;
    }
    const first = members.values().next().value!;
    const name = sharedSnapshotName(
      `${first.src.database}_${first.dest.database}`,
      pair.key,
      ++this.serial,
      Math.floor(this.options.clock.now() / 1000),
    );
    const batch: Batch = { name, members };
    pair.backupRunning = true;
    pair.running.add(batch);
    this.options.log('info', `shared full sync ${name}: one snapshot for ${members.size} table job(s)`);
    void this.run(pair, batch);
  }

  private async run(pair: Pair, batch: Batch): Promise<void> {
    const entries = [...batch.members.values()];
    const first = entries[0]!;
    let backupReleased = false;
    const releaseBackup = () => {
      if (backupReleased) return;
      backupReleased = true;
      pair.backupRunning = false;
      this.schedule(pair);
    };
    let outcomes: Map<string, SharedSyncOutcome>;
    const opened: ClusterAccess[] = [];
    try {
      const src = await this.options.connect(first.src);
      opened.push(src);
      const dest = await this.options.connect(first.dest);
      opened.push(dest);
      outcomes = await runSharedFullSync({
        name: batch.name,
        src,
        dest,
        srcDb: first.src.database,
        destDb: first.dest.database,
        members: entries.map((e) => e.member),
        clock: this.options.clock,
        sleeper: this.options.sleeper,
        pollMs: this.options.pollMs ?? 50,
        wanted: () => batch.members.size > 0,
        isMember: (job) => batch.members.has(job),
        onBackupDone: releaseBackup,
        observe: (phase, row) => {
          for (const job of batch.members.keys()) this.options.observe?.(job, phase, row);
        },
        log: (message) => this.options.log('info', `shared full sync ${batch.name}: ${message}`),
      });
    } catch (error) {
      const reason = `shared full sync ${batch.name} could not connect: ${(error as Error).message}`;
      outcomes = new Map(entries.map((e) => [e.member.job, { kind: 'alone', reason }] as const));
    } finally {
      releaseBackup();
      await Promise.all(opened.map((a) => a.close()));
    }
    pair.running.delete(batch);
    const alone = [...outcomes.values()].filter((o) => o.kind === 'alone');
    if (alone.length > 0)
      this.options.log(
        'warn',
        `shared full sync ${batch.name}: ${alone.length} of ${entries.length} job(s) sync alone (${alone[0]!.reason})`,
      );
    for (const [job, outcome] of outcomes) {
      if (!batch.members.has(job)) continue;
      this.outcomes.set(job, outcome);
      this.options.wake(job);
    }
    this.forgetIfIdle(pair);
  }

  private forgetIfIdle(pair: Pair): void {
    if (pair.queue.size === 0 && pair.running.size === 0 && !pair.gathering) this.pairs.delete(pair.key);
  }
}

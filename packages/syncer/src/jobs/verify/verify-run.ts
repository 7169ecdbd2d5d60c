// One verification, pause-free: the source side of every table is measured between two reads of the
// source's newest commit seq (s1, s2); the job is then held at s2 (replay-hold.ts) — it keeps applying up to
// s2 and nothing after — and the target side is measured once the job has applied s2. A table whose
// binlogs appear in (s1, s2] changed while the source was measured, and one whose binlogs appear between
// s2 and where the job already stood changed after it: those are measured again in the next round, up to
// MAX_ROUNDS; what never settles is reported as such. Every other table compares both sides at one state.
import type { JobRecord } from '../../model/job-record.js';
import { JobServiceError } from '../../model/job-service.js';
import type { VerifyResult, VerifyTable } from '../../model/verify-result.js';
import type { ClusterAccess } from '../cluster-access.js';
import { lagOf } from '../job-views.js';
import type { JobProgress } from '../progress.js';
import type { Clock, Sleeper } from '../runtime.js';
import type { ReplayHold } from './replay-hold.js';
import { type StreamScope, touchedTables } from './source-changes.js';
import { measureTable, type TableFigures, tableShape } from './table-measure.js';
import { compareTable } from './verify-report.js';
import type { VerifyTarget } from './verify-targets.js';

/** Rounds of measurement before the tables still changing are reported as unsettled. */
export const MAX_ROUNDS = 8;
/** Longest wait for the job to apply the seq the source was measured at. */
export const DEFAULT_REACH_MS = 60_000;
const REACH_POLL_MS = 50;

/** The job as a verification sees it. */
export interface VerifySubject {
  readonly record: JobRecord;
  /** The job's progress now (a relaunched job has a new one). */
  progress(): JobProgress;
  readonly src: ClusterAccess;
  readonly dest: ClusterAccess;
  readonly hold: ReplayHold;
  /** Why the job cannot apply more binlogs now (paused, in a full sync, failing), or undefined. */
  blocked(): string | undefined;
  /** Wakes the job's runner (it may be sleeping between idle looks). */
  poke(): void;
}

export interface VerifyRunOptions {
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  readonly reachMs?: number;
  readonly maxRounds?: number;
}

function streamScope(record: JobRecord): StreamScope {
  if (record.sync_type === 'db_sync') return { db: record.src.database };
  return {
    db: record.src.database,
    table: { name: record.src.table, id: BigInt(record.src.table_id ?? '0') },
  };
}

async function newestSeq(subject: VerifySubject, clock: Clock): Promise<bigint> {
  const lag = await lagOf(
    subject.src,
    { record: subject.record, progress: subject.progress(), owner: '' },
    clock.now(),
  );
  return BigInt(lag.last_commit_seq ?? '0');
}

function applied(subject: VerifySubject): bigint {
  return BigInt(subject.progress().prevCommitSeq);
}

/** Waits until the job has applied `seq` (it is held there); a job that cannot get there fails the run. */
async function reach(subject: VerifySubject, seq: bigint, options: VerifyRunOptions): Promise<void> {
  const limit = options.reachMs ?? DEFAULT_REACH_MS;
  const deadline = options.clock.now() + limit;
  subject.poke();
  while (applied(subject) < seq) {
    const blocked = subject.blocked();
    const name = subject.record.name;
    if (blocked !== undefined)
      throw new JobServiceError(
        `job ${name} is ${blocked} at source commit seq ${applied(subject)}; the source is at ${seq}, so the target cannot be compared: verify once the job has caught up`,
        409,
      );
    if (options.clock.now() >= deadline)
      throw new JobServiceError(
        `job ${name} did not apply source commit seq ${seq} within ${limit / 1000} s (it is at ${applied(subject)}); verify again when it has caught up`,
        503,
      );
    await options.sleeper.sleep(REACH_POLL_MS);
    subject.poke();
  }
}

/** Each table's shape, then (between `before` and `after`, e.g. two reads of the source's seq) its figures. */
async function measureAll(
  cluster: ClusterAccess,
  db: string,
  names: readonly string[],
  before: () => Promise<bigint> = async () => 0n,
): Promise<{ figures: TableFigures[]; from: bigint }> {
  const shapes = [];
  for (const name of names) shapes.push(await tableShape(cluster.sql, db, name));
  const from = await before();
  const figures: TableFigures[] = [];
  for (const [i, name] of names.entries())
    figures.push(await measureTable(cluster.sql, db, name, shapes[i]!));
  return { figures, from };
}

export async function runVerify(
  subject: VerifySubject,
  targets: readonly VerifyTarget[],
  options: VerifyRunOptions,
): Promise<VerifyResult> {
  const { clock } = options;
  const maxRounds = options.maxRounds ?? MAX_ROUNDS;
  const startedAt = clock.now();
  const scope = streamScope(subject.record);
  const results = new Map<string, VerifyTable>();
  let pending = [...targets];
  let rounds = 0;
  let newest = 0n;
  while (pending.length > 0 && rounds < maxRounds) {
    rounds++;
    const last = rounds === maxRounds;
    const { figures: srcFigures, from: s1 } = await measureAll(
      subject.src,
      subject.record.src.database,
      pending.map((t) => t.srcTable),
      () => newestSeq(subject, clock),
    );
    const s2 = await newestSeq(subject, clock);
    // Held at once: the job must not apply what arrives after s2 while the range is read.
    subject.hold.hold(s2);
    let destFigures: Map<VerifyTarget, TableFigures>;
    let moved = new Set<string>();
    try {
      if (s2 > s1) moved = await touchedTables(subject.src, scope, s1, s2);
      await reach(subject, s2, options);
      const at = applied(subject);
      // The job may have stood past s2 already when the hold was set: what it applied there counts too.
      for (const id of at > s2 ? await touchedTables(subject.src, scope, s2, at) : []) moved.add(id);
      const measured = pending.filter((t) => last || !moved.has(t.srcId));
      const { figures } = await measureAll(
        subject.dest,
        subject.record.dest.database,
        measured.map((t) => t.destTable),
      );
      destFigures = new Map(measured.map((t, i) => [t, figures[i]!]));
    } finally {
      subject.hold.release();
      subject.poke();
    }
    newest = s2 > newest ? s2 : newest;
    const again: VerifyTarget[] = [];
    pending.forEach((target, i) => {
      const dest = destFigures.get(target);
      if (dest === undefined) again.push(target);
      else
        results.set(
          target.srcTable,
          compareTable(target, srcFigures[i]!, dest, !moved.has(target.srcId), s2),
        );
    });
    pending = again;
  }
  const tables = targets.map((t) => results.get(t.srcTable)!);
  const unsettled = tables.filter((t) => !t.settled).length;
  const differences = tables.filter((t) => t.settled && !t.match).length;
  return {
    job: subject.record.name,
    started_at: new Date(startedAt).toISOString(),
    finished_at: new Date(clock.now()).toISOString(),
    matched: unsettled === 0 && differences === 0,
    commit_seq: newest.toString(),
    attempts: rounds,
    differences,
    unsettled,
    tables,
  };
}

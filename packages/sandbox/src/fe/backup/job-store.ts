// The FE's backup/restore jobs (BackupHandler's per-database deques) and local snapshots (the meta and
// job info of finished `__keep_on_local__` backups, read by getSnapshot). Both live in tables of their own
// in the sandbox data file, so finished jobs and snapshots survive a restart; each database keeps its last
// `max_backup_restore_job_num_per_db` jobs, oldest first.
import { decodeJson, encodeJson } from '../../storage/json-codec.js';
import type { Sqlite } from '../../storage/sqlite.js';
import type { Frontend } from '../frontend.js';
import type { Job } from './job-types.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS fe_backup_restore_jobs (
    job_id INTEGER PRIMARY KEY, db_id INTEGER NOT NULL, body TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS fe_local_snapshots (
    label TEXT PRIMARY KEY, job_id INTEGER NOT NULL, meta BLOB NOT NULL, job_info TEXT NOT NULL,
    expired_at INTEGER NOT NULL, commit_seq INTEGER NOT NULL
  );
`;

export interface LocalSnapshot {
  readonly label: string;
  readonly jobId: bigint;
  readonly meta: Buffer;
  readonly jobInfo: string;
  readonly expiredAt: number;
  readonly commitSeq: bigint;
}

export class JobStore {
  private readonly jobs = new Map<bigint, Job>();
  private readonly stmts;

  constructor(
    db: Sqlite,
    private readonly maxJobsPerDb: () => number,
  ) {
    db.exec(SCHEMA);
    this.stmts = {
      put: db.prepare('INSERT OR REPLACE INTO fe_backup_restore_jobs (job_id, db_id, body) VALUES (?, ?, ?)'),
      remove: db.prepare('DELETE FROM fe_backup_restore_jobs WHERE job_id = ?'),
      all: db.prepare('SELECT body FROM fe_backup_restore_jobs ORDER BY job_id'),
      putSnapshot: db.prepare(
        `INSERT OR REPLACE INTO fe_local_snapshots (label, job_id, meta, job_info, expired_at, commit_seq)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      snapshot: db.prepare('SELECT * FROM fe_local_snapshots WHERE label = ?'),
      removeSnapshotOf: db.prepare('DELETE FROM fe_local_snapshots WHERE job_id = ?'),
    };
    this.stmts.snapshot.safeIntegers(true);
    for (const row of this.stmts.all.all() as { body: string }[]) {
      const job = decodeJson<Job>(row.body);
      this.jobs.set(job.jobId, job);
    }
  }

  all(): Job[] {
    return [...this.jobs.values()].sort((a, b) => (a.jobId < b.jobId ? -1 : 1));
  }

  get(jobId: bigint): Job | undefined {
    return this.jobs.get(jobId);
  }

  /** The jobs a database keeps, oldest first. */
  ofDb(dbId: bigint): Job[] {
    return this.all().filter((j) => j.dbId === dbId);
  }

  /** The database's current job: the newest one it keeps. */
  current(dbId: bigint): Job | undefined {
    return this.ofDb(dbId).at(-1);
  }

  /**
   * Adds a new job, first dropping the database's oldest jobs beyond the limit (Doris keeps a bounded
   * deque per database). Returns the dropped jobs so their snapshots can be released. Runs inside a commit.
   */
  add(job: Job): Job[] {
    const limit = Math.max(1, this.maxJobsPerDb());
    const kept = this.ofDb(job.dbId);
    const evicted: Job[] = [];
    while (kept.length >= limit) {
      const oldest = kept.shift()!;
      this.jobs.delete(oldest.jobId);
      this.stmts.remove.run(oldest.jobId);
      this.stmts.removeSnapshotOf.run(oldest.jobId);
      evicted.push(oldest);
    }
    this.save(job);
    return evicted;
  }

  /** Persists the job's current state; runs inside the operation's commit. */
  save(job: Job): void {
    this.jobs.set(job.jobId, job);
    this.stmts.put.run(job.jobId, job.dbId, encodeJson(job));
  }

  putSnapshot(snapshot: LocalSnapshot): void {
    this.stmts.putSnapshot.run(
      snapshot.label,
      snapshot.jobId,
      snapshot.meta,
      snapshot.jobInfo,
      snapshot.expiredAt,
      snapshot.commitSeq,
    );
  }

  snapshot(label: string): LocalSnapshot | undefined {
    const row = this.stmts.snapshot.get(label) as
      | {
          label: string;
          job_id: bigint;
          meta: Buffer;
          job_info: string;
          expired_at: bigint;
          commit_seq: bigint;
        }
      | undefined;
    if (!row) return undefined;
    return {
      label: row.label,
      jobId: row.job_id,
      meta: row.meta,
      jobInfo: row.job_info,
      expiredAt: Number(row.expired_at),
      commitSeq: row.commit_seq,
    };
  }

  removeSnapshotOf(jobId: bigint): void {
    this.stmts.removeSnapshotOf.run(jobId);
  }
}

const stores = new WeakMap<Frontend, JobStore>();

/** The backup/restore jobs of a FE, loaded from its data file on first use. */
export function jobStore(fe: Frontend): JobStore {
  let store = stores.get(fe);
  if (!store) {
    store = new JobStore(fe.sqlite, () => fe.config.int('max_backup_restore_job_num_per_db'));
    stores.set(fe, store);
  }
  return store;
}

// The embedded metadata store: one SQLite file (--db_dir) holding jobs and their progress. better-sqlite3
// is synchronous; the methods are async anyway so that the job engine is written against the same
// contract as the networked MySQL engine.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { EventQuery, JobEvent, JobEventBody } from '../model/job-events.js';
import type { JobRecord } from '../model/job-record.js';
import {
  type CreateGuard,
  type Fence,
  JobExistsError,
  JobNotFoundError,
  type Lease,
  LeaseLostError,
  type MetaStore,
  type StoredProgress,
  type SyncerInfo,
} from '../model/meta-store.js';
import { MetaStoreClosedError, MetaStoreCorruptError, MetaStoreError, MetaStoreOpenError } from './errors.js';
import { eventFilter } from './event-filter.js';
import { acquireOwnerLock, type OwnerLock } from './owner-lock.js';
import * as leases from './sqlite-leases.js';
import { checkSqliteSchema, migrateSqliteSchema } from './sqlite-schema.js';

export interface SqliteMetaStoreOptions {
  /** The database file; created when missing, its directory must exist. */
  readonly path: string;
  /**
   * How long a statement waits for another connection's lock before failing with SQLITE_BUSY. Another
   * syncer process, or a backup tool, may hold the file briefly; waiting is better than failing a job step.
   */
  readonly busyTimeoutMs?: number;
  /** Clock for the created_at/updated_at columns (Unix ms); injectable for tests. */
  readonly now?: () => number;
  /**
   * Hold `<path>.lock` while open and refuse a file another live process holds (owner-lock.ts): what a
   * syncer does. Off for tools and tests that open one file from several processes on purpose.
   */
  readonly ownerLock?: boolean;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

type Db = Database.Database;
type Statement = Database.Statement;

/** Prepared once per open file: these run on every progress checkpoint. */
interface Statements {
  readonly jobExists: Statement;
  readonly getJob: Statement;
  readonly listJobs: Statement;
  readonly insertJob: Statement;
  readonly updateJob: Statement;
  readonly deleteJob: Statement;
  readonly deleteProgress: Statement;
  readonly deleteOwner: Statement;
  readonly getProgress: Statement;
  readonly putProgress: Statement;
  readonly insertEvent: Statement;
  readonly eventCutoff: Statement;
  readonly trimEvents: Statement;
  readonly deleteEvents: Statement;
}

interface Open {
  readonly db: Db;
  readonly sql: Statements;
}

function prepare(db: Db): Statements {
  return {
    jobExists: db.prepare('SELECT 1 FROM jobs WHERE name = ?').pluck(),
    getJob: db.prepare('SELECT record FROM jobs WHERE name = ?').pluck(),
    listJobs: db.prepare('SELECT name, record FROM jobs ORDER BY name'),
    insertJob: db.prepare('INSERT INTO jobs (name, record, created_at, updated_at) VALUES (?, ?, ?, ?)'),
    updateJob: db.prepare('UPDATE jobs SET record = ?, updated_at = ? WHERE name = ?'),
    deleteJob: db.prepare('DELETE FROM jobs WHERE name = ?'),
    deleteProgress: db.prepare('DELETE FROM progresses WHERE job_name = ?'),
    deleteOwner: db.prepare('DELETE FROM job_owners WHERE job_name = ?'),
    getProgress: db.prepare('SELECT progress, updated_at FROM progresses WHERE job_name = ?'),
    // An upsert, so a job whose progress row went missing gets one back rather than failing forever.
    putProgress: db.prepare(
      `INSERT INTO progresses (job_name, progress, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (job_name) DO UPDATE SET progress = excluded.progress, updated_at = excluded.updated_at`,
    ),
    insertEvent: db.prepare('INSERT INTO job_events (job_name, at, kind, body) VALUES (?, ?, ?, ?)'),
    eventCutoff: db
      .prepare('SELECT id FROM job_events WHERE job_name = ? ORDER BY id DESC LIMIT 1 OFFSET ?')
      .pluck(),
    trimEvents: db.prepare('DELETE FROM job_events WHERE job_name = ? AND id <= ?'),
    deleteEvents: db.prepare('DELETE FROM job_events WHERE job_name = ?'),
  };
}

/** The database file and whichever of its WAL and shared-memory files exist: mode 0600. */
function privateFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

function isBusy(error: unknown): boolean {
  const code = sqliteCode(error instanceof MetaStoreOpenError ? error.cause : error);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The record is checked to be a JSON object, but its message never quotes it: it holds passwords. */
function parseRecord(path: string, name: string, text: unknown): JobRecord {
  let value: unknown;
  try {
    value = JSON.parse(String(text));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MetaStoreCorruptError(`${path}: the stored record of job ${name} is not a JSON object`);
  }
  return value as JobRecord;
}

function checkName(name: unknown): void {
  if (typeof name !== 'string' || name === '') throw new TypeError('job name must be a non-empty string');
}

export class SqliteMetaStore implements MetaStore {
  readonly path: string;
  readonly #busyTimeoutMs: number;
  readonly #now: () => number;
  readonly #ownerLock: boolean;
  #lock: OwnerLock | undefined;
  #open: Open | undefined;

  constructor(options: SqliteMetaStoreOptions) {
    if (!options.path) throw new MetaStoreOpenError('the SQLite metadata store needs a file path (--db_dir)');
    this.path = options.path;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
    this.#ownerLock = options.ownerLock ?? false;
  }

  async init(): Promise<void> {
    if (this.#open) return;
    if (this.#ownerLock && this.path !== ':memory:') this.#lock ??= acquireOwnerLock(this.path);
    try {
      await this.#openFile();
    } catch (error) {
      this.#lock?.release();
      this.#lock = undefined;
      throw error;
    }
  }

  async #openFile(): Promise<void> {
    // Real time, not the injected clock: this waits for another process's lock.
    const deadline = performance.now() + this.#busyTimeoutMs;
    for (;;) {
      const db = this.#connect();
      try {
        this.#configure(db);
        migrateSqliteSchema(db, this.path);
        // Job records hold cluster credentials: the file, its WAL and shared-memory index are for their
        // owner only (files an older version created with the umask's mode are narrowed here).
        if (this.path !== ':memory:') privateFiles(this.path);
        this.#open = { db, sql: prepare(db) };
        return;
      } catch (error) {
        db.close();
        // Several processes opening one fresh file at once: switching it to WAL and recovering the WAL
        // take locks for which SQLite answers "database is locked" at once instead of waiting through the
        // busy timeout. That is a wait, not a failure: open again until the busy timeout has passed.
        if (!isBusy(error) || performance.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
      }
    }
  }

  async createJob(job: JobRecord, progress: string, refuse?: CreateGuard): Promise<void> {
    checkName(job.name);
    const { db, sql } = this.#use();
    const now = this.#now();
    const record = JSON.stringify(job);
    // IMMEDIATE takes the write lock before the existence check, so a concurrent creator in another
    // process cannot slip in between the check and the insert (and a deferred transaction upgrading to a
    // writer would get SQLITE_BUSY without waiting for the busy timeout).
    db.transaction(() => {
      if (sql.jobExists.get(job.name) !== undefined) throw new JobExistsError(job.name);
      if (refuse) refuse(this.#allJobs());
      sql.insertJob.run(job.name, record, now, now);
      sql.putProgress.run(job.name, progress, now);
    }).immediate();
  }

  async getJob(name: string): Promise<JobRecord | undefined> {
    const { sql } = this.#use();
    const text = sql.getJob.get(name);
    return text === undefined ? undefined : parseRecord(this.path, name, text);
  }

  /** Every job, ordered by name. */
  async listJobs(): Promise<JobRecord[]> {
    return this.#allJobs();
  }

  #allJobs(): JobRecord[] {
    const { sql } = this.#use();
    const rows = sql.listJobs.all() as { name: string; record: string }[];
    return rows.map((row) => parseRecord(this.path, row.name, row.record));
  }

  /** Replaces the record of an existing job; fails with JobNotFoundError rather than creating one. */
  async updateJob(job: JobRecord, fence?: Fence): Promise<void> {
    checkName(job.name);
    const { db, sql } = this.#use();
    db.transaction(() => {
      if (fence && sql.jobExists.get(job.name) !== undefined && !leases.holdsLease(db, job.name, fence))
        throw new LeaseLostError(job.name, fence);
      const result = sql.updateJob.run(JSON.stringify(job), this.#now(), job.name);
      if (result.changes === 0) throw new JobNotFoundError(job.name);
    }).immediate();
  }

  async deleteJob(name: string): Promise<boolean> {
    const { db, sql } = this.#use();
    // The foreign keys would cascade these, but deleting explicitly keeps the intent visible and keeps
    // the statement list identical to what an engine without cascades (MySQL) will run.
    return db
      .transaction(() => {
        sql.deleteEvents.run(name);
        sql.deleteProgress.run(name);
        sql.deleteOwner.run(name);
        return sql.deleteJob.run(name).changes > 0;
      })
      .immediate();
  }

  async getProgress(name: string): Promise<StoredProgress | undefined> {
    const { sql } = this.#use();
    const row = sql.getProgress.get(name) as { progress: string; updated_at: number } | undefined;
    return row === undefined
      ? undefined
      : { jobName: name, progress: row.progress, updatedAt: row.updated_at };
  }

  async putProgress(name: string, progress: string, fence?: Fence): Promise<void> {
    const { db, sql } = this.#use();
    const now = this.#now();
    // Checked in the same transaction as the write: a step still running for a job deleted meanwhile
    // must fail, not resurrect a progress row that a later job of the same name would inherit; a syncer
    // whose job was taken over must fail, not overwrite the new owner's progress.
    db.transaction(() => {
      if (sql.jobExists.get(name) === undefined) throw new JobNotFoundError(name);
      if (fence && !leases.holdsLease(db, name, fence)) throw new LeaseLostError(name, fence);
      sql.putProgress.run(name, progress, now);
    }).immediate();
  }

  async appendEvent(
    job: string,
    at: number,
    event: JobEventBody & { message: string },
    keep: number,
  ): Promise<void> {
    const { db, sql } = this.#use();
    db.transaction(() => {
      if (sql.jobExists.get(job) === undefined) throw new JobNotFoundError(job);
      sql.insertEvent.run(job, at, event.kind, JSON.stringify(event));
      const cutoff = sql.eventCutoff.get(job, keep) as number | undefined;
      if (cutoff !== undefined) sql.trimEvents.run(job, cutoff);
    }).immediate();
  }

  async listEvents(job: string, query: EventQuery): Promise<JobEvent[]> {
    const { db } = this.#use();
    const { where, params, newest } = eventFilter(query);
    const rows = db
      .prepare(
        `SELECT id, at, body FROM job_events WHERE job_name = ?${where} ORDER BY id ${newest ? 'DESC' : 'ASC'} LIMIT ?`,
      )
      .all(job, ...params, query.limit) as Array<{ id: number; at: number; body: string }>;
    if (newest) rows.reverse();
    return rows.map((r) => ({
      ...(JSON.parse(r.body) as JobEventBody & { message: string }),
      id: r.id,
      at: r.at,
    }));
  }

  async heartbeat(syncer: Omit<SyncerInfo, 'heartbeatAt'>, now: number): Promise<void> {
    leases.heartbeat(this.#use().db, syncer, now);
  }

  async removeSyncer(id: string): Promise<void> {
    leases.removeSyncer(this.#use().db, id);
  }

  async listSyncers(): Promise<SyncerInfo[]> {
    return leases.listSyncers(this.#use().db);
  }

  async listLeases(): Promise<Lease[]> {
    return leases.listLeases(this.#use().db);
  }

  async acquireLease(
    job: string,
    syncerId: string,
    now: number,
    leaseMs: number,
    stealFrom?: string,
  ): Promise<Lease | undefined> {
    return leases.acquireLease(this.#use().db, job, syncerId, now, leaseMs, stealFrom);
  }

  async renewLeases(syncerId: string, now: number, leaseMs: number): Promise<Lease[]> {
    return leases.renewLeases(this.#use().db, syncerId, now, leaseMs);
  }

  async releaseLease(job: string, fence: Fence): Promise<void> {
    leases.releaseLease(this.#use().db, job, fence);
  }

  async close(): Promise<void> {
    const open = this.#open;
    this.#open = undefined;
    // The last connection to close checkpoints the WAL into the main file and removes it.
    open?.db.close();
    this.#lock?.release();
    this.#lock = undefined;
  }

  #use(): Open {
    if (!this.#open)
      throw new MetaStoreClosedError(`metadata store ${this.path} is not open (call init() first)`);
    return this.#open;
  }

  #connect(): Db {
    try {
      // SQLite creates the WAL and its index with the database file's mode: create that file private,
      // before SQLite does with the umask's mode, so no companion file is ever readable by others.
      if (this.path !== ':memory:') closeSync(openSync(this.path, 'a', 0o600));
      return new Database(this.path, { timeout: this.#busyTimeoutMs });
    } catch (error) {
      throw new MetaStoreOpenError(`cannot open metadata store ${this.path}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * Checks before it changes anything: a damaged, foreign or newer file is refused byte-identical, so the
   * operator can still inspect it or hand it back to the program that wrote it. The first statement reads
   * the file header, so a file that is not a database at all fails there.
   */
  #configure(db: Db): void {
    try {
      // Cheap for a metadata file (a few MB at most) and turns a damaged file into a clear startup error
      // instead of a job that fails mid-step when it first touches the bad page.
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new MetaStoreCorruptError(`metadata store ${this.path} is damaged: ${String(check)}`);
      }
      // One read transaction, so the version and the table list come from the same moment: another
      // process may be initialising the file between two separate reads (tables there, version not yet).
      db.transaction(() => checkSqliteSchema(db, this.path)).deferred();
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      // WAL lets readers (the HTTP API) proceed while a job writes its progress.
      if (mode !== 'wal' && this.path !== ':memory:') {
        throw new MetaStoreOpenError(
          `metadata store ${this.path} cannot use WAL journaling (got ${String(mode)})`,
        );
      }
      // FULL also fsyncs the WAL on every commit. The job engine checkpoints its progress before acting on
      // the target (committing a transaction, swapping a table); a checkpoint lost to a power failure would
      // make it redo that action, so durability is worth one fsync per checkpoint.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
    } catch (error) {
      if (error instanceof MetaStoreError) throw error;
      const code = sqliteCode(error);
      if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT')) {
        throw new MetaStoreCorruptError(
          `metadata store ${this.path} is damaged or not a SQLite database (${messageOf(error)}); ` +
            'it was left untouched: move it away or point --db_dir at another file',
          { cause: error },
        );
      }
      throw new MetaStoreOpenError(`cannot open metadata store ${this.path}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }
}

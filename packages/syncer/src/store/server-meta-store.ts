// The metadata store on a shared database server (MySQL/MariaDB or PostgreSQL, --db_type mysql|postgresql):
// the same contract as the SQLite store, over a ServerDriver. Every write is one transaction; a job's
// progress can only be written while the job exists (checked under a row lock in the same transaction),
// so a step still running for a deleted job cannot resurrect its progress.
import type { JobRecord } from '../model/job-record.js';
import {
  JobExistsError,
  JobNotFoundError,
  type MetaStore,
  type StoredProgress,
} from '../model/meta-store.js';
import { MetaStoreClosedError, MetaStoreCorruptError } from './errors.js';
import type { ServerDriver, SqlExec } from './server-driver.js';
import { migrateServerSchema } from './server-schema.js';

export interface ServerMetaStoreOptions {
  readonly now?: () => number;
}

export class ServerMetaStore implements MetaStore {
  readonly #driver: ServerDriver;
  readonly #now: () => number;
  #ready = false;
  #closed = false;

  constructor(driver: ServerDriver, options: ServerMetaStoreOptions = {}) {
    this.#driver = driver;
    this.#now = options.now ?? Date.now;
  }

  get where(): string {
    return this.#driver.where;
  }

  async init(): Promise<void> {
    if (this.#ready) return;
    if (this.#closed) throw new MetaStoreClosedError(`metadata store ${this.where} is closed`);
    await this.#driver.ensureDatabase();
    await migrateServerSchema(this.#driver);
    this.#ready = true;
  }

  async createJob(job: JobRecord, progress: string): Promise<void> {
    const d = this.#use();
    const now = this.#now();
    try {
      await d.transaction(async (tx) => {
        await tx.execute('INSERT INTO ccr_jobs (name, record, created_at, updated_at) VALUES (?, ?, ?, ?)', [
          job.name,
          JSON.stringify(job),
          now,
          now,
        ]);
        await tx.execute('INSERT INTO ccr_progresses (job_name, progress, updated_at) VALUES (?, ?, ?)', [
          job.name,
          progress,
          now,
        ]);
      });
    } catch (error) {
      if (d.isDuplicateKey(error)) throw new JobExistsError(job.name);
      throw error;
    }
  }

  async getJob(name: string): Promise<JobRecord | undefined> {
    const [row] = await this.#use().query('SELECT record FROM ccr_jobs WHERE name = ?', [name]);
    return row ? this.#parse(name, row.record) : undefined;
  }

  async listJobs(): Promise<JobRecord[]> {
    const rows = await this.#use().query('SELECT name, record FROM ccr_jobs ORDER BY name');
    return rows.map((r) => this.#parse(String(r.name), r.record));
  }

  async updateJob(job: JobRecord): Promise<void> {
    const changed = await this.#use().execute(
      'UPDATE ccr_jobs SET record = ?, updated_at = ? WHERE name = ?',
      [JSON.stringify(job), this.#now(), job.name],
    );
    if (changed === 0) throw new JobNotFoundError(job.name);
  }

  async deleteJob(name: string): Promise<boolean> {
    return this.#use().transaction(async (tx) => {
      // The job row first, as putProgress locks it first: the other order could deadlock with a writer.
      await tx.query('SELECT name FROM ccr_jobs WHERE name = ? FOR UPDATE', [name]);
      await tx.execute('DELETE FROM ccr_progresses WHERE job_name = ?', [name]);
      await tx.execute('DELETE FROM ccr_job_owners WHERE job_name = ?', [name]);
      return (await tx.execute('DELETE FROM ccr_jobs WHERE name = ?', [name])) > 0;
    });
  }

  async getProgress(name: string): Promise<StoredProgress | undefined> {
    const [row] = await this.#use().query(
      'SELECT progress, updated_at FROM ccr_progresses WHERE job_name = ?',
      [name],
    );
    return row
      ? { jobName: name, progress: String(row.progress), updatedAt: Number(row.updated_at) }
      : undefined;
  }

  async putProgress(name: string, progress: string): Promise<void> {
    const d = this.#use();
    const now = this.#now();
    await d.transaction(async (tx) => {
      // The job row is locked for the write: a delete waits, then finds the progress gone with it.
      const [job] = await tx.query(`SELECT name FROM ccr_jobs WHERE name = ? ${lockClause(d)}`, [name]);
      if (!job) throw new JobNotFoundError(name);
      await upsertProgress(d, tx, name, progress, now);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#ready = false;
    await this.#driver.close();
  }

  #use(): ServerDriver {
    if (!this.#ready)
      throw new MetaStoreClosedError(`metadata store ${this.where} is not open (call init() first)`);
    return this.#driver;
  }

  #parse(name: string, text: unknown): JobRecord {
    try {
      return JSON.parse(String(text)) as JobRecord;
    } catch (error) {
      throw new MetaStoreCorruptError(`job ${name} in ${this.where} has an unreadable record`, {
        cause: error,
      });
    }
  }
}

function lockClause(d: ServerDriver): string {
  return d.engine === 'mysql' ? 'LOCK IN SHARE MODE' : 'FOR SHARE';
}

async function upsertProgress(d: ServerDriver, tx: SqlExec, name: string, progress: string, now: number) {
  if (d.engine === 'mysql') {
    await tx.execute(
      `INSERT INTO ccr_progresses (job_name, progress, updated_at) VALUES (?, ?, ?)
       ON DUPLICATE KEY UPDATE progress = VALUES(progress), updated_at = VALUES(updated_at)`,
      [name, progress, now],
    );
  } else {
    await tx.execute(
      `INSERT INTO ccr_progresses (job_name, progress, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (job_name) DO UPDATE SET progress = EXCLUDED.progress, updated_at = EXCLUDED.updated_at`,
      [name, progress, now],
    );
  }
}

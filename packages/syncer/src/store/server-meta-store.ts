// The metadata store on a shared database server (MySQL/MariaDB or PostgreSQL, --db_type mysql|postgresql):
// the same contract as the SQLite store, over a ServerDriver. Every write is one transaction; a job's
// progress can only be written while the job exists (checked under a row lock in the same transaction),
// so a step still running for a deleted job cannot resurrect its progress.
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
import { MetaStoreClosedError, MetaStoreCorruptError } from './errors.js';
import { eventFilter } from './event-filter.js';
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

  async createJob(job: JobRecord, progress: string, refuse?: CreateGuard): Promise<void> {
    const d = this.#use();
    const now = this.#now();
    const insert = async () => {
      try {
        await d.transaction(async (tx) => {
          await tx.execute(
            'INSERT INTO ccr_jobs (name, record, created_at, updated_at) VALUES (?, ?, ?, ?)',
            [job.name, JSON.stringify(job), now, now],
          );
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
    };
    if (!refuse) return insert();
    // Creators of every syncer of the group take this lock in turn: a guard never decides on a list
    // another creator is about to change.
    return d.withLock('ccr_create_job', async () => {
      if (await this.getJob(job.name)) throw new JobExistsError(job.name);
      refuse(await this.listJobs());
      await insert();
    });
  }

  async getJob(name: string): Promise<JobRecord | undefined> {
    const [row] = await this.#use().query('SELECT record FROM ccr_jobs WHERE name = ?', [name]);
    return row ? this.#parse(name, row.record) : undefined;
  }

  async listJobs(): Promise<JobRecord[]> {
    const rows = await this.#use().query('SELECT name, record FROM ccr_jobs ORDER BY name');
    return rows.map((r) => this.#parse(String(r.name), r.record));
  }

  async updateJob(job: JobRecord, fence?: Fence): Promise<void> {
    const d = this.#use();
    // Fenced: one statement that changes the record only while the job is owned under the fence.
    const changed = fence
      ? await d.execute(
          `UPDATE ccr_jobs SET record = ?, updated_at = ? WHERE name = ?
           AND EXISTS (SELECT 1 FROM ccr_job_owners o WHERE o.job_name = ? AND o.syncer_id = ? AND o.epoch = ?)`,
          [JSON.stringify(job), this.#now(), job.name, job.name, fence.syncerId, fence.epoch],
        )
      : await d.execute('UPDATE ccr_jobs SET record = ?, updated_at = ? WHERE name = ?', [
          JSON.stringify(job),
          this.#now(),
          job.name,
        ]);
    if (changed > 0) return;
    if (fence && (await this.getJob(job.name))) throw new LeaseLostError(job.name, fence);
    throw new JobNotFoundError(job.name);
  }

  async deleteJob(name: string): Promise<boolean> {
    return this.#use().transaction(async (tx) => {
      // The job row first, as putProgress locks it first: the other order could deadlock with a writer.
      await tx.query('SELECT name FROM ccr_jobs WHERE name = ? FOR UPDATE', [name]);
      await tx.execute('DELETE FROM ccr_job_events WHERE job_name = ?', [name]);
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

  async putProgress(name: string, progress: string, fence?: Fence): Promise<void> {
    const d = this.#use();
    const now = this.#now();
    if (fence) return this.#fencedPut(d, name, progress, now, fence);
    await d.transaction(async (tx) => {
      // The job row is locked for the write: a delete waits, then finds the progress gone with it.
      const [job] = await tx.query(`SELECT name FROM ccr_jobs WHERE name = ? ${lockClause(d)}`, [name]);
      if (!job) throw new JobNotFoundError(name);
      await upsertProgress(d, tx, name, progress, now);
    });
  }

  /**
   * The owner's write: one statement that writes only while the job is owned under the fence, so no lock
   * outlives it. A syncer frozen (SIGSTOP) between two writes then holds no lock that would keep its
   * successor from taking the job over.
   */
  async #fencedPut(
    d: ServerDriver,
    name: string,
    progress: string,
    now: number,
    fence: Fence,
  ): Promise<void> {
    const source =
      'FROM ccr_job_owners o JOIN ccr_jobs j ON j.name = o.job_name WHERE o.job_name = ? AND o.syncer_id = ? AND o.epoch = ?';
    const written =
      d.engine === 'mysql'
        ? await d.execute(
            `INSERT INTO ccr_progresses (job_name, progress, updated_at) SELECT ?, ?, ? ${source}
             ON DUPLICATE KEY UPDATE progress = VALUES(progress), updated_at = VALUES(updated_at)`,
            [name, progress, now, name, fence.syncerId, fence.epoch],
          )
        : await d.execute(
            `INSERT INTO ccr_progresses (job_name, progress, updated_at) SELECT ?, ?, ? ${source}
             ON CONFLICT (job_name) DO UPDATE SET progress = EXCLUDED.progress, updated_at = EXCLUDED.updated_at`,
            [name, progress, now, name, fence.syncerId, fence.epoch],
          );
    if (written > 0) return;
    const [job] = await d.query('SELECT name FROM ccr_jobs WHERE name = ?', [name]);
    throw job ? new LeaseLostError(name, fence) : new JobNotFoundError(name);
  }

  async appendEvent(
    job: string,
    at: number,
    event: JobEventBody & { message: string },
    keep: number,
  ): Promise<void> {
    const d = this.#use();
    // One statement that inserts only while the job exists: an event never outlives a deleted job.
    const inserted = await d.execute(
      'INSERT INTO ccr_job_events (job_name, at, kind, body) SELECT name, ?, ?, ? FROM ccr_jobs WHERE name = ?',
      [at, event.kind, JSON.stringify(event), job],
    );
    if (inserted === 0) throw new JobNotFoundError(job);
    // MySQL cannot delete from a table its own subquery reads: the cutoff is read first.
    const [cutoff] = await d.query(
      'SELECT id FROM ccr_job_events WHERE job_name = ? ORDER BY id DESC LIMIT 1 OFFSET ?',
      [job, keep],
    );
    if (cutoff)
      await d.execute('DELETE FROM ccr_job_events WHERE job_name = ? AND id <= ?', [job, Number(cutoff.id)]);
  }

  async listEvents(job: string, query: EventQuery): Promise<JobEvent[]> {
    const { where, params, newest } = eventFilter(query);
    const rows = await this.#use().query(
      `SELECT id, at, body FROM ccr_job_events WHERE job_name = ?${where} ORDER BY id ${newest ? 'DESC' : 'ASC'} LIMIT ?`,
      [job, ...params, query.limit],
    );
    if (newest) rows.reverse();
    return rows.map((r) => ({
      ...(JSON.parse(String(r.body)) as JobEventBody & { message: string }),
      id: Number(r.id),
      at: Number(r.at),
    }));
  }

  async heartbeat(syncer: Omit<SyncerInfo, 'heartbeatAt'>, now: number): Promise<void> {
    const d = this.#use();
    const updated = await d.execute(
      'UPDATE ccr_syncers SET hostname = ?, pid = ?, heartbeat_at = ? WHERE id = ?',
      [syncer.hostname, syncer.pid, now, syncer.id],
    );
    if (updated > 0) return;
    try {
      await d.execute('INSERT INTO ccr_syncers (id, hostname, pid, heartbeat_at) VALUES (?, ?, ?, ?)', [
        syncer.id,
        syncer.hostname,
        syncer.pid,
        now,
      ]);
    } catch (error) {
      if (!d.isDuplicateKey(error)) throw error;
    }
  }

  async removeSyncer(id: string): Promise<void> {
    await this.#use().transaction(async (tx) => {
      await tx.execute(`UPDATE ccr_job_owners SET syncer_id = '', expires_at = 0 WHERE syncer_id = ?`, [id]);
      await tx.execute('DELETE FROM ccr_syncers WHERE id = ?', [id]);
    });
  }

  async listSyncers(): Promise<SyncerInfo[]> {
    const rows = await this.#use().query(
      'SELECT id, hostname, pid, heartbeat_at FROM ccr_syncers ORDER BY id',
    );
    return rows.map((r) => ({
      id: String(r.id),
      hostname: String(r.hostname),
      pid: Number(r.pid),
      heartbeatAt: Number(r.heartbeat_at),
    }));
  }

  async listLeases(): Promise<Lease[]> {
    const rows = await this.#use().query(
      'SELECT job_name, syncer_id, epoch, expires_at FROM ccr_job_owners ORDER BY job_name',
    );
    return rows.map(leaseOf);
  }

  async acquireLease(
    job: string,
    syncerId: string,
    now: number,
    leaseMs: number,
    stealFrom?: string,
  ): Promise<Lease | undefined> {
    const d = this.#use();
    const expiresAt = now + leaseMs;
    // Single conditional statements, no transaction: an acquirer that stalls holds no lock afterwards.
    const [row] = await d.query('SELECT syncer_id FROM ccr_job_owners WHERE job_name = ?', [job]);
    if (!row) {
      try {
        const inserted = await d.execute(
          'INSERT INTO ccr_job_owners (job_name, syncer_id, epoch, expires_at) SELECT name, ?, 1, ? FROM ccr_jobs WHERE name = ?',
          [syncerId, expiresAt, job],
        );
        return inserted > 0 ? { job, syncerId, epoch: 1, expiresAt } : undefined;
      } catch (error) {
        // Another syncer inserted the first owner row at the same moment: it has the job.
        if (d.isDuplicateKey(error)) return undefined;
        throw error;
      }
    }
    const renewed = await d.execute(
      'UPDATE ccr_job_owners SET expires_at = ? WHERE job_name = ? AND syncer_id = ?',
      [expiresAt, job, syncerId],
    );
    if (renewed === 0) {
      const taken = await d.execute(
        `UPDATE ccr_job_owners SET syncer_id = ?, epoch = epoch + 1, expires_at = ?
         WHERE job_name = ? AND (syncer_id = '' OR expires_at <= ? OR syncer_id = ?)`,
        [syncerId, expiresAt, job, now, stealFrom ?? ''],
      );
      if (taken === 0) return undefined;
    }
    const [mine] = await d.query('SELECT epoch FROM ccr_job_owners WHERE job_name = ? AND syncer_id = ?', [
      job,
      syncerId,
    ]);
    return mine ? { job, syncerId, epoch: Number(mine.epoch), expiresAt } : undefined;
  }

  async renewLeases(syncerId: string, now: number, leaseMs: number): Promise<Lease[]> {
    const d = this.#use();
    await d.execute('UPDATE ccr_job_owners SET expires_at = ? WHERE syncer_id = ?', [
      now + leaseMs,
      syncerId,
    ]);
    const rows = await d.query(
      'SELECT job_name, syncer_id, epoch, expires_at FROM ccr_job_owners WHERE syncer_id = ? ORDER BY job_name',
      [syncerId],
    );
    return rows.map(leaseOf);
  }

  async releaseLease(job: string, fence: Fence): Promise<void> {
    await this.#use().execute(
      `UPDATE ccr_job_owners SET syncer_id = '', expires_at = 0 WHERE job_name = ? AND syncer_id = ? AND epoch = ?`,
      [job, fence.syncerId, fence.epoch],
    );
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

function leaseOf(r: Record<string, unknown>): Lease {
  return {
    job: String(r.job_name),
    syncerId: String(r.syncer_id),
    epoch: Number(r.epoch),
    expiresAt: Number(r.expires_at),
  };
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

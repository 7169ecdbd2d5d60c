// The syncer's metadata store: jobs, their progress, and (for HA) the syncers that own them. One
// interface, several engines (SQLite embedded by default; MySQL later), all writes transactional.
import type { JobRecord } from './job-record.js';

/** The progress of one job, as an opaque JSON document owned by the job engine. */
export interface StoredProgress {
  readonly jobName: string;
  /** JSON text; the engine serialises 64-bit ids as strings. */
  readonly progress: string;
  /** Unix ms of the last write. */
  readonly updatedAt: number;
}

export interface MetaStore {
  /** Creates or upgrades the schema; idempotent. */
  init(): Promise<void>;
  /** Fails with JobExistsError when a job with the same name exists. */
  createJob(job: JobRecord, progress: string): Promise<void>;
  getJob(name: string): Promise<JobRecord | undefined>;
  listJobs(): Promise<JobRecord[]>;
  updateJob(job: JobRecord): Promise<void>;
  /** Deletes the job and its progress together; returns whether it existed. */
  deleteJob(name: string): Promise<boolean>;
  getProgress(name: string): Promise<StoredProgress | undefined>;
  /** Overwrites the job's progress; fails with JobNotFoundError for an unknown job. */
  putProgress(name: string, progress: string): Promise<void>;
  close(): Promise<void>;
}

export class JobExistsError extends Error {
  override readonly name = 'JobExistsError';
  constructor(job: string) {
    super(`job ${job} already exist`);
  }
}

export class JobNotFoundError extends Error {
  override readonly name = 'JobNotFoundError';
  constructor(job: string) {
    super(`job ${job} not exist`);
  }
}

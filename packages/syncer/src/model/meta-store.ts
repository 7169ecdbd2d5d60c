// The syncer's metadata store: jobs, their progress, and (for HA) the syncers that own them. One
// interface, several engines (SQLite embedded by default; MySQL later), all writes transactional.
import type { EventQuery, JobEvent, JobEventBody } from './job-events.js';
import type { JobRecord } from './job-record.js';

/** The progress of one job, as an opaque JSON document owned by the job engine. */
export interface StoredProgress {
  readonly jobName: string;
  /** JSON text; the engine serialises 64-bit ids as strings. */
  readonly progress: string;
  /** Unix ms of the last write. */
  readonly updatedAt: number;
}

/** A syncer of the group, as its heartbeats describe it. */
export interface SyncerInfo {
  /** `host:port` of its API. */
  readonly id: string;
  /** The machine it runs on (os.hostname()) and its process id: a dead local owner is taken over at once. */
  readonly hostname: string;
  readonly pid: number;
  /** Unix ms of its last heartbeat. */
  readonly heartbeatAt: number;
}

/** Who runs a job, and the fencing token of that ownership (it grows with every change of owner). */
export interface Lease {
  readonly job: string;
  /** '' when released. */
  readonly syncerId: string;
  readonly epoch: number;
  /** Unix ms; the owner renews it well before. */
  readonly expiresAt: number;
}

/** What a write must prove: that the writer still owns the job under this epoch. */
export interface Fence {
  readonly syncerId: string;
  readonly epoch: number;
}

/** Decides under the store's creation lock whether a new job may join the stored ones (throws if not). */
export type CreateGuard = (stored: readonly JobRecord[]) => void;

export interface MetaStore {
  /** Creates or upgrades the schema; idempotent. */
  init(): Promise<void>;
  /**
   * Fails with JobExistsError when a job with the same name exists. `refuse`, when given, sees every
   * stored job (passwords as stored) while no other creator can add one — across processes and syncers
   * of a group — and refuses the new job by throwing; nothing is written then.
   */
  createJob(job: JobRecord, progress: string, refuse?: CreateGuard): Promise<void>;
  getJob(name: string): Promise<JobRecord | undefined>;
  listJobs(): Promise<JobRecord[]>;
  /**
   * Replaces a job's record. With a fence (the owner's own writes: pausing itself, following a new table
   * id) it fails with LeaseLostError once another syncer owns the job; admin changes come unfenced.
   */
  updateJob(job: JobRecord, fence?: Fence): Promise<void>;
  /** Deletes the job and its progress together; returns whether it existed. */
  deleteJob(name: string): Promise<boolean>;
  getProgress(name: string): Promise<StoredProgress | undefined>;
  /**
   * Overwrites the job's progress; fails with JobNotFoundError for an unknown job, and with LeaseLostError
   * when a fence is given and the job is no longer owned under it (another syncer took it over).
   */
  putProgress(name: string, progress: string, fence?: Fence): Promise<void>;
  close(): Promise<void>;

  // The job's event log (model/job-events.ts), deleted with the job.
  /**
   * Appends an event and drops the job's oldest beyond `keep`; fails with JobNotFoundError for an unknown
   * job (an event of a deleted job must not outlive it).
   */
  appendEvent(
    job: string,
    at: number,
    event: JobEventBody & { message: string },
    keep: number,
  ): Promise<void>;
  /** The job's events matching the query, oldest first. */
  listEvents(job: string, query: EventQuery): Promise<JobEvent[]>;

  // High availability: syncers heartbeat; each job is owned through a lease with a fencing epoch.
  /** Records (or refreshes) a syncer's heartbeat. */
  heartbeat(syncer: Omit<SyncerInfo, 'heartbeatAt'>, now: number): Promise<void>;
  /** Removes a syncer that shuts down cleanly, releasing its leases. */
  removeSyncer(id: string): Promise<void>;
  listSyncers(): Promise<SyncerInfo[]>;
  listLeases(): Promise<Lease[]>;
  /**
   * Takes the job's lease for `syncerId` when it is free, expired, already ours, or held by `stealFrom` (a
   * syncer known to be dead); a new owner gets the next epoch. Undefined when another syncer holds it or
   * the job does not exist.
   */
  acquireLease(
    job: string,
    syncerId: string,
    now: number,
    leaseMs: number,
    stealFrom?: string,
  ): Promise<Lease | undefined>;
  /** Extends every lease the syncer holds; answers the jobs it still holds with their epochs. */
  renewLeases(syncerId: string, now: number, leaseMs: number): Promise<Lease[]>;
  /** Gives the lease up (keeping its epoch, so the next owner's is higher); no effect if not held so. */
  releaseLease(job: string, fence: Fence): Promise<void>;
}

/** A fenced write by a syncer that no longer owns the job: it must stop the job, writing nothing. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(job: string, fence: Fence) {
    super(`job ${job} is no longer owned by syncer ${fence.syncerId} under epoch ${fence.epoch}`);
  }
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

// The FE's alter jobs (Doris's AlterHandler job maps): every job ever created, finished ones included so
// SHOW ALTER TABLE can list them, loaded from the store the first time a Frontend's jobs are asked for.

import { decodeJson, encodeJson } from '../../storage/json-codec.js';
import type { Frontend } from '../frontend.js';
import { type AlterJob, isFinalState } from './alter-job.js';

export class AlterJobStore {
  private readonly jobs = new Map<bigint, AlterJob>();

  constructor(private readonly fe: Frontend) {
    for (const row of fe.store.objects('job')) {
      const job = decodeJson<AlterJob>(row.body);
      this.jobs.set(job.jobId, job);
    }
  }

  all(): AlterJob[] {
    return [...this.jobs.values()].sort((a, b) => (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
  }

  get(jobId: bigint): AlterJob | undefined {
    return this.jobs.get(jobId);
  }

  /** Unfinished jobs of a table (schema change and rollup jobs keep the table out of NORMAL state). */
  unfinished(tableId: bigint): AlterJob[] {
    return this.all().filter((j) => j.tableId === tableId && !isFinalState(j.state));
  }

  /** Persists the job's current state; must run inside the operation's commit. */
  save(job: AlterJob): void {
    this.jobs.set(job.jobId, job);
    this.fe.store.putObject('job', job.jobId, job.tableId, encodeJson(job));
  }
}

const stores = new WeakMap<Frontend, AlterJobStore>();

export function alterJobs(fe: Frontend): AlterJobStore {
  let store = stores.get(fe);
  if (!store) {
    store = new AlterJobStore(fe);
    stores.set(fe, store);
  }
  return store;
}

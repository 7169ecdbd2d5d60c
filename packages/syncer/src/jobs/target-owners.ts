// One owner per target: two jobs writing into one target table double its rows (each applies every
// source transaction), and a database job owns every table of its target database. create_ccr refuses a
// job whose target overlaps another job's — stored (any syncer of the group, paused ones included) or
// being created right now by this syncer — with a 409 naming that job.
import type { JobRecord } from '../model/job-record.js';
import { JobServiceError } from '../model/job-service.js';
import type { Spec } from '../model/spec.js';

/** What a job writes into: a table, or (table '') a whole database, of a cluster known by its FE addresses. */
export interface Target {
  /** `host:query_port` of every FE the spec names (the one it was created with, and any it learnt). */
  readonly addresses: ReadonlySet<string>;
  readonly database: string;
  /** '' for a database job. */
  readonly table: string;
}

export function targetOf(dest: Spec): Target {
  const addresses = new Set([`${dest.host.toLowerCase()}:${dest.port}`]);
  for (const fe of dest.frontends ?? []) addresses.add(`${fe.host.toLowerCase()}:${fe.port}`);
  return { addresses, database: dest.database, table: dest.table };
}

function sameCluster(a: Target, b: Target): boolean {
  for (const address of a.addresses) if (b.addresses.has(address)) return true;
  return false;
}

/** Same database, and one of them is the whole database or both are the same table. */
export function overlaps(a: Target, b: Target): boolean {
  if (!sameCluster(a, b) || a.database !== b.database) return false;
  return a.table === '' || b.table === '' || a.table === b.table;
}

function describeTarget(target: Target): string {
  const [address] = target.addresses;
  return target.table === ''
    ? `dest database ${target.database} on ${address}`
    : `dest table ${target.database}.${target.table} on ${address}`;
}

function conflict(target: Target, other: string, otherTarget: Target): JobServiceError {
  const theirs =
    otherTarget.table === ''
      ? `database ${otherTarget.database}`
      : `table ${otherTarget.database}.${otherTarget.table}`;
  return new JobServiceError(
    `${describeTarget(target)} is already the target of job ${other} (it copies into ${theirs}); ` +
      'a target table or database can have one job only',
    409,
  );
}

/** Refuses `target` when a stored job other than `name` writes into an overlapping target. */
export function refuseTakenTarget(name: string, target: Target, jobs: readonly JobRecord[]): void {
  for (const job of jobs) {
    if (job.name === name) continue;
    const theirs = targetOf(job.dest);
    if (overlaps(target, theirs)) throw conflict(target, job.name, theirs);
  }
}

/**
 * Targets of the jobs this syncer is creating right now: their checks take a while (both clusters are
 * asked), and two create_ccr calls for one target arriving together must not both pass.
 */
export class TargetReservations {
  readonly #pending = new Map<string, Target>();

  /** Reserves the target for the job being created; the returned function releases it. */
  reserve(name: string, target: Target): () => void {
    for (const [other, theirs] of this.#pending) {
      if (overlaps(target, theirs)) throw conflict(target, other, theirs);
    }
    this.#pending.set(name, target);
    return () => {
      if (this.#pending.get(name) === target) this.#pending.delete(name);
    };
  }
}

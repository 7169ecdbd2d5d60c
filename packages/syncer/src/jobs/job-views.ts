// What the API shows of a running job: its status (runner state and progress position) and its lag, the
// latter asked of the source FE (getBinlogLag) from the job's applied commit seq. Read-only: the engine
// owns every change.
import { StatusCode } from '@doris-ccr/protocol';
import type { JobRecord } from '../model/job-record.js';
import { type JobLag, JobServiceError, type JobStatus, type SyncerView } from '../model/job-service.js';
import type { MetaStore } from '../model/meta-store.js';
import type { ClusterAccess } from './cluster-access.js';
import type { JobRunner } from './job-runner.js';
import { decodeProgress, initialProgress, type JobProgress } from './progress.js';
import type { SyncWatch } from './sync-progress/sync-watch.js';
import type { ReplayHold } from './verify/replay-hold.js';

/** A job the engine runs: its record, live progress, runner and (once connected) cluster connections. */
export interface LiveJob {
  record: JobRecord;
  progress: JobProgress;
  runner: JobRunner;
  src?: ClusterAccess;
  dest?: ClusterAccess;
  /** Another syncer took the job over: nothing more may be written for it here. */
  lost?: boolean;
  /** A verification's barrier on the job's replay (verify/). */
  readonly hold: ReplayHold;
  /** Phases and Doris's task progress of the running full or partial sync (sync-progress/). */
  readonly watch: SyncWatch;
}

/** Any job of the group as the API sees it: run here (`local`), or by another syncer (read from the store). */
export interface JobView {
  readonly record: JobRecord;
  readonly progress: JobProgress;
  readonly local?: LiveJob;
  /** Id of the syncer running it ('' when none does right now). */
  readonly owner: string;
}

export async function syncersView(
  store: MetaStore,
  self: string,
  leaseMs: number,
  now: number,
): Promise<SyncerView[]> {
  const [syncers, leases] = await Promise.all([store.listSyncers(), store.listLeases()]);
  return syncers.map((s) => ({
    id: s.id,
    hostname: s.hostname,
    pid: s.pid,
    last_heartbeat: s.heartbeatAt,
    alive: s.id === self || now - s.heartbeatAt < leaseMs,
    jobs: leases.filter((l) => l.syncerId === s.id && l.expiresAt > now).length,
    self: s.id === self,
  }));
}

/** Doris's `yyyy-MM-dd HH:mm:ss` (UTC) for a millisecond timestamp. */
function formatTime(ms: bigint): string {
  return new Date(Number(ms)).toISOString().replace('T', ' ').slice(0, 19);
}

/** A value the FE really gave: Doris answers -1 (and older FEs 0 or nothing) for "none". */
function real(value: bigint | undefined): bigint | undefined {
  return value !== undefined && value > 0n ? value : undefined;
}

export function statusOf(name: string, job: JobView): JobStatus {
  const runner = job.local?.runner.status ?? 'running';
  const state =
    runner === 'paused' || job.record.state === 'paused'
      ? 'paused'
      : runner === 'failing'
        ? 'failing'
        : 'running';
  const last = job.progress.lastError;
  return {
    name,
    state,
    progress_state: job.progress.position.state,
    step: job.progress.position.step,
    last_error: last?.message ?? '',
    last_error_at: last?.at ?? 0,
    owner: job.owner,
  };
}

export async function lagOf(src: ClusterAccess, job: JobView, nowMs: number): Promise<JobLag> {
  const table = job.record.src.table;
  const r = await src.fe.getBinlogLag({
    user: src.spec.user,
    passwd: src.spec.password,
    db: job.record.src.database,
    ...(table ? { table, table_id: BigInt(job.record.src.table_id ?? '0') } : {}),
    prev_commit_seq: BigInt(job.progress.prevCommitSeq),
  });
  if (r.status?.status_code !== StatusCode.OK)
    throw new JobServiceError(
      `src cluster ${src.spec.host}:${src.spec.port} (thrift ${src.spec.thrift_port}) as user ${src.spec.user} answered getBinlogLag with status ${r.status?.status_code}: ${r.status?.error_msgs?.join('; ')}`,
      502,
    );
  const lag = Number(r.lag ?? 0n);
  // The FE's first_* describe the head of its binlog stream (a placeholder until GC cuts it); what an
  // operator asks is where the backlog starts: the first binlog after the job's position (next_*).
  const firstSeq = lag > 0 ? real(r.next_commit_seq) : undefined;
  const firstAt = firstSeq === undefined ? undefined : real(r.next_binlog_timestamp);
  const lastSeq = real(r.last_commit_seq);
  const lastAt = real(r.last_binlog_timestamp);
  const now = BigInt(nowMs);
  const delay = lag === 0 ? 0 : firstAt === undefined ? undefined : Math.max(0, Number(now - firstAt) / 1000);
  return {
    lag,
    ...(firstSeq === undefined ? {} : { first_commit_seq: String(firstSeq) }),
    ...(lastSeq === undefined ? {} : { last_commit_seq: String(lastSeq) }),
    ...(firstAt === undefined ? {} : { first_binlog_timestamp: formatTime(firstAt) }),
    ...(lastAt === undefined ? {} : { last_binlog_timestamp: formatTime(lastAt) }),
    ...(firstAt === undefined || lastAt === undefined
      ? {}
      : { time_interval: Math.max(0, Number(lastAt - firstAt) / 1000) }),
    ...(delay === undefined ? {} : { delay_seconds: delay }),
    last_error: job.progress.lastError?.message ?? '',
  };
}

/**
 * job_progress: the progress document, with a per-table view for database jobs (state, last applied commit
 * seq, the last full or partial sync that copied the table and why).
 */
export function progressView(p: JobProgress): Record<string, unknown> {
  const tables = Object.entries(p.tables).map(([id, t]) => ({
    src_table_id: id,
    name: t.name,
    dest_table_id: t.destId ?? null,
    kind: t.isView ? 'view' : 'table',
    state:
      p.partial?.tableId === id
        ? p.position.state
        : t.commitSeq !== undefined
          ? 'waiting for its snapshot seq'
          : 'incremental',
    snapshot_commit_seq: t.commitSeq ?? null,
    applied_commit_seq:
      t.commitSeq !== undefined && BigInt(t.commitSeq) > BigInt(p.prevCommitSeq)
        ? t.commitSeq
        : p.prevCommitSeq,
    last_sync: t.lastSync ?? null,
  }));
  return { ...p, txn: p.txn ? { ...p.txn } : undefined, table_status: tables };
}

/** A job run by another syncer (or by none right now), as the store has it; 404 when it does not exist. */
export async function storedJobView(store: MetaStore, name: string, now: number): Promise<JobView> {
  const record = await store.getJob(name);
  if (!record) throw new JobServiceError(`job ${name} not exist`, 404);
  const stored = await store.getProgress(name);
  const progress = stored
    ? decodeProgress(stored.progress)
    : initialProgress(record.created_at, record.sync_type === 'db_sync' ? 'DBFullSync' : 'TableFullSync');
  const lease = (await store.listLeases()).find((l) => l.job === name);
  const owner = lease && lease.syncerId !== '' && lease.expiresAt > now ? lease.syncerId : '';
  return { record, progress, owner };
}

// A job's event log: what happened to it and why, kept (bounded) in the metadata store beside the job so
// that every syncer of a group shows the same history and a restart loses none of it. Each event is one
// kind with its own fields, plus a sentence for people.

export type JobEventBody =
  | { readonly kind: 'job_created'; readonly sync_type: string }
  | {
      readonly kind: 'sync_started';
      readonly sync: 'full' | 'partial';
      readonly reason: string;
      readonly tables?: readonly string[];
      readonly partitions?: readonly string[];
    }
  | {
      readonly kind: 'sync_finished';
      readonly sync: 'full' | 'partial';
      readonly reason: string;
      readonly duration_ms: number;
      readonly rows?: number;
    }
  | { readonly kind: 'ddl_applied'; readonly commit_seq: string; readonly statements: readonly string[] }
  | {
      readonly kind: 'binlog_skipped';
      readonly commit_seq: string;
      readonly by: 'syncer' | 'operator';
      readonly reason: string;
    }
  /** A step failed and will be tried again (or escalated); repeats of one error are recorded once a minute. */
  | { readonly kind: 'retry'; readonly action: string; readonly error: string }
  | { readonly kind: 'paused'; readonly by: string; readonly reason: string }
  | { readonly kind: 'resumed'; readonly by: string }
  | { readonly kind: 'takeover'; readonly syncer: string; readonly from: string; readonly epoch: number }
  | { readonly kind: 'stalled'; readonly detail: string }
  | { readonly kind: 'recovered'; readonly detail: string }
  /** A verification ended: whether the target matched, and which tables differ or never settled. */
  | {
      readonly kind: 'verify';
      readonly matched: boolean;
      readonly commit_seq: string;
      readonly tables: number;
      readonly different: readonly string[];
      readonly unsettled: readonly string[];
    };

export type JobEventKind = JobEventBody['kind'];

/** An event as stored and answered: its body, a sentence, when, and its id (increasing per store). */
export type JobEvent = JobEventBody & {
  readonly id: number;
  /** Unix ms. */
  readonly at: number;
  readonly message: string;
};

/** Events kept per job; older ones are dropped as new ones come. */
export const MAX_JOB_EVENTS = 1000;

/** Which events a listing answers: after an event id, from a time, at most `limit` (the newest if neither). */
export interface EventQuery {
  readonly afterId?: number;
  /** Unix ms. */
  readonly fromAt?: number;
  readonly limit: number;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function verifySentence(e: Extract<JobEventBody, { kind: 'verify' }>): string {
  if (e.matched) return `verified: ${e.tables} table(s) match at source commit seq ${e.commit_seq}`;
  const parts = [
    ...(e.different.length ? [`different: ${e.different.join(', ')}`] : []),
    ...(e.unsettled.length ? [`never settled: ${e.unsettled.join(', ')}`] : []),
  ];
  return `verification found differences (${parts.join('; ')})`;
}

/** The sentence of an event. */
export function describeEvent(e: JobEventBody): string {
  switch (e.kind) {
    case 'job_created':
      return `job created (${e.sync_type})`;
    case 'sync_started':
      return `${e.sync} sync started${e.tables?.length ? ` of ${e.tables.join(', ')}` : ''}: ${e.reason}`;
    case 'sync_finished':
      return `${e.sync} sync finished in ${seconds(e.duration_ms)}${e.rows === undefined ? '' : ` (${e.rows} rows)`}: ${e.reason}`;
    case 'ddl_applied':
      return `DDL of seq ${e.commit_seq} applied: ${e.statements.join('; ')}`;
    case 'binlog_skipped':
      return `binlog ${e.commit_seq} skipped by the ${e.by}: ${e.reason}`;
    case 'retry':
      return `step failed (${e.action}): ${e.error}`;
    case 'paused':
      return `paused by ${e.by}: ${e.reason}`;
    case 'resumed':
      return `resumed by ${e.by}`;
    case 'takeover':
      return `taken over by syncer ${e.syncer} from ${e.from} (epoch ${e.epoch})`;
    case 'stalled':
      return `stalled: ${e.detail}`;
    case 'recovered':
      return `recovered: ${e.detail}`;
    case 'verify':
      return verifySentence(e);
  }
}

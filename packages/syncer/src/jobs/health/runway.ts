// A job's runway: how long until the source collects the first binlog the job still needs, after which
// only a full sync can bring the target back. Doris's GC (binlog-records.md §3) cuts a stream from the
// front by three limits, and each gives a bound:
//   ttl_seconds       an UPSERT older than the TTL goes, and everything before it: the first unapplied
//                     binlog lives until its commit time + TTL (a lower bound: only UPSERTs expire it);
//   max_history_nums  the stream keeps that many records: the job breaks once its backlog is that long,
//                     which the source's commit rate says when;
//   max_bytes         likewise for the backlog's size, at the stream's byte rate.
// The shortest bound is the runway. It warns when it is shorter than the job's last full sync took: the
// binlog would be gone before a full sync started then could finish.
import type { JobTimeHealth } from '../../model/job-service.js';
import type { SyncHistoryEntry } from '../progress.js';
import type { BinlogRetention } from './binlog-retention.js';

export type RunwayLimit = 'ttl_seconds' | 'max_history_nums' | 'max_bytes';

export interface Runway {
  /** Seconds left; absent when no limit binds (runwayLimit 'none'). */
  readonly seconds?: number;
  readonly limit: RunwayLimit | 'none';
  readonly warning: boolean;
  /** How long the last finished full sync took, the yardstick of the warning. */
  readonly lastFullSyncSeconds?: number;
}

export interface RunwayInput {
  readonly now: number;
  /** Source binlogs after the job's position. */
  readonly lag: number;
  /** Commit time (unix ms) of the first of them, when the FE tells it. */
  readonly nextAt?: number;
  readonly retention: BinlogRetention;
  readonly history: readonly SyncHistoryEntry[];
}

/** Seconds the last finished full sync took. */
export function lastFullSyncSeconds(history: readonly SyncHistoryEntry[]): number | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (h.kind === 'full' && h.finishedAt !== undefined)
      return Math.max(0, (h.finishedAt - h.startedAt) / 1000);
  }
  return undefined;
}

/** Records and bytes the source adds per second, from the span its retained stream covers. */
function rates(retention: BinlogRetention): { records: number; bytes: number } | undefined {
  const s = retention.stream;
  if (!s || s.firstAt === undefined || s.lastAt === undefined || s.lastAt <= s.firstAt || s.length < 2)
    return undefined;
  const seconds = (s.lastAt - s.firstAt) / 1000;
  return { records: (s.length - 1) / seconds, bytes: s.bytes / seconds };
}

/** The runway, or undefined when a binding limit cannot be evaluated (the first binlog's time unknown). */
export function runwayOf(input: RunwayInput): Runway | undefined {
  const { retention, lag } = input;
  const bounds: Array<{ limit: RunwayLimit; seconds: number }> = [];
  if (retention.ttlSeconds !== undefined) {
    if (lag === 0) bounds.push({ limit: 'ttl_seconds', seconds: retention.ttlSeconds });
    else if (input.nextAt !== undefined)
      bounds.push({
        limit: 'ttl_seconds',
        seconds: (input.nextAt + retention.ttlSeconds * 1000 - input.now) / 1000,
      });
    else return undefined;
  }
  const rate = rates(retention);
  const s = retention.stream;
  if (retention.maxHistoryNums !== undefined && rate && rate.records > 0) {
    // The dummy head counts as a record of the stream.
    const left = retention.maxHistoryNums - 1 - lag;
    bounds.push({ limit: 'max_history_nums', seconds: left / rate.records });
  }
  if (retention.maxBytes !== undefined && rate && rate.bytes > 0 && s && s.length > 1) {
    const needed = lag * (s.bytes / (s.length - 1));
    bounds.push({ limit: 'max_bytes', seconds: (retention.maxBytes - needed) / rate.bytes });
  }
  const last = lastFullSyncSeconds(input.history);
  const yardstick = last === undefined ? {} : { lastFullSyncSeconds: last };
  if (bounds.length === 0) return { limit: 'none', warning: false, ...yardstick };
  const binding = bounds.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const seconds = Math.max(0, binding.seconds);
  return {
    seconds,
    limit: binding.limit,
    warning: seconds === 0 || (last !== undefined && seconds < last),
    ...yardstick,
  };
}

/** The runway as the API answers it. */
export function runwayFields(runway: Runway | undefined): JobTimeHealth {
  if (!runway) return {};
  return {
    ...(runway.seconds === undefined ? {} : { runway_seconds: runway.seconds }),
    runway_limit: runway.limit,
    runway_warning: runway.warning,
    ...(runway.lastFullSyncSeconds === undefined
      ? {}
      : { last_full_sync_seconds: runway.lastFullSyncSeconds }),
  };
}

// The Go syncer's job and progress documents (syncer-behaviour.md §1.3, §1.7) turned into ours, so an
// operator can replace the Go syncer in place. A job that was replaying binlogs with nothing in flight
// resumes at its last applied commit seq, with its table id mappings and per-table seqs — no full sync;
// anything else (a full or partial sync under way, a transaction in flight whose Go label we cannot
// recognise) starts with a full sync, and says why in the job's history.
import { isJsonObject, type JsonObject, type JsonValue, parseJson } from '@doris-ccr/protocol';
import { initialProgress, type JobProgress, type TableProgress } from '../jobs/progress.js';
import type { JobRecord } from '../model/job-record.js';
import type { Spec } from '../model/spec.js';

export class GoMetaError extends Error {
  override readonly name = 'GoMetaError';
}

const text = (v: JsonValue | undefined): string =>
  v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v);
const id = (v: JsonValue | undefined): string | undefined => {
  const t = text(v);
  return t !== '' && t !== '0' ? t : undefined;
};

function spec(o: JsonValue | undefined, job: string, side: string): Spec {
  if (!isJsonObject(o)) throw new GoMetaError(`job ${job}: ${side} spec is missing`);
  const mapping = isJsonObject(o.host_mapping)
    ? Object.fromEntries(Object.entries(o.host_mapping).map(([k, v]) => [k, text(v)]))
    : undefined;
  const dbId = id(o.db_id);
  const tableId = id(o.table_id);
  return {
    host: text(o.host),
    port: text(o.port),
    thrift_port: text(o.thrift_port),
    user: text(o.user),
    password: text(o.password),
    database: text(o.database),
    table: text(o.table),
    cluster: text(o.cluster),
    ...(mapping && Object.keys(mapping).length ? { host_mapping: mapping } : {}),
    ...(dbId ? { db_id: dbId } : {}),
    ...(tableId ? { table_id: tableId } : {}),
  };
}

/** A Go `job_info` document as our job record. */
export function goJobRecord(jobInfo: string, now: number): JobRecord {
  const o = parseJson(jobInfo);
  if (!isJsonObject(o)) throw new GoMetaError('job_info is not a JSON object');
  const name = text(o.name);
  if (!name) throw new GoMetaError('job_info has no name');
  const extra = isJsonObject(o.extra) ? o.extra : {};
  return {
    name,
    sync_type: text(o.sync_type) === '0' ? 'db_sync' : 'table_sync',
    src: spec(o.src, name, 'src'),
    dest: spec(o.dest, name, 'dest'),
    state: text(o.state) === '1' ? 'paused' : 'running',
    extra: extra.reuse_binlog_label === true ? { reuse_binlog_label: true } : {},
    created_at: now,
  };
}

const INCREMENTAL = new Map([
  ['1', 'DBTablesIncrementalSync'],
  ['3', 'DBIncrementalSync'],
  ['501', 'TableIncrementalSync'],
] as const);

function seqMap(v: JsonValue | undefined): JsonObject {
  return isJsonObject(v) ? v : {};
}

/** A Go progress document (plain JSON, or base64 as the MySQL/PostgreSQL stores hold it) as ours. */
export function goProgress(stored: string, record: JobRecord, now: number): JobProgress {
  const plain = stored.trim().startsWith('{') ? stored : Buffer.from(stored, 'base64').toString('utf8');
  const o = parseJson(plain);
  if (!isJsonObject(o)) throw new GoMetaError(`job ${record.name}: progress is not a JSON object`);
  const first = record.sync_type === 'db_sync' ? 'DBFullSync' : 'TableFullSync';
  const fresh = (reason: string): JobProgress => {
    const p = initialProgress(now, first);
    p.history[0] = { kind: 'full', reason, startedAt: now };
    return p;
  };
  const state = INCREMENTAL.get(text(o.sync_state) as '1' | '3' | '501');
  const sub = isJsonObject(o.sub_sync_state) ? text(o.sub_sync_state.state) : '-1';
  const prev = text(o.prev_commit_seq);
  if (!state) return fresh('imported from the Go syncer during a full or partial sync');
  if (sub !== '-1' || text(o.commit_seq) !== prev)
    return fresh('imported from the Go syncer with a binlog in flight (its transaction label is not ours)');
  const tables: Record<string, TableProgress> = {};
  const names = seqMap(o.table_name_mapping);
  const seqs = seqMap(o.table_commit_seq_map);
  const mapping = seqMap(o.table_mapping);
  const shadows = Object.fromEntries(
    Object.entries(seqMap(o.shadow_index_map)).map(([k, v]) => [k, text(v)]),
  );
  if (record.sync_type === 'table_sync') {
    const srcId = record.src.table_id;
    if (!srcId) return fresh('imported from the Go syncer without the source table id');
    tables[srcId] = {
      name: record.src.table,
      destName: record.dest.table,
      shadowIndexes: shadows,
      ...(record.dest.table_id ? { destId: record.dest.table_id } : {}),
    };
  } else {
    for (const srcId of new Set([...Object.keys(mapping), ...Object.keys(seqs), ...Object.keys(names)])) {
      const seq = id(seqs[srcId]);
      tables[srcId] = {
        name: text(names[srcId]),
        shadowIndexes: {},
        ...(id(mapping[srcId]) ? { destId: id(mapping[srcId])! } : {}),
        ...(seq && BigInt(seq) > BigInt(prev || '0') ? { commitSeq: seq } : {}),
      };
    }
  }
  const filtering = Object.values(tables).some((t) => t.commitSeq !== undefined);
  return {
    version: 2,
    position: {
      state:
        record.sync_type === 'db_sync'
          ? filtering
            ? 'DBTablesIncrementalSync'
            : 'DBIncrementalSync'
          : state,
      step: 'idle',
    },
    prevCommitSeq: prev || '0',
    commitSeq: prev || '0',
    syncId: Math.floor(now / 1000),
    tables,
    history: [
      {
        kind: 'full',
        reason: 'imported from the Go syncer (its last full sync)',
        startedAt: now,
        finishedAt: now,
      },
    ],
  };
}

// Per-endpoint request readers: JSON body in, typed request out, or a RequestError naming the field.
import type { JsonValue } from '@doris-ccr/protocol';
import type { EventQuery } from '../model/job-events.js';
import type { CreateJobRequest } from '../model/job-service.js';
import {
  bodyObject,
  describe,
  jobName,
  optionalBoolean,
  optionalInt64,
  optionalString,
  optionalStringList,
  optionalStringMap,
} from './fields.js';
import { RequestError } from './request-error.js';
import { readSpec } from './spec-request.js';

export function readNameRequest(body: JsonValue | undefined): { readonly name: string } {
  return { name: jobName(bodyObject(body)) };
}

export interface VerifyRequest {
  readonly name: string;
  /** Source table names to compare; absent: every table the job follows. */
  readonly tables?: readonly string[];
}

const MAX_VERIFY_TABLES = 1000;

export function readVerifyRequest(body: JsonValue | undefined): VerifyRequest {
  const object = bodyObject(body);
  const name = jobName(object);
  const tables = [...new Set(optionalStringList(object, 'tables'))];
  if (tables.length > MAX_VERIFY_TABLES)
    throw new RequestError(`tables lists more than ${MAX_VERIFY_TABLES} tables`);
  return tables.length ? { name, tables } : { name };
}

export interface EventsRequest {
  readonly name: string;
  readonly query: EventQuery;
}

const DEFAULT_EVENTS = 100;
const MAX_EVENTS = 1000;

/**
 * job_events: `since` is an event id (the answer's last_id, to follow the log) or a time (ISO 8601, or
 * Doris's `yyyy-MM-dd HH:mm:ss`, UTC unless it names a zone); without it, the newest events.
 */
export function readEventsRequest(body: JsonValue | undefined): EventsRequest {
  const object = bodyObject(body);
  const name = jobName(object);
  const since = object.since;
  const limitText = object.limit;
  let limit = DEFAULT_EVENTS;
  if (limitText !== undefined && limitText !== null) {
    limit = Number(optionalInt64(object, 'limit'));
    if (limit < 1 || limit > MAX_EVENTS) throw new RequestError(`limit must be between 1 and ${MAX_EVENTS}`);
  }
  if (since === undefined || since === null || since === '') return { name, query: { limit } };
  if (typeof since === 'bigint' || typeof since === 'number' || /^\d+$/.test(String(since))) {
    const afterId = Number(optionalInt64(object, 'since'));
    if (afterId < 0) throw new RequestError(`since is invalid: ${describe(since)}`);
    return { name, query: { afterId, limit } };
  }
  if (typeof since !== 'string') throw new RequestError('since must be an event id or a time');
  const text = /^\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?$/.test(since) ? `${since.replace(' ', 'T')}Z` : since;
  const fromAt = /^\d{4}-\d\d-\d\d/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(fromAt))
    throw new RequestError(`since is invalid: ${since} (an event id, or a time like 2026-12-06T15:00:00Z)`);
  return { name, query: { fromAt, limit } };
}

export function readCreateRequest(body: JsonValue | undefined): CreateJobRequest {
  const object = bodyObject(body);
  const name = jobName(object);
  const src = readSpec(object, 'src');
  const dest = readSpec(object, 'dest');
  if ((src.table === '') !== (dest.table === '')) {
    throw new RequestError(
      'src.table and dest.table must both be set (table sync) or both be empty (db sync)',
    );
  }
  // skip_error is still sent by old clients; it has had no effect since /update_job was removed.
  optionalBoolean(object, 'skip_error');
  const include = optionalStringList(object, 'include_tables');
  const exclude = optionalStringList(object, 'exclude_tables');
  if (src.table !== '' && (include.length > 0 || exclude.length > 0))
    throw new RequestError(
      'include_tables and exclude_tables are for database jobs (src.table and dest.table empty)',
    );
  return {
    name,
    src,
    dest,
    allow_table_exists: optionalBoolean(object, 'allow_table_exists'),
    reuse_binlog_label: optionalBoolean(object, 'reuse_binlog_label'),
    ...(include.length ? { include_tables: include } : {}),
    ...(exclude.length ? { exclude_tables: exclude } : {}),
    ...(optionalBoolean(object, 'follow_recreated_table') ? { follow_recreated_table: true } : {}),
  };
}

export interface SkipRequest {
  readonly name: string;
  readonly skipBy: 'silence' | 'fullsync';
  readonly commitSeq: bigint;
}

export function readSkipRequest(body: JsonValue | undefined): SkipRequest {
  const object = bodyObject(body);
  const name = jobName(object);
  const skipBy = optionalString(object, 'skip_by').toLowerCase();
  if (skipBy !== 'silence' && skipBy !== 'fullsync') {
    throw new RequestError(`skip_by must be silence or fullsync, got: ${describe(object.skip_by)}`);
  }
  const commitSeq = optionalInt64(object, 'skip_commit_seq');
  if (skipBy === 'silence' && commitSeq <= 0n) {
    throw new RequestError(
      `skip_commit_seq must be a positive commit seq for skip_by silence, got: ${commitSeq}`,
    );
  }
  if (commitSeq < 0n) throw new RequestError(`skip_commit_seq must not be negative, got: ${commitSeq}`);
  return { name, skipBy, commitSeq };
}

export interface HostMappingRequest {
  readonly name: string;
  readonly src: Record<string, string>;
  readonly dest: Record<string, string>;
}

export function readHostMappingRequest(body: JsonValue | undefined): HostMappingRequest {
  const object = bodyObject(body);
  const name = jobName(object);
  const src = optionalStringMap(object, 'src_host_mapping');
  const dest = optionalStringMap(object, 'dest_host_mapping');
  if (Object.keys(src).length === 0 && Object.keys(dest).length === 0) {
    throw new RequestError('src_host_mapping and dest_host_mapping are both empty');
  }
  return { name, src, dest };
}

export interface FailpointRequest {
  readonly name: string;
  /** Empty: turn every failpoint off. */
  readonly failpoint: string;
  /** Undefined: remove this failpoint. */
  readonly value: JsonValue | undefined;
}

export function readFailpointRequest(body: JsonValue | undefined): FailpointRequest {
  const object = bodyObject(body);
  const failpoint = optionalString(object, 'failpoint');
  // Clearing every failpoint concerns no job; anything else is scoped to one.
  const name = failpoint === '' ? optionalString(object, 'name') : jobName(object);
  if (failpoint.includes('/')) throw new RequestError(`failpoint must not contain '/': ${failpoint}`);
  // A null value removes the failpoint, like an absent one.
  return { name, failpoint, value: object.value ?? undefined };
}

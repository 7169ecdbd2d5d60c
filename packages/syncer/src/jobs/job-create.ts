// What create_ccr checks before a job exists: the request's shape, both clusters reachable and accepting
// the credentials (the caller's to fix: a 400 naming where and as whom), and the Go syncer's first-run
// checks for the job's kind. Nothing is stored unless every check passes.
import type { JobRecord } from '../model/job-record.js';
import { type CreateJobRequest, JobServiceError } from '../model/job-service.js';
import type { Spec } from '../model/spec.js';
import type { ClusterAccess } from './cluster-access.js';
import { type CheckedSpecs, checkDbJob, checkTableJob } from './create-checks.js';
import { tableFilter } from './db-sync/table-filter.js';
import { isTransient } from './job-errors.js';

/** MySQL error numbers of a refused login or a missing privilege (access denied, command denied). */
const ACCESS_ERRNOS = new Set([1044, 1045, 1142, 1143, 1227]);
const ACCESS_TEXT = /access denied|authentication failed|password|privilege/i;
/** Errors that come from a cluster's answer (SQL, thrift, status), not from a bug of the syncer. */
const CLUSTER_ERRORS = new Set([
  'DorisSqlError',
  'DorisStatusError',
  'FeUnavailableError',
  'ThriftApplicationError',
  'ThriftProtocolError',
  'BinlogRecordError',
]);

interface Side {
  readonly side: 'src' | 'dest';
  readonly spec: Spec;
}

function where({ side, spec }: Side): string {
  return `${side} cluster ${spec.host}:${spec.port} (thrift ${spec.thrift_port}) as user ${spec.user}`;
}

/** The side an error names by its address (SQL errors carry host:port); undefined when it says none. */
function sideOf(error: unknown, sides: readonly Side[]): Side | undefined {
  if (sides.length === 1) return sides[0];
  const text = error instanceof Error ? error.message : String(error);
  const named = sides.filter(
    ({ spec }) =>
      text.includes(`${spec.host}:${spec.port}`) || text.includes(`${spec.host}:${spec.thrift_port}`),
  );
  return named.length === 1 ? named[0] : undefined;
}

/**
 * A cluster's failure while creating a job, as the caller's answer: unreachable or refused credentials
 * are a 400 naming where and as whom (the request names them); any other answer of a cluster a 502
 * naming it. Never an "internal error": the syncer did nothing wrong. Anything else passes unchanged.
 */
function clusterFailure(error: unknown, sides: readonly Side[]): unknown {
  if (error instanceof JobServiceError) return error;
  const e = error as { name?: unknown; errno?: unknown; message?: unknown } | null;
  const message = error instanceof Error ? error.message : String(error);
  const side = sideOf(error, sides);
  const who = side ? where(side) : sides.map(where).join(' or ');
  if (isTransient(error)) return new JobServiceError(`cannot reach ${who}: ${message}`, 400);
  const fromCluster = typeof e?.name === 'string' && CLUSTER_ERRORS.has(e.name);
  if (!fromCluster) return error;
  if ((typeof e?.errno === 'number' && ACCESS_ERRNOS.has(e.errno)) || ACCESS_TEXT.test(message))
    return new JobServiceError(`${who} refused the credentials or lacks a privilege: ${message}`, 400);
  return new JobServiceError(`${who} answered with an error: ${message}`, 502);
}

async function reach(connect: (spec: Spec) => Promise<ClusterAccess>, side: Side): Promise<ClusterAccess> {
  try {
    return await connect(side.spec);
  } catch (error) {
    throw clusterFailure(error, [side]);
  }
}

/** The record of a new job, with ids resolved, or the JobServiceError that says why there is none. */
export async function checkNewJob(
  request: CreateJobRequest,
  connect: (spec: Spec) => Promise<ClusterAccess>,
  now: number,
): Promise<JobRecord> {
  if (!request.src.table !== !request.dest.table)
    throw new JobServiceError('src/dest are not both db or table sync');
  const isDb = !request.src.table;
  if (!isDb && (request.include_tables?.length || request.exclude_tables?.length))
    throw new JobServiceError('include_tables and exclude_tables are for database jobs (leave table empty)');
  const filter = isDb ? tableFilter(request.include_tables, request.exclude_tables) : undefined;
  const sides: Side[] = [
    { side: 'src', spec: request.src },
    { side: 'dest', spec: request.dest },
  ];
  const src = await reach(connect, sides[0]!);
  const dest = await reach(connect, sides[1]!).catch(async (error: unknown) => {
    await src.close();
    throw error;
  });
  let checked: CheckedSpecs;
  try {
    checked = await (isDb
      ? checkDbJob(src, dest, filter!)
      : checkTableJob(src, dest, request.allow_table_exists)
    ).catch((error: unknown) => {
      throw clusterFailure(error, sides);
    });
  } finally {
    await Promise.all([src.close(), dest.close()]);
  }
  return {
    name: request.name,
    sync_type: isDb ? 'db_sync' : 'table_sync',
    src: checked.src,
    dest: checked.dest,
    state: 'running',
    extra: {
      ...(request.reuse_binlog_label ? { reuse_binlog_label: true } : {}),
      ...(request.include_tables?.length ? { include_tables: [...request.include_tables] } : {}),
      ...(request.exclude_tables?.length ? { exclude_tables: [...request.exclude_tables] } : {}),
      ...(request.follow_recreated_table ? { follow_recreated_table: true } : {}),
    },
    created_at: now,
  };
}

// What create_ccr checks before a job exists: the request's shape, both clusters reachable and accepting
// the credentials (the caller's to fix: a 400 naming where and as whom), and the Go syncer's first-run
// checks for the job's kind. Nothing is stored unless every check passes.
import type { JobRecord } from '../model/job-record.js';
import { type CreateJobRequest, JobServiceError } from '../model/job-service.js';
import type { Spec } from '../model/spec.js';
import type { ClusterAccess } from './cluster-access.js';
import { type ClusterSide, clusterFailure } from './cluster-failure.js';
import { type CheckedSpecs, checkDbJob, checkTableJob } from './create-checks.js';
import { tableFilter } from './db-sync/table-filter.js';

async function reach(
  connect: (spec: Spec) => Promise<ClusterAccess>,
  side: ClusterSide,
): Promise<ClusterAccess> {
  try {
    return await connect(side.spec);
  } catch (error) {
    // The request named this cluster: one that cannot be reached is the caller's to fix (400).
    throw clusterFailure(error, [side], 400);
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
  const sides: ClusterSide[] = [
    { side: 'src', spec: request.src },
    { side: 'dest', spec: request.dest },
  ];
  // Both at once; when both fail, the source's failure is the one reported.
  const [reachedSrc, reachedDest] = await Promise.allSettled([
    reach(connect, sides[0]!),
    reach(connect, sides[1]!),
  ]);
  if (reachedSrc.status === 'rejected' || reachedDest.status === 'rejected') {
    await Promise.all(
      [reachedSrc, reachedDest].map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)),
    );
    throw reachedSrc.status === 'rejected'
      ? reachedSrc.reason
      : (reachedDest as PromiseRejectedResult).reason;
  }
  const src = reachedSrc.value;
  const dest = reachedDest.value;
  let checked: CheckedSpecs;
  try {
    checked = await (isDb
      ? checkDbJob(src, dest, filter!)
      : checkTableJob(src, dest, request.allow_table_exists)
    ).catch((error: unknown) => {
      throw clusterFailure(error, sides, 400);
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

// A cluster's failure while answering an API call, as the caller's answer: what failed, where (host:port)
// and as whom (user) — never an "internal error", since the syncer did nothing wrong. Unreachable: the
// given status (400 when the request itself named the cluster, 502 for a job's cluster that went away);
// refused credentials or a missing privilege: 400; any other answer of the cluster: 502.
import { JobServiceError } from '../model/job-service.js';
import type { Spec } from '../model/spec.js';
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

export interface ClusterSide {
  readonly side: 'src' | 'dest';
  readonly spec: Spec;
}

function where({ side, spec }: ClusterSide): string {
  return `${side} cluster ${spec.host}:${spec.port} (thrift ${spec.thrift_port}) as user ${spec.user}`;
}

/** The side an error names by its address (SQL errors carry host:port); undefined when it says none. */
function sideOf(error: unknown, sides: readonly ClusterSide[]): ClusterSide | undefined {
  if (sides.length === 1) return sides[0];
  const text = error instanceof Error ? error.message : String(error);
  const named = sides.filter(
    ({ spec }) =>
      text.includes(`${spec.host}:${spec.port}`) || text.includes(`${spec.host}:${spec.thrift_port}`),
  );
  return named.length === 1 ? named[0] : undefined;
}

/** The JobServiceError for a cluster's failure; anything that is not one (a bug) passes unchanged. */
export function clusterFailure(
  error: unknown,
  sides: readonly ClusterSide[],
  unreachableStatus: 400 | 502,
): unknown {
  if (error instanceof JobServiceError) return error;
  const e = error as { name?: unknown; errno?: unknown } | null;
  const message = error instanceof Error ? error.message : String(error);
  const side = sideOf(error, sides);
  const who = side ? where(side) : sides.map(where).join(' or ');
  if (isTransient(error)) return new JobServiceError(`cannot reach ${who}: ${message}`, unreachableStatus);
  const fromCluster = typeof e?.name === 'string' && CLUSTER_ERRORS.has(e.name);
  if (!fromCluster) return error;
  if ((typeof e?.errno === 'number' && ACCESS_ERRNOS.has(e.errno)) || ACCESS_TEXT.test(message))
    return new JobServiceError(`${who} refused the credentials or lacks a privilege: ${message}`, 400);
  return new JobServiceError(`${who} answered with an error: ${message}`, 502);
}

/** Runs `work` against one of a job's clusters, turning its failures into clusterFailure answers. */
export async function onCluster<T>(side: ClusterSide, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw clusterFailure(error, [side], 502);
  }
}

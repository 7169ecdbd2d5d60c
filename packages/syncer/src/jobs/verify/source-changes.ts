// What changed on the source between two commit seqs: which of the job's tables the binlogs in that
// range touch (their table ids). A table job's stream holds only its table's binlogs, so any binlog there
// touches it; a database job's binlogs name their tables. Binlogs without table ids (dummies) touch none.
import { StatusCode } from '@doris-ccr/protocol';
import { JobServiceError } from '../../model/job-service.js';
import type { ClusterAccess } from '../cluster-access.js';
import { cred } from '../job-context.js';

export interface StreamScope {
  readonly db: string;
  /** A table job's table: its stream is read. */
  readonly table?: { readonly name: string; readonly id: bigint };
}

/** Binlogs asked for per getBinlog call. */
const BATCH = 256n;

/**
 * The source table ids whose binlogs lie in (after, upTo]; for a table job, its own id when any binlog
 * does. Reads the range in batches.
 */
export async function touchedTables(
  src: ClusterAccess,
  scope: StreamScope,
  after: bigint,
  upTo: bigint,
): Promise<Set<string>> {
  const touched = new Set<string>();
  let from = after;
  while (from < upTo) {
    const result = await src.fe.getBinlog({
      ...cred(src),
      db: scope.db,
      ...(scope.table ? { table: scope.table.name, table_id: scope.table.id } : {}),
      prev_commit_seq: from,
      num_acquired: BATCH,
    });
    const code = result.status?.status_code;
    if (code === StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ) break;
    if (code !== StatusCode.OK)
      throw new JobServiceError(
        `src cluster ${src.spec.host}:${src.spec.port} answered getBinlog after seq ${from} with status ${code}: ${result.status?.error_msgs?.join('; ') ?? ''}`,
        502,
      );
    const binlogs = result.binlogs ?? [];
    const before = from;
    for (const binlog of binlogs) {
      const seq = binlog.commit_seq ?? -1n;
      if (seq <= from) continue;
      if (seq > upTo) return touched;
      if (scope.table) touched.add(scope.table.id.toString());
      for (const id of binlog.table_ids ?? []) touched.add(id.toString());
      from = seq;
    }
    // A short batch is the end of the stream; a batch that moved nothing would only repeat itself.
    if (from === before || binlogs.length < Number(BATCH)) break;
  }
  return touched;
}

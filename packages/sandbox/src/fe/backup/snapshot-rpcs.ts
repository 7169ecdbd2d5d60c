// getSnapshot and restoreSnapshot (fe-thrift.md §6.6–6.7): reading a finished local backup on the source FE,
// and starting a RESTORE job from its blobs on the target FE. Field checks, authentication and status
// conventions follow the other handlers (rpc-support.ts); OK from restoreSnapshot means "job accepted".
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  SnapshotType,
  StatusCode,
  type TGetSnapshotRequest,
  type TGetSnapshotResult,
  type TRestoreSnapshotRequest,
  type TRestoreSnapshotResult,
} from '@doris-ccr/protocol';
import type { Frontend } from '../frontend.js';
import type { SnapshotRpcs } from '../thrift/frontend-handlers.js';
import {
  authenticate,
  checkPrivilege,
  failure,
  guarded,
  ok,
  RpcError,
  require,
  resolveDb,
  stripCluster,
} from '../thrift/rpc-support.js';
import { type ParsedJobInfo, parseJobInfo } from './job-info.js';
import { scheduleJob } from './job-scheduler.js';
import { jobStore } from './job-store.js';
import type { SnapshotMeta } from './job-types.js';
import { RestoreRequestError, submitRestore } from './restore-request.js';
import { decodeMeta, MetaFormatError } from './snapshot-meta.js';

/** A user-level failure, worded as Doris's UserException.getMessage() words it. */
function analysisError(message: string): RpcError {
  return new RpcError(StatusCode.ANALYSIS_ERROR, `errCode = 2, detailMessage = ${message}`);
}

export function getSnapshot(fe: Frontend, request: TGetSnapshotRequest): Promise<TGetSnapshotResult> {
  return guarded(() => {
    require(request, 'user', 'passwd', 'db', 'label_name', 'snapshot_name', 'snapshot_type');
    if (!request.token) {
      const user = authenticate(fe, request.user, request.passwd);
      const table = request.table === undefined || request.table === '' ? undefined : request.table;
      checkPrivilege(fe, user, 'SELECT', stripCluster(request.db!), table);
    }
    if (request.snapshot_type !== SnapshotType.LOCAL) {
      throw new RpcError(StatusCode.ANALYSIS_ERROR, 'snapshot_type is not LOCAL');
    }
    const label = request.label_name!;
    const snapshot = jobStore(fe).snapshot(label);
    if (!snapshot) return { status: failure(StatusCode.SNAPSHOT_NOT_EXIST, `snapshot ${label} not exist`) };
    if (fe.clock.now() > snapshot.expiredAt) {
      return { status: failure(StatusCode.SNAPSHOT_EXPIRED, `snapshot ${label} is expired`) };
    }
    const compress = request.enable_compress === true;
    const jobInfo = Buffer.from(snapshot.jobInfo, 'utf8');
    return {
      status: ok(),
      meta: compress ? gzipSync(snapshot.meta) : snapshot.meta,
      job_info: compress ? gzipSync(jobInfo) : jobInfo,
      compressed: compress,
      expiredAt: BigInt(snapshot.expiredAt),
      commit_seq: snapshot.commitSeq,
    };
  });
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The two blobs as plain bytes, honouring `compressed` and the FE's compression config. */
function plainBlobs(
  fe: Frontend,
  request: TRestoreSnapshotRequest,
): { meta: Uint8Array; jobInfo: Uint8Array } {
  const meta = request.meta!;
  const jobInfo = request.job_info!;
  const enabled = fe.config.bool('enable_restore_snapshot_rpc_compression');
  if (enabled && request.compressed) {
    try {
      return { meta: gunzipSync(meta), jobInfo: gunzipSync(jobInfo) };
    } catch (error) {
      throw analysisError(`failed to decompress the restore snapshot request: ${(error as Error).message}`);
    }
  }
  if (!enabled && (isGzip(meta) || isGzip(jobInfo))) {
    throw analysisError(
      'The restore snapshot request is compressed, but the FE config enable_restore_snapshot_rpc_compression is disabled',
    );
  }
  return { meta, jobInfo };
}

/** The request's properties plus the flags the RPC carries as fields, and the CCR mark. */
function restoreProperties(request: TRestoreSnapshotRequest): Map<string, string> {
  const properties = new Map(request.properties ?? []);
  if (request.clean_tables) properties.set('clean_tables', 'true');
  if (request.clean_partitions) properties.set('clean_partitions', 'true');
  if (request.atomic_restore) properties.set('atomic_restore', 'true');
  if (request.force_replace) properties.set('force_replace', 'true');
  properties.set('is_being_synced', 'true');
  return properties;
}

export function restoreSnapshot(
  fe: Frontend,
  request: TRestoreSnapshotRequest,
): Promise<TRestoreSnapshotResult> {
  return guarded(() => {
    require(request, 'user', 'passwd', 'db', 'label_name', 'repo_name', 'meta', 'job_info');
    if (!request.token) {
      const user = authenticate(fe, request.user, request.passwd);
      checkPrivilege(fe, user, 'LOAD', stripCluster(request.db!));
    }
    const db = resolveDb(fe, request.db!);
    const blobs = plainBlobs(fe, request);
    let jobInfo: ParsedJobInfo;
    let meta: SnapshotMeta;
    try {
      jobInfo = parseJobInfo(Buffer.from(blobs.jobInfo).toString('utf8'));
    } catch (error) {
      throw analysisError(`Invalid job info: ${(error as Error).message}`);
    }
    try {
      meta = decodeMeta(blobs.meta);
    } catch (error) {
      if (error instanceof MetaFormatError) throw analysisError(error.message);
      throw error;
    }
    try {
      const job = submitRestore(fe, {
        db,
        label: request.label_name!,
        repository: request.repo_name!,
        tableRefs: (request.table_refs ?? []).map((r) => ({
          table: r.table ?? '',
          ...(r.alias_name === undefined ? {} : { alias: r.alias_name }),
        })),
        properties: restoreProperties(request),
        meta,
        jobInfo,
      });
      scheduleJob(fe, job.jobId);
    } catch (error) {
      if (error instanceof RestoreRequestError) throw analysisError(error.message);
      throw error;
    }
    return { status: ok() };
  });
}

/** The handlers for frontendHandlers(fe, snapshotRpcs(fe)). */
export function snapshotRpcs(fe: Frontend): SnapshotRpcs {
  return {
    getSnapshot: (request) => getSnapshot(fe, request),
    restoreSnapshot: (request) => restoreSnapshot(fe, request),
  };
}

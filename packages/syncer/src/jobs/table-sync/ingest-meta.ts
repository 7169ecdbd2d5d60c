// The cluster layout an UPSERT needs (source and target table meta, both backend lists), cached between
// UPSERTs: fetching it costs four RPCs per binlog (the Go syncer pays them every time). The cache is
// dropped after every non-data binlog (DDL can change partitions, indexes and tablets), after a full or
// partial sync, on any failed UPSERT, and after META_TTL_MS (backends join and leave). A cached layout's
// replica versions are stale, so readiness of source replicas is only checked on a fresh one.
import type { TBackend, TGetMetaTableMeta } from '@doris-ccr/protocol';
import { needsFullSync, retryable } from '../job-errors.js';
import { cred, type TableJobContext } from './table-job-context.js';

export const META_TTL_MS = 30_000;

export interface IngestMeta {
  readonly source: TGetMetaTableMeta;
  readonly target: TGetMetaTableMeta;
  readonly srcBackends: ReadonlyMap<bigint, TBackend>;
  readonly destBackends: ReadonlyMap<bigint, TBackend>;
  readonly targetTableId: bigint;
  readonly fetchedAt: number;
  /** False once the layout has served an UPSERT: its replica versions are then out of date. */
  fresh: boolean;
}

export async function ingestMeta(
  ctx: TableJobContext,
  targetTableId: bigint,
  options: { refresh?: boolean } = {},
): Promise<IngestMeta> {
  const cached = ctx.ingestMeta;
  if (
    !options.refresh &&
    cached &&
    cached.targetTableId === targetTableId &&
    ctx.clock.now() - cached.fetchedAt < META_TTL_MS
  ) {
    return cached;
  }
  const [srcMeta, destMeta, srcBes, destBes] = await Promise.all([
    ctx.src.fe.getMeta({ ...cred(ctx.src), db: { id: ctx.srcDbId, tables: [{ id: ctx.names.srcTableId }] } }),
    ctx.dest.fe.getMeta({
      ...cred(ctx.dest),
      db: { name: ctx.names.destDb, tables: [{ id: targetTableId }] },
    }),
    ctx.src.fe.getBackendMeta({ ...cred(ctx.src) }),
    ctx.dest.fe.getBackendMeta({ ...cred(ctx.dest) }),
  ]);
  const source = srcMeta.db_meta?.tables?.[0];
  const target = destMeta.db_meta?.tables?.[0];
  if (!source) throw retryable(`source table ${ctx.names.srcTableId} not in getMeta (dropped?)`);
  if (!target) throw needsFullSync(`target table ${ctx.names.destDb}.${ctx.names.destTable} is gone`);
  const meta: IngestMeta = {
    source,
    target,
    srcBackends: new Map((srcBes.backends ?? []).map((b) => [b.id!, b])),
    destBackends: new Map((destBes.backends ?? []).map((b) => [b.id!, b])),
    targetTableId,
    fetchedAt: ctx.clock.now(),
    fresh: true,
  };
  ctx.ingestMeta = meta;
  return meta;
}

export function forgetIngestMeta(ctx: TableJobContext): void {
  delete ctx.ingestMeta;
}

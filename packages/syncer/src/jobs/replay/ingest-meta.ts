// The cluster layout an UPSERT needs (source and target meta of its tables, both backend lists), cached
// between UPSERTs: fetching it costs four RPCs per binlog (the Go syncer pays them every time). The cache is
// dropped after every non-data binlog (DDL can change partitions, indexes and tablets), after a full or
// partial sync, on any failed UPSERT, and after META_TTL_MS (backends join and leave). A cached layout's
// replica versions are stale, so readiness of source replicas is only checked on a fresh one.
import type { TBackend, TGetMetaTableMeta } from '@doris-ccr/protocol';
import { cred, type JobContext } from '../job-context.js';
import { needsFullSync } from '../job-errors.js';

export const META_TTL_MS = 30_000;

export interface TableLayout {
  readonly source: TGetMetaTableMeta;
  readonly target: TGetMetaTableMeta;
  readonly targetTableId: bigint;
  /** False once the layout has served an UPSERT: its replica versions are then out of date. */
  fresh: boolean;
}

export interface IngestLayout {
  readonly srcBackends: ReadonlyMap<bigint, TBackend>;
  readonly destBackends: ReadonlyMap<bigint, TBackend>;
  readonly fetchedAt: number;
  /** By source table id. */
  readonly tables: Map<string, TableLayout>;
  /**
   * Source tables dropped since the load (a backlog replays loads into tables dropped later): their rows
   * are gone on the source, and the DROP that follows removes them from the target.
   */
  readonly dropped: Set<string>;
}

export interface LayoutWanted {
  readonly srcTableId: bigint;
  readonly destTableId: bigint;
  /** For messages: the target table's name. */
  readonly destName: string;
}

/** The layout of every wanted table; tables missing from the cache are fetched in one getMeta per side. */
export async function ingestLayout(
  ctx: JobContext,
  wanted: readonly LayoutWanted[],
  options: { refresh?: boolean } = {},
): Promise<IngestLayout> {
  let layout = ctx.ingestLayout;
  if (options.refresh || !layout || ctx.clock.now() - layout.fetchedAt >= META_TTL_MS) {
    const [srcBes, destBes] = await Promise.all([
      ctx.src.fe.getBackendMeta({ ...cred(ctx.src) }),
      ctx.dest.fe.getBackendMeta({ ...cred(ctx.dest) }),
    ]);
    layout = {
      srcBackends: new Map((srcBes.backends ?? []).map((b) => [b.id!, b])),
      destBackends: new Map((destBes.backends ?? []).map((b) => [b.id!, b])),
      fetchedAt: ctx.clock.now(),
      tables: new Map(),
      dropped: new Set(),
    };
    ctx.ingestLayout = layout;
  }
  const missing = wanted.filter((w) => {
    const known = layout!.tables.get(w.srcTableId.toString());
    return !layout!.dropped.has(w.srcTableId.toString()) && (!known || known.targetTableId !== w.destTableId);
  });
  if (missing.length === 0) return layout;
  const [srcMeta, destMeta] = await Promise.all([
    ctx.src.fe.getMeta({
      ...cred(ctx.src),
      db: { id: ctx.srcDbId, tables: missing.map((m) => ({ id: m.srcTableId })) },
    }),
    ctx.dest.fe.getMeta({
      ...cred(ctx.dest),
      db: { name: ctx.destDb, tables: missing.map((m) => ({ id: m.destTableId })) },
    }),
  ]);
  for (const m of missing) {
    const source = srcMeta.db_meta?.tables?.find((t) => t.id === m.srcTableId);
    const target = destMeta.db_meta?.tables?.find((t) => t.id === m.destTableId);
    if (!source) {
      layout.dropped.add(m.srcTableId.toString());
      continue;
    }
    // Copying that one table again repairs it; a database job never copies the whole database for it.
    if (!target)
      throw needsFullSync(
        `target table ${ctx.destDb}.${m.destName} (id ${m.destTableId}) is gone`,
        undefined,
        {
          tableId: m.srcTableId,
          tableName: ctx.progress.tables[m.srcTableId.toString()]?.name,
        },
      );
    layout.tables.set(m.srcTableId.toString(), {
      source,
      target,
      targetTableId: m.destTableId,
      fresh: true,
    });
  }
  return layout;
}

export function forgetIngestMeta(ctx: JobContext): void {
  delete ctx.ingestLayout;
}

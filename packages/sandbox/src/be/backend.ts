// One simulated BE: the replicas it holds, the rowsets loads and ingests have prepared under open
// transactions, and publishing them at the versions the FE assigns. Network endpoints live elsewhere
// (be/http-server.ts, be/backend-service.ts); this file is the storage engine's view of a BE.
import type { Clock } from '../clock.js';
import type { StoredValue } from '../types/doris-type.js';
import { applyRowset, rowKey } from './apply-rowset.js';
import { newRowsetId, type RowsetMeta, type SegmentRow, segmentTexts } from './rowset.js';
import type { PredicateCompiler, TabletSchemaLookup } from './tablet-schema.js';
import type { StoredRow, TabletStore } from './tablet-store.js';

export interface BackendConfig {
  enable_feature_binlog: boolean;
  /** KB/s for `/api/_binlog/_download`; 0 = unlimited. Mutable at run time, as in Doris. */
  download_binlog_rate_limit_kbs: number;
  /** Allows /api/debug_point/* (be/debug-points.ts). */
  enable_debug_points: boolean;
}

export interface BackendAddress {
  readonly id: bigint;
  readonly host: string;
  bePort: number;
  httpPort: number;
  brpcPort: number;
  heartbeatPort: number;
}

interface PendingRowset {
  readonly partitionId: bigint;
  readonly rows: StoredRow[];
  readonly deletePredicate?: string;
  /** Set by ingest_binlog: the source rowset this one was copied from (for idempotent retries). */
  readonly sourceKey?: string;
}

export class BackendError extends Error {
  override readonly name = 'BackendError';
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/** Rows as segment value lists in the tablet's column order (plain loops: this runs for every loaded row). */
function toSegmentRows(rows: readonly StoredRow[], uids: readonly number[]): SegmentRow[] {
  const out = new Array<SegmentRow>(rows.length);
  const width = uids.length;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const values = new Array<StoredValue>(width);
    for (let j = 0; j < width; j++) values[j] = row[uids[j]!] ?? null;
    out[i] = values;
  }
  return out;
}

export class Backend {
  alive = true;
  /** ALTER SYSTEM DECOMMISSION BACKEND: its replicas move away, then the FE drops it. */
  decommissioned = false;
  readonly config: BackendConfig;
  private readonly pending = new Map<bigint, Map<bigint, PendingRowset>>();

  constructor(
    readonly address: BackendAddress,
    private readonly store: TabletStore,
    private readonly schemas: TabletSchemaLookup,
    private readonly compilePredicate: PredicateCompiler,
    private readonly clock: Clock,
    config: Partial<BackendConfig> = {},
  ) {
    this.config = {
      enable_feature_binlog: true,
      download_binlog_rate_limit_kbs: 0,
      enable_debug_points: false,
      ...config,
    };
  }

  get id(): bigint {
    return this.address.id;
  }

  /** Prepares a rowset for `tabletId` under `txnId`; a second write for the same tablet replaces the first. */
  prepare(
    txnId: bigint,
    tabletId: bigint,
    partitionId: bigint,
    rows: StoredRow[],
    extra: { deletePredicate?: string; sourceKey?: string } = {},
  ): void {
    if (!this.schemas(tabletId)) throw new BackendError(`tablet ${tabletId} not found`, 72);
    let byTablet = this.pending.get(txnId);
    if (!byTablet) {
      byTablet = new Map();
      this.pending.set(txnId, byTablet);
    }
    byTablet.set(tabletId, { partitionId, rows, ...extra });
  }

  /**
   * Gives this replica the rowset another replica of the tablet prepared under `txnId`: a replica that
   * joined the tablet (a clone) while the load ran gets the version it missed, as Doris repairs it.
   */
  adoptPrepared(from: Backend, txnId: bigint, tabletId: bigint): void {
    const prepared = from.pending.get(txnId)?.get(tabletId);
    if (!prepared) return;
    const { partitionId, rows, ...extra } = prepared;
    this.prepare(txnId, tabletId, partitionId, rows, extra);
  }

  /** Clone: this replica becomes a copy of `from`'s replica of the tablet (rows and binlog rowsets). */
  cloneFrom(from: Backend, tabletId: bigint): void {
    this.store.copyTablet(from.id, this.id, tabletId, () => newRowsetId(this.id));
  }

  /** DROPP BACKEND: every replica's data on this backend is discarded. */
  discardAll(): void {
    this.store.clearBackend(this.id);
    this.pending.clear();
  }

  prepared(txnId: bigint, tabletId: bigint): { sourceKey?: string } | undefined {
    return this.pending.get(txnId)?.get(tabletId);
  }

  preparedTablets(txnId: bigint): bigint[] {
    return [...(this.pending.get(txnId)?.keys() ?? [])];
  }

  /**
   * Makes the prepared rowset of `tabletId` visible at `version`. Must run inside the caller's store
   * transaction so the FE's version bump and the BE's data land together.
   */
  publish(txnId: bigint, tabletId: bigint, version: bigint): void {
    const prepared = this.pending.get(txnId)?.get(tabletId);
    const schema = this.schemas(tabletId);
    if (!schema) throw new BackendError(`tablet ${tabletId} not found`, 72);
    const rows = prepared?.rows ?? [];
    const names = schema.columns.map((c) => c.name);
    const segmentRows = toSegmentRows(
      rows,
      schema.columns.map((c) => c.uniqueId),
    );
    const texts = segmentTexts(segmentRows);
    const segments = texts.map((t) => Buffer.from(t.text, 'utf8'));
    const meta: RowsetMeta = {
      rowsetId: newRowsetId(this.id),
      tabletId: tabletId.toString(),
      version: version.toString(),
      txnId: txnId.toString(),
      numRows: rows.length,
      numSegments: segments.length,
      columns: names,
      ...(prepared?.deletePredicate ? { deletePredicate: prepared.deletePredicate } : {}),
      creationTime: Math.floor(this.clock.now() / 1000),
      dataSize: segments.reduce((n, s) => n + s.length, 0),
    };
    if (schema.binlogEnabled) this.store.saveRowset(this.id, meta, segments);
    if (schema.keysType === 'DUP_KEYS' && !prepared?.deletePredicate) {
      // DUPLICATE rows need no merge: the segment's chunk texts become the stored chunks (serialised once).
      const uids = schema.columns.map((c) => c.uniqueId);
      for (const t of texts) {
        for (const c of t.chunks) this.store.appendSegmentChunk(this.id, tabletId, uids, c.text, c.rows);
      }
      return;
    }
    applyRowset(
      { store: this.store, backendId: this.id, tabletId, schema, compilePredicate: this.compilePredicate },
      meta,
      rows,
    );
  }

  /** Forgets a transaction's prepared rowsets (after publish, or on abort). */
  release(txnId: bigint): void {
    this.pending.delete(txnId);
  }

  rowset(tabletId: bigint, version: bigint): RowsetMeta | undefined {
    return this.store.rowset(this.id, tabletId, version);
  }

  segment(rowsetId: string, index: number): Buffer | undefined {
    return this.store.segment(rowsetId, index);
  }

  hasTablet(tabletId: bigint): boolean {
    return this.schemas(tabletId) !== undefined;
  }

  schemaOf(tabletId: bigint) {
    return this.schemas(tabletId);
  }

  rowCount(tabletId: bigint): number {
    return this.store.count(this.id, tabletId);
  }

  rows(tabletId: bigint): IterableIterator<StoredRow> {
    return this.store.rows(this.id, tabletId);
  }

  dropTablet(tabletId: bigint): void {
    this.store.clearTablet(this.id, tabletId);
  }

  gcBinlog(tabletId: bigint, upToVersion: bigint): number {
    return this.store.gcRowsets(this.id, tabletId, upToVersion);
  }

  keyOf(tabletId: bigint, row: StoredRow): string | null {
    const schema = this.schemas(tabletId);
    return schema ? rowKey(schema, row) : null;
  }
}

// Durable tablet data of all simulated BEs: the visible rows of every replica (merged by key model) and the
// rowsets kept per version for binlog download. Rows are JSON objects keyed by column unique id, so renaming
// or adding columns (light schema change) never rewrites data. Keyed tables (UNIQUE/AGG) keep one SQLite row
// per key; DUPLICATE tables never look rows up by key, so a load's rows go in as chunks (a JSON array per
// SQLite row, `n` rows each) — one insert per chunk instead of per row is what makes stream load fast.
import type { Column } from '../catalog/column.js';
import type { Sqlite } from '../storage/sqlite.js';
import type { StoredValue } from '../types/doris-type.js';
import { ROWS_PER_CHUNK, type RowsetMeta } from './rowset.js';

export type StoredRow = Record<string, StoredValue>;

/** A stored SQLite row: one keyed row, a chunk of row objects, or a chunk in segment form. */
export type ChunkData = StoredRow | StoredRow[] | { u: number[]; r: StoredValue[][] };

function isChunk(data: ChunkData): data is StoredRow[] | { u: number[]; r: StoredValue[][] } {
  return (
    Array.isArray(data) ||
    (Array.isArray((data as { u?: unknown }).u) && Array.isArray((data as { r?: unknown }).r))
  );
}

/** The rows held by one stored `data` value (a keyed row, or a DUPLICATE chunk in either form). */
export function* expandChunk(data: ChunkData): IterableIterator<StoredRow> {
  if (Array.isArray(data)) {
    yield* data;
    return;
  }
  const seg = data as { u?: unknown; r?: unknown };
  if (Array.isArray(seg.u) && Array.isArray(seg.r)) {
    const uids = seg.u as number[];
    for (const values of seg.r as StoredValue[][]) {
      const row: StoredRow = {};
      for (let i = 0; i < uids.length; i++) row[uids[i]!] = values[i] ?? null;
      yield row;
    }
    return;
  }
  yield data as StoredRow;
}

const SCAN_SQL = 'SELECT data FROM tablet_rows WHERE backend_id = ? AND tablet_id = ?';

/** Every visible row of a replica, read through another connection (a pinned reader). */
export function* scanTablet(db: Sqlite, backendId: bigint, tabletId: bigint): IterableIterator<StoredRow> {
  for (const r of db.prepare(SCAN_SQL).iterate(backendId, tabletId) as IterableIterator<{ data: string }>) {
    yield* expandChunk(JSON.parse(r.data) as ChunkData);
  }
}

export class TabletStore {
  private readonly upsertRow;
  private readonly deleteRow;
  private readonly getRow;
  private readonly scanRows;
  private readonly countRows;
  private readonly deleteRowid;
  private readonly appendChunkStmt;
  private readonly replaceChunk;
  private readonly deleteTablet;
  private readonly putRowset;
  private readonly putSegment;
  private readonly getRowset;
  private readonly getSegment;
  private readonly listRowsets;
  private readonly dropRowsetsUpTo;
  private readonly dropSegmentsOf;

  constructor(private readonly db: Sqlite) {
    this.upsertRow = db.prepare(
      `INSERT INTO tablet_rows (backend_id, tablet_id, row_key, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (backend_id, tablet_id, row_key) DO UPDATE SET data = excluded.data`,
    );
    this.deleteRow = db.prepare(
      'DELETE FROM tablet_rows WHERE backend_id = ? AND tablet_id = ? AND row_key = ?',
    );
    this.getRow = db.prepare(
      'SELECT data FROM tablet_rows WHERE backend_id = ? AND tablet_id = ? AND row_key = ?',
    );
    this.scanRows = db.prepare('SELECT rowid, data FROM tablet_rows WHERE backend_id = ? AND tablet_id = ?');
    this.countRows = db.prepare(
      'SELECT coalesce(sum(n), 0) AS n FROM tablet_rows WHERE backend_id = ? AND tablet_id = ?',
    );
    this.deleteRowid = db.prepare('DELETE FROM tablet_rows WHERE rowid = ?');
    this.appendChunkStmt = db.prepare(
      'INSERT INTO tablet_rows (backend_id, tablet_id, row_key, data, n) VALUES (?, ?, NULL, ?, ?)',
    );
    this.replaceChunk = db.prepare('UPDATE tablet_rows SET data = ?, n = ? WHERE rowid = ?');
    this.deleteTablet = db.prepare('DELETE FROM tablet_rows WHERE backend_id = ? AND tablet_id = ?');
    this.putRowset = db.prepare(
      'INSERT OR REPLACE INTO rowsets (backend_id, tablet_id, version, rowset_id, meta) VALUES (?, ?, ?, ?, ?)',
    );
    this.putSegment = db.prepare(
      'INSERT OR REPLACE INTO segments (rowset_id, segment, data) VALUES (?, ?, ?)',
    );
    this.getRowset = db.prepare(
      'SELECT meta FROM rowsets WHERE backend_id = ? AND tablet_id = ? AND version = ?',
    );
    this.getSegment = db.prepare('SELECT data FROM segments WHERE rowset_id = ? AND segment = ?');
    this.listRowsets = db.prepare(
      'SELECT version, rowset_id FROM rowsets WHERE backend_id = ? AND tablet_id = ?',
    );
    this.dropRowsetsUpTo = db.prepare(
      'SELECT rowset_id FROM rowsets WHERE backend_id = ? AND tablet_id = ? AND version <= ?',
    );
    this.dropSegmentsOf = db.prepare('DELETE FROM segments WHERE rowset_id = ?');
  }

  upsert(backendId: bigint, tabletId: bigint, key: string | null, row: StoredRow): void {
    this.upsertRow.run(backendId, tabletId, key, JSON.stringify(row));
  }

  remove(backendId: bigint, tabletId: bigint, key: string): void {
    this.deleteRow.run(backendId, tabletId, key);
  }

  get(backendId: bigint, tabletId: bigint, key: string): StoredRow | undefined {
    const found = this.getRow.get(backendId, tabletId, key) as { data: string } | undefined;
    return found ? (JSON.parse(found.data) as StoredRow) : undefined;
  }

  /** Appends rows without keys (DUPLICATE KEY tables), in chunks. */
  appendRows(backendId: bigint, tabletId: bigint, rows: readonly StoredRow[]): void {
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
      const chunk = rows.slice(start, start + ROWS_PER_CHUNK);
      this.appendChunkStmt.run(backendId, tabletId, JSON.stringify(chunk), chunk.length);
    }
  }

  /**
   * Appends a chunk in segment form: `{"u":[column unique ids],"r":[[values…],…]}`, where `rowsJson` is the
   * rowset's segment text, so a DUPLICATE load serialises its rows once for both binlog and storage.
   */
  appendSegmentChunk(
    backendId: bigint,
    tabletId: bigint,
    uids: readonly number[],
    rowsJson: string,
    count: number,
  ): void {
    this.appendChunkStmt.run(backendId, tabletId, `{"u":${JSON.stringify(uids)},"r":${rowsJson}}`, count);
  }

  /** Every visible row of a replica (chunks expanded). */
  *rows(backendId: bigint, tabletId: bigint): IterableIterator<StoredRow> {
    for (const r of this.scanRows.iterate(backendId, tabletId) as IterableIterator<{
      rowid: number;
      data: string;
    }>) {
      yield* expandChunk(JSON.parse(r.data) as ChunkData);
    }
  }

  count(backendId: bigint, tabletId: bigint): number {
    return Number((this.countRows.get(backendId, tabletId) as { n: number | bigint }).n);
  }

  /** Removes the rows `test` selects (delete predicates, schema-change refills); returns how many. */
  deleteWhere(backendId: bigint, tabletId: bigint, test: (row: StoredRow) => boolean): number {
    const scanned = [
      ...(this.scanRows.iterate(backendId, tabletId) as IterableIterator<{ rowid: number; data: string }>),
    ];
    let removed = 0;
    for (const r of scanned) {
      const data = JSON.parse(r.data) as ChunkData;
      if (!isChunk(data)) {
        if (test(data)) {
          this.deleteRowid.run(r.rowid);
          removed++;
        }
        continue;
      }
      const parsed = [...expandChunk(data)];
      const kept = parsed.filter((row) => !test(row));
      if (kept.length === parsed.length) continue;
      removed += parsed.length - kept.length;
      if (kept.length === 0) this.deleteRowid.run(r.rowid);
      else this.replaceChunk.run(JSON.stringify(kept), kept.length, r.rowid);
    }
    return removed;
  }

  clearTablet(backendId: bigint, tabletId: bigint): void {
    this.deleteTablet.run(backendId, tabletId);
    for (const r of this.listRowsets.all(backendId, tabletId) as { rowset_id: string }[]) {
      this.dropSegmentsOf.run(r.rowset_id);
    }
    this.db.prepare('DELETE FROM rowsets WHERE backend_id = ? AND tablet_id = ?').run(backendId, tabletId);
  }

  /**
   * Clone: gives `toBackend` a copy of `fromBackend`'s replica of a tablet — its visible rows and its binlog
   * rowsets (under new rowset ids, as a cloned BE names its own), so the new replica serves binlog
   * downloads of every version the old one kept.
   */
  copyTablet(fromBackend: bigint, toBackend: bigint, tabletId: bigint, newRowsetId: () => string): void {
    this.clearTablet(toBackend, tabletId);
    this.db
      .prepare(
        `INSERT INTO tablet_rows (backend_id, tablet_id, row_key, data, n)
         SELECT ?, tablet_id, row_key, data, n FROM tablet_rows WHERE backend_id = ? AND tablet_id = ?`,
      )
      .run(toBackend, fromBackend, tabletId);
    const rowsets = this.db
      .prepare('SELECT rowset_id, meta FROM rowsets WHERE backend_id = ? AND tablet_id = ?')
      .all(fromBackend, tabletId) as Array<{ rowset_id: string; meta: string }>;
    const segmentsOf = this.db.prepare('SELECT segment, data FROM segments WHERE rowset_id = ?');
    for (const r of rowsets) {
      const meta = { ...(JSON.parse(r.meta) as RowsetMeta), rowsetId: newRowsetId() };
      const segments = (segmentsOf.all(r.rowset_id) as Array<{ segment: number; data: Buffer }>)
        .sort((a, b) => a.segment - b.segment)
        .map((s) => s.data);
      this.saveRowset(toBackend, meta, segments);
    }
  }

  /** Discards every replica's data of a backend (DROPP BACKEND: "all data on this backend will be discarded"). */
  clearBackend(backendId: bigint): void {
    this.db.prepare('DELETE FROM tablet_rows WHERE backend_id = ?').run(backendId);
    const ids = this.db
      .prepare('SELECT rowset_id FROM rowsets WHERE backend_id = ?')
      .all(backendId) as Array<{
      rowset_id: string;
    }>;
    for (const { rowset_id } of ids) this.dropSegmentsOf.run(rowset_id);
    this.db.prepare('DELETE FROM rowsets WHERE backend_id = ?').run(backendId);
  }

  saveRowset(backendId: bigint, meta: RowsetMeta, segments: readonly Buffer[]): void {
    this.putRowset.run(
      backendId,
      BigInt(meta.tabletId),
      BigInt(meta.version),
      meta.rowsetId,
      JSON.stringify(meta),
    );
    segments.forEach((data, i) => {
      this.putSegment.run(meta.rowsetId, i, data);
    });
  }

  rowset(backendId: bigint, tabletId: bigint, version: bigint): RowsetMeta | undefined {
    const found = this.getRowset.get(backendId, tabletId, version) as { meta: string } | undefined;
    return found ? (JSON.parse(found.meta) as RowsetMeta) : undefined;
  }

  segment(rowsetId: string, index: number): Buffer | undefined {
    return (this.getSegment.get(rowsetId, index) as { data: Buffer } | undefined)?.data;
  }

  /** Binlog GC: forget rowsets of versions ≤ `version` so downloads of them answer 404. */
  gcRowsets(backendId: bigint, tabletId: bigint, version: bigint): number {
    const ids = this.dropRowsetsUpTo.all(backendId, tabletId, version) as { rowset_id: string }[];
    for (const { rowset_id } of ids) this.dropSegmentsOf.run(rowset_id);
    this.db
      .prepare('DELETE FROM rowsets WHERE backend_id = ? AND tablet_id = ? AND version <= ?')
      .run(backendId, tabletId, version);
    return ids.length;
  }
}

/** Maps a stored row (by unique id) to values by column name. */
export function rowByName(columns: readonly Column[], row: StoredRow): Map<string, StoredValue> {
  const out = new Map<string, StoredValue>();
  for (const c of columns) out.set(c.name, row[c.uniqueId] ?? null);
  return out;
}

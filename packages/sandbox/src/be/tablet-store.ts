// Durable tablet data of all simulated BEs: the visible rows of every replica (merged by key model) and the
// rowsets kept per version for binlog download. Rows are stored as JSON objects keyed by column unique id, so
// renaming or adding columns (light schema change) never rewrites data.
import type { Column } from '../catalog/column.js';
import type { Sqlite } from '../storage/sqlite.js';
import type { StoredValue } from '../types/doris-type.js';
import type { RowsetMeta } from './rowset.js';

export type StoredRow = Record<string, StoredValue>;

export class TabletStore {
  private readonly upsertRow;
  private readonly deleteRow;
  private readonly getRow;
  private readonly scanRows;
  private readonly countRows;
  private readonly deleteRowid;
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
      'SELECT count(*) AS n FROM tablet_rows WHERE backend_id = ? AND tablet_id = ?',
    );
    this.deleteRowid = db.prepare('DELETE FROM tablet_rows WHERE rowid = ?');
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

  *rows(backendId: bigint, tabletId: bigint): IterableIterator<{ rowid: number; row: StoredRow }> {
    for (const r of this.scanRows.iterate(backendId, tabletId) as IterableIterator<{
      rowid: number;
      data: string;
    }>) {
      yield { rowid: r.rowid, row: JSON.parse(r.data) as StoredRow };
    }
  }

  /** Raw JSON rows: callers that only project a few columns parse lazily. */
  rawRows(backendId: bigint, tabletId: bigint): IterableIterator<{ rowid: number; data: string }> {
    return this.scanRows.iterate(backendId, tabletId) as IterableIterator<{ rowid: number; data: string }>;
  }

  count(backendId: bigint, tabletId: bigint): number {
    return (this.countRows.get(backendId, tabletId) as { n: number }).n;
  }

  removeRowid(rowid: number): void {
    this.deleteRowid.run(rowid);
  }

  clearTablet(backendId: bigint, tabletId: bigint): void {
    this.deleteTablet.run(backendId, tabletId);
    for (const r of this.listRowsets.all(backendId, tabletId) as { rowset_id: string }[]) {
      this.dropSegmentsOf.run(r.rowset_id);
    }
    this.db.prepare('DELETE FROM rowsets WHERE backend_id = ? AND tablet_id = ?').run(backendId, tabletId);
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

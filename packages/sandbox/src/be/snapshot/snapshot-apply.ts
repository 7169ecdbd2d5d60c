// Moving a downloaded snapshot into a local tablet (Doris's DirMoveTask with "overwrite"): the replica's
// rows are replaced by the snapshot's rows. Rows are stored by column unique id; when the local schema
// gives every column the id the source used (a table created by this restore), rows are copied as text;
// otherwise each row is re-keyed by column name and its key recomputed.
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../storage/sqlite.js';
import { rowKey } from '../apply-rowset.js';
import type { Backend } from '../backend.js';
import type { TabletSchema } from '../tablet-schema.js';
import { type ChunkData, expandChunk, type StoredRow } from '../tablet-store.js';
import type { DownloadedTablet } from './snapshot-download.js';

const inserts = new WeakMap<Sqlite, Statement<[bigint, bigint, string | null, string, number]>>();

function insertStatement(db: Sqlite) {
  let stmt = inserts.get(db);
  if (!stmt) {
    // Straight into the BE's row table (tablet-store.ts owns its schema): after the tablet was cleared,
    // every snapshot row is new, so no merge is needed.
    stmt = db.prepare<[bigint, bigint, string | null, string, number]>(
      'INSERT INTO tablet_rows (backend_id, tablet_id, row_key, data, n) VALUES (?, ?, ?, ?, ?)',
    );
    inserts.set(db, stmt);
  }
  return stmt;
}

/** Source unique id → local unique id, or undefined when they are the same for every column. */
function uidMapping(snapshot: DownloadedTablet, schema: TabletSchema): Map<string, string> | undefined {
  const local = new Map(schema.columns.map((c) => [c.name.toLowerCase(), c.uniqueId]));
  const map = new Map<string, string>();
  let identity = snapshot.header.columns.length === schema.columns.length;
  for (const c of snapshot.header.columns) {
    const uid = local.get(c.name.toLowerCase());
    if (uid === undefined) {
      identity = false;
      continue;
    }
    if (uid !== c.uniqueId) identity = false;
    map.set(String(c.uniqueId), String(uid));
  }
  return identity ? undefined : map;
}

/**
 * Replaces the rows of `tabletId` on `backend` with the snapshot's. Must run inside a store transaction.
 * Returns the number of rows written.
 */
export function applyTabletSnapshot(
  db: Sqlite,
  backend: Backend,
  tabletId: bigint,
  schema: TabletSchema,
  snapshot: DownloadedTablet,
): number {
  backend.dropTablet(tabletId);
  const insert = insertStatement(db);
  const mapping = uidMapping(snapshot, schema);
  const text = snapshot.data;
  let rows = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab < 0 || tab > end)
      throw new Error(`tablet ${tabletId}: malformed snapshot row at offset ${start}`);
    const key = text.slice(start, tab);
    const data = text.slice(tab + 1, end);
    start = end + 1;
    // A DUPLICATE tablet stores chunks of rows (tablet-store.ts); keep them as chunks, with their count.
    const parsed = JSON.parse(data) as ChunkData;
    const sourceRows = [...expandChunk(parsed)];
    const local = mapping
      ? sourceRows.map((source) => {
          const row: StoredRow = {};
          for (const [from, to] of mapping) if (from in source) row[to] = source[from] ?? null;
          return row;
        })
      : sourceRows;
    if (key === '') {
      insert.run(backend.id, tabletId, null, JSON.stringify(local), local.length);
    } else {
      for (const row of local)
        insert.run(backend.id, tabletId, mapping ? rowKey(schema, row) : key, JSON.stringify(row), 1);
    }
    rows += local.length;
  }
  return rows;
}

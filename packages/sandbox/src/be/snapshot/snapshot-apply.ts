// Moving a downloaded snapshot into a local tablet (Doris's DirMoveTask with "overwrite"): the replica's
// rows are replaced by the snapshot's rows. The data file is read from disk and written in short store
// transactions, yielding to the event loop between them, so a tablet of millions of rows never stops the
// sandbox's servers. A table nobody can read before the restore finishes (created by it, or an atomic
// restore's shadow) is written directly; an existing table's replica is written under a staging owner (the
// negated backend id) and swapped in by one commit (`swapStagedTablet`), so a reader sees the old rows or
// the new ones, never half — that commit rewrites the staged rows once, which direct writing avoids.
//
// Rows are stored by column unique id; when the local schema gives every column the id the source used (a
// table created by this restore), stored data is copied as text; otherwise each row is re-keyed by column
// name and its key recomputed.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Statement } from 'better-sqlite3';
import { SLICE_MS } from '../../storage/pinned-reader.js';
import type { Sqlite } from '../../storage/sqlite.js';
import { rowKey } from '../apply-rowset.js';
import type { Backend } from '../backend.js';
import type { TabletSchema } from '../tablet-schema.js';
import { type ChunkData, expandChunk, type StoredRow } from '../tablet-store.js';
import type { DownloadedTablet } from './snapshot-download.js';

interface Statements {
  readonly insert: Statement<[bigint, bigint, string | null, string, number]>;
  readonly clear: Statement<[bigint, bigint]>;
  readonly adopt: Statement<[bigint, bigint, bigint]>;
}

const statements = new WeakMap<Sqlite, Statements>();

function statementsOf(db: Sqlite): Statements {
  let s = statements.get(db);
  if (!s) {
    // Straight into the BE's row table (tablet-store.ts owns its schema).
    s = {
      insert: db.prepare(
        'INSERT INTO tablet_rows (backend_id, tablet_id, row_key, data, n) VALUES (?, ?, ?, ?, ?)',
      ),
      clear: db.prepare('DELETE FROM tablet_rows WHERE backend_id = ? AND tablet_id = ?'),
      adopt: db.prepare('UPDATE tablet_rows SET backend_id = ? WHERE backend_id = ? AND tablet_id = ?'),
    };
    statements.set(db, s);
  }
  return s;
}

/** The owner id staged rows are written under until the swap: no real BE has a negative id. */
function stagingOwner(backend: Backend): bigint {
  return -backend.id;
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

/** Writes one data file line (`<key>\t<rows>\t<data>`) under `owner`; returns the rows it held. */
function stageLine(
  s: Statements,
  owner: bigint,
  tabletId: bigint,
  schema: TabletSchema,
  mapping: Map<string, string> | undefined,
  line: string,
): number {
  const keyEnd = line.indexOf('\t');
  const countEnd = keyEnd < 0 ? -1 : line.indexOf('\t', keyEnd + 1);
  if (countEnd < 0) throw new Error(`tablet ${tabletId}: malformed snapshot line`);
  const key = line.slice(0, keyEnd);
  const count = Number(line.slice(keyEnd + 1, countEnd));
  const data = line.slice(countEnd + 1);
  if (!mapping) {
    // Same column ids: the stored text (a DUPLICATE chunk or one keyed row) is copied unparsed.
    s.insert.run(owner, tabletId, key === '' ? null : key, data, count);
    return count;
  }
  const local = [...expandChunk(JSON.parse(data) as ChunkData)].map((source) => {
    const row: StoredRow = {};
    for (const [from, to] of mapping) if (from in source) row[to] = source[from] ?? null;
    return row;
  });
  if (key === '') s.insert.run(owner, tabletId, null, JSON.stringify(local), local.length);
  else for (const row of local) s.insert.run(owner, tabletId, rowKey(schema, row), JSON.stringify(row), 1);
  return local.length;
}

/** Where a replica's new rows go: straight into it, or beside it until swapStagedTablet. */
export type ApplyMode = 'direct' | 'staged';

/**
 * Writes the snapshot's rows for one replica, in short transactions between event-loop turns. Returns the
 * number of rows written, or undefined when `stillWanted` turned false meanwhile.
 */
export async function writeTabletSnapshot(
  db: Sqlite,
  backend: Backend,
  tabletId: bigint,
  schema: TabletSchema,
  snapshot: DownloadedTablet,
  mode: ApplyMode,
  stillWanted: () => boolean,
): Promise<number | undefined> {
  const s = statementsOf(db);
  const owner = mode === 'direct' ? backend.id : stagingOwner(backend);
  const mapping = uidMapping(snapshot, schema);
  if (mode === 'direct') backend.dropTablet(tabletId);
  else s.clear.run(owner, tabletId);
  let rows = 0;
  let batch: string[] = [];
  const flush = () => {
    const lines = batch;
    batch = [];
    db.transaction(() => {
      for (const line of lines) rows += stageLine(s, owner, tabletId, schema, mapping, line);
    })();
  };
  const lines = createInterface({
    input: createReadStream(snapshot.path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let sliceStart = performance.now();
  let batchChars = 0;
  for await (const line of lines) {
    if (line === '') continue;
    batch.push(line);
    batchChars += line.length;
    if (batchChars < 4 << 20 && batch.length < 1024) continue;
    flush();
    batchChars = 0;
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
      if (!stillWanted()) {
        lines.close();
        if (mode === 'staged') s.clear.run(owner, tabletId);
        return undefined;
      }
    }
  }
  flush();
  return rows;
}

/** Replaces the replica's rows with the staged ones. Must run inside the caller's store transaction. */
export function swapStagedTablet(db: Sqlite, backend: Backend, tabletId: bigint): void {
  backend.dropTablet(tabletId);
  statementsOf(db).adopt.run(backend.id, stagingOwner(backend), tabletId);
}

/** Forgets rows staged for a tablet (a cancelled restore). */
export function discardStagedTablet(db: Sqlite, backend: Backend, tabletId: bigint): void {
  statementsOf(db).clear.run(stagingOwner(backend), tabletId);
}

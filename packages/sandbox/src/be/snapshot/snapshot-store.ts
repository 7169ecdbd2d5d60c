// Tablet snapshots a BE keeps for BACKUP … TO __keep_on_local__. Doris hard-links the rowset files of the
// visible version into a snapshot directory; the sandbox writes each tablet's merged visible rows to a data
// file under its data directory (`<data dir>/be-snapshots/<backend id><snapshot dir>/<tablet>_0.dat`), read
// from a SQLite read transaction opened in the same turn as the backup's barrier commit (snapshot-writer.ts),
// so the file is exactly the data at the snapshot's commit seq whatever loads run meanwhile. Headers live in
// SQLite; data files are streamed to target BEs over /api/_tablet/_download (tablet-download-route.ts).
import { rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KeysType } from '../../catalog/table.js';
import type { Sqlite } from '../../storage/sqlite.js';

/** What a snapshot directory's header file says about its rows (JSON; ids as strings). */
export interface SnapshotHeader {
  readonly tabletId: string;
  readonly schemaHash: number;
  /** The partition's visible version the rows were taken at. */
  readonly version: string;
  readonly keysType: KeysType;
  /** Column names with the unique ids the stored rows are keyed by. */
  readonly columns: ReadonlyArray<{ readonly name: string; readonly uniqueId: number }>;
  readonly numRows: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS be_snapshots (
    backend_id INTEGER NOT NULL, dir TEXT NOT NULL, header TEXT NOT NULL, PRIMARY KEY (backend_id, dir)
  ) WITHOUT ROWID;
  -- Snapshot rows were kept in SQLite before they moved to data files.
  DROP TABLE IF EXISTS be_snapshot_rows;
`;

/** Files of a tablet snapshot directory, as Doris lists them: a header and one data file. */
export function snapshotFileNames(tabletId: bigint | string): [header: string, data: string] {
  return [`${tabletId}.hdr`, `${tabletId}_0.dat`];
}

/** `<root>/<tabletId>/<schemaHash>`: where Doris's restore looks for a tablet inside a snapshot root. */
export function tabletSnapshotDir(root: string, tabletId: bigint | string, schemaHash: number): string {
  return `${root}/${tabletId}/${schemaHash}`;
}

export class SnapshotStore {
  private readonly putHeader;
  private readonly getHeader;
  private readonly dirsUnder;
  /** `<data dir>/be-snapshots`. */
  readonly fileRoot: string;

  constructor(private readonly db: Sqlite) {
    db.exec(SCHEMA);
    this.fileRoot = join(dirname(db.name), 'be-snapshots');
    this.putHeader = db.prepare(
      'INSERT OR REPLACE INTO be_snapshots (backend_id, dir, header) VALUES (?, ?, ?)',
    );
    this.getHeader = db.prepare('SELECT header FROM be_snapshots WHERE backend_id = ? AND dir = ?');
    this.dirsUnder = db.prepare(
      'SELECT dir FROM be_snapshots WHERE backend_id = ? AND substr(dir, 1, ?) = ? ORDER BY dir',
    );
  }

  /** Where the data file of a tablet snapshot directory lives on disk. */
  dataPath(backendId: bigint, dir: string, tabletId: bigint | string): string {
    return join(this.fileRoot, String(backendId), dir, snapshotFileNames(tabletId)[1]);
  }

  /** Records a finished tablet snapshot (its data file is complete). */
  saveHeader(backendId: bigint, dir: string, header: SnapshotHeader): void {
    this.putHeader.run(backendId, dir, JSON.stringify(header));
  }

  header(backendId: bigint, dir: string): SnapshotHeader | undefined {
    const row = this.getHeader.get(backendId, dir) as { header: string } | undefined;
    return row ? (JSON.parse(row.header) as SnapshotHeader) : undefined;
  }

  /** Size of a tablet snapshot's data file, or undefined when it is missing. */
  dataSize(backendId: bigint, dir: string, tabletId: bigint | string): number | undefined {
    try {
      return statSync(this.dataPath(backendId, dir, tabletId)).size;
    } catch {
      return undefined;
    }
  }

  /** Tablet directories below a path (a snapshot root or a tablet's directory). */
  dirs(backendId: bigint, prefix: string): string[] {
    const withSlash = prefix.endsWith('/') ? prefix : `${prefix}/`;
    return (this.dirsUnder.all(backendId, withSlash.length, withSlash) as { dir: string }[]).map(
      (r) => r.dir,
    );
  }

  /** Releases every tablet snapshot under `root` (Doris's ReleaseSnapshotTask): headers and files. */
  release(backendId: bigint, root: string): void {
    const withSlash = `${root}/`;
    this.db
      .prepare('DELETE FROM be_snapshots WHERE backend_id = ? AND substr(dir, 1, ?) = ?')
      .run(backendId, withSlash.length, withSlash);
    rmSync(join(this.fileRoot, String(backendId), root), { recursive: true, force: true });
  }
}

const stores = new WeakMap<Sqlite, SnapshotStore>();

/** The snapshot store of one sandbox data file (shared by all its BEs). */
export function snapshotStore(db: Sqlite): SnapshotStore {
  let store = stores.get(db);
  if (!store) {
    store = new SnapshotStore(db);
    stores.set(db, store);
  }
  return store;
}

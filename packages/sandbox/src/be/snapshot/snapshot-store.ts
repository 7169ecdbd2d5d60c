// Tablet snapshots a BE keeps for BACKUP … TO __keep_on_local__. Doris hard-links the rowset files of the
// visible version into a snapshot directory; the sandbox copies the tablet's merged visible rows inside the
// same SQLite transaction as the backup's barrier, so the copy is exactly the data at the snapshot's commit
// seq and stays immutable while later loads change the tablet. Target BEs read the copies over
// /api/_tablet/_download (tablet-download-route.ts). The store owns its tables and creates them on first use.
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
  CREATE TABLE IF NOT EXISTS be_snapshot_rows (
    backend_id INTEGER NOT NULL, dir TEXT NOT NULL, row_key TEXT, data TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS be_snapshot_rows_dir ON be_snapshot_rows (backend_id, dir);
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
  private readonly copyRows;
  private readonly putHeader;
  private readonly getHeader;
  private readonly scanRows;
  private readonly dataBytes;
  private readonly dirsUnder;

  constructor(private readonly db: Sqlite) {
    db.exec(SCHEMA);
    this.copyRows = db.prepare(
      `INSERT INTO be_snapshot_rows (backend_id, dir, row_key, data)
       SELECT backend_id, ?, row_key, data FROM tablet_rows WHERE backend_id = ? AND tablet_id = ?`,
    );
    this.putHeader = db.prepare(
      'INSERT OR REPLACE INTO be_snapshots (backend_id, dir, header) VALUES (?, ?, ?)',
    );
    this.getHeader = db.prepare('SELECT header FROM be_snapshots WHERE backend_id = ? AND dir = ?');
    this.scanRows = db.prepare('SELECT row_key, data FROM be_snapshot_rows WHERE backend_id = ? AND dir = ?');
    this.dataBytes = db.prepare(
      `SELECT coalesce(sum(length(CAST(coalesce(row_key, '') AS BLOB)) + length(CAST(data AS BLOB)) + 2), 0) AS n
       FROM be_snapshot_rows WHERE backend_id = ? AND dir = ?`,
    );
    this.dirsUnder = db.prepare(
      'SELECT dir FROM be_snapshots WHERE backend_id = ? AND substr(dir, 1, ?) = ? ORDER BY dir',
    );
  }

  /**
   * Copies the visible rows of one replica into a snapshot directory. Runs inside the caller's store
   * transaction (the backup's barrier), which is what makes the copy consistent. Returns the row count.
   */
  take(
    backendId: bigint,
    sourceTabletId: bigint,
    dir: string,
    header: Omit<SnapshotHeader, 'numRows'>,
  ): number {
    const numRows = Number(this.copyRows.run(dir, backendId, sourceTabletId).changes);
    this.putHeader.run(backendId, dir, JSON.stringify({ ...header, numRows }));
    return numRows;
  }

  header(backendId: bigint, dir: string): SnapshotHeader | undefined {
    const row = this.getHeader.get(backendId, dir) as { header: string } | undefined;
    return row ? (JSON.parse(row.header) as SnapshotHeader) : undefined;
  }

  /** The data file's lines: `<row key>\t<row JSON>` (the key is empty for DUPLICATE KEY tablets). */
  *dataLines(backendId: bigint, dir: string): IterableIterator<string> {
    for (const r of this.scanRows.iterate(backendId, dir) as IterableIterator<{
      row_key: string | null;
      data: string;
    }>) {
      yield `${r.row_key ?? ''}\t${r.data}\n`;
    }
  }

  dataSize(backendId: bigint, dir: string): number {
    return Number((this.dataBytes.get(backendId, dir) as { n: number | bigint }).n);
  }

  /** Tablet directories below a path (a snapshot root or a tablet's directory). */
  dirs(backendId: bigint, prefix: string): string[] {
    const withSlash = prefix.endsWith('/') ? prefix : `${prefix}/`;
    return (this.dirsUnder.all(backendId, withSlash.length, withSlash) as { dir: string }[]).map(
      (r) => r.dir,
    );
  }

  /** Releases every tablet snapshot under `root` (Doris's ReleaseSnapshotTask). */
  release(backendId: bigint, root: string): void {
    const withSlash = `${root}/`;
    this.db
      .prepare('DELETE FROM be_snapshot_rows WHERE backend_id = ? AND substr(dir, 1, ?) = ?')
      .run(backendId, withSlash.length, withSlash);
    this.db
      .prepare('DELETE FROM be_snapshots WHERE backend_id = ? AND substr(dir, 1, ?) = ?')
      .run(backendId, withSlash.length, withSlash);
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

// A second connection to the sandbox data file holding one read transaction: with WAL, it keeps seeing the
// data as of the moment it was opened while the main connection goes on committing. Long reads (a backup's
// tablet snapshots, a large table's scan) use one so they can pause between event-loop turns — an open
// iterator on the main connection would make it busy for every other statement meanwhile.
import Database from 'better-sqlite3';
import type { Sqlite } from './sqlite.js';

/** Work a long read does before the event loop gets a turn: well below the 200 ms stall allowed. */
export const SLICE_MS = 20;

export interface PinnedReader {
  readonly db: Sqlite;
  /** Ends the read transaction and closes the connection; idempotent. */
  close(): void;
}

/** Pins the committed state of `db` now: call it in the same synchronous turn as what it must match. */
export function openPinnedReader(db: Sqlite): PinnedReader {
  const reader = new Database(db.name, { readonly: true, fileMustExist: true });
  reader.exec('BEGIN');
  // A read transaction takes its snapshot at its first read.
  reader.prepare('SELECT count(*) FROM sqlite_master').get();
  return {
    db: reader,
    close: () => {
      if (!reader.open) return;
      if (reader.inTransaction) reader.exec('COMMIT');
      reader.close();
    },
  };
}

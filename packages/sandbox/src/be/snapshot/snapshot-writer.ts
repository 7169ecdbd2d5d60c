// Writing tablet snapshot data files without stopping the sandbox. A backup's barrier commit must pin the
// tablets' data, but copying millions of rows inside that commit would block every server of the process
// for seconds. Instead a pinned reader (storage/pinned-reader.ts) is opened in the same synchronous turn as
// the commit, and the files are written from it in time slices, yielding to the event loop between them.
//
// Data file lines: `<row key>\t<rows>\t<stored data>`: the key is empty for DUPLICATE KEY chunks, `rows`
// is how many rows the stored data holds (tablet-store.ts), so a target applies chunks without parsing them.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { sandboxLog } from '../../log/sandbox-logger.js';
import { openPinnedReader, SLICE_MS } from '../../storage/pinned-reader.js';
import type { Sqlite } from '../../storage/sqlite.js';
import type { SnapshotHeader, SnapshotStore } from './snapshot-store.js';

export interface TabletSnapshotTask {
  readonly backendId: bigint;
  readonly tabletId: bigint;
  readonly dir: string;
  readonly header: Omit<SnapshotHeader, 'numRows'>;
}

export interface SnapshotCopy {
  /** Resolves once every data file is written and its header saved; rejects on the first failure. */
  readonly done: Promise<{ rows: number; bytes: number }>;
  /** Stops writing (a cancelled job); the caller releases what was written. */
  cancel(): void;
}

const WRITE_BUFFER = 1 << 20;

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function finish(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.once('error', onError);
    stream.once('drain', () => {
      stream.off('error', onError);
      resolve();
    });
  });
}

/**
 * Pins the current committed data and starts writing the tasks' data files from it. Call it right after
 * the commit that the snapshot must match, before yielding to the event loop.
 */
export function beginSnapshotCopy(
  db: Sqlite,
  store: SnapshotStore,
  tasks: readonly TabletSnapshotTask[],
): SnapshotCopy {
  const reader = openPinnedReader(db);
  let cancelled = false;
  const scan = reader.db.prepare(
    'SELECT row_key, n, data FROM tablet_rows WHERE backend_id = ? AND tablet_id = ?',
  );
  const copyTablet = async (task: TabletSnapshotTask): Promise<{ rows: number; bytes: number }> => {
    // A cancelled job's snapshots are being released: create nothing more for them.
    if (cancelled) throw new Error('snapshot cancelled');
    const path = store.dataPath(task.backendId, task.dir, task.tabletId);
    mkdirSync(dirname(path), { recursive: true });
    const out = createWriteStream(path);
    let rows = 0;
    let bytes = 0;
    let buffer = '';
    let sliceStart = performance.now();
    try {
      for (const r of scan.iterate(task.backendId, task.tabletId) as IterableIterator<{
        row_key: string | null;
        n: number;
        data: string;
      }>) {
        if (cancelled) throw new Error('snapshot cancelled');
        buffer += `${r.row_key ?? ''}\t${r.n}\t${r.data}\n`;
        rows += r.n;
        if (buffer.length >= WRITE_BUFFER) {
          bytes += Buffer.byteLength(buffer);
          await write(out, buffer);
          buffer = '';
        }
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldTurn();
          sliceStart = performance.now();
        }
      }
      bytes += Buffer.byteLength(buffer);
      await write(out, buffer);
      await finish(out);
    } catch (error) {
      out.destroy();
      throw error;
    }
    if (!cancelled) store.saveHeader(task.backendId, task.dir, { ...task.header, numRows: rows });
    return { rows, bytes };
  };
  const done = (async () => {
    const started = performance.now();
    let rows = 0;
    let bytes = 0;
    try {
      for (const task of tasks) {
        const written = await copyTablet(task);
        rows += written.rows;
        bytes += written.bytes;
      }
    } finally {
      reader.close();
    }
    const seconds = (performance.now() - started) / 1000;
    sandboxLog().info(
      { tablets: tasks.length, rows, bytes, seconds: Number(seconds.toFixed(2)) },
      'tablet snapshots written',
    );
    return { rows, bytes };
  })();
  // The job awaits `done` in a later state; until then a failure must not count as unhandled.
  done.catch(() => {});
  return {
    done,
    cancel: () => {
      cancelled = true;
    },
  };
}

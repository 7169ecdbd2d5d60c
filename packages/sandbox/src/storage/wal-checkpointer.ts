// WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside the commit that crosses
// the WAL size limit and copies the whole WAL (tens of MB after a few large loads) into the database file
// there: measured at 200–900 ms on the main connection during a 5M-row load, with every server of the
// sandbox stopped meanwhile. The sandbox therefore turns automatic checkpoints off on the main connection
// and a worker thread with a connection of its own checkpoints every second instead.
import { Worker } from 'node:worker_threads';
import { sandboxLog } from '../log/sandbox-logger.js';
import type { Sqlite } from './sqlite.js';

export interface Checkpointer {
  stop(): Promise<void>;
}

const WORKER = new URL('./wal-checkpoint-worker.js', import.meta.url);

export function startCheckpointer(db: Sqlite, intervalMs = 1_000): Checkpointer {
  const worker = new Worker(WORKER, { workerData: { path: db.name, intervalMs } });
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) sandboxLog().warn(`WAL checkpoint failed: ${message.error}`);
  });
  worker.on('error', (error) =>
    sandboxLog().error({ err: error }, `WAL checkpointer stopped: ${error.message}`),
  );
  db.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  return {
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      // Closing the main connection next checkpoints what is left.
      await exited;
    },
  };
}

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
  // The thread alone must not keep the process alive; stop() holds it while it waits for the thread.
  worker.unref();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
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
      if (exited) return;
      // A pending promise alone keeps no process alive: without ref() a process that is stopping (a
      // failed start) would exit before the thread did, with the stop unfinished.
      worker.ref();
      worker.postMessage('stop');
      // Closing the main connection next checkpoints what is left.
      await exit;
    },
  };
}

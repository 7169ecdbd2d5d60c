// The recycle bin's expiry timer (the MasterDaemon part of Doris's CatalogRecycleBin). It ticks every second
// so that a `catalog_trash_expire_second` lowered at run time (ADMIN SET FRONTEND CONFIG) takes effect
// promptly; a tick with nothing expired only reads the bin's rows.
import type { Frontend } from '../frontend.js';
import { purgeExpiredEntries } from './recycle-erase.js';

const TICK_MS = 1_000;

const timers = new WeakMap<Frontend, NodeJS.Timeout>();

export interface RecycleBinDaemon {
  /** Runs one expiry pass now; returns how many entries were erased. */
  purgeNow(): number;
  stop(): void;
}

/**
 * Starts the expiry timer of `fe`'s recycle bin (idempotent). Call it at start-up so that entries recycled
 * before a restart expire too; recycling also starts it, so a forgotten start-up call only delays expiry
 * until the next drop.
 */
export function startRecycleBinDaemon(
  fe: Frontend,
  log: (line: string) => void = () => {},
): RecycleBinDaemon {
  if (!timers.has(fe)) {
    const timer = setInterval(() => {
      try {
        purgeExpiredEntries(fe);
      } catch (error) {
        log(`recycle bin purge failed: ${(error as Error).message}`);
      }
    }, TICK_MS);
    timer.unref();
    timers.set(fe, timer);
  }
  return {
    purgeNow: () => purgeExpiredEntries(fe),
    stop: () => {
      const timer = timers.get(fe);
      if (timer) clearInterval(timer);
      timers.delete(fe);
    },
  };
}

export function ensureRecycleDaemon(fe: Frontend): void {
  if (!timers.has(fe)) startRecycleBinDaemon(fe);
}

// One syncer per SQLite metadata file: `<db_dir>.lock` names the process that holds the file. Two
// syncers on one file would both run its jobs on one machine's disk with no way to fence each other's
// cluster writes in time, so the second one refuses to start, naming the first; a lock left behind by a
// process that is gone (kill -9, a crash, a reboot) is taken over. Syncers that share jobs do it on a
// MySQL or PostgreSQL store.
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { MetaStoreLockedError, MetaStoreOpenError } from './errors.js';

interface Holder {
  readonly pid: number;
  readonly hostname: string;
}

function readHolder(path: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && typeof value.hostname === 'string')
      return { pid: value.pid, hostname: value.hostname };
  } catch {
    // Missing or not ours: treated as no holder.
  }
  return undefined;
}

/** Alive and not a zombie (a killed child its parent has not reaped yet is gone for our purpose). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // No /proc (not Linux), or the process has just gone: kill(0) had the last word.
    return true;
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

export interface OwnerLock {
  readonly path: string;
  release(): void;
}

/** Takes `<file>.lock` for this process, or throws MetaStoreLockedError naming the live holder. */
export function acquireOwnerLock(file: string): OwnerLock {
  const path = `${file}.lock`;
  const me: Holder = { pid: process.pid, hostname: hostname() };
  const text = `${JSON.stringify({ ...me, file, since: new Date().toISOString() })}\n`;
  // Written whole under a private name, then linked into place: link fails if the lock exists, so no
  // reader ever sees a half-written lock and two starters cannot both create it.
  const draft = `${path}.${process.pid}.new`;
  try {
    writeFileSync(draft, text, { mode: 0o600 });
  } catch (error) {
    throw new MetaStoreOpenError(
      `cannot create the lock of metadata file ${file}: ${(error as Error).message}`,
    );
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, path);
        return { path, release: () => releaseOwnerLock(path, me) };
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      if (holder && holder.hostname !== me.hostname)
        throw new MetaStoreLockedError(
          `metadata file ${file} is in use by ccr-syncer process ${holder.pid} on host ${holder.hostname} ` +
            `(lock ${path}); stop that syncer first, or remove the lock if it is gone. ` +
            'Syncers that share jobs need a MySQL or PostgreSQL store.',
        );
      if (holder && (holder.pid === me.pid || isRunning(holder.pid)))
        throw new MetaStoreLockedError(
          `metadata file ${file} is in use by ccr-syncer process ${holder.pid} (lock ${path}); ` +
            'stop that syncer first, or give this one another --db_dir. ' +
            'Syncers that share jobs need a MySQL or PostgreSQL store.',
        );
      takeOverStale(path, holder);
    }
    throw new MetaStoreLockedError(`cannot take the lock ${path} of ${file}: other syncers keep taking it`);
  } finally {
    unlinkSync(draft);
  }
}

/**
 * Moves a dead holder's lock aside. Renaming is atomic, so of two starters taking over at once only one
 * moves the stale file; the other may move the winner's fresh lock instead, sees so, and puts it back.
 */
function takeOverStale(path: string, stale: Holder | undefined): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return; // gone already: try again
    throw error;
  }
  const moved = readHolder(aside);
  const wasStale = moved?.pid === stale?.pid && moved?.hostname === stale?.hostname;
  if (!wasStale) {
    try {
      linkSync(aside, path);
    } catch {
      // Yet another lock is in place: the next attempt reads it.
    }
  }
  unlinkSync(aside);
}

function releaseOwnerLock(path: string, me: Holder): void {
  const holder = readHolder(path);
  if (holder?.pid !== me.pid || holder.hostname !== me.hostname) return;
  try {
    unlinkSync(path);
  } catch {
    // Removed already.
  }
}

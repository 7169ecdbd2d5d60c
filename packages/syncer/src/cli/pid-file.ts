// The PID file `<pid_dir>/<host>_<port>.pid` that stop_syncer.sh reads. The daemon writes it itself (the
// Go binary leaves that to start_syncer.sh, whose foreground mode then writes none), refuses to start
// while another live process owns it, and removes it on a clean exit.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class PidFileError extends Error {
  override readonly name = 'PidFileError';
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — alive all the same.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPidFile(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the file exclusively, so two syncers started at once cannot both believe they own it. */
export function acquirePidFile(path: string, pid = process.pid): void {
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new PidFileError(`cannot write PID file ${path}: ${(error as Error).message}`);
      }
    }
    const owner = readPidFile(path);
    if (owner !== undefined && owner !== pid && isProcessAlive(owner)) {
      throw new PidFileError(`Syncer running as process ${owner} (PID file ${path}). Stop it first.`);
    }
    // Stale: left behind by a crash or a SIGKILL.
    try {
      unlinkSync(path);
    } catch {
      // Someone else removed it first; the next attempt decides.
    }
  }
  throw new PidFileError(`cannot take over PID file ${path}: another syncer is starting`);
}

/** Removes the file if it is still ours (a second syncer may have replaced a stale one). */
export function releasePidFile(path: string, pid = process.pid): void {
  if (readPidFile(path) !== pid) return;
  try {
    unlinkSync(path);
  } catch {
    // Gone already.
  }
}

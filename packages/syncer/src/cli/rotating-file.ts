// A log file that rotates by size and keeps a bounded number of old files, like the Go syncer's
// lumberjack setup (1024 MB, 30 files, 7 days) without adding a dependency. Writes are synchronous:
// a daemon's log must be on disk when it dies, and log volume is modest.
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

export interface RotatingFileOptions {
  /** Rotate before a write would make the file larger than this. */
  readonly maxBytes: number;
  /** Rotated files kept; 0 keeps all (lumberjack's MaxBackups semantics). */
  readonly retainNum: number;
  /** Rotated files older than this many days are deleted; 0 keeps them. */
  readonly retainDays: number;
  /** For tests. */
  readonly now?: () => Date;
}

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}(?:-\d+)?$/;
const DAY_MS = 86_400_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Local time, sortable as text, safe in file names. */
function rotationStamp(d: Date): string {
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T` +
    `${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

export class RotatingFile {
  readonly #options: RotatingFileOptions;
  readonly #dir: string;
  readonly #stem: string;
  readonly #ext: string;
  #fd: number | undefined;
  #size = 0;
  #failed = false;

  constructor(
    readonly path: string,
    options: RotatingFileOptions,
  ) {
    this.#options = options;
    this.#dir = dirname(path);
    this.#ext = extname(path);
    this.#stem = basename(path, this.#ext);
    mkdirSync(this.#dir, { recursive: true });
    this.#open();
  }

  write(text: string): void {
    const bytes = Buffer.byteLength(text);
    try {
      if (this.#fd === undefined) this.#open();
      if (this.#size > 0 && this.#size + bytes > this.#options.maxBytes) this.rotate();
      writeSync(this.#fd as number, text);
      this.#size += bytes;
      this.#failed = false;
    } catch (error) {
      // A full disk must not take the syncer down; say so once, then keep trying quietly.
      if (!this.#failed) process.stderr.write(`ccr-syncer: cannot write log file ${this.path}: ${error}\n`);
      this.#failed = true;
    }
  }

  /** Moves the current file aside under a timestamped name and starts a new one. */
  rotate(): void {
    this.#close();
    const stamp = rotationStamp(this.#now());
    let target = join(this.#dir, `${this.#stem}-${stamp}${this.#ext}`);
    for (let n = 1; existsQuietly(target); n++)
      target = join(this.#dir, `${this.#stem}-${stamp}-${n}${this.#ext}`);
    renameSync(this.path, target);
    this.#open();
    this.#prune();
  }

  /** Rotated files of this log, newest first. */
  rotatedFiles(): string[] {
    const prefix = `${this.#stem}-`;
    return readdirSync(this.#dir)
      .filter((name) => name.startsWith(prefix) && name.endsWith(this.#ext))
      .filter((name) => STAMP.test(name.slice(prefix.length, name.length - this.#ext.length)))
      .sort()
      .reverse()
      .map((name) => join(this.#dir, name));
  }

  close(): void {
    this.#close();
  }

  #now(): Date {
    return this.#options.now ? this.#options.now() : new Date();
  }

  #open(): void {
    this.#fd = openSync(this.path, 'a');
    this.#size = fstatSync(this.#fd).size;
  }

  #close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  #prune(): void {
    const { retainNum, retainDays } = this.#options;
    const oldest = this.#now().getTime() - retainDays * DAY_MS;
    this.rotatedFiles().forEach((file, index) => {
      const tooMany = retainNum > 0 && index >= retainNum;
      const tooOld = retainDays > 0 && mtimeQuietly(file) < oldest;
      if (tooMany || tooOld) unlinkQuietly(file);
    });
  }
}

function existsQuietly(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function mtimeQuietly(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or not ours to delete: either way nothing to do.
  }
}

// Runs a test helper script as a real node process and reads its stdout line by line, so a test can wait
// for "ready", count committed writes, or kill the process at a chosen moment.
import { type ChildProcess, spawn } from 'node:child_process';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

export class LineChild {
  readonly lines: string[] = [];
  readonly exited: Promise<Exit>;
  readonly #child: ChildProcess;
  #stderr = '';
  #partial = '';
  /** Set on 'close', after the last stdout chunk, so no line can still be in flight. */
  #closed = false;
  #waiters: (() => void)[] = [];

  constructor(script: URL, args: readonly string[]) {
    this.#child = spawn(process.execPath, ['--enable-source-maps', script.pathname, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (this.#partial + chunk).split('\n');
      this.#partial = parts.pop() ?? '';
      this.lines.push(...parts);
      this.#wake();
    });
    this.#child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.#child.on('close', (code, signal) => {
        this.#closed = true;
        resolve({ code, signal, stderr: this.#stderr });
        this.#wake();
      });
    });
  }

  /** Resolves with the first line matching, failing if the process ends first or the time runs out. */
  async waitForLine(match: (line: string) => boolean, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(match);
      if (found !== undefined) return found;
      if (this.#closed) {
        throw new Error(`child exited before the expected line; stderr:\n${this.#stderr}`);
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for a line; stderr:\n${this.#stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  send(line: string): void {
    this.#child.stdin!.write(`${line}\n`);
  }

  kill(signal: NodeJS.Signals): void {
    this.#child.kill(signal);
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

// Runs the real ccr-syncer daemon as a child process and talks to it over its HTTP API only.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const BIN = new URL('../../../syncer/bin/ccr-syncer.js', import.meta.url).pathname;
/** The node flags the syncer runs with: those on its entry file's first line (#!/usr/bin/env -S node …). */
const NODE_FLAGS = (
  readFileSync(BIN, 'utf8')
    .split('\n', 1)[0]!
    .split(/\bnode\b/)[1] ?? ''
)
  .split(' ')
  .filter(Boolean);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface SyncerStartOptions {
  /** Reuse a data directory (its SQLite file) of an earlier process. */
  dir?: string;
  port?: number;
  args?: string[];
  env?: Record<string, string>;
  /** Started with this API token (through CCR_SYNCER_API_TOKEN, never argv); call() and post() send it. */
  apiToken?: string;
}

export class SyncerProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly dir: string,
    readonly output: string[],
    readonly apiToken?: string,
  ) {}

  static async start(options: SyncerStartOptions = {}): Promise<SyncerProcess> {
    // A port found free can be taken by another process before the syncer binds it; with a port of our
    // own choosing, try another one rather than fail the scenario on that race.
    for (let attempt = 1; ; attempt++) {
      try {
        return await SyncerProcess.startOnce(options, options.port ?? (await freePort()));
      } catch (error) {
        const raced = options.port === undefined && /EADDRINUSE/.test((error as Error).message);
        if (!raced || attempt >= 3) throw error;
      }
    }
  }

  private static async startOnce(options: SyncerStartOptions, port: number): Promise<SyncerProcess> {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'syncer-'));
    const args = [
      ...NODE_FLAGS,
      // More node flags for profiling a test or bench, e.g. SYNCER_NODE_ARGS="--cpu-prof".
      ...(process.env.SYNCER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      BIN,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--db_dir',
      join(dir, 'ccr.db'),
      '--log_level',
      'info',
      ...(options.args ?? []),
    ];
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...options.env,
        ...(options.apiToken === undefined ? {} : { CCR_SYNCER_API_TOKEN: options.apiToken }),
      },
    });
    const output: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (l) => output.push(l));
    createInterface({ input: child.stderr! }).on('line', (l) => output.push(l));
    const syncer = new SyncerProcess(child, port, dir, output, options.apiToken);
    try {
      await syncer.waitUntilServing(20_000);
      return syncer;
    } catch (error) {
      await syncer.kill('SIGKILL');
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private async waitUntilServing(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (this.child.exitCode !== null)
        throw new Error(`ccr-syncer exited with ${this.child.exitCode}:\n${this.output.join('\n')}`);
      try {
        const r = await fetch(`http://127.0.0.1:${this.port}/version`);
        if (r.ok) return;
      } catch {}
      if (Date.now() > deadline) throw new Error(`ccr-syncer did not answer:\n${this.output.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async call<T = Record<string, unknown>>(endpoint: string, body?: unknown): Promise<T> {
    return (await this.post<T>(endpoint, body === undefined ? undefined : JSON.stringify(body))).body;
  }

  /** POSTs a raw body (which need not be valid JSON) and returns the HTTP status with the JSON answer. */
  async post<T = Record<string, unknown>>(
    endpoint: string,
    rawBody: string | undefined,
  ): Promise<{ status: number; body: T }> {
    const r = await fetch(`http://127.0.0.1:${this.port}/${endpoint}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(this.apiToken === undefined ? {} : { Authorization: `Bearer ${this.apiToken}` }),
      },
      body: rawBody,
    });
    return { status: r.status, body: (await r.json()) as T };
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }

  async destroy(): Promise<void> {
    await this.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

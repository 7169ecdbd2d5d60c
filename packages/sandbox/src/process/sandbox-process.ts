// Runs the real doris-sandbox binary as a child process and talks to it only through its ports (MySQL
// protocol, HTTP, thrift). Used by tests, benchmarks and the demo; whoever starts a sandbox stops it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createFrontendClient, type FrontendClient } from '@doris-ccr/protocol';
import mysql from 'mysql2/promise';

const BIN = new URL('../../../bin/doris-sandbox.js', import.meta.url).pathname;

export interface ReadyInfo {
  readonly queryPort: number;
  readonly rpcPort: number;
  readonly httpPort: number;
  readonly backends: Array<{ id: string; heartbeatPort: number; bePort: number; httpPort: number }>;
  /** BE processes running unregistered: `ALTER SYSTEM ADD BACKEND "127.0.0.1:<heartbeatPort>"` adds one. */
  readonly spareBackends: Array<{ heartbeatPort: number; bePort: number; httpPort: number }>;
  readonly frontends: Array<{ name: string; queryPort: number; rpcPort: number; httpPort: number }>;
}

export class SandboxProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
    readonly ready: ReadyInfo,
    readonly stderr: string[],
  ) {}

  static async start(
    options: { dataDir?: string; backends?: number; args?: string[] } = {},
  ): Promise<SandboxProcess> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sandbox-'));
    const args = [
      // Node flags for the sandbox process itself, e.g. SANDBOX_NODE_ARGS="--cpu-prof" to profile a bench.
      ...(process.env.SANDBOX_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      BIN,
      '--data-dir',
      dataDir,
      ...(options.backends === undefined ? [] : ['--backends', String(options.backends)]),
      ...(options.args ?? []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
    const ready = await new Promise<ReadyInfo>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`sandbox did not start: ${stderr.join('\n')}`)),
        20_000,
      );
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /ready (\{.*\})$/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(JSON.parse(m[1]!) as ReadyInfo);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sandbox exited with ${code}: ${stderr.join('\n')}`));
      });
    });
    return new SandboxProcess(child, dataDir, ready, stderr);
  }

  connect(user = 'root', password = '', database?: string): Promise<mysql.Connection> {
    return mysql.createConnection({
      host: '127.0.0.1',
      port: this.ready.queryPort,
      user,
      password,
      ...(database ? { database } : {}),
      multipleStatements: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      jsonStrings: true,
    });
  }

  thrift(): FrontendClient {
    return createFrontendClient({ host: '127.0.0.1', port: this.ready.rpcPort });
  }

  /**
   * Calls a sandbox admin endpoint (`kill_frontend?index=N`, `start_frontend?index=N`, `topology`) on the
   * HTTP port of FE `via` (default: the first live one the ready line names).
   */
  async admin<T = Record<string, unknown>>(action: string, via = 0): Promise<{ status: number; body: T }> {
    const method = action.startsWith('topology') ? 'GET' : 'POST';
    const port = this.ready.frontends[via]?.httpPort ?? this.ready.httpPort;
    const response = await fetch(`http://127.0.0.1:${port}/api/_sandbox/${action}`, { method });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill(signal);
    return exited;
  }

  /** Stops the process and deletes its data directory. */
  async destroy(): Promise<void> {
    await this.kill('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Runs statements and returns rows as objects (mysql2 text protocol). */
export async function query<T = Record<string, unknown>>(conn: mysql.Connection, sql: string): Promise<T[]> {
  const [rows] = await conn.query(sql);
  return rows as T[];
}

// The real ccr-syncer daemon on a SQLite file in a directory of the test's, called over HTTP.
import { join } from 'node:path';
import { type Running, SYNCER_BIN, start, startServing } from '../cli/process-helpers.js';

export interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

export interface Daemon {
  readonly port: number;
  readonly running: Running;
  readonly pid: number;
  /** POSTs `body` as JSON (or `raw` verbatim) with the token when given. */
  call(path: string, body?: unknown, options?: { token?: string; raw?: string }): Promise<Answer>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function daemonArgs(dir: string, port: number, extra: readonly string[] = []): string[] {
  return [
    SYNCER_BIN,
    `--port=${port}`,
    '--listen_host=127.0.0.1',
    `--db_dir=${join(dir, 'ccr.db')}`,
    `--log_filename=${join(dir, `syncer-${port}.log`)}`,
    ...extra,
  ];
}

export async function startDaemon(dir: string, extra: readonly string[] = []): Promise<Daemon> {
  const { port, process: running } = await startServing((p) =>
    start(process.execPath, daemonArgs(dir, p, extra)),
  );
  return {
    port,
    running,
    pid: running.child.pid as number,
    async call(path, body, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers,
        ...(payload === undefined ? {} : { body: payload }),
      });
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = { text };
      }
      return { status: response.status, json };
    },
    async kill(signal = 'SIGTERM') {
      if (running.child.exitCode !== null || running.child.signalCode !== null) return;
      running.child.kill(signal);
      await running.finished;
    },
  };
}

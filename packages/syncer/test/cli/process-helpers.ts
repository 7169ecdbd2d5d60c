// Running the real ccr-syncer binary and the shell scripts from tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/syncer (tests run from dist/test/cli). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN_DIR = join(PACKAGE_ROOT, 'bin');
export const SYNCER_BIN = join(BIN_DIR, 'ccr-syncer.js');
export const FAKE_ENGINE = fileURLToPath(new URL('./fixtures/fake-engine.js', import.meta.url));

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  readonly finished: Promise<Finished>;
  output(): { stdout: string; stderr: string };
}

export function start(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const finished = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, finished, output: () => ({ stdout, stderr }) };
}

export function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Finished> {
  return start(command, args, env).finished;
}

export function runSyncer(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return run(process.execPath, [SYNCER_BIN, ...args], env);
}

export async function apiAnswers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/version`);
    return response.ok;
  } catch {
    return false;
  }
}

export const fileExists = (path: string) => () => existsSync(path);

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a daemon on a free port and waits until its API answers. A port found free can be taken by
 * another process (a sandbox of a test running beside this one) before the daemon binds it: the daemon
 * then exits with EADDRINUSE, and another port is tried. Any other early exit fails with its output.
 */
export async function startServing(
  launch: (port: number) => Running,
  timeoutMs = 30_000,
): Promise<{ port: number; process: Running }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const running = launch(port);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && running.child.exitCode === null) {
      if (await apiAnswers(port)) return { port, process: running };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { stdout, stderr } = running.output();
    if (running.child.exitCode === null) running.child.kill('SIGKILL');
    if (attempt < 3 && /EADDRINUSE/.test(stdout + stderr)) continue;
    throw new Error(
      `the daemon on port ${port} did not serve:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`,
    );
  }
}

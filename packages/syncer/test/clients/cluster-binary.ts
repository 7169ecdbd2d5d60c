// Runs a real doris-sandbox process for the client tests. The syncer package never imports the sandbox
// package: tests start its command-line binary and read the "doris-sandbox ready {json}" line it prints.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Spec } from '../../src/model/spec.js';

// dist/test/clients/ → packages/sandbox/bin/doris-sandbox.js
const BIN = fileURLToPath(new URL('../../../../sandbox/bin/doris-sandbox.js', import.meta.url));
const READY_PREFIX = 'doris-sandbox ready ';
const START_TIMEOUT_MS = 30_000;

export interface SandboxFrontend {
  readonly name: string;
  readonly queryPort: number;
  readonly rpcPort: number;
  readonly httpPort: number;
}

export interface SandboxBackend {
  readonly id: string;
  readonly bePort: number;
  readonly httpPort: number;
}

export interface SandboxOptions {
  readonly backends?: number;
  readonly frontends?: number;
  /** Address to listen on; the cluster reports its nodes under this host. */
  readonly host?: string;
  readonly feConfig?: Readonly<Record<string, string>>;
  readonly beConfig?: Readonly<Record<string, string>>;
}

export interface Sandbox {
  readonly queryPort: number;
  readonly rpcPort: number;
  readonly httpPort: number;
  readonly frontends: readonly SandboxFrontend[];
  readonly backends: readonly SandboxBackend[];
  /** A root spec for FE `index` (default the master, fe_0), reached through 127.0.0.1. */
  spec(overrides?: Partial<Spec>, index?: number): Spec;
  /** Stops FE `index` through the HTTP port of FE `via`; killing the master promotes the next live FE. */
  killFrontend(index: number, via: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (!existsSync(join(BIN, '../../dist/src/cli.js'))) {
    throw new Error(`the sandbox is not built: run \`npx tsc -b packages/sandbox\` (looked for ${BIN})`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ccr-clients-'));
  const args = [BIN, '--data-dir', dataDir, '--backends', String(options.backends ?? 1)];
  if (options.frontends) args.push('--frontends', String(options.frontends));
  if (options.host) args.push('--host', options.host);
  for (const [k, v] of Object.entries(options.feConfig ?? {})) args.push('--fe-config', `${k}=${v}`);
  for (const [k, v] of Object.entries(options.beConfig ?? {})) args.push('--be-config', `${k}=${v}`);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let ready: Omit<Sandbox, 'spec' | 'killFrontend' | 'stop'>;
  try {
    ready = await readyLine(child);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    ...ready,
    spec(overrides = {}, index = 0) {
      const fe = ready.frontends[index]!;
      return {
        host: '127.0.0.1',
        port: String(fe.queryPort),
        thrift_port: String(fe.rpcPort),
        user: 'root',
        password: '',
        database: 'ccr_db',
        table: '',
        cluster: '',
        ...overrides,
      };
    },
    async killFrontend(index, via) {
      const port = ready.frontends[via]!.httpPort;
      const { status, body } = await post(
        `http://127.0.0.1:${port}/api/_sandbox/kill_frontend?index=${index}`,
      );
      if (status !== 200) throw new Error(`kill_frontend ${index} failed: ${body}`);
    },
    stop() {
      stopped ??= stopChild(child).finally(() => rmSync(dataDir, { recursive: true, force: true }));
      return stopped;
    },
  };
}

function readyLine(child: ChildProcess): Promise<Omit<Sandbox, 'spec' | 'killFrontend' | 'stop'>> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail(new Error('sandbox did not become ready in time')), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(new Error(`${error.message}\nstderr:\n${stderr.slice(-2000)}`));
    };
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (!line) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line.slice(READY_PREFIX.length)));
      } catch (error) {
        reject(error);
      }
    });
    child.once('exit', (code) => fail(new Error(`sandbox exited with code ${code} before it was ready`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A POST without keep-alive, so no socket outlives the test. */
function post(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

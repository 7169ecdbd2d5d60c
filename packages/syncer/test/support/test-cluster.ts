// Test support: runs a doris-sandbox binary (by path — the syncer never imports the sandbox package) and
// gives a ClusterAccess over plain protocol clients and mysql2, for engine tests that need real clusters.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type BackendClient, createBackendClient, createFrontendClient } from '@doris-ccr/protocol';
import mysql from 'mysql2/promise';
import type { ClusterAccess, Row } from '../../src/jobs/cluster-access.js';
import type { Spec } from '../../src/model/spec.js';

const BIN = new URL('../../../../sandbox/bin/doris-sandbox.js', import.meta.url).pathname;

export interface SandboxCluster {
  readonly queryPort: number;
  readonly rpcPort: number;
  readonly httpPort: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export async function startSandboxCluster(args: string[] = []): Promise<SandboxCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'syncer-sbx-'));
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, '--backends', '2', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => errors.push(l));
  const ready = await new Promise<{ queryPort: number; rpcPort: number; httpPort: number }>(
    (resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /ready (\{.*\})$/.exec(line);
        if (m) resolve(JSON.parse(m[1]!));
      });
      child.once('exit', (code) => reject(new Error(`sandbox exited ${code}: ${errors.join('\n')}`)));
    },
  );
  return {
    ...ready,
    dataDir,
    child,
    stop: async () => {
      // A second stop finds the process gone (killed: exitCode stays null, signalCode is set).
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function specOf(c: SandboxCluster, database: string, table: string): Spec {
  return {
    host: '127.0.0.1',
    port: String(c.queryPort),
    thrift_port: String(c.rpcPort),
    user: 'root',
    password: '',
    database,
    table,
    cluster: '',
  };
}

export async function clusterAccess(spec: Spec): Promise<ClusterAccess> {
  const pool = mysql.createPool({
    host: spec.host,
    port: Number(spec.port),
    user: spec.user,
    password: spec.password,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    connectionLimit: 4,
  });
  const fe = createFrontendClient({ host: spec.host, port: Number(spec.thrift_port) });
  const bes = new Map<string, BackendClient>();
  return {
    spec,
    sql: {
      query: async <T extends Row>(sql: string) => (await pool.query(sql))[0] as T[],
      execute: async (sql: string) => {
        await pool.query(sql);
      },
    },
    fe,
    checkBinlogFeature: async () => {},
    ingest: (backend, request) => {
      const key = `${backend.host}:${backend.be_port}`;
      let client = bes.get(key);
      if (!client) {
        client = createBackendClient({ host: backend.host, port: backend.be_port, maxConnections: 16 });
        bes.set(key, client);
      }
      return client.ingest_binlog(request);
    },
    close: async () => {
      fe.close();
      for (const c of bes.values()) c.close();
      await pool.end();
    },
  };
}

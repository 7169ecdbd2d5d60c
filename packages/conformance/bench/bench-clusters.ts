// Two sandboxes and a ccr-syncer for one benchmark section, plus the few operations every section needs:
// create a table with binlog, start a table job and wait for its full sync, count rows on either side.
import { query, SandboxProcess } from '@doris-ccr/sandbox';
import type mysql from 'mysql2/promise';
import { jobSpec, sandboxAddress } from '../src/clusters.js';
import { until } from '../src/converge.js';
import { SyncerProcess } from '../src/syncer-process.js';

export interface BenchClusters {
  readonly source: SandboxProcess;
  readonly target: SandboxProcess;
  readonly syncer: SyncerProcess;
  readonly src: mysql.Connection;
  readonly dst: mysql.Connection;
  stop(): Promise<void>;
}

export async function startBenchClusters(
  backends = 3,
  logLevel = 'warn',
  syncerArgs: readonly string[] = [],
): Promise<BenchClusters> {
  const [source, target] = await Promise.all([
    SandboxProcess.start({ backends }),
    SandboxProcess.start({ backends }),
  ]);
  const syncer = await SyncerProcess.start({ args: ['--log_level', logLevel, ...syncerArgs] });
  const src = await source.connect();
  const dst = await target.connect();
  return {
    source,
    target,
    syncer,
    src,
    dst,
    stop: async () => {
      await src.end();
      await dst.end();
      await syncer.destroy();
      await Promise.all([source.destroy(), target.destroy()]);
    },
  };
}

export function tableDdl(db: string, table: string, buckets = 8): string {
  return `CREATE TABLE ${db}.${table} (k BIGINT, v VARCHAR(64)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)
    BUCKETS ${buckets} PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`;
}

/** VALUES rows `(k, 'vk')` for keys from `from` on, in the shape of tableDdl's tables. */
export function values(from: number, rows: number): string {
  const items: string[] = [];
  for (let k = from; k < from + rows; k++) items.push(`(${k}, 'v${k}')`);
  return items.join(', ');
}

export async function createJob(
  clusters: BenchClusters,
  name: string,
  db: string,
  table: string,
): Promise<void> {
  const created = await clusters.syncer.call('create_ccr', {
    name,
    src: jobSpec(sandboxAddress(clusters.source), db, table),
    dest: jobSpec(sandboxAddress(clusters.target), db, table),
  });
  if (created.success !== true) throw new Error(`create_ccr ${name}: ${JSON.stringify(created)}`);
}

export async function inIncremental(clusters: BenchClusters, name: string): Promise<boolean> {
  const r = await clusters.syncer.call<{ job_progress?: { position?: { state?: string } } }>('job_progress', {
    name,
  });
  return /IncrementalSync$/.test(r.job_progress?.position?.state ?? '');
}

/** Waits until the jobs `<db>_<table>` of every table have finished their full syncs. */
export function fullSyncsDone(clusters: BenchClusters, db: string, tables: readonly string[]): Promise<void> {
  return waitFor(async () => {
    for (const t of tables) if (!(await inIncremental(clusters, `${db}_${t}`))) return false;
    return true;
  }, `full syncs of ${db}`);
}

export async function count(conn: mysql.Connection, table: string): Promise<number> {
  const [row] = await query<{ n: string }>(conn, `SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row?.n ?? 0);
}

/** Polls every 20 ms: the benchmark times these waits, so a coarser poll would add to every figure. */
export function waitFor(check: () => Promise<boolean>, what: string, ms = 600_000): Promise<void> {
  return until(what, async () => (await check()) || 'not yet', ms, 20);
}

/** Stream-loads rows `k = from … to-1` (tab-separated) in batches of 100k. */
export async function streamLoadRows(
  source: SandboxProcess,
  db: string,
  table: string,
  from: number,
  to: number,
): Promise<void> {
  for (let start = from; start < to; start += 100_000) {
    const end = Math.min(to, start + 100_000);
    const lines: string[] = [];
    for (let k = start; k < end; k++) lines.push(`${k}\tvalue ${k}`);
    const response = await fetch(
      `http://127.0.0.1:${source.ready.httpPort}/api/${db}/${table}/_stream_load`,
      {
        method: 'PUT',
        headers: { Authorization: `Basic ${Buffer.from('root:').toString('base64')}` },
        body: lines.join('\n'),
      },
    );
    const result = (await response.json()) as { Status: string; Message: string };
    if (result.Status !== 'Success') throw new Error(`stream load: ${result.Message}`);
  }
}

// Database jobs: the full sync of a whole database against the sandbox's own backup + restore of the same
// tables, the catch-up of single-row transactions spread over 20 tables (against the direct apply ceiling),
// how long a table created on the source takes to be usable on the target, and the memory of idle
// database jobs that follow many tables.

import { jobSpec, sandboxAddress } from '../src/clusters.js';
import type { BenchClusters } from './bench-clusters.js';
import { count, streamLoadRows, tableDdl, values, waitFor } from './bench-clusters.js';
import { summarise } from './percentiles.js';
import { cpuSeconds, memoryMb } from './process-usage.js';
import { snapshotCopySeconds } from './snapshot-copy.js';

async function createDbJob(clusters: BenchClusters, name: string, db: string): Promise<void> {
  const created = await clusters.syncer.call('create_ccr', {
    name,
    src: jobSpec(sandboxAddress(clusters.source), db, ''),
    dest: jobSpec(sandboxAddress(clusters.target), db, ''),
  });
  if (created.success !== true) throw new Error(`create_ccr ${name}: ${JSON.stringify(created)}`);
}

async function replaying(clusters: BenchClusters, name: string): Promise<boolean> {
  const r = await clusters.syncer.call<{ job_progress?: { position?: { state?: string } } }>('job_progress', {
    name,
  });
  return /^DB.*IncrementalSync$/.test(r.job_progress?.position?.state ?? '');
}

export interface DbFullSyncResult {
  readonly tables: number;
  readonly rows: number;
  readonly syncerSeconds: number;
  /** Time until create_ccr answered (its checks; part of syncerSeconds). */
  readonly createdSeconds: number;
  readonly baselineSeconds: number;
  readonly ratio: number;
  readonly syncerPeakRssMb: number;
}

export async function measureDbFullSync(
  clusters: BenchClusters,
  db: string,
  options: { tables: number; rows: number },
): Promise<DbFullSyncResult> {
  const { src, dst, source, target, syncer } = clusters;
  const tables = Array.from({ length: options.tables }, (_, i) => `t${i}`);
  const perTable = Math.floor(options.rows / options.tables);
  await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
  for (const [i, t] of tables.entries()) {
    await src.query(tableDdl(db, t, options.tables > 100 ? 2 : 8));
    await streamLoadRows(source, db, t, i * perTable, (i + 1) * perTable);
  }
  const baseline = await snapshotCopySeconds(source, target, db, tables, `bench_${db}`);
  await dst.query(`DROP DATABASE ${db}`);
  const started = performance.now();
  await createDbJob(clusters, db, db);
  const createdSeconds = (performance.now() - started) / 1000;
  await waitFor(() => replaying(clusters, db), `database full sync of ${db}`);
  const syncerSeconds = (performance.now() - started) / 1000;
  for (const t of tables) {
    const [a, b] = [await count(src, `${db}.${t}`), await count(dst, `${db}.${t}`)];
    if (a !== b) throw new Error(`${db}.${t}: source ${a} rows, target ${b}`);
  }
  return {
    tables: options.tables,
    rows: perTable * options.tables,
    syncerSeconds,
    createdSeconds,
    baselineSeconds: baseline.totalSeconds,
    ratio: syncerSeconds / baseline.totalSeconds,
    syncerPeakRssMb: memoryMb(syncer.child.pid!).peak,
  };
}

export interface DbCatchUpResult {
  readonly tables: number;
  readonly txns: number;
  readonly seconds: number;
  readonly txnPerSec: number;
  readonly syncerCpuMsPerTxn: number;
}

/** A backlog of single-row transactions round-robin over the tables, applied after resume. */
export async function measureDbCatchUp(
  clusters: BenchClusters,
  db: string,
  options: { tables: number; txns: number },
): Promise<DbCatchUpResult> {
  const { src, dst, syncer } = clusters;
  const tables = Array.from({ length: options.tables }, (_, i) => `t${i}`);
  await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
  for (const t of tables) await src.query(tableDdl(db, t));
  await createDbJob(clusters, db, db);
  await waitFor(() => replaying(clusters, db), `full sync of ${db}`);
  await syncer.call('pause', { name: db });
  for (let i = 0; i < options.txns; i++)
    await src.query(`INSERT INTO ${db}.${tables[i % tables.length]!} VALUES ${values(i, 1)}`);
  const expected = new Map<string, number>();
  for (const t of tables) expected.set(t, await count(src, `${db}.${t}`));
  const pid = syncer.child.pid!;
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  await syncer.call('resume', { name: db });
  await waitFor(async () => {
    for (const t of tables) if ((await count(dst, `${db}.${t}`)) !== expected.get(t)) return false;
    return true;
  }, `catch-up of ${db}`);
  const seconds = (performance.now() - started) / 1000;
  return {
    tables: options.tables,
    txns: options.txns,
    seconds,
    txnPerSec: options.txns / seconds,
    syncerCpuMsPerTxn: ((cpuSeconds(pid) - cpuBefore) / options.txns) * 1000,
  };
}

export interface CreateTableLatency {
  readonly creates: number;
  readonly p50Ms: number;
  readonly maxMs: number;
}

/** CREATE TABLE + one row on the source → the row readable from the new table on the target. */
export async function measureCreateTableLatency(
  clusters: BenchClusters,
  db: string,
  creates: number,
): Promise<CreateTableLatency> {
  const { src, dst } = clusters;
  await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
  await src.query(tableDdl(db, 'seed'));
  await createDbJob(clusters, db, db);
  await waitFor(() => replaying(clusters, db), `full sync of ${db}`);
  const samples: number[] = [];
  for (let i = 0; i < creates; i++) {
    const started = performance.now();
    await src.query(tableDdl(db, `n${i}`, 4));
    await src.query(`INSERT INTO ${db}.n${i} VALUES ${values(i, 1)}`);
    await waitFor(async () => (await count(dst, `${db}.n${i}`).catch(() => 0)) === 1, `table n${i}`, 60_000);
    samples.push(performance.now() - started);
  }
  const summary = summarise(samples);
  return { creates, p50Ms: summary.p50, maxMs: summary.max };
}

export interface IdleDbJobsResult {
  readonly jobs: number;
  readonly tablesPerJob: number;
  readonly rssMb: number;
  readonly baseRssMb: number;
}

export async function measureIdleDbJobs(
  clusters: BenchClusters,
  prefix: string,
  options: { jobs: number; tablesPerJob: number; settleMs: number },
): Promise<IdleDbJobsResult> {
  const { src, syncer } = clusters;
  const pid = syncer.child.pid!;
  const baseRssMb = memoryMb(pid).rss;
  const dbs = Array.from({ length: options.jobs }, (_, i) => `${prefix}${i}`);
  for (const db of dbs) {
    await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
    for (let t = 0; t < options.tablesPerJob; t++) {
      await src.query(tableDdl(db, `t${t}`, 1));
      await src.query(`INSERT INTO ${db}.t${t} VALUES (1, 'x')`);
    }
  }
  for (const db of dbs) await createDbJob(clusters, db, db);
  for (const db of dbs) await waitFor(() => replaying(clusters, db), `full sync of ${db}`);
  await new Promise((r) => setTimeout(r, options.settleMs));
  return { jobs: options.jobs, tablesPerJob: options.tablesPerJob, rssMb: memoryMb(pid).rss, baseRssMb };
}

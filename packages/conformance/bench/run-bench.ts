// npm run bench [-- --quick] [-- --only scale]: replication lag, throughput and full-sync speed of the real ccr-syncer between
// two doris-sandbox processes, next to the limit the clusters themselves allow (the direct apply ceiling
// and the sandbox's own backup + restore). Prints every figure and writes bench/results/<date>.json and .md.
// Fixed data and schedules make runs comparable; timings still vary with the machine's load.
import { SandboxProcess } from '@doris-ccr/sandbox';
import { measureApplyCeiling } from './apply-ceiling.js';
import { type BenchClusters, startBenchClusters } from './bench-clusters.js';
import {
  measureCreateTableLatency,
  measureDbCatchUp,
  measureDbFullSync,
  measureIdleDbJobs,
} from './db-jobs.js';
import { measureFullSync } from './full-sync.js';
import { measureGroupCost, measureStoreCost, measureTakeover } from './ha.js';
import { measureIdleJobs } from './idle-jobs.js';
import { type LagResult, measureLagAtRate, measureStreamLoadLag } from './lag.js';
import { machineInfo, writeReport } from './report.js';
import { measureScale, type ScaleResult } from './scale.js';
import { runSoak } from './soak.js';
import { measureSustained } from './sustained.js';
import { measureThroughput } from './throughput.js';

const quick = process.argv.includes('--quick');
// --only ceiling,throughput,lag,fullsync,idle (or --only …) runs just those sections (for working on one
// figure); the report then holds only what ran.
const sections = ['ceiling', 'throughput', 'lag', 'fullsync', 'idle', 'db', 'ha', 'scale', 'soak'] as const;
// --soak[=minutes] runs the fault soak alone (30 minutes unless given): it is never part of a full run.
const soakArg = process.argv.find((a) => a === '--soak' || a.startsWith('--soak='));
const soakMinutes = soakArg?.includes('=') ? Number(soakArg.slice('--soak='.length)) : 30;
if (!(soakMinutes > 0)) {
  console.error(`--soak needs a positive number of minutes, not "${soakArg}"`);
  process.exit(2);
}
const onlyAt = process.argv.indexOf('--only');
const onlyArg = soakArg
  ? 'soak'
  : (process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ??
    (onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined));
const only = new Set(onlyArg ? onlyArg.split(',') : sections.filter((s) => s !== 'soak'));
for (const name of only) {
  if (!(sections as readonly string[]).includes(name)) {
    console.error(`unknown section "${name}" in --only; known: ${sections.join(', ')}`);
    process.exit(2);
  }
}
const runs = (section: (typeof sections)[number]) => only.has(section);
const results: Record<string, unknown> = {
  quick,
  machine: machineInfo(),
  startedAt: new Date().toISOString(),
};
if (onlyArg) results.only = [...only];
const log = (text: string) => console.log(`[bench] ${text}`);

async function withClusters<T>(work: (c: BenchClusters) => Promise<T>): Promise<T> {
  const clusters = await startBenchClusters();
  try {
    return await work(clusters);
  } finally {
    await clusters.stop();
  }
}

const started = performance.now();

// 1. Direct apply ceiling: no syncer, a minimal begin → ingest ×8 → commit loop.
if (runs('ceiling')) {
  const [source, target] = await Promise.all([
    SandboxProcess.start({ backends: 3 }),
    SandboxProcess.start({ backends: 3 }),
  ]);
  try {
    results.applyCeilingTxnPerSec = await measureApplyCeiling(source, target, quick ? 300 : 1000);
  } finally {
    await Promise.all([source.destroy(), target.destroy()]);
  }
  log(`direct apply ceiling: ${(results.applyCeilingTxnPerSec as number).toFixed(0)} txn/s`);
}

// 2. Incremental throughput: the backlog catch-up rate (the most a job can apply while the source does
// nothing else), then a load offered for a minute (quick: 10 s) on the same, now warm, clusters, to check
// that it is kept up with while the source also executes it: 80% of the direct apply ceiling for
// single-row transactions (the first-round target), 80% of the catch-up rate for 1,000-row ones.
const sustainedShare = 0.8;
const sustainedBase = (catchUp: { rowsPerTxn: number; txnPerSec: number }) => {
  const ceiling = results.applyCeilingTxnPerSec as number | undefined;
  return catchUp.rowsPerTxn === 1 && ceiling !== undefined ? ceiling : catchUp.txnPerSec;
};
if (runs('throughput')) {
  const throughput = [];
  for (const [name, options] of [
    ['single-row, 1 table, 8 buckets', { tables: 1, rowsPerTxn: 1, txns: quick ? 300 : 2000 }],
    ['1,000-row, 1 table, 8 buckets', { tables: 1, rowsPerTxn: 1000, txns: quick ? 20 : 200 }],
    ['single-row, 20 tables', { tables: 20, rowsPerTxn: 1, txns: quick ? 400 : 2000 }],
  ] as const) {
    const r = await withClusters(async (c) => {
      const catchUp = await measureThroughput(c, 'tp', options);
      const sustained = await measureSustained(c, 'st', {
        tables: options.tables,
        rowsPerTxn: options.rowsPerTxn,
        ratePerSec: Math.max(1, Math.floor(sustainedShare * sustainedBase(catchUp))),
        seconds: quick ? 10 : 60,
      });
      return { ...catchUp, sustained };
    });
    throughput.push({ case: name, ...r });
    log(
      `throughput ${name}: catch-up ${r.txnPerSec.toFixed(0)} txn/s (${r.rowsPerSec.toFixed(0)} rows/s); ` +
        `${r.sustained.achievedPerSec.toFixed(0)} txn/s for ${r.sustained.seconds.toFixed(0)} s ` +
        `${r.sustained.keptUp ? 'kept up with' : 'NOT kept up with'} (backlog ${r.sustained.backlogSamples.join(', ')})`,
    );
  }
  results.throughput = throughput;
}

// 3. Lag at fixed offered loads, on one pair of clusters warmed up first: the first seconds of load on
// fresh processes (JIT compilation, first connections, caches) cost more than the steady state, so the
// figures would mostly show that. The warm-up run is reported on its own as the cold start.
if (runs('lag')) {
  const lag: LagResult[] = [];
  await withClusters(async (c) => {
    const warm = await measureLagAtRate(c, 'lagwarm', 200, quick ? 3 : 10, quick ? 10_000 : 30_000);
    results.lagColdStart = warm;
    log(`lag cold start at ${warm.offered}: p50 ${warm.p50.toFixed(0)} ms, max ${warm.max.toFixed(0)} ms`);
    const atRate = async (rate: number) => {
      const r = await measureLagAtRate(c, `lag${rate}`, rate, quick ? 5 : 20, quick ? 10_000 : 60_000);
      lag.push(r);
      log(
        `lag at ${r.offered}: p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms`,
      );
    };
    await atRate(50);
    await atRate(200);
    const loads = await measureStreamLoadLag(c, 'lagsl', {
      rowsPerLoad: 100_000,
      everySeconds: 5,
      loads: quick ? 2 : 4,
      drainMs: quick ? 10_000 : 60_000,
    });
    lag.push(loads);
    log(`lag at ${loads.offered}: p50 ${loads.p50.toFixed(0)} ms, max ${loads.max.toFixed(0)} ms`);
    // Last: above what the machine can apply, it leaves a backlog behind.
    await atRate(1000);
  });
  results.lag = lag;
}

// 4. Full sync against the sandbox's own backup + restore.
if (runs('fullsync')) {
  const fullSync = [];
  for (const options of [
    { tables: 1, rows: quick ? 200_000 : 1_000_000 },
    { tables: 50, rows: quick ? 200_000 : 1_000_000 },
  ]) {
    const r = await withClusters((c) => measureFullSync(c, 'fs', options));
    fullSync.push(r);
    log(
      `full sync of ${r.rows} rows in ${r.tables} table(s): ${r.syncerSeconds.toFixed(1)} s, ` +
        `${r.ratio.toFixed(2)}x the sandbox's backup + restore (${r.baselineSeconds.toFixed(1)} s)`,
    );
  }
  results.fullSync = fullSync;
}

// 5. Memory with 100 idle jobs.
if (runs('idle')) {
  results.idleJobs = await withClusters((c) => measureIdleJobs(c, 'idle', 100, quick ? 3_000 : 10_000));
  log(`100 idle jobs: ${(results.idleJobs as { rssMb: number }).rssMb.toFixed(0)} MB RSS`);
}

// 6. Database jobs: full sync of a database against backup + restore, catch-up over 20 tables against the
// direct apply ceiling, CREATE TABLE → usable on the target, memory of idle database jobs.
if (runs('db')) {
  const db: Record<string, unknown> = {};
  const fullSync = [];
  for (const options of [
    { tables: 50, rows: quick ? 200_000 : 1_000_000 },
    { tables: quick ? 100 : 500, rows: quick ? 200_000 : 1_000_000 },
  ]) {
    const r = await withClusters((c) => measureDbFullSync(c, `dbfs${options.tables}`, options));
    fullSync.push(r);
    log(
      `database full sync of ${r.rows} rows in ${r.tables} tables: ${r.syncerSeconds.toFixed(1)} s ` +
        `(create_ccr ${r.createdSeconds.toFixed(1)} s), ` +
        `${r.ratio.toFixed(2)}x the sandbox's backup + restore (${r.baselineSeconds.toFixed(1)} s)`,
    );
  }
  db.fullSync = fullSync;
  const catchUp = await withClusters((c) =>
    measureDbCatchUp(c, 'dbcu', { tables: 20, txns: quick ? 400 : 2000 }),
  );
  const ceiling = results.applyCeilingTxnPerSec as number | undefined;
  db.catchUp = { ...catchUp, shareOfCeiling: ceiling ? catchUp.txnPerSec / ceiling : null };
  log(
    `database job catch-up over 20 tables: ${catchUp.txnPerSec.toFixed(0)} txn/s` +
      (ceiling ? ` (${((catchUp.txnPerSec / ceiling) * 100).toFixed(0)}% of the ceiling)` : ''),
  );
  db.createTable = await withClusters((c) => measureCreateTableLatency(c, 'dbct', quick ? 5 : 20));
  const ct = db.createTable as { p50Ms: number; maxMs: number };
  log(`CREATE TABLE → usable on the target: p50 ${ct.p50Ms.toFixed(0)} ms, max ${ct.maxMs.toFixed(0)} ms`);
  db.idle = await withClusters((c) =>
    measureIdleDbJobs(c, 'dbidle', {
      jobs: 10,
      tablesPerJob: quick ? 20 : 100,
      settleMs: quick ? 3_000 : 10_000,
    }),
  );
  const idle = db.idle as { jobs: number; tablesPerJob: number; rssMb: number };
  log(`${idle.jobs} idle database jobs of ${idle.tablesPerJob} tables: ${idle.rssMb.toFixed(0)} MB RSS`);
  results.db = db;
}

// 7. Syncers sharing a MariaDB metadata store: takeover after kill -9, the cost of a group of three
// running many jobs, and the MySQL store against SQLite for single-row catch-up.
if (runs('ha')) {
  const ha: Record<string, unknown> = {};
  ha.takeover = await measureTakeover(quick ? 3 : 10);
  const t = ha.takeover as { p50Seconds: number; maxSeconds: number; kills: number };
  log(
    `takeover after kill -9 (${t.kills} kills): p50 ${t.p50Seconds.toFixed(1)} s, max ${t.maxSeconds.toFixed(1)} s`,
  );
  ha.group = await measureGroupCost(quick ? 60 : 300, quick ? 5 : 10);
  const g = ha.group as {
    jobs: number;
    rssMbPerSyncer: number[];
    storeQueriesPerSecIdle: number;
    storeQueriesPerSecLoaded: number;
  };
  log(
    `${g.jobs} jobs over 3 syncers: RSS ${g.rssMbPerSyncer.map((m) => m.toFixed(0)).join('/')} MB; ` +
      `store ${g.storeQueriesPerSecIdle.toFixed(0)} queries/s idle, ${g.storeQueriesPerSecLoaded.toFixed(0)} under load`,
  );
  ha.storeCost = await measureStoreCost(quick ? 300 : 1500);
  const c = ha.storeCost as { sqliteTxnPerSec: number; mysqlTxnPerSec: number; ratio: number };
  log(
    `single-row catch-up: SQLite store ${c.sqliteTxnPerSec.toFixed(0)} txn/s, MySQL store ${c.mysqlTxnPerSec.toFixed(0)} txn/s (${(c.ratio * 100).toFixed(0)}%)`,
  );
  results.ha = ha;
}

// 8. Soak: 10 table jobs under steady load through the fault proxy, one fault a minute.
if (runs('soak')) {
  const soak = await runSoak(soakMinutes, log);
  results.soak = soak;
  log(
    `soak ${soak.minutes} min: ${soak.rowsReplicated} rows, ${soak.faults.length} faults, ` +
      `${soak.exact ? 'exact' : 'NOT exact'}; lag p99 ${soak.lagMs.p99.toFixed(0)} ms; syncer RSS ` +
      `${soak.rssMb.syncer.start.toFixed(0)} → ${soak.rssMb.syncer.end.toFixed(0)} MB`,
  );
}

// 9. Scale: one table of 1M, 5M and 10M rows (quick: 100k, 500k, 1M), then 5M (quick: 500k) while the
// source runs a full-table aggregate every second. Each run on fresh clusters.
if (runs('scale')) {
  const scale: ScaleResult[] = [];
  const sizes = quick ? [100_000, 500_000, 1_000_000] : [1_000_000, 5_000_000, 10_000_000];
  const cases = [
    ...sizes.map((rows) => ({ rows, withAggregates: false })),
    { rows: quick ? 500_000 : 5_000_000, withAggregates: true },
  ];
  for (const [i, options] of cases.entries()) {
    const r = await measureScale(`scale${i}`, options);
    scale.push(r);
    log(
      `scale ${r.rows} rows${r.withAggregates ? ` with an aggregate every second (${r.aggregatesRun} ran)` : ''}: ` +
        `full sync ${r.syncerSeconds.toFixed(1)} s, ${r.ratio.toFixed(2)}x backup + restore (${r.baselineSeconds.toFixed(1)} s); ` +
        `${r.failedRestores} failed restores, ${r.backups} backups; peak RSS source/target/syncer ` +
        `${r.peakRssMb.source.toFixed(0)}/${r.peakRssMb.target.toFixed(0)}/${r.peakRssMb.syncer.toFixed(0)} MB; ` +
        `longest stall source/target: backup + restore ${r.baselineEventLoop.source.maxMs.toFixed(0)}/${r.baselineEventLoop.target.maxMs.toFixed(0)} ms, ` +
        `full sync ${r.syncEventLoop.source.maxMs.toFixed(0)}/${r.syncEventLoop.target.maxMs.toFixed(0)} ms`,
    );
  }
  const plain = scale.filter((r) => !r.withAggregates);
  const first = plain[0]!;
  const last = plain[plain.length - 1]!;
  results.scale = {
    runs: scale,
    // Time for the largest table over time for the smallest, against the row ratio (10 for 1M → 10M).
    timeRatio: last.syncerSeconds / first.syncerSeconds,
    rowRatio: last.rows / first.rows,
  };
}

results.totalSeconds = (performance.now() - started) / 1000;
const files = writeReport(results);
log(`done in ${(results.totalSeconds as number).toFixed(0)} s; wrote ${files.join(', ')}`);

// Scale: full sync of one large table (1M, 5M, 10M rows) against the sandbox's own backup + restore of the
// same data, with the peak memory of every process, the sandboxes' longest event-loop stall and the restores
// that failed; and the scenario of a 5M-row full sync while the source answers a full-table aggregate every
// second (the load that used to make snapshot downloads fail).
import { query, type SandboxProcess } from '@doris-ccr/sandbox';
import type mysql from 'mysql2/promise';
import {
  type BenchClusters,
  createJob,
  fullSyncsDone,
  startBenchClusters,
  streamLoadRows,
  tableDdl,
} from './bench-clusters.js';
import { memoryMb } from './process-usage.js';
import { snapshotCopySeconds } from './snapshot-copy.js';

export interface EventLoopReport {
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly stalls: number;
}

export interface ScaleResult {
  readonly rows: number;
  readonly withAggregates: boolean;
  readonly loadSeconds: number;
  readonly baselineSeconds: number;
  readonly syncerSeconds: number;
  readonly ratio: number;
  readonly backups: number;
  readonly failedRestores: number;
  readonly aggregatesRun: number;
  readonly peakRssMb: { readonly source: number; readonly target: number; readonly syncer: number };
  /** The longest event-loop stall of each sandbox during the baseline backup + restore. */
  readonly baselineEventLoop: { readonly source: EventLoopReport; readonly target: EventLoopReport };
  /** The same during the syncer's full sync. */
  readonly syncEventLoop: { readonly source: EventLoopReport; readonly target: EventLoopReport };
}

/** GET /api/_sandbox/event_loop: the delays since the last reset, then starts a new period. */
async function eventLoop(sandbox: SandboxProcess): Promise<EventLoopReport> {
  const response = await fetch(
    `http://127.0.0.1:${sandbox.ready.httpPort}/api/_sandbox/event_loop?reset=true`,
  );
  const report = (await response.json()) as EventLoopReport;
  return { maxMs: report.maxMs, p99Ms: report.p99Ms, stalls: report.stalls };
}

async function checksum(conn: mysql.Connection, table: string): Promise<string> {
  const [row] = await query<{ n: string; s: string }>(
    conn,
    `SELECT COUNT(*) AS n, SUM(k) AS s FROM ${table}`,
  );
  return `${row?.n}/${row?.s}`;
}

/** A client running `SELECT COUNT(*), SUM(k)` over the whole table every second until stopped. */
function aggregateLoop(source: SandboxProcess, table: string): { stop(): Promise<number> } {
  let stopped = false;
  let runs = 0;
  const running = (async () => {
    const conn = await source.connect();
    try {
      while (!stopped) {
        await conn.query(`SELECT COUNT(*), SUM(k) FROM ${table}`);
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    } finally {
      await conn.end();
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
      return runs;
    },
  };
}

export async function measureScale(
  db: string,
  options: { rows: number; withAggregates: boolean },
): Promise<ScaleResult> {
  const clusters: BenchClusters = await startBenchClusters();
  const { src, dst, source, target, syncer } = clusters;
  try {
    const table = `${db}.t`;
    await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
    await src.query(tableDdl(db, 't'));
    const loadStarted = performance.now();
    await streamLoadRows(source, db, 't', 0, options.rows);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const expected = await checksum(src, table);

    const aggregates = options.withAggregates ? aggregateLoop(source, table) : undefined;
    await Promise.all([eventLoop(source), eventLoop(target)]);
    const baseline = await snapshotCopySeconds(source, target, db, ['t'], `bench_${db}`);
    const baselineEventLoop = { source: await eventLoop(source), target: await eventLoop(target) };
    await dst.query(`DROP DATABASE ${db}`);

    const started = performance.now();
    await createJob(clusters, `${db}_t`, db, 't');
    await fullSyncsDone(clusters, db, ['t']);
    const syncerSeconds = (performance.now() - started) / 1000;
    const syncEventLoop = { source: await eventLoop(source), target: await eventLoop(target) };
    const aggregatesRun = (await aggregates?.stop()) ?? 0;

    const actual = await checksum(dst, table);
    if (actual !== expected) throw new Error(`${table}: source COUNT/SUM ${expected}, target ${actual}`);
    const backups = (await query<{ SnapshotName: string }>(src, `SHOW BACKUP FROM ${db}`)).filter(
      (r) => !r.SnapshotName.startsWith('bench_'),
    ).length;
    const failedRestores = (
      await query<{ Label: string; State: string }>(dst, `SHOW RESTORE FROM ${db}`)
    ).filter((r) => r.State === 'CANCELLED').length;
    return {
      rows: options.rows,
      withAggregates: options.withAggregates,
      loadSeconds,
      baselineSeconds: baseline.totalSeconds,
      syncerSeconds,
      ratio: syncerSeconds / baseline.totalSeconds,
      backups,
      failedRestores,
      aggregatesRun,
      peakRssMb: {
        source: memoryMb(source.child.pid!).peak,
        target: memoryMb(target.child.pid!).peak,
        syncer: memoryMb(syncer.child.pid!).peak,
      },
      baselineEventLoop,
      syncEventLoop,
    };
  } finally {
    await clusters.stop();
  }
}

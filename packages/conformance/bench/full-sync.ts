// Full sync: rows already on the source, a job created, timed until the target holds every row and the
// job replays; compared with the sandbox's own BACKUP + restoreSnapshot of the same tables.
import { query } from '@doris-ccr/sandbox';
import type { BenchClusters } from './bench-clusters.js';
import { count, createJob, fullSyncsDone, streamLoadRows, tableDdl } from './bench-clusters.js';
import { cpuSeconds, memoryMb } from './process-usage.js';
import { snapshotCopySeconds } from './snapshot-copy.js';

export interface FullSyncResult {
  readonly tables: number;
  readonly rows: number;
  readonly syncerSeconds: number;
  readonly backups: number;
  /** Time until every create_ccr call had answered (part of syncerSeconds). */
  readonly createdSeconds: number;
  readonly baselineSeconds: number;
  readonly ratio: number;
  readonly syncerCpuSeconds: number;
  readonly syncerPeakRssMb: number;
}

export async function measureFullSync(
  clusters: BenchClusters,
  db: string,
  options: { tables: number; rows: number },
): Promise<FullSyncResult> {
  const { src, dst, source, target, syncer } = clusters;
  const tables = Array.from({ length: options.tables }, (_, i) => `t${i}`);
  const perTable = Math.floor(options.rows / options.tables);
  await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
  for (const [i, t] of tables.entries()) {
    await src.query(tableDdl(db, t));
    await streamLoadRows(source, db, t, i * perTable, (i + 1) * perTable);
  }
  // The baseline restores into the same database on the target, dropped again before the jobs start.
  const baseline = await snapshotCopySeconds(source, target, db, tables, `bench_${db}`);
  await dst.query(`DROP DATABASE ${db}`);
  const pid = syncer.child.pid!;
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  // Created together, as an operator's script would; the syncer checks each request on its own.
  await Promise.all(tables.map((t) => createJob(clusters, `${db}_${t}`, db, t)));
  const createdSeconds = (performance.now() - started) / 1000;
  await fullSyncsDone(clusters, db, tables);
  const syncerSeconds = (performance.now() - started) / 1000;
  // The syncer's backups (the baseline's one excluded): shared full syncs take fewer than one per table.
  const backups = (await query<{ SnapshotName: string }>(src, `SHOW BACKUP FROM ${db}`)).filter(
    (r) => !r.SnapshotName.startsWith('bench_'),
  ).length;
  for (const t of tables) {
    const [a, b] = [await count(src, `${db}.${t}`), await count(dst, `${db}.${t}`)];
    if (a !== b) throw new Error(`${db}.${t}: source ${a} rows, target ${b}`);
  }
  return {
    tables: options.tables,
    rows: perTable * options.tables,
    syncerSeconds,
    backups,
    createdSeconds,
    baselineSeconds: baseline.totalSeconds,
    ratio: syncerSeconds / baseline.totalSeconds,
    syncerCpuSeconds: cpuSeconds(pid) - cpuBefore,
    syncerPeakRssMb: memoryMb(pid).peak,
  };
}

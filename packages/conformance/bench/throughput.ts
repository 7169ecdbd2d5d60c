// Incremental throughput: a backlog of source transactions written while the job is paused, then the time
// the syncer takes to apply all of it after resume. The catch-up rate is the most a job can sustain; the
// lag section checks steady state at fixed offered loads. Also records the syncer's CPU time and memory.
import type { BenchClusters } from './bench-clusters.js';
import { count, createJob, fullSyncsDone, tableDdl, values, waitFor } from './bench-clusters.js';
import { cpuSeconds, memoryMb } from './process-usage.js';

export interface ThroughputResult {
  readonly tables: number;
  readonly rowsPerTxn: number;
  readonly txns: number;
  readonly seconds: number;
  readonly txnPerSec: number;
  readonly rowsPerSec: number;
  readonly syncerCpuSeconds: number;
  readonly syncerCpuSecondsPer1MRows: number;
  readonly syncerPeakRssMb: number;
  /** CPU milliseconds per applied transaction of each process during the catch-up: where the time goes. */
  readonly cpuMsPerTxn: { readonly source: number; readonly target: number; readonly syncer: number };
}

export async function measureThroughput(
  clusters: BenchClusters,
  db: string,
  options: { tables: number; rowsPerTxn: number; txns: number },
): Promise<ThroughputResult> {
  const { src, dst, syncer } = clusters;
  await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
  const tables = Array.from({ length: options.tables }, (_, i) => `t${i}`);
  for (const t of tables) await src.query(tableDdl(db, t));
  for (const t of tables) await createJob(clusters, `${db}_${t}`, db, t);
  await fullSyncsDone(clusters, db, tables);
  for (const t of tables) await syncer.call('pause', { name: `${db}_${t}` });
  // The backlog: `txns` transactions spread round-robin over the tables.
  for (let i = 0; i < options.txns; i++) {
    const t = tables[i % tables.length]!;
    await src.query(`INSERT INTO ${db}.${t} VALUES ${values(i * options.rowsPerTxn, options.rowsPerTxn)}`);
  }
  const pid = syncer.child.pid!;
  const pids = { source: clusters.source.child.pid!, target: clusters.target.child.pid!, syncer: pid };
  const before = { source: cpuSeconds(pids.source), target: cpuSeconds(pids.target) };
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  for (const t of tables) await syncer.call('resume', { name: `${db}_${t}` });
  const expected = new Map<string, number>();
  for (const t of tables) expected.set(t, await count(src, `${db}.${t}`));
  await waitFor(async () => {
    for (const t of tables) if ((await count(dst, `${db}.${t}`)) !== expected.get(t)) return false;
    return true;
  }, `catch-up of ${db}`);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const perTxn = (seconds: number) => (seconds / options.txns) * 1000;
  const rows = options.txns * options.rowsPerTxn;
  return {
    tables: options.tables,
    rowsPerTxn: options.rowsPerTxn,
    txns: options.txns,
    seconds,
    txnPerSec: options.txns / seconds,
    rowsPerSec: rows / seconds,
    syncerCpuSeconds: cpu,
    syncerCpuSecondsPer1MRows: (cpu / rows) * 1_000_000,
    syncerPeakRssMb: memoryMb(pid).peak,
    cpuMsPerTxn: {
      source: perTxn(cpuSeconds(pids.source) - before.source),
      target: perTxn(cpuSeconds(pids.target) - before.target),
      syncer: perTxn(cpu),
    },
  };
}

// Memory of a syncer that follows many quiet tables: 100 table jobs, each past its full sync and polling
// an idle binlog; resident memory measured after they settle.
import type { BenchClusters } from './bench-clusters.js';
import { createJob, fullSyncsDone, tableDdl } from './bench-clusters.js';
import { memoryMb } from './process-usage.js';

export interface IdleJobsResult {
  readonly jobs: number;
  readonly rssMb: number;
  readonly rssMbPerJob: number;
  readonly baseRssMb: number;
}

export async function measureIdleJobs(
  clusters: BenchClusters,
  db: string,
  jobs: number,
  settleMs = 10_000,
): Promise<IdleJobsResult> {
  const { src, syncer } = clusters;
  const pid = syncer.child.pid!;
  const baseRssMb = memoryMb(pid).rss;
  await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
  const tables = Array.from({ length: jobs }, (_, i) => `t${i}`);
  for (const t of tables) {
    await src.query(tableDdl(db, t, 1));
    await src.query(`INSERT INTO ${db}.${t} VALUES (1, 'x')`);
  }
  for (const t of tables) await createJob(clusters, `${db}_${t}`, db, t);
  await fullSyncsDone(clusters, db, tables);
  // Let the jobs poll for a while, so memory reflects steady idle state rather than the syncs.
  await new Promise((r) => setTimeout(r, settleMs));
  const rssMb = memoryMb(pid).rss;
  return { jobs, rssMb, rssMbPerJob: (rssMb - baseRssMb) / jobs, baseRssMb };
}

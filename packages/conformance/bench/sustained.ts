// Sustained throughput: a fixed offered load for a fixed time (open loop, several connections, round-robin
// over the tables), with the backlog on the target sampled every few seconds. The load is kept up with when
// the backlog does not grow: at the end of the writing it is still under two seconds' worth of load.
import type { BenchClusters } from './bench-clusters.js';
import { count, createJob, fullSyncsDone, tableDdl, values } from './bench-clusters.js';

export interface SustainedResult {
  readonly tables: number;
  readonly rowsPerTxn: number;
  readonly offeredPerSec: number;
  /** Transactions per second actually committed on the source (the writers may fall short). */
  readonly achievedPerSec: number;
  readonly seconds: number;
  /** Transactions committed on the source but not yet visible on the target, every SAMPLE_MS. */
  readonly backlogSamples: number[];
  readonly keptUp: boolean;
}

const WRITERS = 4;
const SAMPLE_MS = 5_000;

export async function measureSustained(
  clusters: BenchClusters,
  db: string,
  options: { tables: number; rowsPerTxn: number; ratePerSec: number; seconds: number },
): Promise<SustainedResult> {
  const { src, dst } = clusters;
  await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
  const tables = Array.from({ length: options.tables }, (_, i) => `t${i}`);
  for (const t of tables) await src.query(tableDdl(db, t));
  await Promise.all(tables.map((t) => createJob(clusters, `${db}_${t}`, db, t)));
  await fullSyncsDone(clusters, db, tables);
  const targetRows = async () => {
    let rows = 0;
    for (const t of tables) rows += await count(dst, `${db}.${t}`);
    return rows;
  };
  const writers = await Promise.all(Array.from({ length: WRITERS }, () => clusters.source.connect()));
  const total = Math.round(options.ratePerSec * options.seconds);
  let committed = 0;
  let next = 0;
  const backlogSamples: number[] = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    const at = committed;
    void targetRows().then((rows) => backlogSamples.push(Math.max(0, at - rows / options.rowsPerTxn)));
  }, SAMPLE_MS);
  try {
    await Promise.all(
      writers.map(async (conn) => {
        for (;;) {
          const i = next++;
          if (i >= total) return;
          const due = started + (i * 1000) / options.ratePerSec;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const t = tables[i % tables.length]!;
          await conn.query(
            `INSERT INTO ${db}.${t} VALUES ${values(i * options.rowsPerTxn, options.rowsPerTxn)}`,
          );
          committed++;
        }
      }),
    );
  } finally {
    clearInterval(sampler);
    await Promise.all(writers.map((w) => w.end()));
  }
  const seconds = (performance.now() - started) / 1000;
  const atEnd = Math.max(0, committed - (await targetRows()) / options.rowsPerTxn);
  backlogSamples.push(atEnd);
  const achievedPerSec = total / seconds;
  return {
    tables: options.tables,
    rowsPerTxn: options.rowsPerTxn,
    offeredPerSec: options.ratePerSec,
    achievedPerSec,
    seconds,
    backlogSamples: backlogSamples.map((b) => Math.round(b)),
    keptUp: atEnd <= 2 * achievedPerSec,
  };
}

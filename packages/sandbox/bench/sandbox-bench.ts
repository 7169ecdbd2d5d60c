// npm run bench:sandbox — how fast the sandbox itself is, so it is never the bottleneck of a syncer
// benchmark: single-row INSERT transactions per second on one connection, stream-load rows per second for
// a 10-column CSV, and SELECT COUNT(*) latency on 1M rows. A benchmark, not a test: it prints figures.
import { cpus, totalmem } from 'node:os';
import { query, SandboxProcess } from '../src/process/sandbox-process.js';
import { measureRestore } from './restore-bench.js';

const quick = process.argv.includes('--quick');

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

async function streamLoad(sandbox: SandboxProcess, table: string, body: string, label: string) {
  const res = await fetch(`http://127.0.0.1:${sandbox.ready.httpPort}/api/bench/${table}/_stream_load`, {
    method: 'PUT',
    headers: {
      Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
      label,
      column_separator: ',',
    },
    body,
  });
  const json = (await res.json()) as { Status: string; Message: string; NumberLoadedRows: number };
  if (json.Status !== 'Success') throw new Error(`stream load failed: ${json.Message}`);
  return json;
}

function csvRows(start: number, count: number): string {
  const lines: string[] = [];
  for (let i = start; i < start + count; i++) {
    lines.push(
      `${i},${i % 1000},${i * 7},user_${i},${(i % 100000) / 100},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 2},region_${i % 17},${i * 3},note ${i}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const results: Record<string, number> = {};
const sandbox = await SandboxProcess.start({ backends: 3 });
try {
  const conn = await sandbox.connect();
  await conn.query(`CREATE DATABASE bench PROPERTIES ("binlog.enable" = "true")`);
  await conn.query(`CREATE TABLE bench.single (k BIGINT, v VARCHAR(32)) DUPLICATE KEY(k)
    DISTRIBUTED BY HASH(k) BUCKETS 8 PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
  await conn.query(`CREATE TABLE bench.wide (id BIGINT, a INT, b BIGINT, name VARCHAR(32), price DECIMAL(10,2),
    dt DATE, flag TINYINT, region VARCHAR(16), c BIGINT, note VARCHAR(64)) DUPLICATE KEY(id)
    DISTRIBUTED BY HASH(id) BUCKETS 8 PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);

  // 1. Single-row INSERT transactions on one connection.
  const inserts = quick ? 1000 : 3000;
  for (let i = 0; i < 100; i++) await conn.query(`INSERT INTO bench.single VALUES (${-i - 1}, 'warm')`);
  let t = performance.now();
  for (let i = 0; i < inserts; i++) await conn.query(`INSERT INTO bench.single VALUES (${i}, 'v${i}')`);
  results.insertTxnPerSec = inserts / ((performance.now() - t) / 1000);

  // 2. Stream load of a 10-column CSV, in batches of 100k rows.
  const total = quick ? 200_000 : 1_000_000;
  const batch = 100_000;
  const bodies: string[] = [];
  for (let start = 0; start < total; start += batch) bodies.push(csvRows(start, batch));
  t = performance.now();
  let loaded = 0;
  for (const [i, body] of bodies.entries())
    loaded += (await streamLoad(sandbox, 'wide', body, `bench_${i}`)).NumberLoadedRows;
  results.streamLoadRowsPerSec = loaded / ((performance.now() - t) / 1000);

  // 3. COUNT(*) on the loaded rows (1M in a full run).
  const timings: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const [row] = await query<{ n: string }>(conn, 'SELECT COUNT(*) AS n FROM bench.wide');
    timings.push(performance.now() - t);
    if (Number(row!.n) !== total) throw new Error(`expected ${total} rows, counted ${row!.n}`);
  }
  timings.sort((a, b) => a - b);
  results.countMsMedian = timings[2]!;
  results.countRows = total;
  t = performance.now();
  await query(conn, 'SELECT region, COUNT(*), SUM(price) FROM bench.wide WHERE flag = 1 GROUP BY region');
  results.groupByMs = performance.now() - t;
  await conn.end();
} finally {
  await sandbox.destroy();
}

// 4. BACKUP + restoreSnapshot between two sandboxes. (The direct apply ceiling needs the protocol clients of
// the conformance package, so `npm run bench:sandbox` runs it next, as the ceiling section of `npm run bench`.)
{
  const [source, target] = await Promise.all([
    SandboxProcess.start({ backends: 3 }),
    SandboxProcess.start({ backends: 3 }),
  ]);
  try {
    const restored = await measureRestore(source, target, quick ? 200_000 : 1_000_000);
    results.restoreRows = quick ? 200_000 : 1_000_000;
    results.backupMs = restored.backupMs;
    results.restoreMs = restored.restoreMs;
    results.restoreRowsPerSec = restored.restoreRowsPerSec;
  } finally {
    await Promise.all([source.destroy(), target.destroy()]);
  }
}

console.log(
  `machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
console.log(
  `single-row INSERT transactions, one connection: ${fmt(results.insertTxnPerSec!)} txn/s (target >= 1,000)`,
);
console.log(
  `stream load, 10-column CSV:                     ${fmt(results.streamLoadRowsPerSec!)} rows/s (target >= 200,000)`,
);
console.log(
  `SELECT COUNT(*) on ${fmt(results.countRows!)} rows (median of 5): ${results.countMsMedian!.toFixed(1)} ms (target < 1,000)`,
);
console.log(`GROUP BY + SUM with WHERE over the same rows:   ${results.groupByMs!.toFixed(0)} ms`);
console.log(
  `restoreSnapshot of ${fmt(results.restoreRows!)} rows: ${fmt(results.restoreRowsPerSec!)} rows/s (backup ${fmt(results.backupMs!)} ms, restore ${fmt(results.restoreMs!)} ms)`,
);
console.log(JSON.stringify({ sandbox: results }));

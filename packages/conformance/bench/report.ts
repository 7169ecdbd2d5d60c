// The machine a run happened on, and the results as JSON plus a Markdown summary in bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = fileURLToPath(new URL('../../../../bench/results/', import.meta.url));

export function machineInfo() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

const n = (value: unknown, digits = 0) =>
  typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: digits }) : '–';

type Row = Record<string, unknown>;

export function markdown(results: Row): string {
  const machine = results.machine as Row;
  const ceiling = results.applyCeilingTxnPerSec as number | undefined;
  const section = (present: boolean, body: () => string[]) => (present ? [...body(), ''] : []);
  // A share of the ceiling means something for single-row transactions only.
  const vsCeiling = (rowsPerTxn: unknown, txnPerSec: unknown) =>
    rowsPerTxn === 1 && ceiling ? `${n(((txnPerSec as number) / ceiling) * 100)}%` : '–';
  const lagRow = (label: unknown, r: Row) =>
    `| ${label} | ${n(r.achievedPerSec, 1)} | ${n(r.p50)} | ${n(r.p95)} | ${n(r.p99)} | ${n(r.max)} | ${n(r.backlogAtEnd)} |`;
  const coldStart = results.lagColdStart as Row | undefined;
  const lines = [
    `# ccr-syncer benchmark ${String(results.startedAt).slice(0, 10)}${results.quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}.`,
    '',
    ...section(ceiling !== undefined, () => [
      `Direct apply ceiling (begin → ingest ×8 → commit, single-row UPSERTs): **${n(ceiling)} txn/s**.`,
    ]),
    ...section(results.throughput !== undefined, () => [
      '## Incremental throughput (backlog catch-up)',
      '',
      '| case | txns | txn/s | rows/s | vs ceiling | syncer CPU s / 1M rows | syncer peak RSS MB | CPU ms per txn: source / target / syncer |',
      '|---|---|---|---|---|---|---|---|',
      ...(results.throughput as Row[]).map((r) => {
        const cpu = r.cpuMsPerTxn as Row | undefined;
        const split = cpu ? `${n(cpu.source, 2)} / ${n(cpu.target, 2)} / ${n(cpu.syncer, 2)}` : '–';
        return `| ${r.case} | ${n(r.txns)} | ${n(r.txnPerSec)} | ${n(r.rowsPerSec)} | ${vsCeiling(r.rowsPerTxn, r.txnPerSec)} | ${n(r.syncerCpuSecondsPer1MRows, 1)} | ${n(r.syncerPeakRssMb)} | ${split} |`;
      }),
      '',
      'Sustained (for the seconds shown) on the same clusters while the source also executes the load: 80% of the ceiling for single-row transactions, 80% of the catch-up rate for 1,000-row ones; kept up with when the backlog at the end is under two seconds of load.',
      '',
      '| case | offered txn/s | achieved txn/s | seconds | vs ceiling | backlog (txns) every 5 s | kept up |',
      '|---|---|---|---|---|---|---|',
      ...(results.throughput as Row[])
        .filter((r) => r.sustained !== undefined)
        .map((r) => {
          const s = r.sustained as Row;
          return `| ${r.case} | ${n(s.offeredPerSec)} | ${n(s.achievedPerSec)} | ${n(s.seconds)} | ${vsCeiling(r.rowsPerTxn, s.achievedPerSec)} | ${(s.backlogSamples as number[]).join(', ')} | ${s.keptUp ? 'yes' : '**no**'} |`;
        }),
    ]),
    ...section(results.lag !== undefined, () => [
      '## Lag, source commit → visible on target (ms)',
      '',
      'Measured on clusters warmed up by the cold-start run below (same load, its own table and job).',
      '',
      '| offered load | achieved /s | p50 | p95 | p99 | max | rows behind when writing stopped |',
      '|---|---|---|---|---|---|---|',
      ...(results.lag as Row[]).map((r) => lagRow(r.offered, r)),
      ...(coldStart ? [lagRow(`cold start: ${coldStart.offered} on fresh processes`, coldStart)] : []),
    ]),
    ...section(results.fullSync !== undefined, () => [
      '## Full sync',
      '',
      '| tables | rows | syncer s (of which create_ccr) | backups taken | sandbox backup + restore s | ratio | syncer CPU s | syncer peak RSS MB |',
      '|---|---|---|---|---|---|---|---|',
      ...(results.fullSync as Row[]).map(
        (r) =>
          `| ${r.tables} | ${n(r.rows)} | ${n(r.syncerSeconds, 1)} (${n(r.createdSeconds, 1)}) | ${n(r.backups)} | ${n(r.baselineSeconds, 1)} | ${n(r.ratio, 2)} | ${n(r.syncerCpuSeconds, 1)} | ${n(r.syncerPeakRssMb)} |`,
      ),
    ]),
    ...section(results.idleJobs !== undefined, () => {
      const r = results.idleJobs as Row;
      return [
        '## Idle jobs',
        '',
        `${r.jobs} idle table jobs: **${n(r.rssMb)} MB** RSS (syncer alone ${n(r.baseRssMb)} MB, ${n(r.rssMbPerJob, 2)} MB per job).`,
      ];
    }),
    ...section(results.db !== undefined, () => {
      const db = results.db as Row;
      const catchUp = db.catchUp as Row;
      const ct = db.createTable as Row;
      const idle = db.idle as Row;
      return [
        '## Database jobs',
        '',
        '| full sync: tables | rows | syncer s (of which create_ccr) | sandbox backup + restore s | ratio |',
        '|---|---|---|---|---|',
        ...(db.fullSync as Row[]).map(
          (r) =>
            `| ${r.tables} | ${n(r.rows)} | ${n(r.syncerSeconds, 1)} (${n(r.createdSeconds, 1)}) | ${n(r.baselineSeconds, 1)} | ${n(r.ratio, 2)} |`,
        ),
        '',
        `Catch-up of ${n(catchUp.txns)} single-row transactions over ${catchUp.tables} tables: **${n(catchUp.txnPerSec)} txn/s**` +
          (typeof catchUp.shareOfCeiling === 'number'
            ? ` (${n(catchUp.shareOfCeiling * 100)}% of the ceiling)`
            : '') +
          `, syncer CPU ${n(catchUp.syncerCpuMsPerTxn, 2)} ms per transaction.`,
        '',
        `CREATE TABLE + one row on the source → readable on the target (${ct.creates} tables): p50 **${n(ct.p50Ms)} ms**, max ${n(ct.maxMs)} ms.`,
        '',
        `${idle.jobs} idle database jobs of ${idle.tablesPerJob} tables each: **${n(idle.rssMb)} MB** RSS (syncer alone ${n(idle.baseRssMb)} MB).`,
      ];
    }),
    ...section(results.ha !== undefined, () => {
      const ha = results.ha as Row;
      const t = ha.takeover as Row;
      const g = ha.group as Row;
      const c = ha.storeCost as Row;
      return [
        '## Syncer groups (MariaDB metadata store)',
        '',
        `Takeover after kill -9 of a job's owner (lease ${t.leaseSeconds} s, ${t.kills} kills; until a row inserted right after arrives): p50 **${n(t.p50Seconds, 1)} s**, max ${n(t.maxSeconds, 1)} s.`,
        '',
        `${g.jobs} table jobs over ${g.syncers} syncers: RSS ${(g.rssMbPerSyncer as number[]).map((m) => n(m)).join(' / ')} MB; metadata server ${n(g.storeQueriesPerSecIdle)} queries/s idle, ${n(g.storeQueriesPerSecLoaded)} under load.`,
        '',
        `Single-row catch-up (${n(c.txns)} txns): SQLite store ${n(c.sqliteTxnPerSec)} txn/s, MySQL store ${n(c.mysqlTxnPerSec)} txn/s (**${n((c.ratio as number) * 100)}%**).`,
      ];
    }),
    ...section(results.soak !== undefined, () => {
      const soak = results.soak as Row;
      const lag = soak.lagMs as Row;
      const rss = soak.rssMb as Record<string, Row>;
      const faults = soak.faults as string[];
      return [
        `Fault soak: ${soak.jobs} table jobs for ${soak.minutes} min through the fault proxy, one fault a minute ` +
          `(${[...new Set(faults)].join('; ')}).`,
        '',
        '| Rows replicated | Faults survived | Rows exact | Full syncs after start | Lag p50 / p99 / max (ms) |',
        '|---|---|---|---|---|',
        `| ${soak.rowsReplicated} | ${faults.length} | ${soak.exact ? 'yes' : 'NO'} | ${soak.fullSyncsAfterStart} | ${n(lag.p50)} / ${n(lag.p99)} / ${n(lag.max)} |`,
        '',
        '| RSS (MB) | start | end |',
        '|---|---|---|',
        ...['syncer', 'source', 'target'].map((p) => `| ${p} | ${n(rss[p]!.start)} | ${n(rss[p]!.end)} |`),
      ];
    }),
    ...section(results.scale !== undefined, () => {
      const scale = results.scale as Row;
      const stall = (e: Row) => `${n((e.source as Row).maxMs)} / ${n((e.target as Row).maxMs)}`;
      return [
        '## Scale: one table, 8 buckets, 3 BEs per sandbox',
        '',
        '| rows | source aggregate every 1 s | full sync s | sandbox backup + restore s | ratio | failed restores | backups | peak RSS MB source / target / syncer | longest event-loop stall ms source / target: backup + restore, full sync |',
        '|---|---|---|---|---|---|---|---|---|',
        ...(scale.runs as Row[]).map((r) => {
          const rss = r.peakRssMb as Row;
          return `| ${n(r.rows)} | ${r.withAggregates ? `yes (${r.aggregatesRun} ran)` : 'no'} | ${n(r.syncerSeconds, 1)} | ${n(r.baselineSeconds, 1)} | ${n(r.ratio, 2)} | ${r.failedRestores} | ${r.backups} | ${n(rss.source)} / ${n(rss.target)} / ${n(rss.syncer)} | ${stall(r.baselineEventLoop as Row)}, ${stall(r.syncEventLoop as Row)} |`;
        }),
        '',
        `Largest over smallest table: ${n(scale.rowRatio)}× the rows took **${n(scale.timeRatio, 1)}×** the full-sync time.`,
      ];
    }),
    `Total run time ${n(results.totalSeconds)} s.`,
    '',
  ];
  return lines.join('\n');
}

export function writeReport(results: Row): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  // A run of some sections (--only) is kept apart from the full report of the same day; the scale section
  // run alone (minutes of 10M-row copies) is a report of its own, kept like a full one.
  const sections = Array.isArray(results.only) ? (results.only as string[]) : undefined;
  const only = !sections ? '' : sections.join() === 'scale' ? '-scale' : `-only-${sections.join('-')}`;
  const stamp = String(results.startedAt).slice(0, 10) + (results.quick ? '-quick' : '') + only;
  const json = `${RESULTS_DIR}${stamp}.json`;
  const md = `${RESULTS_DIR}${stamp}.md`;
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  const text = markdown(results);
  writeFileSync(md, text);
  console.log(text);
  return [json, md];
}

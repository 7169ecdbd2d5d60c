// npm run bench -- --soak[=minutes] (default 30): steady load on 10 table jobs through the fault proxy,
// one fault a minute from a fixed rotation, then exact row sets on every table. Reports rows replicated,
// faults survived, the replication lag of marker rows (time from the source's commit to the row being
// readable on the target) and the RSS of the syncer and both sandboxes at the start and at the end.
import type { Fault, FaultProxy } from '../src/fault-proxy.js';
import { FaultFixture, FaultTable, type RowWriter } from '../src/faults/fault-fixture.js';
import { q } from '../src/inspect.js';
import { type LatencySummary, summarise } from './percentiles.js';
import { memoryMb } from './process-usage.js';

export interface SoakResult {
  readonly minutes: number;
  readonly jobs: number;
  readonly rowsReplicated: number;
  readonly faults: readonly string[];
  readonly lagMs: LatencySummary;
  readonly rssMb: {
    readonly syncer: { start: number; end: number };
    readonly source: { start: number; end: number };
    readonly target: { start: number; end: number };
  };
  readonly exact: boolean;
  readonly fullSyncsAfterStart: number;
}

interface FaultStep {
  readonly name: string;
  /** Applies the fault; the returned function ends it. */
  apply(proxy: FaultProxy, fx: FaultFixture): () => void;
}

const hold =
  (fault: Fault, filter?: (fx: FaultFixture) => RegExp) =>
  (proxy: FaultProxy, fx: FaultFixture): (() => void) => {
    const f = filter?.(fx);
    proxy.setFault(fault, f);
    return () => proxy.setFault({ kind: 'none' }, f);
  };

/** One fault a minute, in this order, round and round; each lasts FAULT_MS unless it is instantaneous. */
const ROTATION: readonly FaultStep[] = [
  {
    name: 'cut every connection',
    apply: (proxy) => {
      proxy.cut();
      return () => {};
    },
  },
  { name: '500 ms round-trip latency on every link', apply: hold({ kind: 'latency', ms: 250 }) },
  {
    name: 'one target BE black-holed',
    apply: hold({ kind: 'blackhole' }, (fx) => new RegExp(`^target BE ${fx.target.ready.backends[0]!.id} `)),
  },
  { name: 'every link throttled to 200 kB/s', apply: hold({ kind: 'throttle', bytesPerSecond: 200_000 }) },
  {
    name: 'one source BE black-holed',
    apply: hold({ kind: 'blackhole' }, (fx) => new RegExp(`^source BE ${fx.source.ready.backends[0]!.id} `)),
  },
  { name: "the target's FE black-holed", apply: hold({ kind: 'blackhole' }, () => /^target FE /) },
];
const FAULT_MS = 20_000;
const JOBS = 10;
// 20 transactions/s over the 10 jobs: well under what one syncer applies between two sandboxes on the
// 2-core machines this runs on (5/s per job left a backlog growing by the fault when the machine was
// also busy with other work), so lag figures show the faults, not a saturated machine.
const ROWS_PER_SECOND_PER_JOB = 2;
const MARKER_EVERY_MS = 2_000;

export async function runSoak(minutes: number, log: (text: string) => void): Promise<SoakResult> {
  const fx = await FaultFixture.start({
    proxy: true,
    sourceBackends: 3,
    targetBackends: 3,
    syncerArgs: ['--rpc_timeout', '5s', '--connect_timeout', '3s'],
  });
  try {
    const tables = Array.from({ length: JOBS }, (_, i) => new FaultTable(fx, `soak${i}`));
    for (const t of tables) await t.create(0);
    const rss = () => ({
      syncer: memoryMb(fx.syncer.child.pid!).rss,
      source: memoryMb(fx.source.child.pid!).rss,
      target: memoryMb(fx.target.child.pid!).rss,
    });
    const writers: RowWriter[] = tables.map((t) => t.write(ROWS_PER_SECOND_PER_JOB));
    // A minute of load before the start figures, so they are of warm processes.
    await sleep(Math.min(60_000, minutes * 10_000));
    const start = rss();
    log(`soak: ${JOBS} jobs under load; RSS syncer ${start.syncer.toFixed(0)} MB`);
    const faults: string[] = [];
    const lags: number[] = [];
    const markers = measureMarkers(fx, tables, lags);
    const endAt = performance.now() + minutes * 60_000;
    for (let i = 0; performance.now() < endAt; i++) {
      await sleep(Math.min(60_000 - FAULT_MS, endAt - performance.now()));
      if (performance.now() >= endAt) break;
      const step = ROTATION[i % ROTATION.length]!;
      const end = step.apply(fx.proxy!, fx);
      await sleep(FAULT_MS);
      end();
      faults.push(step.name);
      log(
        `soak: fault ${faults.length} (${step.name}) over; lag p99 so far ${summarise(lags).p99.toFixed(0)} ms`,
      );
    }
    markers.stop();
    await markers.done;
    await Promise.all(writers.map((w) => w.stop()));
    const finished = rss();
    let exact = true;
    let rowsReplicated = 0;
    let fullSyncs = 0;
    for (const t of tables) {
      try {
        rowsReplicated += (await t.sameRows(180_000)).length;
      } catch (error) {
        exact = false;
        log(`soak: ${t.table} of ${t.job} did not converge: ${(error as Error).message.slice(0, 300)}`);
      }
      fullSyncs += (await t.fullSyncs()) - 1;
    }
    return {
      minutes,
      jobs: JOBS,
      rowsReplicated,
      faults,
      lagMs: summarise(lags),
      rssMb: {
        syncer: { start: start.syncer, end: finished.syncer },
        source: { start: start.source, end: finished.source },
        target: { start: start.target, end: finished.target },
      },
      exact,
      fullSyncsAfterStart: fullSyncs,
    };
  } finally {
    await fx.close();
  }
}

/**
 * Every MARKER_EVERY_MS, one table (in turn) gets a marker row on the source; the time until the target
 * returns it is one lag sample. The writer rows use k ≥ 1, markers k < -1000.
 */
function measureMarkers(
  fx: FaultFixture,
  tables: readonly FaultTable[],
  lags: number[],
): { stop(): void; done: Promise<void> } {
  let stopped = false;
  const done = (async () => {
    const [src, dest] = await Promise.all([fx.connect('source'), fx.connect('target')]);
    try {
      for (let i = 0; !stopped; i++) {
        const t = tables[i % tables.length]!;
        const k = -1001 - i;
        const next = performance.now() + MARKER_EVERY_MS;
        await src.query(`INSERT INTO ${q(t.srcDb)}.${q(t.table)} VALUES (${k}, 'marker')`);
        const committed = performance.now();
        for (;;) {
          const [rows] = await dest.query(`SELECT k FROM ${q(t.destDb)}.${q(t.table)} WHERE k = ${k}`);
          if ((rows as unknown[]).length > 0) break;
          await sleep(20);
        }
        lags.push(performance.now() - committed);
        await sleep(next - performance.now());
      }
    } finally {
      await Promise.all([src.end(), dest.end()]);
    }
  })();
  return {
    stop: () => {
      stopped = true;
    },
    done,
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

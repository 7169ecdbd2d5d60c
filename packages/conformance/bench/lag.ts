// Replication lag at a fixed offered load: single-row transactions are committed on the source at a set
// rate (open loop, several connections, so a slow commit does not lower the rate), while the target's row
// count is polled. A transaction counts as visible when the target holds as many rows as had been
// committed up to and including it (commits are applied in commit order), so its lag is the time from its
// commit returning on the source to the first poll that shows it.
import type { SandboxProcess } from '@doris-ccr/sandbox';
import type { BenchClusters } from './bench-clusters.js';
import { count, createJob, inIncremental, streamLoadRows, tableDdl, waitFor } from './bench-clusters.js';
import { type LatencySummary, summarise } from './percentiles.js';

export interface LagResult extends LatencySummary {
  readonly offered: string;
  /** Transactions (or loads) per second actually committed on the source. */
  readonly achievedPerSec: number;
  /** Rows still not on the target when the writer stopped. */
  readonly backlogAtEnd: number;
  /** Per second of the run: the largest lag of the transactions committed in it (shows growth or a spike). */
  readonly maxLagPerSecond: number[];
}

const WRITERS = 4;
/** How long to wait after the writer stops for the rest to arrive (a load above capacity never drains). */
const DEFAULT_DRAIN_MS = 60_000;

/**
 * Polls the target's row count every 20 ms (finer polling would itself load the target noticeably) and
 * resolves each waiter once the count reaches its target.
 */
class VisibilityWatcher {
  private readonly waiting: Array<{ rows: number; committedAt: number }> = [];
  readonly lags: number[] = [];
  /** Commit time of each entry of `lags`. */
  readonly committedAt: number[] = [];
  private running = true;
  private loop: Promise<void> | undefined;
  visible = 0;

  constructor(private readonly poll: () => Promise<number>) {}

  start(): void {
    this.loop = (async () => {
      while (this.running) {
        this.visible = await this.poll();
        const now = performance.now();
        while (this.waiting.length > 0 && this.waiting[0]!.rows <= this.visible) {
          const seen = this.waiting.shift()!;
          this.lags.push(now - seen.committedAt);
          this.committedAt.push(seen.committedAt);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
  }

  expect(rows: number, committedAt: number): void {
    this.waiting.push({ rows, committedAt });
  }

  get pending(): number {
    return this.waiting.length;
  }

  /** Lags so far of the transactions still not visible: at least this long (they count as such). */
  lowerBoundsOfPending(): number[] {
    const now = performance.now();
    return this.waiting.map((w) => now - w.committedAt);
  }

  /** The largest lag per second of commit time since `started`, pending transactions included. */
  maxLagPerSecond(started: number): number[] {
    const now = performance.now();
    const all = [
      ...this.lags.map((lag, i) => [this.committedAt[i]!, lag] as const),
      ...this.waiting.map((w) => [w.committedAt, now - w.committedAt] as const),
    ];
    const perSecond: number[] = [];
    for (const [at, lag] of all) {
      const second = Math.max(0, Math.floor((at - started) / 1000));
      perSecond[second] = Math.max(perSecond[second] ?? 0, Math.round(lag));
    }
    return Array.from(perSecond, (v) => v ?? 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

async function prepare(clusters: BenchClusters, db: string): Promise<void> {
  await clusters.src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
  await clusters.src.query(tableDdl(db, 't'));
  await createJob(clusters, db, db, 't');
  await waitFor(() => inIncremental(clusters, db), `full sync of ${db}`);
}

export async function measureLagAtRate(
  clusters: BenchClusters,
  db: string,
  ratePerSec: number,
  seconds: number,
  drainMs = DEFAULT_DRAIN_MS,
): Promise<LagResult> {
  await prepare(clusters, db);
  const writers = await Promise.all(Array.from({ length: WRITERS }, () => clusters.source.connect()));
  const watcher = new VisibilityWatcher(() => count(clusters.dst, `${db}.t`));
  watcher.start();
  const total = Math.round(ratePerSec * seconds);
  let committed = 0;
  const started = performance.now();
  let next = 0;
  // Each writer takes the next due transaction; sends are spaced by the schedule, not by replies.
  await Promise.all(
    writers.map(async (conn) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const due = started + (i * 1000) / ratePerSec;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await conn.query(`INSERT INTO ${db}.t VALUES (${i}, 'v${i}')`);
        committed++;
        watcher.expect(committed, performance.now());
      }
    }),
  );
  const writeSeconds = (performance.now() - started) / 1000;
  const backlogAtEnd = total - watcher.visible;
  await waitFor(async () => watcher.pending === 0, `lag drain of ${db}`, drainMs).catch(() => undefined);
  await watcher.stop();
  await Promise.all(writers.map((w) => w.end()));
  const lags = [...watcher.lags];
  // Transactions never seen within the drain time count with the lag they had reached by then.
  lags.push(...watcher.lowerBoundsOfPending());
  return {
    offered: `${ratePerSec} txn/s`,
    achievedPerSec: total / writeSeconds,
    backlogAtEnd,
    maxLagPerSecond: watcher.maxLagPerSecond(started),
    ...summarise(lags),
  };
}

export async function measureStreamLoadLag(
  clusters: BenchClusters,
  db: string,
  options: { rowsPerLoad: number; everySeconds: number; loads: number; drainMs?: number },
): Promise<LagResult> {
  const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
  await prepare(clusters, db);
  const watcher = new VisibilityWatcher(() => count(clusters.dst, `${db}.t`));
  watcher.start();
  const started = performance.now();
  for (let i = 0; i < options.loads; i++) {
    const due = started + i * options.everySeconds * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const from = i * options.rowsPerLoad;
    await streamLoadRows(clusters.source as SandboxProcess, db, 't', from, from + options.rowsPerLoad);
    watcher.expect(from + options.rowsPerLoad, performance.now());
  }
  const writeSeconds = (performance.now() - started) / 1000;
  const backlogAtEnd = options.loads * options.rowsPerLoad - watcher.visible;
  await waitFor(async () => watcher.pending === 0, `lag drain of ${db}`, drainMs).catch(() => undefined);
  await watcher.stop();
  const lags = [...watcher.lags];
  lags.push(...watcher.lowerBoundsOfPending());
  return {
    offered: `${options.rowsPerLoad} rows every ${options.everySeconds} s`,
    achievedPerSec: options.loads / writeSeconds,
    backlogAtEnd,
    maxLagPerSecond: watcher.maxLagPerSecond(started),
    ...summarise(lags),
  };
}

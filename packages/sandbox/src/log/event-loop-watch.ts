// Watches the sandbox's event loop: one process serves the FE and every BE, so any long synchronous step
// (a big SQLite statement, parsing a large text) stops all of their servers at once. The delay histogram
// (perf_hooks.monitorEventLoopDelay) is what GET /api/_sandbox/event_loop reports to benchmarks; stalls
// longer than the threshold are logged as they happen, so a slow operation shows up in the sandbox log.
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { sandboxLog } from './sandbox-logger.js';

/** A stall longer than this is logged (the responsiveness target of the sandbox). */
export const STALL_WARN_MS = 200;
const TICK_MS = 50;

export interface EventLoopReport {
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /** Stalls longer than STALL_WARN_MS since the last reset. */
  readonly stalls: number;
  readonly sinceMs: number;
}

export interface EventLoopWatch {
  report(): EventLoopReport;
  reset(): void;
  stop(): void;
}

export function watchEventLoop(): EventLoopWatch {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let since = Date.now();
  let stalls = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const stalled = now - last - TICK_MS;
    last = now;
    if (stalled > STALL_WARN_MS) {
      stalls++;
      sandboxLog().warn(
        { stalledMs: Math.round(stalled) },
        'event loop stalled: a slow operation blocked every server',
      );
    }
  }, TICK_MS);
  timer.unref();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return {
    report: () => ({
      maxMs: ms(histogram.max),
      p99Ms: ms(histogram.percentile(99)),
      meanMs: Number.isNaN(histogram.mean) ? 0 : ms(histogram.mean),
      stalls,
      sinceMs: Date.now() - since,
    }),
    reset: () => {
      histogram.reset();
      stalls = 0;
      since = Date.now();
    },
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

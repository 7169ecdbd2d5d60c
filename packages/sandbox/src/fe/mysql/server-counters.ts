// What COM_STATISTICS reports: counters kept by the server and updated by its connections.

export interface ServerCounters {
  readonly startedAtMs: number;
  /** Connections open now. */
  threads: number;
  /** Commands received since start. */
  questions: number;
}

export function newServerCounters(): ServerCounters {
  return { startedAtMs: Date.now(), threads: 0, questions: 0 };
}

/**
 * MySQL's one-line status text (what `mariadb-admin status` and the client's `status` command print). The
 * sandbox has no slow-query log and no table cache, so those counters are 0.
 */
export function statisticsText(counters: ServerCounters): string {
  const uptime = Math.max(1, Math.floor((Date.now() - counters.startedAtMs) / 1000));
  const perSecond = (counters.questions / uptime).toFixed(3);
  return (
    `Uptime: ${uptime}  Threads: ${counters.threads}  Questions: ${counters.questions}  ` +
    `Slow queries: 0  Opens: 0  Flush tables: 0  Open tables: 0  Queries per second avg: ${perSecond}`
  );
}

// The lag history behind POST /lag_history and the console's chart: one sample per look of the health
// monitor, never more than one a second, only the last hour, and a fixed bound however long a job runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LAG_HISTORY_WINDOW_MS, LagHistory } from '../../../src/jobs/health/lag-history.js';

describe('lag history', () => {
  it('keeps one sample per look, oldest first, and only those of the last hour', () => {
    const h = new LagHistory(10_000);
    for (let i = 0; i < 400; i++) h.add({ at: i * 10_000, lag_binlogs: i, lag_seconds: i / 2 });
    const now = 399 * 10_000;
    const kept = h.since(now);
    assert.equal(kept.length, LAG_HISTORY_WINDOW_MS / 10_000 + 1);
    assert.equal(kept[0]!.at, now - LAG_HISTORY_WINDOW_MS);
    assert.equal(kept.at(-1)!.lag_binlogs, 399);
    assert.ok(kept.every((s, i) => i === 0 || s.at > kept[i - 1]!.at));
    assert.deepEqual(h.since(now + LAG_HISTORY_WINDOW_MS + 1), [], 'an hour later nothing is left');
  });

  it('looks faster than once a second (a short --stall_seconds) keep one sample a second', () => {
    const h = new LagHistory(250);
    for (let at = 0; at < 10_000; at += 250) h.add({ at, lag_binlogs: 0, lag_seconds: 0 });
    assert.equal(h.since(10_000).length, 10);
  });

  it('is bounded: a day of looks every 250 ms holds at most an hour of one-second samples', () => {
    const h = new LagHistory(250);
    for (let at = 0; at < 86_400_000; at += 250) h.add({ at, lag_binlogs: 1 });
    assert.equal(h.capacity, 3_601);
    assert.equal(h.since(86_400_000).length, 3_600);
    assert.equal(h.since(86_400_000)[0]!.lag_seconds, undefined, 'an unknown commit time stays absent');
  });
});

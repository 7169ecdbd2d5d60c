// The runway's arithmetic (each retention limit's bound, the shortest wins, the warning against the last
// full sync) and the stall watch's rules, on numbers chosen so every expected value is worked out by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { propertiesOf } from '../../../src/jobs/health/binlog-retention.js';
import { runwayOf } from '../../../src/jobs/health/runway.js';
import { StallWatch } from '../../../src/jobs/health/stall-watch.js';
import type { SyncHistoryEntry } from '../../../src/jobs/progress.js';

const NOW = 1_000_000_000;
const fullSync = (seconds: number): SyncHistoryEntry => ({
  kind: 'full',
  reason: 'new job',
  startedAt: NOW - 500_000,
  finishedAt: NOW - 500_000 + seconds * 1000,
});

describe('runway', () => {
  it('ttl: the first unapplied binlog lives until its commit time plus the TTL; caught up, the whole TTL', () => {
    const retention = { ttlSeconds: 600, from: 'properties' as const };
    const behind = runwayOf({ now: NOW, lag: 3, nextAt: NOW - 100_000, retention, history: [fullSync(60)] });
    assert.deepEqual(behind, { seconds: 500, limit: 'ttl_seconds', warning: false, lastFullSyncSeconds: 60 });
    const caught = runwayOf({ now: NOW, lag: 0, retention, history: [] });
    assert.deepEqual(caught, { seconds: 600, limit: 'ttl_seconds', warning: false });
    assert.equal(runwayOf({ now: NOW, lag: 2, retention, history: [] }), undefined, 'unknown commit time');
  });

  it('warns when shorter than the last full sync, and when already gone', () => {
    const retention = { ttlSeconds: 600, from: 'properties' as const };
    const short = runwayOf({ now: NOW, lag: 1, nextAt: NOW - 550_000, retention, history: [fullSync(60)] });
    assert.equal(short?.seconds, 50);
    assert.equal(short?.warning, true);
    const gone = runwayOf({ now: NOW, lag: 1, nextAt: NOW - 700_000, retention, history: [] });
    assert.deepEqual(gone, { seconds: 0, limit: 'ttl_seconds', warning: true });
  });

  it('max_history_nums and max_bytes: the backlog reaches the limit at the stream’s own rate', () => {
    // 101 records (dummy included) over 100 s: 1 record/s; 10,000 bytes over 100 s: 100 B/s, 100 B a record.
    const stream = { length: 101, bytes: 10_000, firstAt: NOW - 100_000, lastAt: NOW };
    const nums = runwayOf({
      now: NOW,
      lag: 40,
      nextAt: NOW - 40_000,
      retention: { ttlSeconds: 86_400, maxHistoryNums: 141, stream, from: 'show_proc_binlog' },
      history: [],
    });
    assert.deepEqual(nums, { seconds: 100, limit: 'max_history_nums', warning: false });
    const bytes = runwayOf({
      now: NOW,
      lag: 40,
      nextAt: NOW - 40_000,
      retention: { maxBytes: 5_000, stream, from: 'show_proc_binlog' },
      history: [],
    });
    assert.deepEqual(bytes, { seconds: 10, limit: 'max_bytes', warning: false });
    const none = runwayOf({
      now: NOW,
      lag: 40,
      retention: { stream, from: 'show_proc_binlog' },
      history: [],
    });
    assert.deepEqual(none, { limit: 'none', warning: false });
  });

  it('reads limits from SHOW CREATE properties', () => {
    const props = propertiesOf(
      'CREATE DATABASE `d`\nPROPERTIES (\n"binlog.enable" = "true",\n"binlog.ttl_seconds" = "3600"\n)',
    );
    assert.equal(props.get('binlog.ttl_seconds'), '3600');
    assert.equal(props.get('binlog.enable'), 'true');
  });
});

describe('stall watch', () => {
  const marker = (
    seq: string,
    steps = 0,
    state: 'TableIncrementalSync' | 'TableFullSync' = 'TableIncrementalSync',
  ) => ({
    position: { state, step: state === 'TableFullSync' ? ('wait_backup' as const) : ('idle' as const) },
    prevCommitSeq: seq,
    steps,
  });

  it('stalls after stallMs without an applied binlog while the source is ahead, and recovers when one is applied', () => {
    const w = new StallWatch(4_000, 0);
    assert.equal(w.observe(1_000, marker('10'), true, false), undefined);
    assert.equal(
      w.observe(4_000, marker('10', 9), true, false),
      undefined,
      'succeeding steps alone do not count in replay',
    );
    assert.equal(w.observe(5_000, marker('10', 12), true, false), 'stalled');
    assert.equal(w.stalledSince, 5_000);
    assert.equal(w.observe(6_000, marker('10', 12), true, false), undefined);
    assert.equal(w.observe(7_000, marker('11', 13), true, false), 'recovered');
  });

  it('is never stalled when paused or when the source has nothing new; a sync counts its steps', () => {
    const w = new StallWatch(1_000, 0);
    w.observe(0, marker('5'), true, false);
    assert.equal(w.observe(5_000, marker('5'), true, true), undefined, 'paused');
    assert.equal(w.observe(5_500, marker('5'), false, false), undefined, 'nothing to apply');
    assert.equal(w.observe(7_000, marker('5'), false, false), undefined);
    const s = new StallWatch(1_000, 0);
    s.observe(0, marker('5', 1, 'TableFullSync'), true, false);
    assert.equal(
      s.observe(2_000, marker('5', 2, 'TableFullSync'), true, false),
      undefined,
      'a waiting step succeeded',
    );
    assert.equal(s.observe(3_500, marker('5', 2, 'TableFullSync'), true, false), 'stalled');
  });
});

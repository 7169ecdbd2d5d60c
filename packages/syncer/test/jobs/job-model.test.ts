import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionOf, DEFAULT_RETRY, needsFullSync, retryDelay } from '../../src/jobs/job-errors.js';
import { IllegalTransitionError, JobPhaseMachine } from '../../src/jobs/job-phase.js';
import { restoreLabel, snapshotName, snapshotPrefix, txnLabel } from '../../src/jobs/labels.js';

describe('job phase machine', () => {
  it('walks a full sync into incremental replay and a transaction back to idle', () => {
    const m = new JobPhaseMachine({ phase: 'full_sync', step: 'begin_snapshot' });
    for (const step of [
      'wait_backup',
      'get_snapshot',
      'restore_snapshot',
      'wait_restore',
      'persist_restore',
    ] as const) {
      m.move({ phase: 'full_sync', step });
    }
    m.move({ phase: 'incremental', step: 'idle' });
    for (const step of ['begin_txn', 'ingest', 'commit_txn', 'idle'] as const)
      m.move({ phase: 'incremental', step });
    assert.deepEqual(m.position, { phase: 'incremental', step: 'idle' });
  });

  it('rejects illegal moves and leaves the position unchanged', () => {
    const m = new JobPhaseMachine({ phase: 'incremental', step: 'idle' });
    assert.throws(() => m.move({ phase: 'incremental', step: 'commit_txn' }), IllegalTransitionError);
    assert.throws(() => m.move({ phase: 'full_sync', step: 'wait_restore' }), IllegalTransitionError);
    assert.deepEqual(m.position, { phase: 'incremental', step: 'idle' });
    m.move({ phase: 'partial_sync', step: 'begin_snapshot' });
    assert.equal(m.position.phase, 'partial_sync');
  });
});

describe('labels', () => {
  it('are deterministic per job and commit seq, and fit Doris label rules', () => {
    const a = txnLabel('my job/1 ✓', 9223372036854775807n);
    assert.equal(a, txnLabel('my job/1 ✓', 9223372036854775807n));
    assert.notEqual(a, txnLabel('my job/2 ✓', 9223372036854775807n));
    assert.match(a, /^[-_A-Za-z0-9:]{1,128}$/);
    assert.ok(snapshotName('j', 3, 'full', 1700000000).startsWith(snapshotPrefix('j', 3, 'full')));
    assert.match(snapshotName('x'.repeat(300), 3, 'partial', 1), /^[-_A-Za-z0-9:]{1,128}$/);
    // A restore re-issued within the same second (the first was cancelled) gets a label of its own.
    const snapshot = snapshotName('x'.repeat(300), 1_700_000_000, 'partial', 1_700_000_000);
    const [first, second] = [restoreLabel(snapshot, 1_700_000_001), restoreLabel(snapshot, 1_700_000_001)];
    assert.notEqual(first, second);
    assert.ok(
      first.startsWith(snapshot) && second.startsWith(snapshot),
      'found again by the snapshot prefix',
    );
    assert.match(first, /^[-_A-Za-z0-9:]{1,128}$/);
  });
});

describe('retry policy', () => {
  it('backs off exponentially with jitter and caps the delay', () => {
    const low = () => 0;
    const high = () => 1;
    assert.equal(retryDelay(DEFAULT_RETRY, 1, high), 500);
    assert.equal(retryDelay(DEFAULT_RETRY, 1, low), 250);
    assert.equal(retryDelay(DEFAULT_RETRY, 4, high), 4000);
    assert.equal(retryDelay(DEFAULT_RETRY, 30, high), 60_000);
    assert.ok(retryDelay(DEFAULT_RETRY, 30, low) >= 30_000);
  });

  it('treats unknown errors as retryable and keeps typed actions', () => {
    assert.equal(actionOf(new Error('socket hang up')), 'retryable');
    assert.equal(actionOf(needsFullSync('binlog gone')), 'needs_full_sync');
  });
});

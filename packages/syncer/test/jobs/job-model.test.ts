import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionOf, DEFAULT_RETRY, needsFullSync, retryable, retryDelay } from '../../src/jobs/job-errors.js';
import {
  ADMIN_COMMANDS,
  commandAllowed,
  IllegalTransitionError,
  isAllowed,
  type JobPosition,
  type JobStep,
  moveTo,
  type SyncState,
} from '../../src/jobs/job-state.js';
import { restoreLabel, snapshotName, snapshotPrefix, txnLabel } from '../../src/jobs/labels.js';
import { decodeProgress, ProgressFormatError } from '../../src/jobs/progress.js';

const at = (state: SyncState, step: JobStep): JobPosition => ({ state, step });
const SNAPSHOT = [
  'begin_snapshot',
  'wait_backup',
  'get_snapshot',
  'restore_snapshot',
  'wait_restore',
] as const;

describe('job state machine', () => {
  it('walks every snapshot state through its steps into its replay state', () => {
    const walks: Array<[SyncState, SyncState]> = [
      ['TableFullSync', 'TableIncrementalSync'],
      ['TablePartialSync', 'TableIncrementalSync'],
      ['DBFullSync', 'DBTablesIncrementalSync'],
      ['DBPartialSync', 'DBTablesIncrementalSync'],
      ['DBSpecificTableFullSync', 'DBTablesIncrementalSync'],
    ];
    for (const [state, replay] of walks) {
      const job = { position: at(state, 'begin_snapshot') };
      for (const step of [...SNAPSHOT.slice(1), 'persist_restore'] as const) moveTo(job, at(state, step));
      moveTo(job, at(replay, 'idle'));
      assert.deepEqual(job.position, at(replay, 'idle'));
    }
  });

  it('allows the moves the code makes', () => {
    const legal: Array<[JobPosition, JobPosition]> = [
      [at('TableIncrementalSync', 'idle'), at('TableIncrementalSync', 'commit_txn')],
      [at('TableIncrementalSync', 'commit_txn'), at('TableIncrementalSync', 'idle')],
      [at('TableIncrementalSync', 'idle'), at('TablePartialSync', 'begin_snapshot')],
      [at('TableIncrementalSync', 'commit_txn'), at('TableFullSync', 'begin_snapshot')],
      [at('TablePartialSync', 'wait_restore'), at('TableFullSync', 'begin_snapshot')],
      [at('TableFullSync', 'wait_backup'), at('TableFullSync', 'begin_snapshot')],
      [at('TableFullSync', 'restore_snapshot'), at('TableFullSync', 'get_snapshot')],
      [at('TableFullSync', 'wait_restore'), at('TableFullSync', 'restore_snapshot')],
      [at('TableFullSync', 'begin_snapshot'), at('TableFullSync', 'persist_restore')],
      [at('DBTablesIncrementalSync', 'idle'), at('DBIncrementalSync', 'idle')],
      [at('DBIncrementalSync', 'idle'), at('DBTablesIncrementalSync', 'idle')],
      [at('DBIncrementalSync', 'idle'), at('DBPartialSync', 'begin_snapshot')],
      [at('DBIncrementalSync', 'commit_txn'), at('DBSpecificTableFullSync', 'begin_snapshot')],
      [at('DBTablesIncrementalSync', 'idle'), at('DBFullSync', 'begin_snapshot')],
      [at('DBPartialSync', 'wait_backup'), at('DBTablesIncrementalSync', 'idle')],
      [at('DBPartialSync', 'wait_restore'), at('DBSpecificTableFullSync', 'begin_snapshot')],
    ];
    for (const [from, to] of legal)
      assert.ok(isAllowed(from, to), `${from.state}/${from.step} → ${to.state}/${to.step}`);
  });

  it('rejects illegal moves and leaves the position unchanged', () => {
    const illegal: Array<[JobPosition, JobPosition]> = [
      [at('TableIncrementalSync', 'idle'), at('TableIncrementalSync', 'begin_snapshot')],
      [at('TableIncrementalSync', 'idle'), at('TableFullSync', 'wait_restore')],
      [at('TableIncrementalSync', 'idle'), at('DBFullSync', 'begin_snapshot')],
      [at('DBIncrementalSync', 'idle'), at('TableFullSync', 'begin_snapshot')],
      [at('DBFullSync', 'wait_restore'), at('DBPartialSync', 'begin_snapshot')],
      [at('DBFullSync', 'wait_backup'), at('DBTablesIncrementalSync', 'idle')],
      [at('TableFullSync', 'wait_backup'), at('TableFullSync', 'wait_restore')],
      [at('TableFullSync', 'persist_restore'), at('DBTablesIncrementalSync', 'idle')],
      [at('TableFullSync', 'persist_restore'), at('TableIncrementalSync', 'commit_txn')],
      [at('DBIncrementalSync', 'commit_txn'), at('DBTablesIncrementalSync', 'idle')],
      [at('TableIncrementalSync', 'commit_txn'), at('TableIncrementalSync', 'commit_txn')],
      [at('TableFullSync', 'idle'), at('TableIncrementalSync', 'idle')],
    ];
    for (const [from, to] of illegal) {
      const job = { position: from };
      assert.throws(
        () => moveTo(job, to),
        IllegalTransitionError,
        `${from.state}/${from.step} → ${to.state}/${to.step}`,
      );
      assert.deepEqual(job.position, from);
    }
  });

  it('lists the states each admin command may run from', () => {
    assert.ok(commandAllowed('skip', 'TableIncrementalSync'));
    assert.ok(commandAllowed('skip', 'DBTablesIncrementalSync'));
    assert.ok(!commandAllowed('skip', 'TableFullSync'), 'no binlog to skip while a snapshot is copied');
    assert.ok(!commandAllowed('skip', 'DBPartialSync'));
    for (const command of ['pause', 'resume', 'force_fullsync', 'desync', 'delete'] as const)
      assert.equal(ADMIN_COMMANDS[command].length, 8, `${command} runs from every state`);
  });
});

describe('progress documents', () => {
  // Written by the version-1 code (commit b2f34fa): a table job in replay after a partition partial sync.
  const v1 = JSON.stringify({
    version: 1,
    position: { phase: 'incremental', step: 'idle' },
    prevCommitSeq: '9223372036854775000',
    commitSeq: '9223372036854775000',
    syncId: 1733480001,
    tableMapping: { '21040': '31050' },
    tableCommitSeqs: {},
    shadowIndexes: { '21077': '21041' },
    history: [{ kind: 'full', reason: 'new job', startedAt: 1733480000000, finishedAt: 1733480002000 }],
    restored: { untilSeq: '9223372036854775100', versions: { '21042': '7' } },
  });

  it('migrates a version 1 document, keeping every id and seq exactly', () => {
    const p = decodeProgress(v1);
    assert.equal(p.version, 2);
    assert.deepEqual(p.position, { state: 'TableIncrementalSync', step: 'idle' });
    assert.equal(p.prevCommitSeq, '9223372036854775000');
    assert.deepEqual(Object.keys(p.tables), ['21040']);
    assert.equal(p.tables['21040']?.destId, '31050');
    assert.deepEqual(p.tables['21040']?.shadowIndexes, { '21077': '21041' });
    assert.deepEqual(p.tables['21040']?.restored, {
      untilSeq: '9223372036854775100',
      versions: { '21042': '7' },
    });
    assert.equal(p.history[0]?.finishedAt, 1733480002000);
  });

  it('migrates a version 1 document in the middle of a partial sync', () => {
    const mid = JSON.parse(v1);
    Object.assign(mid, {
      position: { phase: 'partial_sync', step: 'wait_restore' },
      snapshot: 'ccrp_j_1',
      restoreLabel: 'ccrp_j_1_r_1_1',
      partialPartitions: ['p0'],
      partialFromSeq: '9223372036854775001',
    });
    const p = decodeProgress(JSON.stringify(mid));
    assert.deepEqual(p.position, { state: 'TablePartialSync', step: 'wait_restore' });
    assert.deepEqual(p.partial, { tableId: '21040', fromSeq: '9223372036854775001', partitions: ['p0'] });
    assert.equal(p.restoreLabel, 'ccrp_j_1_r_1_1');
  });

  it('refuses documents it does not know', () => {
    assert.throws(
      () => decodeProgress('{"version":3,"prevCommitSeq":"1","commitSeq":"1"}'),
      ProgressFormatError,
    );
    assert.throws(() => decodeProgress('not json'), ProgressFormatError);
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
    assert.equal(retryDelay(DEFAULT_RETRY, 30, high), 10_000);
    assert.equal(retryDelay(DEFAULT_RETRY, 30, low), 5_000);
  });

  it('retries transient kinds without limit and counts everything else', () => {
    assert.equal(actionOf(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), 'transient');
    assert.equal(actionOf(Object.assign(new Error('x'), { name: 'ThriftTransportError' })), 'transient');
    assert.equal(actionOf(Object.assign(new Error('x'), { name: 'FeUnavailableError' })), 'transient');
    assert.equal(
      actionOf(retryable('BACKUP failed: one backup or restore job of a database at same time')),
      'transient',
    );
    assert.equal(actionOf(new TypeError('undefined is not a function')), 'retryable');
    assert.equal(actionOf(retryable('getBinlog failed: internal error')), 'retryable');
    assert.equal(actionOf(needsFullSync('binlog gone')), 'needs_full_sync');
  });
});

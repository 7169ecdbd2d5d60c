// sync_progress from a job's progress and what its sync watch saw: the phase (from the step, or further
// along when a shared sync reported it), Doris's task fields, a percentage that counts finished download
// tasks as done although Doris drops them from Progress, and never goes back; nothing outside a sync.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moveTo } from '../../../src/jobs/job-state.js';
import { initialProgress, markReplayedTo } from '../../../src/jobs/progress.js';
import { syncProgressOf } from '../../../src/jobs/sync-progress/sync-progress-view.js';
import { SyncWatch } from '../../../src/jobs/sync-progress/sync-watch.js';

const T0 = 1_700_000_000_000;

function restoreRow(state: string, unfinished: string, progress: string) {
  return { State: state, UnfinishedTasks: unfinished, Progress: progress, TaskErrMsg: '', Label: 'x' };
}

describe('sync_progress', () => {
  it('follows the steps, reads the restore’s tasks, and counts a finished task as done', () => {
    const p = initialProgress(T0, 'TableFullSync');
    const watch = new SyncWatch();
    const view = (now: number) => syncProgressOf(p, watch, now)!;
    assert.equal(view(T0).phase, 'backup');
    assert.equal(view(T0).percent, 0);
    assert.equal(view(T0).reason, 'new job');
    watch.saw(
      T0,
      'backup',
      { State: 'SNAPSHOTING', UnfinishedTasks: '', Progress: '', TaskErrMsg: '' },
      T0 + 100,
    );
    assert.equal(view(T0 + 100).doris?.State, 'SNAPSHOTING');
    moveTo(p, { state: 'TableFullSync', step: 'wait_backup' });
    moveTo(p, { state: 'TableFullSync', step: 'get_snapshot' });
    assert.equal(view(T0 + 200).phase, 'snapshot');
    moveTo(p, { state: 'TableFullSync', step: 'restore_snapshot' });
    moveTo(p, { state: 'TableFullSync', step: 'wait_restore' });
    watch.enter(T0, 'restore', T0 + 300);
    watch.saw(T0, 'restore', restoreRow('DOWNLOADING', '11=1, 12=2', '[11: 1/2], [12: 0/2]'), T0 + 400);
    const quarter = view(T0 + 400);
    assert.equal(quarter.phase, 'restore');
    assert.equal(quarter.phase_started_at, T0 + 300);
    assert.equal(quarter.percent, Math.round((30 + 65 * (0.15 + 0.7 * 0.25)) * 10) / 10);
    // Task 11 finished and left both columns; task 12 is at 1/2: three of four tablets are done.
    watch.saw(T0, 'restore', restoreRow('DOWNLOADING', '12=2', '[12: 1/2]'), T0 + 500);
    const later = view(T0 + 2_000);
    assert.equal(later.percent, Math.round((30 + 65 * (0.15 + 0.7 * 0.75)) * 10) / 10);
    assert.ok(later.eta_seconds! > 0);
    assert.deepEqual(later.doris, {
      State: 'DOWNLOADING',
      Progress: '[12: 1/2]',
      UnfinishedTasks: '12=2',
      TaskErrMsg: '',
    });
    assert.equal(later.tables_done, 0);
    moveTo(p, { state: 'TableFullSync', step: 'persist_restore' });
    const swap = view(T0 + 2_100);
    assert.equal(swap.phase, 'swap');
    assert.equal(swap.tables_done, swap.tables_total);
  });

  it('a shared full sync moves the phase past the job’s own step; the percentage never falls', () => {
    const p = initialProgress(T0, 'TableFullSync');
    const watch = new SyncWatch();
    watch.saw(T0, 'restore', restoreRow('COMMITTING', '5=9', ''), T0 + 50);
    const shared = syncProgressOf(p, watch, T0 + 60)!;
    assert.equal(shared.phase, 'restore', 'the job still waits at begin_snapshot');
    assert.equal(shared.percent, 30 + 65 * 0.9);
    watch.saw(T0, 'restore', restoreRow('DOWNLOADING', '7=1', '[7: 0/4]'), T0 + 70);
    assert.equal(syncProgressOf(p, watch, T0 + 80)!.percent, shared.percent);
  });

  it('is absent while the job replays binlogs', () => {
    const p = initialProgress(T0, 'TableFullSync');
    moveTo(p, { state: 'TableFullSync', step: 'persist_restore' });
    p.history[0]!.finishedAt = T0 + 1;
    moveTo(p, { state: 'TableIncrementalSync', step: 'idle' });
    markReplayedTo(p, 5n);
    assert.equal(syncProgressOf(p, new SyncWatch(), T0 + 5), undefined);
  });
});

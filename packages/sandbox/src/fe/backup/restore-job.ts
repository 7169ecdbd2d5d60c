// A restore job's states for a `__keep_on_local__` snapshot (RestoreJob.run): PENDING prepares the catalog
// objects, SNAPSHOTING (nothing to snapshot on fresh replicas) → DOWNLOAD → DOWNLOADING pulls the source
// BEs' tablet snapshots, COMMIT moves the rows into the target tablets and COMMITTING makes the result
// visible → FINISHED. Any refusal cancels the job with Doris's status text (SHOW RESTORE `Status`).
import type { Frontend } from '../frontend.js';
import { STEP_MS } from './backup-job.js';
import { JobFailure } from './job-failure.js';
import { jobStore } from './job-store.js';
import { isDone, type RestoreJob, type RestoreState } from './job-types.js';
import { cancelRestoreJob } from './restore-cancel.js';
import { commitTabletData, finishRestore } from './restore-commit.js';
import { downloadSnapshots, planDownloads } from './restore-download.js';
import { prepareRestore } from './restore-prepare.js';
import { forgetRestoreTasks } from './restore-tasks.js';
import { schedulerActive } from './scheduler-state.js';

function moveTo(fe: Frontend, job: RestoreJob, state: RestoreState): void {
  job.state = state;
  fe.commit(() => jobStore(fe).save(job));
}

/** Runs the job's current state; returns the delay before the next one, or undefined when it is done. */
export async function advanceRestore(fe: Frontend, job: RestoreJob): Promise<number | undefined> {
  const next = await runState(fe, job);
  // A finished or cancelled job has no tasks left to show (Doris clears them too).
  if (isDone(job)) forgetRestoreTasks(fe, job);
  return next;
}

async function runState(fe: Frontend, job: RestoreJob): Promise<number | undefined> {
  const stillWanted = () => schedulerActive(fe) && !isDone(job);
  try {
    switch (job.state) {
      case 'PENDING':
        prepareRestore(fe, job);
        return STEP_MS;
      case 'CREATING':
        // Replicas are created synchronously at PENDING; a job persisted here just moves on.
        moveTo(fe, job, 'SNAPSHOTING');
        return STEP_MS;
      case 'SNAPSHOTING':
        job.snapshotFinishedTime = fe.clock.now();
        moveTo(fe, job, 'DOWNLOAD');
        return STEP_MS;
      case 'DOWNLOAD':
        planDownloads(fe, job);
        moveTo(fe, job, 'DOWNLOADING');
        return 0;
      case 'DOWNLOADING':
        if (!(await downloadSnapshots(fe, job, stillWanted))) return undefined;
        job.downloadFinishedTime = fe.clock.now();
        moveTo(fe, job, 'COMMIT');
        return STEP_MS;
      case 'COMMIT':
        if (!(await commitTabletData(fe, job, stillWanted))) return undefined;
        moveTo(fe, job, 'COMMITTING');
        return 0;
      case 'COMMITTING':
        finishRestore(fe, job);
        return undefined;
      case 'FINISHED':
      case 'CANCELLED':
        return undefined;
    }
  } catch (error) {
    if (!(error instanceof JobFailure)) throw error;
    if (stillWanted()) cancelRestoreJob(fe, job, error.status);
    return undefined;
  }
}

// BUILD INDEX jobs (Doris's IndexChangeJob, one per partition): WAITING_TXN when created, RUNNING once older
// loads finished, FINISHED when the backends built the index files. The sandbox keeps no index files, so the
// job only has to walk its states with the records Doris writes (creation and end, barrier-wrapped in 2.1).
import type { Frontend } from '../frontend.js';
import type { IndexChangeJob } from './alter-job.js';
import { logIndexChangeJob } from './alter-job-binlog.js';
import { JOB_STEP_MS, jobTarget, olderLoadsRunning } from './job-steps.js';
import { alterJobs } from './job-store.js';

export function createIndexChangeJob(fe: Frontend, job: IndexChangeJob): void {
  alterJobs(fe).save(job);
  logIndexChangeJob(fe, job);
}

export function advanceIndexChange(fe: Frontend, job: IndexChangeJob): number | undefined {
  const target = jobTarget(fe, job);
  if (typeof target === 'string') {
    cancelIndexChange(fe, job, target);
    return undefined;
  }
  switch (job.state) {
    case 'PENDING':
    case 'WAITING_TXN':
      if (olderLoadsRunning(fe, job)) return JOB_STEP_MS;
      job.state = 'RUNNING';
      alterJobs(fe).save(job);
      return JOB_STEP_MS;
    case 'RUNNING':
      job.state = 'FINISHED';
      job.finishedTimeMs = fe.clock.now();
      alterJobs(fe).save(job);
      logIndexChangeJob(fe, job);
      return undefined;
    case 'FINISHED':
    case 'CANCELLED':
      return undefined;
  }
}

export function cancelIndexChange(fe: Frontend, job: IndexChangeJob, errMsg: string): void {
  job.state = 'CANCELLED';
  job.errMsg = errMsg;
  job.finishedTimeMs = fe.clock.now();
  alterJobs(fe).save(job);
  logIndexChangeJob(fe, job);
}

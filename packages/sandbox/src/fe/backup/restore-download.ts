// A restore's DOWNLOADING state (RestoreJob.downloadLocalSnapshots): the target BEs pull every source tablet
// snapshot from the source BE named in job_info's be_network_map, with the source cluster's token. The
// downloaded files are staged on disk (`<data dir>/restore-downloads/<job id>/`) until the commit moves them
// into the target tablets; the list of them lives in memory, so a restarted FE cancels the job
// (job-scheduler.ts) and the files go with it.
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type DownloadedTablet, downloadTabletSnapshot } from '../../be/snapshot/snapshot-download.js';
import { sandboxLog } from '../../log/sandbox-logger.js';
import type { Frontend } from '../frontend.js';
import { commonError, JobFailure } from './job-failure.js';
import type { RestoreJob } from './job-types.js';
import { restoreTasks } from './restore-tasks.js';

/** Parallel downloads per job (Doris bounds download tasks per BE). */
const CONCURRENCY = 4;

const stagedByFe = new WeakMap<Frontend, Map<bigint, Map<string, DownloadedTablet>>>();

/** The files downloaded for a job, by source tablet directory. */
export function stagedDownloads(fe: Frontend, jobId: bigint): Map<string, DownloadedTablet> {
  let byJob = stagedByFe.get(fe);
  if (!byJob) {
    byJob = new Map();
    stagedByFe.set(fe, byJob);
  }
  let staged = byJob.get(jobId);
  if (!staged) {
    staged = new Map();
    byJob.set(jobId, staged);
  }
  return staged;
}

/** Where a job's downloaded files are kept until its commit. */
export function downloadDir(fe: Frontend, jobId: bigint): string {
  return join(dirname(fe.sqlite.name), 'restore-downloads', String(jobId));
}

export function dropStagedDownloads(fe: Frontend, jobId: bigint): void {
  stagedByFe.get(fe)?.delete(jobId);
  // In the background: unlinking large files can take a while, and nothing waits for it.
  const dir = downloadDir(fe, jobId);
  rm(dir, { recursive: true, force: true }).catch((error: unknown) =>
    sandboxLog().warn(
      { dir, err: error },
      `removing downloaded snapshot files failed: ${(error as Error).message}`,
    ),
  );
}

/**
 * DOWNLOAD: the download tasks, one per target BE (the BE of the new replica) as Doris sends them, each
 * listing the source tablet directories it fetches; planned once, before the job shows DOWNLOADING, so
 * SHOW RESTORE lists them from the start. Returns source directory → task signature.
 */
export function planDownloads(fe: Frontend, job: RestoreJob): ReadonlyMap<string, bigint> {
  const book = restoreTasks(fe, job);
  if (book.downloads) return book.downloads;
  const staged = stagedDownloads(fe, job.jobId);
  const byBackend = new Map<bigint, string[]>();
  for (const m of job.mappings) {
    if (staged.has(m.sourceDir)) continue;
    const be = fe.catalog.tablet(m.tabletId)?.tablet.replicas[0]?.backendId ?? m.sourceBackendId;
    const dirs = byBackend.get(be) ?? [];
    if (!dirs.includes(m.sourceDir)) dirs.push(m.sourceDir);
    byBackend.set(be, dirs);
  }
  const groups = [...byBackend];
  const signatures = book.start(
    groups.map(([id, dirs]) => ({ id, total: dirs.length })),
    true,
  );
  const taskOf = new Map<string, bigint>();
  groups.forEach(([, dirs], i) => {
    for (const d of dirs) taskOf.set(d, signatures[i]!);
  });
  book.downloads = taskOf;
  return taskOf;
}

/**
 * Downloads every source tablet snapshot the job maps. `stillWanted` is asked after each download, so a
 * job cancelled meanwhile (or an FE shutting down) stops early; returns false then.
 */
export async function downloadSnapshots(
  fe: Frontend,
  job: RestoreJob,
  stillWanted: () => boolean,
): Promise<boolean> {
  const staged = stagedDownloads(fe, job.jobId);
  const network = new Map(job.sourceBackends.map((b) => [b.id, b]));
  const pending = new Map<string, bigint>();
  for (const m of job.mappings) if (!staged.has(m.sourceDir)) pending.set(m.sourceDir, m.sourceBackendId);
  for (const backendId of new Set(pending.values())) {
    if (!network.has(backendId)) {
      throw new JobFailure({ code: 'NOT_FOUND', msg: `failed to get remote be address of be: ${backendId}` });
    }
  }
  const book = restoreTasks(fe, job);
  const taskOf = planDownloads(fe, job);
  const queue = [...pending];
  const dir = downloadDir(fe, job.jobId);
  let failure: unknown;
  let file = staged.size;
  const worker = async () => {
    for (;;) {
      const next = queue.shift();
      if (!next || failure !== undefined || !stillWanted()) return;
      const [sourceDir, backendId] = next;
      try {
        const dest = join(dir, `${file++}.dat`);
        staged.set(
          sourceDir,
          await downloadTabletSnapshot(network.get(backendId)!, job.token, sourceDir, dest),
        );
        job.downloadedTablets = staged.size;
        book.step(taskOf.get(sourceDir)!);
      } catch (error) {
        failure ??= error;
        book.failed(taskOf.get(sourceDir)!, (error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  if (failure !== undefined) {
    sandboxLog().error(
      { jobId: String(job.jobId), label: job.label },
      `restore job ${job.jobId} (${job.label}): download snapshot failed: ${(failure as Error).message}`,
    );
    throw commonError(`download snapshot failed: ${(failure as Error).message}`);
  }
  return stillWanted();
}

// One backup and one restore for the full syncs of several table jobs that copy tables of the same source
// database into the same target database. Doris runs one backup or restore per database at a time and
// every job passes through fixed steps (the real FE's backup handler wakes every few seconds), so fifty
// table jobs copying fifty tables one by one take fifty times those steps; one shared snapshot takes them
// once. The procedure reports, per table, either the restored snapshot (the job then records it as its own
// full sync) or that the job must sync alone, in which case it takes the ordinary per-job path, which
// knows every special case (a table re-created or dropped on the source, a target table of another shape).
import type { ClusterAccess, Row } from '../cluster-access.js';
import { failpoint } from '../failpoints.js';
import { restoreLabel } from '../labels.js';
import type { Clock, Sleeper } from '../runtime.js';
import { readSnapshotInfo } from './snapshot-info.js';
import {
  backupState,
  fetchSnapshot,
  issueBackup,
  issueRestore,
  type JobState,
  restoreState,
  type SnapshotBlobs,
  type SnapshotScope,
} from './snapshot-ops.js';

export interface SharedSyncMember {
  readonly job: string;
  readonly srcTable: string;
  readonly srcTableId: bigint;
  readonly destTable: string;
}

export type SharedSyncOutcome =
  | {
      readonly kind: 'restored';
      readonly snapshot: string;
      readonly restoreLabel: string;
      readonly commitSeq: bigint;
    }
  | { readonly kind: 'alone'; readonly reason: string };

export interface SharedSyncRun {
  readonly name: string;
  readonly src: ClusterAccess;
  readonly dest: ClusterAccess;
  readonly srcDb: string;
  readonly destDb: string;
  readonly members: readonly SharedSyncMember[];
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  /** Pause between two looks at a running backup or restore. */
  readonly pollMs: number;
  /** False once no member wants the result any more (all deleted or paused): the run stops looking. */
  wanted(): boolean;
  /** False once the job left (deleted, paused or restarted): the restore leaves its table out. */
  isMember(job: string): boolean;
  /** Called once the backup finished: the next shared sync of the database pair may start its backup. */
  onBackupDone(): void;
  /** The SHOW BACKUP / SHOW RESTORE row of the shared backup or restore, each time it is read. */
  observe?(phase: 'backup' | 'restore', row: Row): void;
  log(message: string): void;
}

class Abandoned extends Error {}

/** Runs the shared sync; never throws: a failure makes every member sync alone, with the reason. */
export async function runSharedFullSync(run: SharedSyncRun): Promise<Map<string, SharedSyncOutcome>> {
  const outcomes = new Map<string, SharedSyncOutcome>();
  let backupDone = false;
  const started = run.clock.now();
  try {
    await backup(run);
    backupDone = true;
    run.onBackupDone();
    run.log(`backup of ${run.members.length} table(s) done after ${run.clock.now() - started} ms`);
    await failpoint('shared_sync_after_backup');
    const snapshot = await fetchShared(run);
    const restorable: SharedSyncMember[] = [];
    for (const member of run.members) {
      // A job deleted while the backup ran must not have its table created on the target after all.
      if (!run.isMember(member.job)) continue;
      const seq = readSnapshotInfo(snapshot.jobInfo, {
        name: member.srcTable,
        id: member.srcTableId,
      }).commitSeq;
      if (seq === undefined) {
        // Re-created under the same name since the job was made: its own path turns this into a new sync.
        outcomes.set(member.job, {
          kind: 'alone',
          reason: `the snapshot lacks table id ${member.srcTableId}`,
        });
      } else restorable.push(member);
    }
    const label = await restore(run, snapshot, restorable);
    run.log(`restore ${label} of ${restorable.length} table(s) done after ${run.clock.now() - started} ms`);
    await failpoint('shared_sync_after_restore');
    for (const member of restorable) {
      const seq = readSnapshotInfo(snapshot.jobInfo, { name: member.srcTable, id: member.srcTableId })
        .commitSeq!;
      outcomes.set(member.job, { kind: 'restored', snapshot: run.name, restoreLabel: label, commitSeq: seq });
    }
  } catch (error) {
    if (!backupDone) run.onBackupDone();
    const reason =
      error instanceof Abandoned
        ? 'nobody waits for it any more'
        : `shared full sync ${run.name} failed: ${(error as Error).message}`;
    for (const member of run.members)
      if (!outcomes.has(member.job)) outcomes.set(member.job, { kind: 'alone', reason });
  }
  return outcomes;
}

/** Issues a backup or restore, waiting while another backup or restore holds the database. */
async function whenSlotFree(run: SharedSyncRun, issue: () => Promise<'issued' | 'busy'>): Promise<void> {
  for (;;) {
    if (!run.wanted()) throw new Abandoned();
    if ((await issue()) === 'issued') return;
    await run.sleeper.sleep(run.pollMs);
  }
}

async function waitForState(run: SharedSyncRun, read: () => Promise<JobState>): Promise<void> {
  for (;;) {
    const state = await read();
    if (state.kind === 'done') return;
    if (state.kind === 'failed') throw new Error(state.reason);
    if (!run.wanted()) throw new Abandoned();
    await run.sleeper.sleep(run.pollMs);
  }
}

function scopeOf(run: SharedSyncRun, members: readonly SharedSyncMember[]): SnapshotScope {
  return {
    srcDb: run.srcDb,
    destDb: run.destDb,
    tables: members.map((m) => ({ src: m.srcTable, dest: m.destTable })),
  };
}

async function backup(run: SharedSyncRun): Promise<void> {
  await whenSlotFree(run, () => issueBackup(run.src, scopeOf(run, run.members), run.name));
  await waitForState(run, () =>
    backupState(run.src, run.srcDb, run.name, (row) => run.observe?.('backup', row)),
  );
}

async function fetchShared(run: SharedSyncRun): Promise<SnapshotBlobs> {
  const blobs = await fetchSnapshot(run.src, run.srcDb, run.name);
  if ('gone' in blobs) throw new Error(blobs.gone);
  return blobs;
}

async function restore(
  run: SharedSyncRun,
  snapshot: SnapshotBlobs,
  members: readonly SharedSyncMember[],
): Promise<string> {
  const label = restoreLabel(run.name, Math.floor(run.clock.now() / 1000));
  if (members.length === 0) return label;
  // Only the listed tables are restored; an alias renames a table on the way in.
  await whenSlotFree(run, () =>
    issueRestore(run.src, run.dest, scopeOf(run, members), label, snapshot, { atomic: true }),
  );
  await waitForState(run, () =>
    restoreState(run.dest, run.destDb, label, (row) => run.observe?.('restore', row)),
  );
  return label;
}

// One backup and one restore for the full syncs of several table jobs that copy tables of the same source
// database into the same target database. Doris runs one backup or restore per database at a time and
// every job passes through fixed steps (the real FE's backup handler wakes every few seconds), so fifty
// table jobs copying fifty tables one by one take fifty times those steps; one shared snapshot takes them
// once. The procedure reports, per table, either the restored snapshot (the job then records it as its own
// full sync) or that the job must sync alone, in which case it takes the ordinary per-job path, which
// knows every special case (a table re-created or dropped on the source, a target table of another shape).
import { gunzipSync } from 'node:zlib';
import { SnapshotType, StatusCode } from '@doris-ccr/protocol';
import type { ClusterAccess, Row } from '../cluster-access.js';
import { failpoint } from '../failpoints.js';
import { restoreLabel } from '../labels.js';
import type { Clock, Sleeper } from '../runtime.js';
import { q } from './binlog-plan.js';
import { SLOT_BUSY } from './full-sync.js';
import { readSnapshotInfo, sourceExtraInfo, withExtraInfo } from './snapshot-info.js';

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
    const snapshot = await fetchSnapshot(run);
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

/** Issues the statement, waiting while another backup or restore holds the database. */
async function whenSlotFree(run: SharedSyncRun, issue: () => Promise<string | undefined>): Promise<void> {
  for (;;) {
    if (!run.wanted()) throw new Abandoned();
    const busy = await issue();
    if (busy === undefined) return;
    await run.sleeper.sleep(run.pollMs);
  }
}

async function waitForState(
  run: SharedSyncRun,
  read: () => Promise<Row | undefined>,
  what: string,
): Promise<void> {
  for (;;) {
    const row = await read();
    if (row?.State === 'FINISHED') return;
    if (!row || row.State === 'CANCELLED')
      throw new Error(`${what} ${row ? `cancelled: ${String(row.Status)}` : 'not found'}`);
    if (!run.wanted()) throw new Abandoned();
    await run.sleeper.sleep(run.pollMs);
  }
}

async function backup(run: SharedSyncRun): Promise<void> {
  const tables = run.members.map((m) => q(m.srcTable)).join(', ');
  await whenSlotFree(run, async () => {
    try {
      await run.src.sql.execute(
        `BACKUP SNAPSHOT ${q(run.srcDb)}.${q(run.name)} TO \`__keep_on_local__\` ON (${tables}) PROPERTIES ("type" = "full")`,
      );
      return undefined;
    } catch (error) {
      const message = (error as Error).message;
      if (SLOT_BUSY.test(message)) return message;
      throw error;
    }
  });
  await waitForState(
    run,
    async () =>
      (await run.src.sql.query(`SHOW BACKUP FROM ${q(run.srcDb)} WHERE SnapshotName = "${run.name}"`))[0],
    `backup ${run.name}`,
  );
}

async function fetchSnapshot(run: SharedSyncRun): Promise<{ jobInfo: string; meta: Buffer }> {
  const result = await run.src.fe.getSnapshot({
    user: run.src.spec.user,
    passwd: run.src.spec.password,
    db: run.srcDb,
    table: '',
    label_name: run.name,
    snapshot_name: '',
    snapshot_type: SnapshotType.LOCAL,
    enable_compress: true,
  });
  if (result.status?.status_code !== StatusCode.OK)
    throw new Error(`getSnapshot: ${result.status?.error_msgs?.join('; ')}`);
  const unzip = (b: Uint8Array | undefined) =>
    result.compressed && b ? gunzipSync(b) : Buffer.from(b ?? []);
  return { jobInfo: unzip(result.job_info).toString('utf8'), meta: unzip(result.meta) };
}

async function restore(
  run: SharedSyncRun,
  snapshot: { jobInfo: string; meta: Buffer },
  members: readonly SharedSyncMember[],
): Promise<string> {
  const label = restoreLabel(run.name, Math.floor(run.clock.now() / 1000));
  if (members.length === 0) return label;
  const jobInfo = Buffer.from(withExtraInfo(snapshot.jobInfo, await sourceExtraInfo(run.src)), 'utf8');
  // Only the listed tables are restored; an alias renames a table on the way in.
  const tableRefs = members.map((m) =>
    m.destTable === m.srcTable ? { table: m.srcTable } : { table: m.srcTable, alias_name: m.destTable },
  );
  await whenSlotFree(run, async () => {
    const result = await run.dest.fe.restoreSnapshot({
      user: run.dest.spec.user,
      passwd: run.dest.spec.password,
      db: run.destDb,
      table: '',
      label_name: label,
      repo_name: '__keep_on_local__',
      table_refs: tableRefs,
      properties: new Map([['reserve_replica', 'true']]),
      meta: snapshot.meta,
      job_info: jobInfo,
      clean_tables: false,
      clean_partitions: false,
      atomic_restore: true,
    });
    const error = result.status?.error_msgs?.join('; ') ?? '';
    if (result.status?.status_code === StatusCode.OK) return undefined;
    if (SLOT_BUSY.test(error)) return error;
    throw new Error(`restoreSnapshot: ${error}`);
  });
  await waitForState(
    run,
    async () => (await run.dest.sql.query(`SHOW RESTORE FROM ${q(run.destDb)} WHERE Label = "${label}"`))[0],
    `restore ${label}`,
  );
  return label;
}

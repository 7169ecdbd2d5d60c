// BACKUP SNAPSHOT [db.]label TO `__keep_on_local__` [ON (…) | EXCLUDE (…)] [PROPERTIES (…)]: the checks of
// BackupStmt and BackupHandler.backup (sql-surface.md §4.3), then an asynchronous job. The statement
// returns as soon as the job is accepted; SHOW BACKUP follows it.
import type { Database } from '../../catalog/database.js';
import { tableByName } from '../../catalog/database.js';
import { checkPriv, type ExecContext, requireDb } from '../exec/exec-context.js';
import { ok } from '../exec/result-helpers.js';
import type { Frontend } from '../frontend.js';
import { dorisError, SqlError, type StatementResult } from '../mysql/session-types.js';
import type { BackupStatement, Property } from '../sql/index.js';
import { releaseEvicted } from './backup-job.js';
import { scheduleJob } from './job-scheduler.js';
import { jobStore } from './job-store.js';
import { type BackupJob, isDone, LOCAL_REPO, type SnapshotTableRef, STATUS_OK } from './job-types.js';

interface BackupOptions {
  readonly timeoutMs: number;
}

/** BackupStmt.analyzeProperties: `type`, `timeout` (seconds), `content`; anything else is rejected. */
function backupOptions(fe: Frontend, properties: readonly Property[]): BackupOptions {
  const copied = new Map(properties.map((p) => [p.key, p.value]));
  let timeoutMs = fe.config.int('backup_job_default_timeout_ms');
  const timeout = copied.get('timeout');
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout.trim())) throw dorisError(`Invalid timeout format: ${timeout}`);
    timeoutMs = Number(timeout.trim()) * 1000;
    copied.delete('timeout');
  }
  const type = copied.get('type');
  if (type !== undefined) {
    const upper = type.toUpperCase();
    if (upper === 'INCREMENTAL') throw dorisError('Currently does not support incremental backup');
    if (upper !== 'FULL') throw dorisError(`Invalid backup job type: ${type}`);
    copied.delete('type');
  }
  const content = copied.get('content');
  if (content !== undefined) {
    const upper = content.toUpperCase();
    if (upper === 'METADATA_ONLY')
      throw dorisError('backup content METADATA_ONLY is not supported by doris-sandbox');
    if (upper !== 'ALL') throw dorisError(`Invalid backup job content: ${content}`);
    copied.delete('content');
  }
  if (copied.size > 0) throw dorisError(`Unknown backup job properties: [${[...copied.keys()].join(', ')}]`);
  return { timeoutMs };
}

/** The objects to back up, checked the way BackupHandler pre-checks them. */
function resolveRefs(fe: Frontend, db: Database, stmt: BackupStatement): SnapshotTableRef[] {
  let refs: SnapshotTableRef[];
  if (stmt.on) {
    refs = stmt.on.map((r) => ({
      table: r.table,
      ...(r.partitions ? { partitions: [...r.partitions] } : {}),
    }));
  } else {
    // Whole database, or all but the EXCLUDE list (excluded names that do not exist are ignored).
    const excluded = new Set((stmt.exclude ?? []).map((r) => r.table));
    refs = [...db.tables.values()]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .filter((t) => !excluded.has(t.name))
      .map((t) => ({ table: t.name }));
  }
  for (const ref of refs) {
    const table = tableByName(db, ref.table);
    if (!table)
      throw new SqlError(`errCode = 2, detailMessage = Unknown table '${ref.table}'`, 1051, '42S02');
    if (table.kind === 'VIEW') continue;
    if (table.tempPartitions.size > 0 && !fe.config.bool('ignore_backup_tmp_partitions')) {
      throw dorisError('Do not support backup table with temp partitions');
    }
    for (const name of ref.partitions ?? []) {
      const found = [...table.partitions.values()].some((p) => p.name.toLowerCase() === name.toLowerCase());
      if (!found) throw dorisError(`Unknown partition ${name} in table${ref.table}`);
    }
  }
  return refs;
}

export function checkNoRunningJob(fe: Frontend, dbId: bigint): void {
  const current = jobStore(fe).current(dbId);
  if (current && !isDone(current)) {
    throw dorisError('Can only run one backup or restore job of a database at same time');
  }
}

export function backup(ctx: ExecContext, stmt: BackupStatement): StatementResult {
  const { fe } = ctx;
  if (stmt.repository !== LOCAL_REPO) throw dorisError(`Repository ${stmt.repository} does not exist`);
  const db = requireDb(ctx, stmt.database);
  checkPriv(ctx, 'LOAD', db.name);
  const { timeoutMs } = backupOptions(fe, stmt.properties);
  checkNoRunningJob(fe, db.id);
  const tableRefs = resolveRefs(fe, db, stmt);
  const job = fe.commit(() => {
    const created: BackupJob = {
      kind: 'BACKUP',
      jobId: fe.sequences.allocId(),
      dbId: db.id,
      dbName: db.name,
      label: stmt.label,
      createTime: fe.clock.now(),
      timeoutMs,
      tableRefs,
      // The job's own edit-log entry: the db-level position getSnapshot reports as commit_seq.
      commitSeq: fe.sequences.allocJournalId(),
      state: 'PENDING',
      status: STATUS_OK,
      snapshotFinishedTime: -1,
      uploadFinishedTime: -1,
      finishedTime: -1,
      tableCommitSeqs: [],
      tablets: [],
      released: false,
    };
    for (const evicted of jobStore(fe).add(created)) releaseEvicted(fe, evicted);
    return created;
  });
  scheduleJob(fe, job.jobId);
  return ok();
}

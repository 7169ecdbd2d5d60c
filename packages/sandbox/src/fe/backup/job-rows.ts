// SHOW BACKUP / SHOW RESTORE rows: Doris's columns in its order (BackupJob.getInfo, RestoreJob.getInfo) with
// its text forms — times as `yyyy-MM-dd HH:mm:ss` or `\N`, Status as `[OK]` / `[CODE, msg: …]`.
import type { Frontend } from '../frontend.js';
import { gsonJson } from '../load/publisher.js';
import { type BackupJob, type RestoreJob, type SnapshotTableRef, statusText } from './job-types.js';
import { restoreTaskFields } from './restore-tasks.js';

export const BACKUP_COLUMNS = [
  'JobId',
  'SnapshotName',
  'DbName',
  'State',
  'BackupObjs',
  'CreateTime',
  'SnapshotFinishedTime',
  'UploadFinishedTime',
  'FinishedTime',
  'UnfinishedTasks',
  'Progress',
  'TaskErrMsg',
  'Status',
  'Timeout',
] as const;

const RESTORE_ALL_COLUMNS = [
  'JobId',
  'Label',
  'Timestamp',
  'DbName',
  'State',
  'AllowLoad',
  'ReplicationNum',
  'ReplicaAllocation',
  'ReserveReplica',
  'ReserveDynamicPartitionEnable',
  'RestoreObjs',
  'CreateTime',
  'MetaPreparedTime',
  'SnapshotFinishedTime',
  'DownloadFinishedTime',
  'FinishedTime',
  'UnfinishedTasks',
  'Progress',
  'TaskErrMsg',
  'Status',
  'Timeout',
] as const;

/** SHOW BRIEF RESTORE leaves out the object list, progress and task errors. */
const BRIEF_OMITTED = new Set(['RestoreObjs', 'Progress', 'TaskErrMsg']);

export function restoreColumns(brief: boolean): string[] {
  return RESTORE_ALL_COLUMNS.filter((c) => !brief || !BRIEF_OMITTED.has(c));
}

/** TimeUtils.longToTimeString: local time, `\N` for an unset time. */
export function timeText(ms: number): string {
  if (ms <= 0) return '\\N';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function refText(dbName: string, ref: SnapshotTableRef): string {
  const partitions = ref.partitions ? ` PARTITIONS (${ref.partitions.join(', ')})` : '';
  return `[${dbName}.${ref.table}${partitions}]`;
}

export function backupRow(job: BackupJob): string[] {
  return [
    job.jobId.toString(),
    job.label,
    job.dbName,
    job.state,
    job.tableRefs.map((r) => refText(job.dbName, r)).join(', '),
    timeText(job.createTime),
    timeText(job.snapshotFinishedTime),
    timeText(job.uploadFinishedTime),
    timeText(job.finishedTime),
    '',
    '',
    '',
    statusText(job.status),
    String(Math.floor(job.timeoutMs / 1000)),
  ];
}

/** BackupJobInfo's brief form (Gson of BriefBackupJobInfo). */
function restoreObjs(job: RestoreJob): string {
  const o = job.objects;
  return gsonJson({
    name: o.name,
    database: o.database,
    backup_time: BigInt(o.backupTime),
    content: 'ALL',
    olap_table_list: o.tables.map((t) => ({ name: t.name, partition_names: t.partitions })),
    view_list: o.views.map((v) => ({ name: v.name })),
    odbc_table_list: [],
    odbc_resource_list: [],
  });
}

export function restoreRow(fe: Frontend, job: RestoreJob, brief: boolean): string[] {
  const tasks = restoreTaskFields(fe, job);
  const values: Record<(typeof RESTORE_ALL_COLUMNS)[number], string> = {
    JobId: job.jobId.toString(),
    Label: job.label,
    Timestamp: job.backupTimestamp,
    DbName: job.dbName,
    State: job.state,
    AllowLoad: String(job.allowLoad),
    ReplicationNum: String(job.replicationNum),
    ReplicaAllocation: `tag.location.default: ${job.replicationNum}`,
    ReserveReplica: String(job.reserveReplica),
    ReserveDynamicPartitionEnable: String(job.reserveDynamicPartitionEnable),
    RestoreObjs: restoreObjs(job),
    CreateTime: timeText(job.createTime),
    MetaPreparedTime: timeText(job.metaPreparedTime),
    SnapshotFinishedTime: timeText(job.snapshotFinishedTime),
    DownloadFinishedTime: timeText(job.downloadFinishedTime),
    FinishedTime: timeText(job.finishedTime),
    UnfinishedTasks: tasks.unfinished,
    Progress: tasks.progress,
    TaskErrMsg: tasks.errors,
    Status: statusText(job.status),
    Timeout: String(Math.floor(job.timeoutMs / 1000)),
  };
  return restoreColumns(brief).map((c) => values[c as keyof typeof values]);
}

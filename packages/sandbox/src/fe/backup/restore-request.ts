// Turning a restore request into a RESTORE job (RestoreStmt.analyze + BackupHandler.restore for the local
// repository): properties with Doris's checks, the job info's extra_info, the include list with aliases.
// Objects are checked against the target catalog later, when the job runs (its PENDING state), so that
// conflicts such as "already exist but with different schema" surface through SHOW RESTORE, as in Doris.
import type { Database } from '../../catalog/database.js';
import { replicationNumber } from '../ddl/table-properties.js';
import type { Frontend } from '../frontend.js';
import { checkNoRunningJob } from './backup-exec.js';
import { releaseEvicted } from './backup-job.js';
import type { ParsedJobInfo } from './job-info.js';
import { jobStore } from './job-store.js';
import {
  LOCAL_REPO,
  type RestoreJob,
  type RestoreObjects,
  type SnapshotMeta,
  STATUS_OK,
} from './job-types.js';

/** A user-level failure of the request (the RPC answers ANALYSIS_ERROR with it). */
export class RestoreRequestError extends Error {
  override readonly name = 'RestoreRequestError';
}

export interface RestoreRequest {
  readonly db: Database;
  readonly label: string;
  readonly repository: string;
  readonly tableRefs: ReadonlyArray<{ readonly table: string; readonly alias?: string }>;
  readonly properties: ReadonlyMap<string, string>;
  readonly meta: SnapshotMeta;
  readonly jobInfo: ParsedJobInfo;
}

const BOOLEAN_PROPERTIES = [
  'allow_load',
  'reserve_replica',
  'reserve_colocate',
  'reserve_dynamic_partition_enable',
  'is_being_synced',
  'clean_tables',
  'clean_partitions',
  'atomic_restore',
  'force_replace',
] as const;
type BooleanProperty = (typeof BOOLEAN_PROPERTIES)[number];

interface RestoreOptions {
  readonly flags: Record<BooleanProperty, boolean>;
  readonly replicationNum: number;
  readonly timeoutMs: number;
}

function analyzeProperties(fe: Frontend, properties: ReadonlyMap<string, string>): RestoreOptions {
  const copied = new Map(properties);
  const flags = Object.fromEntries(BOOLEAN_PROPERTIES.map((k) => [k, false])) as Record<
    BooleanProperty,
    boolean
  >;
  for (const name of BOOLEAN_PROPERTIES) {
    const value = copied.get(name);
    if (value === undefined) continue;
    if (value.toLowerCase() === 'true') flags[name] = true;
    else if (value.toLowerCase() === 'false') flags[name] = false;
    else throw new RestoreRequestError(`Invalid boolean property ${name} value: ${value}`);
    copied.delete(name);
  }
  let replicationNum = 3;
  const replication = new Map<string, string>();
  for (const key of ['replication_num', 'replication_allocation']) {
    const value = copied.get(key);
    if (value === undefined) continue;
    replication.set(key, value);
    copied.delete(key);
  }
  if (replication.size > 0) {
    try {
      replicationNumber(replication);
    } catch (error) {
      throw new RestoreRequestError((error as Error).message.replace(/^errCode = \d+, detailMessage = /, ''));
    }
    replicationNum = replicationNumber(replication);
    if (!Number.isInteger(replicationNum) || replicationNum <= 0) {
      throw new RestoreRequestError(
        `Invalid replication allocation: ${[...replication.values()].join(', ')}`,
      );
    }
  }
  let timeoutMs = fe.config.int('backup_job_default_timeout_ms');
  const timeout = copied.get('timeout');
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout.trim())) throw new RestoreRequestError(`Invalid timeout format: ${timeout}`);
    timeoutMs = Number(timeout.trim()) * 1000;
    copied.delete('timeout');
  }
  const metaVersion = copied.get('meta_version');
  if (metaVersion !== undefined) {
    if (!/^-?\d+$/.test(metaVersion.trim()))
      throw new RestoreRequestError(`Invalid meta version format: ${metaVersion}`);
    copied.delete('meta_version');
  }
  // The backup timestamp selects a snapshot in a remote repository; a local snapshot has only one.
  copied.delete('backup_timestamp');
  if (copied.size > 0) {
    throw new RestoreRequestError(`Unknown restore job properties: [${[...copied.keys()].join(', ')}]`);
  }
  const forced = fe.config.get('force_olap_table_replication_allocation')?.value ?? '';
  if (forced !== '') {
    // A cluster-wide forced allocation wins over both reserve_replica and the request's allocation.
    flags.reserve_replica = false;
    replicationNum = replicationNumber(new Map([['replication_allocation', forced]]));
  }
  return { flags, replicationNum, timeoutMs };
}

/** checkAndFilterRestoreObjsExistInSnapshot: the include list (empty = everything), with aliases. */
function restoreObjects(info: ParsedJobInfo, refs: RestoreRequest['tableRefs']): RestoreObjects {
  const all = (name: string) => [...(info.tables.get(name)?.partitions.keys() ?? [])];
  if (refs.length === 0) {
    return {
      name: info.name,
      database: info.database,
      backupTime: info.backupTime,
      tables: [...info.tables.keys()].map((name) => ({ name, partitions: all(name) })),
      views: info.views.map((v) => ({ name: v.name })),
    };
  }
  const tables: RestoreObjects['tables'] = [];
  const views: RestoreObjects['views'] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    // one table restored twice (under two aliases) in one job is refused while the request is analysed
    if (seen.has(ref.table)) throw new RestoreRequestError(`Duplicated restore table: ${ref.table}`);
    seen.add(ref.table);
    const alias = ref.alias !== undefined && ref.alias !== '' ? { alias: ref.alias } : {};
    if (info.tables.has(ref.table)) tables.push({ name: ref.table, partitions: all(ref.table), ...alias });
    else if (info.views.some((v) => v.name === ref.table)) views.push({ name: ref.table, ...alias });
    else throw new RestoreRequestError(`Table ${ref.table} does not exist in snapshot ${info.name}`);
  }
  return { name: info.name, database: info.database, backupTime: info.backupTime, tables, views };
}

/** `yyyy-MM-dd-HH-mm-ss`, the form SHOW RESTORE prints the backup timestamp in. */
export function backupTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}

function sourceTablets(info: ParsedJobInfo, objects: RestoreObjects): RestoreJob['sourceTablets'] {
  const out: RestoreJob['sourceTablets'] = [];
  for (const t of objects.tables) {
    for (const p of info.tables.get(t.name)?.partitions.values() ?? []) {
      for (const index of p.indexes.values()) {
        for (const tabletId of index.tabletsOrder) {
          const backendId = info.tabletBe.get(tabletId);
          const root = info.tabletPath.get(tabletId);
          if (backendId !== undefined && root !== undefined)
            out.push({ tabletId, backendId, root, schemaHash: index.schemaHash });
        }
      }
    }
  }
  return out;
}

/** Validates the request and creates the PENDING job (the caller schedules it). */
export function submitRestore(fe: Frontend, request: RestoreRequest): RestoreJob {
  const { db, jobInfo } = request;
  if (request.repository !== LOCAL_REPO) {
    throw new RestoreRequestError(`Repository ${request.repository} does not exist`);
  }
  const options = analyzeProperties(fe, request.properties);
  const extra = jobInfo.extraInfo;
  if (!extra) throw new RestoreRequestError('Invalid job extra info empty');
  const network = extra.beNetworkMap;
  if (!network) throw new RestoreRequestError('Invalid job extra info be network map');
  if (extra.token === '') throw new RestoreRequestError('Invalid job extra info token');
  try {
    checkNoRunningJob(fe, db.id);
  } catch (error) {
    throw new RestoreRequestError((error as Error).message.replace(/^errCode = \d+, detailMessage = /, ''));
  }
  const objects = restoreObjects(jobInfo, request.tableRefs);
  const { flags } = options;
  return fe.commit(() => {
    const job: RestoreJob = {
      kind: 'RESTORE',
      jobId: fe.sequences.allocId(),
      dbId: db.id,
      dbName: db.name,
      label: request.label,
      backupTimestamp: backupTimestamp(jobInfo.backupTime),
      createTime: fe.clock.now(),
      timeoutMs: options.timeoutMs,
      allowLoad: flags.allow_load,
      replicationNum: options.replicationNum,
      reserveReplica: flags.reserve_replica,
      reserveDynamicPartitionEnable: flags.reserve_dynamic_partition_enable,
      isBeingSynced: flags.is_being_synced,
      cleanTables: flags.clean_tables,
      cleanPartitions: flags.clean_partitions,
      atomicRestore: flags.atomic_restore,
      // force_replace only has a meaning together with atomic_restore.
      forceReplace: flags.atomic_restore && flags.force_replace,
      objects,
      meta: request.meta,
      sourceBackends: [...network].map(([id, addr]) => ({ id, ip: addr.ip, port: addr.port })),
      token: extra.token,
      sourceTablets: sourceTablets(jobInfo, objects),
      state: 'PENDING',
      status: STATUS_OK,
      metaPreparedTime: -1,
      snapshotFinishedTime: -1,
      downloadFinishedTime: -1,
      finishedTime: -1,
      restored: [],
      addedPartitions: [],
      overwritten: [],
      lockedTableIds: [],
      mappings: [],
      downloadedTablets: 0,
      committedTablets: 0,
    };
    for (const evicted of jobStore(fe).add(job)) releaseEvicted(fe, evicted);
    return job;
  });
}

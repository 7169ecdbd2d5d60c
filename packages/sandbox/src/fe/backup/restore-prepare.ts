// A restore's PENDING state (RestoreJob.checkAndPrepareMeta + allReplicasCreated): check every snapshot
// object against the target database, then create what is missing. A table that does not exist is created
// (RESTORE state until the commit); with atomic_restore every table goes into a shadow table
// `__doris_atomic_restore_prefix__<name>` that replaces the original only at the commit; otherwise an
// existing table of the same schema keeps its id: its snapshot partitions are overwritten at the commit and
// the missing ones are added now. Checks run before any change, so a failure leaves the catalog untouched.

import { tabletSnapshotDir } from '../../be/snapshot/snapshot-store.js';
import type { Database } from '../../catalog/database.js';
import { tableByName } from '../../catalog/database.js';
import { rangesOverlap } from '../../catalog/partition-item.js';
import type { OlapTable, Partition, TableObject, View } from '../../catalog/table.js';
import type { Frontend } from '../frontend.js';
import { partitionTypes } from '../load/publisher.js';
import { bareMessage, commonError, JobFailure } from './job-failure.js';
import { jobStore } from './job-store.js';
import { ATOMIC_RESTORE_PREFIX, IN_ATOMIC_RESTORE, type RestoreJob, type RestoreMode } from './job-types.js';
import {
  allocateRestoredPartition,
  buildRestoredTable,
  buildRestoredView,
  localIndexIds,
  restoreReplicationNum,
} from './restored-objects.js';
import { samePartitionItem, sameSchema, sameView } from './table-signature.js';

interface TablePlan {
  readonly remote: OlapTable;
  readonly targetName: string;
  readonly mode: RestoreMode;
  readonly local: OlapTable | undefined;
}

interface ViewPlan {
  readonly remote: View;
  readonly targetName: string;
  /** Undefined: an identical view already exists and is kept. */
  readonly mode: RestoreMode | undefined;
}

function partitionNamed(table: OlapTable, name: string): Partition | undefined {
  const lower = name.toLowerCase();
  return [...table.partitions.values()].find((p) => p.name.toLowerCase() === lower);
}

function keyText(key: unknown): string {
  return JSON.stringify(key, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Whether a snapshot partition would overlap a partition the existing table already has. */
function conflicts(local: OlapTable, rp: Partition): boolean {
  if (!rp.item) return false;
  const types = partitionTypes(local);
  for (const lp of local.partitions.values()) {
    if (lp.item?.kind === 'range' && rp.item.kind === 'range' && rangesOverlap(types, lp.item, rp.item))
      return true;
    if (lp.item?.kind === 'list' && rp.item.kind === 'list') {
      const mine = new Set(lp.item.keys.map(keyText));
      if (rp.item.keys.some((k) => mine.has(keyText(k)))) return true;
    }
  }
  return false;
}

/** allocatePartition would fail inside the commit; fail before it instead. */
function checkBackends(fe: Frontend, job: RestoreJob, partitions: Iterable<Partition>): void {
  const alive = fe.aliveBackends().length;
  for (const p of partitions) {
    const wanted = restoreReplicationNum(job, p);
    if (wanted > alive) {
      throw commonError(
        `Failed to find enough backend, please check the replication num,replication tag and storage medium and avail capacity of backends or maybe all be on decommission or maybe some be are lost.\nCreate failed replications:\nreplication tag: {"location" : "default"}, replication num: ${wanted}, storage medium: ${p.storageMedium}`,
      );
    }
  }
}

function checkExistingTable(job: RestoreJob, plan: TablePlan, local: OlapTable): void {
  const { remote, targetName } = plan;
  if (local.state !== 'NORMAL')
    throw commonError(`Table ${local.name}'s state is not NORMAL: ${local.state}`);
  if (local.tempPartitions.size > 0) throw commonError('Do not support restoring table with temp partitions');
  if (!sameSchema(local, remote) && !job.forceReplace) {
    throw commonError(`Table ${targetName} already exist but with different schema`);
  }
  for (const rp of remote.partitions.values()) {
    const lp = partitionNamed(local, rp.name);
    if (lp) {
      if (
        local.partitionType !== 'UNPARTITIONED' &&
        !samePartitionItem(local, lp, remote, rp) &&
        !job.forceReplace
      ) {
        throw commonError(
          `Partition ${rp.name} in table ${local.name} has different partition item with partition in repository`,
        );
      }
      if (plan.mode === 'EXISTING' && lp.replicationNum !== restoreReplicationNum(job, rp)) {
        throw commonError(
          `Partition ${rp.name} in table ${local.name} has different replication num '${lp.replicationNum}' with partition in repository, which is ${restoreReplicationNum(job, rp)}`,
        );
      }
    } else if (plan.mode === 'EXISTING') {
      if (local.partitionType === 'UNPARTITIONED') {
        throw commonError(`No partition exist in single partitioned table ${local.name}`);
      }
      if (conflicts(local, rp)) {
        throw commonError(
          `Partition ${rp.name} in table ${local.name} has conflict partition item with existing items`,
        );
      }
    }
  }
}

function planTables(job: RestoreJob, db: Database): TablePlan[] {
  const remotes = new Map(job.meta.tables.map((t) => [t.name, t]));
  return job.objects.tables.map((obj) => {
    const snapshot = remotes.get(obj.name);
    if (!snapshot) throw commonError(`table ${obj.name} is not in the backup meta`);
    // Only the partitions the job restores.
    const wanted = new Set(obj.partitions);
    const remote: OlapTable = {
      ...snapshot,
      partitions: new Map([...snapshot.partitions].filter(([, p]) => wanted.has(p.name))),
    };
    const targetName = obj.alias ?? obj.name;
    const found: TableObject | undefined = tableByName(db, targetName);
    if (found && found.kind !== 'OLAP') {
      throw commonError(`The type of local table should be same as type of remote table: ${remote.name}`);
    }
    const mode: RestoreMode = !found ? 'NEW' : job.atomicRestore ? 'ATOMIC' : 'EXISTING';
    const plan: TablePlan = { remote, targetName, mode, local: found };
    if (found) checkExistingTable(job, plan, found);
    if (mode === 'ATOMIC' && tableByName(db, ATOMIC_RESTORE_PREFIX + targetName)) {
      throw commonError(`Table ${ATOMIC_RESTORE_PREFIX + targetName} already exist in db: ${db.name}`);
    }
    return plan;
  });
}

function planViews(job: RestoreJob, db: Database): ViewPlan[] {
  const remotes = new Map(job.meta.views.map((v) => [v.name, v]));
  return job.objects.views.map((obj) => {
    const remote = remotes.get(obj.name);
    if (!remote) throw commonError(`view ${obj.name} is not in the backup meta`);
    const targetName = obj.alias ?? obj.name;
    const local = tableByName(db, targetName);
    if (!local) return { remote, targetName, mode: 'NEW' };
    if (local.kind !== 'VIEW') {
      throw commonError(
        `The local table ${targetName} with the same name but a different type of backup meta.`,
      );
    }
    if (!sameView(local, remote, job.meta.dbName, db.name) && !job.forceReplace) {
      throw commonError(`View ${targetName} already exist but with different schema`);
    }
    return { remote, targetName, mode: job.atomicRestore ? 'ATOMIC' : undefined };
  });
}

/** The target index that receives a source index: base to base, rollups by name. */
function targetIndexId(table: OlapTable, remote: OlapTable, sourceIndexId: bigint): bigint | undefined {
  if (sourceIndexId === remote.baseIndexId) return table.baseIndexId;
  const name = remote.indexes.get(sourceIndexId)?.name;
  return [...table.indexes.values()].find((i) => i.id !== table.baseIndexId && i.name === name)?.id;
}

/** Pairs target tablets with the source tablets of the same index and bucket. */
function mapTablets(
  job: RestoreJob,
  table: OlapTable,
  target: Partition,
  remote: OlapTable,
  source: Partition,
) {
  const sources = new Map(job.sourceTablets.map((t) => [t.tabletId, t]));
  for (const si of source.indexes.values()) {
    const indexId = targetIndexId(table, remote, si.indexId);
    const ti = indexId === undefined ? undefined : target.indexes.get(indexId);
    if (!ti || ti.tablets.length !== si.tablets.length) {
      throw commonError(`Table ${table.name} already exist but with different schema`);
    }
    si.tablets.forEach((st, bucket) => {
      const snapshot = sources.get(st.id);
      if (!snapshot) {
        throw new JobFailure({
          code: 'NOT_FOUND',
          msg: `failed to get remote snapshot path of tablet: ${st.id}`,
        });
      }
      job.mappings.push({
        tabletId: ti.tablets[bucket]!.id,
        tableId: table.id,
        partitionId: target.id,
        indexId: ti.indexId,
        sourceTabletId: st.id,
        sourceBackendId: snapshot.backendId,
        sourceDir: tabletSnapshotDir(snapshot.root, st.id, snapshot.schemaHash),
      });
    });
  }
}

function createTable(fe: Frontend, job: RestoreJob, db: Database, plan: TablePlan): void {
  const name = plan.mode === 'ATOMIC' ? ATOMIC_RESTORE_PREFIX + plan.targetName : plan.targetName;
  const table = buildRestoredTable(fe, job, plan.remote, name);
  fe.catalog.saveTable(db, table);
  job.restored.push({
    sourceName: plan.remote.name,
    targetName: plan.targetName,
    mode: plan.mode,
    tableId: table.id,
    isView: false,
  });
  const created = [...table.partitions.values()];
  [...plan.remote.partitions.values()].forEach((sp, i) => {
    mapTablets(job, table, created[i]!, plan.remote, sp);
  });
}

/** The table an atomic restore will replace stays readable and loadable, but ALTER is refused until the end. */
function markInAtomicRestore(fe: Frontend, job: RestoreJob, db: Database, local: OlapTable): void {
  local.properties.set(IN_ATOMIC_RESTORE, 'true');
  job.lockedTableIds.push(local.id);
  fe.catalog.saveTable(db, local);
}

function restoreIntoExisting(
  fe: Frontend,
  job: RestoreJob,
  db: Database,
  plan: TablePlan,
  local: OlapTable,
): void {
  local.state = 'RESTORE';
  job.lockedTableIds.push(local.id);
  job.restored.push({
    sourceName: plan.remote.name,
    targetName: plan.targetName,
    mode: 'EXISTING',
    tableId: local.id,
    isView: false,
  });
  for (const sp of plan.remote.partitions.values()) {
    let target = partitionNamed(local, sp.name);
    if (target) {
      job.overwritten.push({ tableId: local.id, partitionId: target.id, version: sp.visibleVersion });
    } else {
      const indexIds = localIndexIds(local, plan.remote, sp);
      if (!indexIds) throw commonError(`Table ${plan.targetName} already exist but with different schema`);
      target = allocateRestoredPartition(fe, job, sp, indexIds);
      local.partitions.set(target.id, target);
      job.addedPartitions.push({ tableId: local.id, partitionId: target.id });
    }
    mapTablets(job, local, target, plan.remote, sp);
  }
  fe.catalog.saveTable(db, local);
}

function createView(fe: Frontend, job: RestoreJob, db: Database, plan: ViewPlan): void {
  if (plan.mode === undefined) return;
  const name = plan.mode === 'ATOMIC' ? ATOMIC_RESTORE_PREFIX + plan.targetName : plan.targetName;
  const view = buildRestoredView(fe, job, plan.remote, name);
  fe.catalog.saveTable(db, view);
  job.restored.push({
    sourceName: plan.remote.name,
    targetName: plan.targetName,
    mode: plan.mode,
    tableId: view.id,
    isView: true,
  });
}

/** PENDING: checks, then the new objects in one commit. Throws JobFailure for a Doris-like refusal. */
export function prepareRestore(fe: Frontend, job: RestoreJob): void {
  const db = fe.catalog.database(job.dbId);
  if (!db) throw new JobFailure({ code: 'NOT_FOUND', msg: `database ${job.dbId} does not exist` });
  const tables = planTables(job, db);
  const views = planViews(job, db);
  for (const plan of tables) {
    const created =
      plan.mode === 'EXISTING'
        ? [...plan.remote.partitions.values()].filter((p) => !partitionNamed(plan.local!, p.name))
        : plan.remote.partitions.values();
    checkBackends(fe, job, created);
  }
  try {
    fe.commit(() => {
      job.restored = [];
      job.addedPartitions = [];
      job.overwritten = [];
      job.lockedTableIds = [];
      job.mappings = [];
      for (const plan of tables) {
        if (plan.mode === 'EXISTING') restoreIntoExisting(fe, job, db, plan, plan.local!);
        else createTable(fe, job, db, plan);
        if (plan.mode === 'ATOMIC') markInAtomicRestore(fe, job, db, plan.local!);
      }
      for (const plan of views) createView(fe, job, db, plan);
      job.metaPreparedTime = fe.clock.now();
      job.state = 'SNAPSHOTING';
      jobStore(fe).save(job);
    });
  } catch (error) {
    // The commit rolled back; forget the in-memory half of it before reporting.
    fe.catalog.load();
    job.restored = [];
    job.addedPartitions = [];
    job.overwritten = [];
    job.lockedTableIds = [];
    job.mappings = [];
    if (error instanceof JobFailure) throw error;
    throw commonError(bareMessage(error));
  }
}

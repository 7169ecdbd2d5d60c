// Catalog objects a restore creates on the target (OlapTable.resetIdsForRestore / View.resetIdsForRestore):
// the snapshot's schema, partitions and buckets under the target's own ids — table, materialized indexes,
// then per partition its tablets in bucket order and their replicas — each partition at the visible version
// the source had. Properties are reset the way Doris resets them (replica allocation, dynamic partitioning).
import type { IndexDef, IndexMeta, OlapTable, Partition, View } from '../../catalog/table.js';
import { allocatePartition } from '../ddl/tablet-allocator.js';
import type { Frontend } from '../frontend.js';
import type { RestoreJob } from './job-types.js';
import { copyTableForBackup, copyView } from './snapshot-meta.js';
import { rewriteViewDefinition } from './table-signature.js';

/** Replicas a restored partition gets: the source's with reserve_replica, else the request's allocation. */
export function restoreReplicationNum(job: RestoreJob, source: Partition): number {
  return job.reserveReplica ? source.replicationNum : job.replicationNum;
}

/** Allocates a partition like `source` with the given target index ids (same order as the source's). */
export function allocateRestoredPartition(
  fe: Frontend,
  job: RestoreJob,
  source: Partition,
  indexIds: readonly bigint[],
): Partition {
  const partition = allocatePartition(
    {
      name: source.name,
      item: source.item,
      buckets: source.buckets,
      replicationNum: restoreReplicationNum(job, source),
      isTemp: false,
      storageMedium: source.storageMedium,
    },
    indexIds,
    [...fe.backends.values()],
    () => fe.sequences.allocId(),
    fe.clock.now(),
  );
  // A restored partition keeps the version its data had on the source.
  partition.visibleVersion = source.visibleVersion;
  return partition;
}

function restoredProperties(job: RestoreJob, source: OlapTable): Map<string, string> {
  const properties = new Map(source.properties);
  if (!job.reserveReplica) {
    properties.delete('replication_num');
    properties.set('replication_allocation', `tag.location.default: ${job.replicationNum}`);
  }
  if (!job.reserveDynamicPartitionEnable && properties.has('dynamic_partition.enable')) {
    properties.set('dynamic_partition.enable', 'false');
  }
  return properties;
}

/** A new OLAP table named `name` from the snapshot's table, in RESTORE state until the job commits. */
export function buildRestoredTable(
  fe: Frontend,
  job: RestoreJob,
  snapshot: OlapTable,
  name: string,
): OlapTable {
  // A private copy: the job keeps the snapshot meta unchanged (it is persisted with the job).
  const source = copyTableForBackup(snapshot, undefined);
  const tableId = fe.sequences.allocId();
  const indexIds = new Map<bigint, bigint>();
  const indexes = new Map<bigint, IndexMeta>();
  for (const [sourceId, meta] of source.indexes) {
    const id = fe.sequences.allocId();
    indexIds.set(sourceId, id);
    indexes.set(id, { ...meta, id, name: sourceId === source.baseIndexId ? name : meta.name });
  }
  const partitions = new Map<bigint, Partition>();
  for (const sp of source.partitions.values()) {
    const targetIndexes = [...sp.indexes.keys()].map((id) => indexIds.get(id)!);
    const partition = allocateRestoredPartition(fe, job, sp, targetIndexes);
    partitions.set(partition.id, partition);
  }
  // Inverted index files embed the index id, so ids are kept unless restore_reset_index_id says otherwise.
  const resetIndexIds = fe.config.bool('restore_reset_index_id');
  const invertedIndexes: IndexDef[] = source.invertedIndexes.map((ix) => ({
    ...ix,
    id: resetIndexIds ? fe.sequences.allocId() : ix.id,
  }));
  return {
    ...source,
    id: tableId,
    name,
    baseIndexId: indexIds.get(source.baseIndexId)!,
    indexes,
    partitions,
    tempPartitions: new Map(),
    distribution: { ...source.distribution },
    properties: restoredProperties(job, source),
    invertedIndexes,
    state: 'RESTORE',
    createTime: fe.clock.now(),
  };
}

/** A new view from the snapshot's, its definition pointed at the target database. */
export function buildRestoredView(fe: Frontend, job: RestoreJob, source: View, name: string): View {
  return {
    ...source,
    id: fe.sequences.allocId(),
    name,
    definition: rewriteViewDefinition(source.definition, job.meta.dbName, job.dbName),
    columns: copyView(source).columns,
    createTime: fe.clock.now(),
  };
}

/** The target index ids for a snapshot partition restored into an existing table (matched by index name). */
export function localIndexIds(local: OlapTable, remote: OlapTable, source: Partition): bigint[] | undefined {
  const ids: bigint[] = [];
  for (const remoteIndexId of source.indexes.keys()) {
    if (remoteIndexId === remote.baseIndexId) {
      ids.push(local.baseIndexId);
      continue;
    }
    const name = remote.indexes.get(remoteIndexId)?.name;
    const local_ = [...local.indexes.values()].find((i) => i.name === name && i.id !== local.baseIndexId);
    if (!local_) return undefined;
    ids.push(local_.id);
  }
  return ids;
}

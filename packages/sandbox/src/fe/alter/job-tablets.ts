// Tablets of the index an alter job builds: one new tablet per tablet of the index it derives from, with a
// replica on each backend of the origin replica (as SchemaChangeHandler.createJob and
// MaterializedViewHandler.createMaterializedViewJob allocate them), so data can be converted locally.
import type { OlapTable, PartitionIndex } from '../../catalog/table.js';
import type { JobPartition } from './alter-job.js';

export function allocateJobTablets(
  table: OlapTable,
  originIndexId: bigint,
  allocId: () => bigint,
): JobPartition[] {
  return [...table.partitions.values()].map((partition) => {
    const origin = partition.indexes.get(originIndexId);
    return {
      partitionId: partition.id,
      tablets: (origin?.tablets ?? []).map((tablet) => ({
        id: allocId(),
        originTabletId: tablet.id,
        replicas: tablet.replicas.map((r) => ({ id: allocId(), backendId: r.backendId })),
      })),
    };
  });
}

/** Adds the job's new index to every partition (loads write it from now on). */
export function attachJobIndex(table: OlapTable, indexId: bigint, partitions: readonly JobPartition[]): void {
  for (const jp of partitions) {
    const partition = table.partitions.get(jp.partitionId);
    if (!partition) continue;
    const index: PartitionIndex = {
      indexId,
      tablets: jp.tablets.map((t) => ({ id: t.id, replicas: t.replicas.map((r) => ({ ...r })) })),
    };
    partition.indexes.set(indexId, index);
  }
}

/** Removes the job's index from every partition and drops its tablets on the backends. */
export function detachJobIndex(
  table: OlapTable,
  indexId: bigint,
  dropTablet: (backendId: bigint, tabletId: bigint) => void,
): void {
  for (const partition of table.partitions.values()) {
    const index = partition.indexes.get(indexId);
    if (!index) continue;
    partition.indexes.delete(indexId);
    for (const tablet of index.tablets) for (const r of tablet.replicas) dropTablet(r.backendId, tablet.id);
  }
}

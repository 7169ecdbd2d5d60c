// Creates the physical layout of a partition: one tablet per bucket for every materialized index, each
// with `replicationNum` replicas on distinct alive BEs. Tablet ids increase in bucket order (the syncer
// pairs source and target tablets by sorted id), and replicas are spread round-robin across BEs.
import type { Backend } from '../../be/backend.js';
import type { PartitionItem } from '../../catalog/partition-item.js';
import type { Partition, PartitionIndex, Tablet } from '../../catalog/table.js';
import { dorisError } from '../mysql/session-types.js';

export interface PartitionSpec {
  readonly name: string;
  readonly item: PartitionItem | undefined;
  readonly buckets: number;
  readonly replicationNum: number;
  readonly isTemp: boolean;
  readonly storageMedium: 'HDD' | 'SSD';
}

let spread = 0;

export function allocatePartition(
  spec: PartitionSpec,
  indexIds: readonly bigint[],
  backends: readonly Backend[],
  allocId: () => bigint,
  now: number,
): Partition {
  // New replicas go to alive BEs that are not being decommissioned, as Doris places them.
  const alive = backends.filter((b) => b.alive && !b.decommissioned);
  if (alive.length < spec.replicationNum) {
    throw dorisError(
      `Failed to find enough backend, please check the replication num,replication tag and storage medium and avail capacity of backends or maybe all be on decommission or maybe some be are lost.\nCreate failed replications:\nreplication tag: {"location" : "default"}, replication num: ${spec.replicationNum}, storage medium: ${spec.storageMedium}`,
    );
  }
  const id = allocId();
  const indexes = new Map<bigint, PartitionIndex>();
  for (const indexId of indexIds) {
    const tablets: Tablet[] = [];
    for (let bucket = 0; bucket < spec.buckets; bucket++) {
      const tabletId = allocId();
      const start = spread++;
      const replicas = [];
      for (let r = 0; r < spec.replicationNum; r++) {
        replicas.push({ id: allocId(), backendId: alive[(start + r) % alive.length]!.id });
      }
      tablets.push({ id: tabletId, replicas });
    }
    indexes.set(indexId, { indexId, tablets });
  }
  return {
    id,
    name: spec.name,
    item: spec.item,
    buckets: spec.buckets,
    isTemp: spec.isTemp,
    indexes,
    // A new partition starts at version 1 (the empty initial version), as in Doris.
    visibleVersion: 1n,
    visibleVersionTime: now,
    replicationNum: spec.replicationNum,
    storageMedium: spec.storageMedium,
  };
}

// Temporary partitions of an INSERT OVERWRITE (InsertOverwriteUtil): one per replaced partition, named
// `iot_temp_<name>`, laid out like the partition it will replace (same item, buckets, replication, medium),
// each logged as an ADD_PARTITION of a temporary partition (the syncer skips those).

import { findColumn } from '../../../catalog/column.js';
import type { Database } from '../../../catalog/database.js';
import { itemValuesSql } from '../../../catalog/partition-item.js';
import { baseColumns, type OlapTable, type Partition } from '../../../catalog/table.js';
import { typeToBinlogJson } from '../../../types/index.js';
import { allocatePartition } from '../../ddl/tablet-allocator.js';
import type { Frontend } from '../../frontend.js';
import { partitionTypes } from '../../load/publisher.js';

/** Java's String.hashCode, which Doris's name shortening (Objects.hash) is built on. */
function javaHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/** `iot_temp_<name>`, shortened as Doris shortens names longer than 50 characters. */
export function tempPartitionName(name: string, nowMs: number): string {
  const temp = `iot_temp_${name}`;
  if (temp.length <= 50) return temp;
  // Objects.hash(single) = 31 + hashCode; Math.abs of Integer.MIN_VALUE stays negative in Java too.
  const hash = (31 + javaHash(temp)) | 0;
  return `${temp.substring(0, 30)}${hash === -2147483648 ? hash : Math.abs(hash)}_${nowMs}`;
}

export function createTempPartition(fe: Frontend, like: Partition, name: string): Partition {
  return allocatePartition(
    {
      name,
      item: like.item,
      buckets: like.buckets,
      replicationNum: like.replicationNum,
      isTemp: true,
      storageMedium: like.storageMedium,
    },
    [...like.indexes.keys()],
    [...fe.backends.values()],
    () => fe.sequences.allocId(),
    fe.clock.now(),
  );
}

/** The ADD_PARTITION record (AddPartitionRecord over a PartitionPersistInfo) of a new temporary partition. */
export function addTempPartitionRecord(seq: bigint, db: Database, table: OlapTable, p: Partition): object {
  const columns = baseColumns(table);
  const distributionColumns = table.distribution.columns.map((n) => {
    const c = findColumn(columns, n);
    return c ? { name: c.name, type: typeToBinlogJson(c.type) } : { name: n };
  });
  const values = p.item
    ? `${itemValuesSql(partitionTypes(table), p.item, 'clause')} ("version_info" = "${p.visibleVersion}");`
    : '';
  return {
    commitSeq: seq,
    dbId: db.id,
    tableId: table.id,
    partition: {
      id: p.id,
      name: p.name,
      state: 'NORMAL',
      visibleVersion: p.visibleVersion,
      visibleVersionTime: p.visibleVersionTime,
      distributionInfo: {
        type: table.distribution.type,
        bucketNum: p.buckets,
        ...(table.distribution.type === 'HASH' ? { distributionColumns } : {}),
      },
    },
    dataProperty: {
      storageMedium: p.storageMedium,
      cooldownTimeMs: 253402271999000,
      storagePolicy: '',
      isMutable: true,
    },
    replicaAlloc: { allocMap: { '{"location" : "default"}': p.replicationNum } },
    isInMemory: false,
    isTempPartition: true,
    isMutable: true,
    sql: `ADD TEMPORARY PARTITION \`${p.name}\` ${values}`,
  };
}

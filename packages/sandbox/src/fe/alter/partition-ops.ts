// Adding and dropping one partition with the records Doris writes (InternalCatalog.addPartition /
// dropPartition): ADD_PARTITION with the serialized partition and a ready-made `sql` clause, DROP_PARTITION
// with the partition id. Used by ALTER TABLE and by the dynamic partition scheduler; callers run these
// inside their commit after checking the request.
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import { itemValuesSql, type PartitionItem } from '../../catalog/partition-item.js';
import type { OlapTable, Partition } from '../../catalog/table.js';
import { allocatePartition } from '../ddl/tablet-allocator.js';
import { logDdl } from '../exec/ddl-log.js';
import type { Frontend } from '../frontend.js';
import { partitionTypes } from '../load/publisher.js';
import { recyclePartition } from '../recycle/recycle-bin.js';
import { dataPropertyGson, partitionGson, replicaAllocGson } from './gson-objects.js';

export interface NewPartition {
  readonly name: string;
  readonly item: PartitionItem | undefined;
  readonly buckets: number;
  readonly replicationNum: number;
  readonly storageMedium: 'HDD' | 'SSD';
  readonly isTemp: boolean;
  /** `("version_info" = "n")`: the partition starts at this visible version (the syncer replays it). */
  readonly versionInfo?: bigint;
}

/** AddPartitionRecord.sql: the clause the syncer appends to ``ALTER TABLE db.tbl``. */
export function addPartitionSql(table: OlapTable, partition: Partition): string {
  const head = `ADD ${partition.isTemp ? 'TEMPORARY ' : ''}PARTITION \`${partition.name}\` `;
  if (!partition.item) return head;
  const values = itemValuesSql(partitionTypes(table), partition.item, 'clause');
  return `${head}${values} ("version_info" = "${partition.visibleVersion}");`;
}

function itemGson(
  table: OlapTable,
  item: PartitionItem | undefined,
): { range?: object; listPartitionItem?: object } {
  if (!item) return {};
  const types = partitionTypes(table).map((t) => t.kind);
  const key = (parts: readonly { kind: string; value?: unknown }[]) => ({
    keys: parts.map((p) => (p.kind === 'value' ? p.value : p.kind.toUpperCase())),
    types,
  });
  if (item.kind === 'range') return { range: { lowerBound: key(item.lower), upperBound: key(item.upper) } };
  return { listPartitionItem: { partitionKeys: item.keys.map(key) } };
}

export function addPartition(fe: Frontend, db: Database, table: OlapTable, spec: NewPartition): Partition {
  const now = fe.clock.now();
  const partition = allocatePartition(
    {
      name: spec.name,
      item: spec.item,
      buckets: spec.buckets,
      replicationNum: spec.replicationNum,
      isTemp: spec.isTemp,
      storageMedium: spec.storageMedium,
    },
    [...table.indexes.keys()],
    [...fe.backends.values()],
    () => fe.sequences.allocId(),
    now,
  );
  if (spec.versionInfo !== undefined) partition.visibleVersion = spec.versionInfo;
  (spec.isTemp ? table.tempPartitions : table.partitions).set(partition.id, partition);
  fe.catalog.saveTable(db, table);
  logDdl(fe, BinlogType.ADD_PARTITION, db.id, [table.id], (seq) => ({
    commitSeq: seq,
    dbId: db.id,
    tableId: table.id,
    partition: partitionGson(table, partition),
    ...itemGson(table, partition.item),
    dataProperty: dataPropertyGson(partition),
    replicaAlloc: replicaAllocGson(partition.replicationNum),
    isInMemory: false,
    isTempPartition: spec.isTemp,
    isMutable: true,
    sql: addPartitionSql(table, partition),
  }));
  return partition;
}

/**
 * Drops a partition. FORCE drops and temporary partitions lose their data at once; other drops hand the
 * partition to the recycle bin (RECOVER PARTITION can bring it back).
 */
export function dropPartition(
  fe: Frontend,
  db: Database,
  table: OlapTable,
  partition: Partition,
  force: boolean,
): void {
  const now = fe.clock.now();
  const pool = partition.isTemp ? table.tempPartitions : table.partitions;
  pool.delete(partition.id);
  const erase = force || partition.isTemp;
  if (erase) {
    for (const index of partition.indexes.values()) {
      for (const tablet of index.tablets) {
        for (const r of tablet.replicas) fe.backends.get(r.backendId)?.dropTablet(tablet.id);
      }
    }
    fe.store.deletePartitionVersion(partition.id);
  }
  fe.catalog.saveTable(db, table);
  if (!erase) recyclePartition(fe, db, table, partition);
  logDdl(fe, BinlogType.DROP_PARTITION, db.id, [table.id], () => ({
    dbId: db.id,
    tableId: table.id,
    pid: partition.id,
    partitionName: partition.name,
    isTempPartition: partition.isTemp,
    forceDrop: force,
    recycleTime: erase ? 0 : now,
    sql: `DROP PARTITION ${partition.isTemp ? 'TEMPORARY ' : ''}\`${partition.name}\`${force ? ' FORCE' : ''}`,
    version: maxVersion(table),
    versionTime: now,
  }));
}

function maxVersion(table: OlapTable): bigint {
  let v = 1n;
  for (const p of table.partitions.values()) if (p.visibleVersion > v) v = p.visibleVersion;
  return v;
}

export function partitionByName(pool: ReadonlyMap<bigint, Partition>, name: string): Partition | undefined {
  // Partition names are case-insensitive in Doris.
  const lower = name.toLowerCase();
  for (const p of pool.values()) if (p.name.toLowerCase() === lower) return p;
  return undefined;
}

// Routing of loaded rows: each row goes to the partition whose range or list holds its partition-column
// values, and within it to the bucket chosen by a hash of its distribution-column values (RANDOM
// distribution spreads rows round-robin). Rollup indexes get the same bucket as the base row.
import type { StoredRow } from '../../be/tablet-store.js';
import { findColumn } from '../../catalog/column.js';
import { itemContains } from '../../catalog/partition-item.js';
import { baseColumns, type OlapTable, type Partition } from '../../catalog/table.js';
import { partitionTypes } from './publisher.js';

export interface PlannedLoad {
  /** partition id → bucket index → rows */
  readonly partitions: Map<bigint, { partition: Partition; buckets: Map<number, StoredRow[]> }>;
  readonly rowCount: number;
}

export class NoPartitionError extends Error {
  override readonly name = 'NoPartitionError';
  constructor(readonly row: StoredRow) {
    super('no partition for this tuple');
  }
}

export interface PlanOptions {
  /** Only these partitions may receive rows (INSERT … PARTITION (…), or temp partitions of an overwrite). */
  readonly partitions?: readonly Partition[];
}

export function planLoad(
  table: OlapTable,
  rows: readonly StoredRow[],
  options: PlanOptions = {},
): PlannedLoad {
  const columns = baseColumns(table);
  const candidates = options.partitions ?? [...table.partitions.values()];
  const types = partitionTypes(table);
  const partitionColumns = table.partitionColumns.map((name) => findColumn(columns, name)!);
  const distColumns = table.distribution.columns.map((name) => findColumn(columns, name)!);
  const result: PlannedLoad['partitions'] = new Map();
  let roundRobin = 0;
  for (const row of rows) {
    let partition: Partition | undefined;
    if (table.partitionType === 'UNPARTITIONED') {
      partition = candidates[0];
    } else {
      const values = partitionColumns.map((c) => row[c.uniqueId] ?? null);
      partition = candidates.find((p) => p.item && itemContains(types, p.item, values));
    }
    if (!partition) throw new NoPartitionError(row);
    let bucket: number;
    if (table.distribution.type === 'RANDOM') {
      bucket = roundRobin++ % partition.buckets;
    } else {
      bucket = bucketHash(distColumns, row) % partition.buckets;
    }
    let entry = result.get(partition.id);
    if (!entry) {
      entry = { partition, buckets: new Map() };
      result.set(partition.id, entry);
    }
    const list = entry.buckets.get(bucket);
    if (list) list.push(row);
    else entry.buckets.set(bucket, [row]);
  }
  return { partitions: result, rowCount: rows.length };
}

/**
 * FNV-1a over the distribution values' text. Which bucket a row lands in is internal to a cluster (the
 * syncer pairs tablets by bucket order and copies them tablet to tablet), so the hash only has to be stable
 * and fast; it is computed for every loaded row.
 */
export function bucketHash(columns: ReadonlyArray<{ uniqueId: number }>, row: StoredRow): number {
  let h = 0x811c9dc5;
  for (const c of columns) {
    const v = row[c.uniqueId];
    const text =
      v === null || v === undefined ? '\u0000' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Routing of loaded rows: each row goes to the partition whose range or list holds its partition-column
// values, and within it to the bucket chosen by the CRC32 of its distribution-column values (RANDOM
// distribution spreads rows round-robin). Rollup indexes get the same bucket as the base row.
import { crc32 } from 'node:zlib';
import type { StoredRow } from '../../be/tablet-store.js';
import { findColumn } from '../../catalog/column.js';
import { itemContains } from '../../catalog/partition-item.js';
import { baseColumns, type OlapTable, type Partition } from '../../catalog/table.js';
import { hashForDistribution } from '../../types/index.js';
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
      // One column (the common case) hashes its bytes directly; several are concatenated.
      const bytes =
        distColumns.length === 1
          ? hashForDistribution(distColumns[0]!.type, row[distColumns[0]!.uniqueId] ?? null)
          : Buffer.concat(distColumns.map((c) => hashForDistribution(c.type, row[c.uniqueId] ?? null)));
      bucket = crc32(bytes) % partition.buckets;
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

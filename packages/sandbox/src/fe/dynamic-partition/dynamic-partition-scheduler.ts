// The dynamic partition daemon (Doris's DynamicPartitionScheduler): for every table with
// dynamic_partition.enable=true it adds the partitions from `start` (history, when asked for) or today up
// to `end` periods ahead, and force-drops partitions older than `start` periods, each with its
// ADD_PARTITION / DROP_PARTITION record. CCR targets (is_being_synced=true) are left alone: the source
// cluster's partitions arrive through the binlog instead.
import { findColumn } from '../../catalog/column.js';
import type { Database } from '../../catalog/database.js';
import { compareKeys, rangesOverlap } from '../../catalog/partition-item.js';
import { baseColumns, type OlapTable } from '../../catalog/table.js';
import { addPartition, dropPartition, partitionByName } from '../alter/partition-ops.js';
import type { Frontend } from '../frontend.js';
import { partitionTypes } from '../load/publisher.js';
import { dynamicPartitionConfig, isDynamicPartitionEnabled } from './dynamic-partition-config.js';
import { plannedPartition, retentionBorder } from './dynamic-partition-ranges.js';

const MIN_START = -2147483648;

export interface DynamicPartitionScheduler {
  /** Runs one pass over every table now (tests and ALTER use it instead of waiting for the interval). */
  runNow(): void;
  stop(): void;
}

/** One table's pass; returns the names of the partitions added and dropped. */
export function runDynamicPartition(
  fe: Frontend,
  db: Database,
  table: OlapTable,
): { added: string[]; dropped: string[] } {
  const added: string[] = [];
  const dropped: string[] = [];
  if (!fe.config.bool('dynamic_partition_enable') || !isDynamicPartitionEnabled(table))
    return { added, dropped };
  if (table.properties.get('is_being_synced') === 'true' || table.state !== 'NORMAL')
    return { added, dropped };
  const config = dynamicPartitionConfig(table);
  const column = findColumn(baseColumns(table), table.partitionColumns[0]!)!;
  const types = partitionTypes(table);
  const now = fe.clock.now();
  fe.commit(() => {
    let first = 0;
    if (config.createHistoryPartition) {
      first =
        config.historyPartitionNum === -1
          ? config.start
          : Math.max(config.start, -config.historyPartitionNum);
    }
    for (let offset = first; offset <= config.end; offset++) {
      const planned = plannedPartition(config, column, now, offset);
      const overlapping = [...table.partitions.values()].some(
        (p) => p.item?.kind === 'range' && rangesOverlap(types, p.item, planned.item),
      );
      if (
        overlapping ||
        partitionByName(table.partitions, planned.name) ||
        partitionByName(table.tempPartitions, planned.name)
      )
        continue;
      addPartition(fe, db, table, {
        name: planned.name,
        item: planned.item,
        buckets: config.buckets,
        replicationNum: config.replicationNum,
        storageMedium:
          (config.storageMedium ?? table.properties.get('storage_medium') ?? 'HDD').toUpperCase() === 'SSD'
            ? 'SSD'
            : 'HDD',
        isTemp: false,
      });
      added.push(planned.name);
    }
    if (config.start !== MIN_START) {
      const border = retentionBorder(config, column, now);
      for (const p of [...table.partitions.values()]) {
        if (p.item?.kind === 'range' && compareKeys(types, p.item.upper, border) <= 0) {
          dropPartition(fe, db, table, p, true);
          dropped.push(p.name);
        }
      }
    }
  });
  return { added, dropped };
}

/** Doris runs the first pass right after CREATE TABLE / ALTER TABLE SET enables dynamic partitioning. */
export function runDynamicPartitionForTable(
  fe: Frontend,
  dbId: bigint,
  tableId: bigint,
  log: (line: string) => void = () => {},
): void {
  const db = fe.catalog.database(dbId);
  const table = db?.tables.get(tableId);
  if (!db || table?.kind !== 'OLAP') return;
  try {
    runDynamicPartition(fe, db, table);
  } catch (error) {
    log(`dynamic partition of ${db.name}.${table.name} failed: ${(error as Error).message}`);
  }
}

export function startDynamicPartitionScheduler(
  fe: Frontend,
  log: (line: string) => void,
): DynamicPartitionScheduler {
  const runNow = () => {
    if (!fe.sqlite.open) return;
    for (const { db, table } of fe.catalog.olapTables())
      runDynamicPartitionForTable(fe, db.id, table.id, log);
  };
  const everyMs = Math.max(1, fe.config.int('dynamic_partition_check_interval_seconds')) * 1000;
  const timer = setInterval(runNow, everyMs);
  timer.unref();
  const first = setImmediate(runNow);
  return {
    runNow,
    stop: () => {
      clearInterval(timer);
      clearImmediate(first);
    },
  };
}

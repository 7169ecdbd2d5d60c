// getMeta's dropped-resource bookkeeping, derived from the records still in a database's binlog stream:
// partitions, tables and indexes removed by DDL (id → commit seq of the drop). Entries disappear when GC
// removes the records that carried them, as in Doris.
import { type BinlogRecord, BinlogType, parseBinlogPayload, unwrapBarrier } from '@doris-ccr/protocol';
import type { StoredBinlog } from '../../storage/meta-store.js';

export interface DroppedIds {
  readonly partitions: Map<bigint, bigint>;
  readonly tables: Map<bigint, bigint>;
  readonly indexes: Map<bigint, bigint>;
}

const RELEVANT = new Set<number>([
  BinlogType.DROP_PARTITION,
  BinlogType.DROP_TABLE,
  BinlogType.TRUNCATE_TABLE,
  BinlogType.REPLACE_PARTITIONS,
  BinlogType.REPLACE_TABLE,
  BinlogType.ALTER_JOB,
  BinlogType.DROP_ROLLUP,
  BinlogType.RECOVER_INFO,
  BinlogType.BARRIER,
]);

export function droppedIds(entries: readonly StoredBinlog[]): DroppedIds {
  const out: DroppedIds = { partitions: new Map(), tables: new Map(), indexes: new Map() };
  for (const entry of entries) {
    if (!RELEVANT.has(entry.type)) continue;
    let record: BinlogRecord;
    try {
      record = unwrapBarrier(parseBinlogPayload(entry.type, entry.data, entry.commitSeq));
    } catch {
      continue;
    }
    const seq = entry.commitSeq;
    const raw = record.raw as Record<string, unknown>;
    switch (record.kind) {
      case 'dropPartition':
        if (record.pid > 0n) out.partitions.set(record.pid, seq);
        break;
      case 'dropTable':
        out.tables.set(record.tableId, seq);
        break;
      case 'truncateTable':
      case 'replacePartitions':
        for (const id of idList(raw.oldPartitionIds ?? raw.replacedPartitionIds)) out.partitions.set(id, seq);
        break;
      case 'replaceTable':
        if (!record.swapTable) out.tables.set(record.origTblId, seq);
        break;
      case 'alterJob':
        if (record.jobState === 'FINISHED')
          for (const origin of record.iim.values()) out.indexes.set(origin, seq);
        break;
      case 'dropRollup':
        out.indexes.set(record.indexId, seq);
        break;
      case 'recoverInfo':
        if (record.partitionId > 0n) out.partitions.delete(record.partitionId);
        else out.tables.delete(record.tableId);
        break;
      default:
        break;
    }
  }
  return out;
}

function idList(value: unknown): bigint[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is bigint | number => typeof v === 'bigint' || typeof v === 'number')
    .map((v) => BigInt(v));
}

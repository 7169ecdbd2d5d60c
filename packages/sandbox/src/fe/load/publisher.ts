// Commit and publish of a load transaction: check that every tablet of every touched partition has a
// quorum of replicas that wrote the data, give each touched partition its next version, make the BEs'
// prepared rowsets visible at it, and record the UPSERT binlog — all in one store transaction, so a
// successful commit survives a crash and a failed one leaves no trace.
import { BinlogType } from '@doris-ccr/protocol';
import type { Backend } from '../../be/backend.js';
import type { Catalog } from '../../catalog/catalog.js';
import { findColumn } from '../../catalog/column.js';
import { itemCanonicalText } from '../../catalog/partition-item.js';
import { baseColumns, type OlapTable, type Partition, type Tablet } from '../../catalog/table.js';
import type { Clock } from '../../clock.js';
import type { MetaStore } from '../../storage/meta-store.js';
import type { BinlogManager } from '../binlog/binlog-manager.js';
import type { Sequences } from '../sequences.js';
import { usableBackend } from '../system/replica-state.js';
import type { Transaction } from '../txn/transaction.js';
import type { TransactionManager } from '../txn/transaction-manager.js';

export interface CommitInfo {
  readonly tabletId: bigint;
  readonly backendId: bigint;
}

export class CommitError extends Error {
  override readonly name = 'CommitError';
}

export interface PublishResult {
  readonly commitSeq: bigint | undefined;
  readonly partitions: Array<{ tableId: bigint; partitionId: bigint; version: bigint }>;
}

export interface PublisherDeps {
  readonly store: MetaStore;
  readonly catalog: Catalog;
  readonly txns: TransactionManager;
  readonly backends: ReadonlyMap<bigint, Backend>;
  readonly binlog: BinlogManager;
  readonly sequences: Sequences;
  readonly clock: Clock;
}

interface Touched {
  readonly table: OlapTable;
  readonly partition: Partition;
}

export class Publisher {
  constructor(private readonly deps: PublisherDeps) {}

  commit(txn: Transaction, commitInfos: readonly CommitInfo[]): PublishResult {
    const { catalog, store, txns, backends, binlog, sequences, clock } = this.deps;
    if (txn.status === 'VISIBLE' || txn.status === 'COMMITTED')
      return { commitSeq: undefined, partitions: [] };
    if (txn.status === 'ABORTED') {
      throw new CommitError(`transaction [${txn.id}] is already aborted. abort reason: ${txn.reason}`);
    }
    const db = catalog.database(txn.dbId);
    if (!db) throw new CommitError(`database ${txn.dbId} of transaction [${txn.id}] does not exist`);
    for (const tableId of txn.tableIds) {
      if (!db.tables.has(tableId))
        throw new CommitError(`table ${tableId} of transaction [${txn.id}] does not exist`);
    }

    const successful = new Map<bigint, Set<bigint>>();
    const touched = new Map<bigint, Touched>();
    for (const info of commitInfos) {
      const location = catalog.tablet(info.tabletId);
      // Tablets of partitions dropped meanwhile are ignored, as Doris does.
      if (!location || !txn.tableIds.includes(location.tableId)) continue;
      const table = db.tables.get(location.tableId);
      if (table?.kind !== 'OLAP') continue;
      const partition =
        table.partitions.get(location.partitionId) ?? table.tempPartitions.get(location.partitionId);
      if (!partition) continue;
      const replica = location.tablet.replicas.find((r) => r.backendId === info.backendId);
      if (!replica || !usableBackend(backends, replica)) continue;
      touched.set(partition.id, { table, partition });
      let set = successful.get(info.tabletId);
      if (!set) {
        set = new Set();
        successful.set(info.tabletId, set);
      }
      set.add(info.backendId);
    }
    if (touched.size === 0 && commitInfos.length > 0) {
      throw new CommitError(
        `Failed to commit txn [${txn.id}]: no commit info matches a tablet of its tables`,
      );
    }
    for (const { table, partition } of touched.values()) {
      const quorum = Math.floor(partition.replicationNum / 2) + 1;
      for (const index of partition.indexes.values()) {
        for (const tablet of index.tablets) {
          const ok = successful.get(tablet.id)?.size ?? 0;
          if (ok < quorum) {
            throw new CommitError(
              `Failed to commit txn ${txn.id}, cause tablet ${tablet.id} succ replica num ${ok} < quorum replica num ${quorum}. table ${table.id}, partition id ${partition.id}`,
            );
          }
        }
      }
    }

    return store.transaction(() => {
      const now = clock.now();
      const partitions: PublishResult['partitions'] = [];
      const tableRecords = new Map<bigint, { partitionRecords: object[]; indexIds: bigint[] }>();
      for (const { table, partition } of touched.values()) {
        const version = partition.visibleVersion + 1n;
        for (const index of partition.indexes.values()) {
          for (const tablet of index.tablets)
            publishTablet(backends, txn.id, tablet, successful.get(tablet.id), version);
        }
        partition.visibleVersion = version;
        partition.visibleVersionTime = now;
        catalog.saveVersion(partition);
        partitions.push({ tableId: table.id, partitionId: partition.id, version });
        let record = tableRecords.get(table.id);
        if (!record) {
          record = { partitionRecords: [], indexIds: [...partition.indexes.keys()] };
          tableRecords.set(table.id, record);
        }
        record.partitionRecords.push({
          partitionId: partition.id,
          range: itemCanonicalText(partitionTypes(table), partition.item),
          version,
          isTempPartition: partition.isTemp,
          stid: -1n,
        });
      }
      txns.setStatus(txn, 'VISIBLE');
      for (const backend of backends.values()) backend.release(txn.id);
      const commitSeq = sequences.allocJournalId();
      const recorded = binlog.record({
        commitSeq,
        dbId: db.id,
        type: BinlogType.UPSERT,
        timestamp: BigInt(txn.finishTime),
        tableIds: [...tableRecords.keys()],
        data: upsertJson(commitSeq, txn, db.id, tableRecords),
      });
      sequences.flush();
      return { commitSeq: recorded ? commitSeq : undefined, partitions };
    });
  }

  abort(txn: Transaction, reason: string): void {
    if (txn.status === 'VISIBLE' || txn.status === 'COMMITTED') {
      throw new CommitError(`transaction [${txn.id}] is already ${txn.status}, could not abort.`);
    }
    if (txn.status === 'ABORTED') return;
    this.deps.store.transaction(() => {
      this.deps.txns.setStatus(txn, 'ABORTED', reason);
      this.deps.sequences.allocJournalId();
      this.deps.sequences.flush();
    });
    for (const backend of this.deps.backends.values()) backend.release(txn.id);
  }
}

/**
 * Makes one tablet's version visible on every usable replica. Replicas that wrote publish their own rowset;
 * a replica that joined the tablet while the transaction ran (a clone during a move) or whose write was
 * not needed for the quorum gets a copy of a writer's rowset — the version Doris's tablet scheduler would
 * clone to it afterwards — so no replica misses a version.
 */
function publishTablet(
  backends: ReadonlyMap<bigint, Backend>,
  txnId: bigint,
  tablet: Tablet,
  wrote: ReadonlySet<bigint> | undefined,
  version: bigint,
): void {
  if (!wrote) return;
  const writers = [...wrote].map((id) => backends.get(id)!);
  const source = writers.find((b) => b.prepared(txnId, tablet.id)) ?? writers[0];
  for (const replica of tablet.replicas) {
    const backend = usableBackend(backends, replica);
    if (!backend) continue;
    if (!wrote.has(backend.id) && !backend.prepared(txnId, tablet.id) && source) {
      backend.adoptPrepared(source, txnId, tablet.id);
    }
    backend.publish(txnId, tablet.id, version);
  }
}

export function partitionTypes(table: OlapTable) {
  const columns = baseColumns(table);
  return table.partitionColumns.map((name) => findColumn(columns, name)!.type);
}

function upsertJson(
  commitSeq: bigint,
  txn: Transaction,
  dbId: bigint,
  tableRecords: Map<bigint, { partitionRecords: object[]; indexIds: bigint[] }>,
): string {
  const records: Record<string, unknown> = {};
  for (const [tableId, r] of tableRecords) records[tableId.toString()] = r;
  return gsonJson({
    commitSeq,
    txnId: txn.id,
    timeStamp: BigInt(txn.finishTime),
    label: txn.label,
    dbId,
    tableRecords: records,
  });
}

const GSON_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '=': '\\u003d',
  "'": '\\u0027',
};

/**
 * JSON as the FE's Gson writes it: Java longs as plain integers (never rounded through a double), and
 * `<`, `>`, `&`, `=`, `'` escaped as \\u003c-style sequences (they can only occur inside strings).
 */
export function gsonJson(value: unknown): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') {
      marks.push(v.toString());
      return `\u0000big${marks.length - 1}\u0000`;
    }
    return v;
  });
  return text
    .replace(/"\\u0000big(\d+)\\u0000"/g, (_m, i: string) => marks[Number(i)]!)
    .replace(/[<>&=']/g, (c) => GSON_ESCAPES[c]!);
}

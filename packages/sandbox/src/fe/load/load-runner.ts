// Runs a planned load as one transaction: every replica of every tablet of each touched partition (base and
// rollup indexes) prepares its rows — an empty rowset where no row landed, as Doris's table sink does — then
// the publisher commits. Any failure aborts the transaction, so nothing is half-visible.
import type { Backend } from '../../be/backend.js';
import type { StoredRow } from '../../be/tablet-store.js';
import type { Database } from '../../catalog/database.js';
import { flattensNested, type OlapTable, type Partition } from '../../catalog/table.js';
import type { MetaStore } from '../../storage/meta-store.js';
import { usableBackend } from '../system/replica-state.js';
import type { Transaction, TxnSourceType } from '../txn/transaction.js';
import type { TransactionManager } from '../txn/transaction-manager.js';
import type { PlannedLoad } from './load-planner.js';
import type { CommitInfo, Publisher } from './publisher.js';
import { checkNestedPaths } from './variant-nested-check.js';

export interface LoadDeps {
  readonly store: MetaStore;
  readonly txns: TransactionManager;
  readonly publisher: Publisher;
  readonly backends: ReadonlyMap<bigint, Backend>;
}

export interface LoadRequest {
  readonly db: Database;
  readonly table: OlapTable;
  readonly label: string;
  readonly sourceType: TxnSourceType;
  readonly timeoutMs: number;
  /** Rows by partition and bucket; or a delete predicate applied to `deletePartitions`. */
  readonly planned?: PlannedLoad;
  readonly deletePredicate?: { readonly sql: string; readonly partitions: readonly Partition[] };
}

export interface LoadOutcome {
  readonly txnId: bigint;
  readonly label: string;
  readonly rowCount: number;
  readonly commitSeq: bigint | undefined;
}

export function runLoad(deps: LoadDeps, request: LoadRequest): LoadOutcome {
  // A synchronous load (INSERT, stream load) is one SQLite transaction from begin to publish: a crash
  // in between leaves nothing, and one commit instead of three is what makes single-row INSERTs cheap.
  return deps.store.transaction(() => runLoadSteps(deps, request));
}

function runLoadSteps(deps: LoadDeps, request: LoadRequest): LoadOutcome {
  return writeAndCommit(deps, request, beginLoad(deps, request));
}

/** Begins the load's transaction (group commit begins it when a group opens and writes it later). */
export function beginLoad(
  deps: LoadDeps,
  request: Omit<LoadRequest, 'planned' | 'deletePredicate'>,
): Transaction {
  return deps.txns.begin({
    dbId: request.db.id,
    label: request.label,
    tableIds: [request.table.id],
    sourceType: request.sourceType,
    coordinator: 'FE: 127.0.0.1',
    timeoutMs: request.timeoutMs,
  });
}

/** Writes the planned rows into every replica under `txn` and commits it; aborts it on any failure. */
export function writeAndCommit(deps: LoadDeps, request: LoadRequest, txn: Transaction): LoadOutcome {
  const { publisher, backends } = deps;
  try {
    const commitInfos: CommitInfo[] = [];
    const write = (
      partition: Partition,
      rowsFor: (indexId: bigint, bucket: number) => StoredRow[],
      deleteSql?: string,
    ) => {
      for (const index of partition.indexes.values()) {
        index.tablets.forEach((tablet, bucket) => {
          const rows = rowsFor(index.indexId, bucket);
          for (const replica of tablet.replicas) {
            const backend = usableBackend(backends, replica);
            if (!backend) continue;
            backend.prepare(
              txn.id,
              tablet.id,
              partition.id,
              rows,
              deleteSql ? { deletePredicate: deleteSql } : {},
            );
            commitInfos.push({ tabletId: tablet.id, backendId: replica.backendId });
          }
        });
      }
    };
    if (request.planned) {
      for (const { partition, buckets } of request.planned.partitions.values()) {
        checkTablets(deps, request.table, partition, buckets);
      }
      for (const { partition, buckets } of request.planned.partitions.values()) {
        write(partition, (indexId, bucket) => projectRows(request.table, indexId, buckets.get(bucket) ?? []));
      }
    }
    if (request.deletePredicate) {
      for (const partition of request.deletePredicate.partitions)
        write(partition, () => [], request.deletePredicate.sql);
    }
    const result = publisher.commit(txn, commitInfos);
    return {
      txnId: txn.id,
      label: txn.label,
      rowCount: request.planned?.rowCount ?? 0,
      commitSeq: result.commitSeq,
    };
  } catch (error) {
    publisher.abort(txn, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** Checks each base tablet's new rows against what the tablet holds before any replica prepares them. */
function checkTablets(
  deps: LoadDeps,
  table: OlapTable,
  partition: Partition,
  buckets: ReadonlyMap<number, StoredRow[]>,
): void {
  if (!flattensNested(table)) return;
  const tablets = partition.indexes.get(table.baseIndexId)?.tablets ?? [];
  for (const [bucket, rows] of buckets) {
    const tablet = tablets[bucket];
    const replica = tablet?.replicas.find((r) => deps.backends.get(r.backendId)?.alive);
    const backend = replica === undefined ? undefined : deps.backends.get(replica.backendId);
    if (tablet === undefined || backend === undefined) continue;
    checkNestedPaths(table, backend.rows(tablet.id), rows);
  }
}

/** Rows of a rollup keep only the rollup's columns; base rows are used as they are. */
function projectRows(table: OlapTable, indexId: bigint, rows: StoredRow[]): StoredRow[] {
  if (indexId === table.baseIndexId || rows.length === 0) return rows;
  const index = table.indexes.get(indexId);
  if (!index) return rows;
  const uids = index.columns.map((c) => c.uniqueId);
  return rows.map((row) => {
    const projected: StoredRow = {};
    for (const uid of uids) projected[uid] = row[uid] ?? null;
    return projected;
  });
}

// One handler per binlog record kind for the records of one table: a table job's stream, and the
// table-scoped records a database job passes down (db-sync/db-handlers.ts owns creating, dropping,
// renaming and replacing tables). The handler table is a mapped type over every record kind, so a binlog
// type without a handler fails the build (and an unknown type never reaches here: the protocol parser
// rejects it with a typed error).
import {
  type AddPartitionRecord,
  type BinlogRecord,
  type BinlogRecordKind,
  type BinlogRecordOfKind,
  unwrapBarrier,
} from '@doris-ccr/protocol';
import { quoteIdent as q } from '../../clients/sql-quote.js';
import type { BinlogAction } from '../replay/binlog-action.js';
import type { TableJobNames } from './table-job-context.js';

type Handler<K extends BinlogRecordKind> = (
  record: BinlogRecordOfKind<K>,
  names: TableJobNames,
) => BinlogAction;
export type TableJobHandlers = { readonly [K in BinlogRecordKind]: Handler<K> };

function target(names: TableJobNames): string {
  return `${q(names.destDb)}.${q(names.destTable)}`;
}

/**
 * Points a statement the source FE rendered at the target: the source db/table qualifier (quoted or bare,
 * with an optional `default_cluster:` prefix) becomes the target's.
 */
export function retarget(sql: string, names: TableJobNames): string {
  const db = names.srcDb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tbl = names.srcTable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const qualified = new RegExp(
    `\`(?:default_cluster:)?${db}\`\\.\`${tbl}\`|(?<![\\w\`])(?:default_cluster:)?${db}\\.${tbl}(?![\\w])`,
    'g',
  );
  return sql.replace(qualified, target(names));
}

/**
 * Doris renders an ADD_PARTITION clause without its distribution, so replayed as it is the target partition
 * would get the table's default bucket count — and a partition whose tablets do not pair up with the
 * source's cannot take ingested rowsets. The record's distribution info says what the source used.
 */
export function withDistribution(clause: string, r: AddPartitionRecord): string {
  const di = r.partition.distributionInfo;
  if (!di || di.bucketNum <= 0 || /\bBUCKETS\s+\d+/i.test(clause)) return clause;
  const bare = clause.replace(/\s+DISTRIBUTED\s+BY\s[\s\S]*$/i, '');
  const by =
    di.type.toUpperCase() === 'RANDOM' || di.distributionColumns.length === 0
      ? 'RANDOM'
      : `HASH(${di.distributionColumns.map((c) => q(c.name)).join(', ')})`;
  return `${bare} DISTRIBUTED BY ${by} BUCKETS ${di.bucketNum}`;
}

const ignore = (reason: string): BinlogAction => ({ kind: 'ignore', reason });
const sql = (statements: string[], alreadyApplied?: RegExp): BinlogAction =>
  alreadyApplied ? { kind: 'sql', statements, alreadyApplied } : { kind: 'sql', statements };

/** Properties a target must not take from the source (binlog-records.md §6.10). */
const UNFORWARDED_PROPERTIES = new Set([
  'binlog.enable',
  'light_schema_change',
  'dynamic_partition.enable',
  'colocate_with',
  'storage_policy',
  'replication_num',
  'replication_allocation',
  'is_being_synced',
]);

export const tableJobHandlers: TableJobHandlers = {
  upsert: (record, names) => {
    const own = record.tableRecords.get(names.srcTableId);
    return { kind: 'upsert', record, tables: own ? new Map([[names.srcTableId, own]]) : new Map() };
  },
  addPartition: (r, names) =>
    r.isTempPartition
      ? ignore('temporary partition')
      : sql(
          [`ALTER TABLE ${target(names)} ${withDistribution(r.sql.replace(/;\s*$/, ''), r)}`],
          /Duplicate partition name|already exist/i,
        ),
  dropPartition: (r, names) =>
    r.isTempPartition
      ? ignore('temporary partition')
      : sql(
          [`ALTER TABLE ${target(names)} ${r.sql.replace(/;\s*$/, '')}`],
          /does not exist|Unknown partition/i,
        ),
  createTable: () => ignore('CREATE TABLE of another table'),
  // A table job's stream carries the drop of its own table: following a dropped table silently (a known
  // Go-syncer bug) would look healthy while nothing arrives. Re-created later, a full sync follows it.
  dropTable: (r, names) =>
    r.tableId === names.srcTableId
      ? { kind: 'fail', reason: `source table ${names.srcDb}.${names.srcTable} was dropped` }
      : ignore('DROP TABLE of another table'),
  alterJob: (r, names) => {
    if (r.jobState === 'PENDING' || r.jobState === 'WAITING_TXN') {
      return { kind: 'shadow_indexes', tableId: names.srcTableId, add: r.iim, remove: [] };
    }
    if (r.jobState === 'CANCELLED')
      return { kind: 'shadow_indexes', tableId: names.srcTableId, add: new Map(), remove: [...r.iim.keys()] };
    if (r.jobState === 'FINISHED') {
      return {
        kind: 'partial_sync',
        reason: `${r.type === 'ROLLUP' ? 'rollup' : 'schema change'} job ${r.jobId} finished`,
      };
    }
    return ignore(`alter job state ${r.jobState}`);
  },
  modifyTableAddOrDropColumns: (r, names) =>
    r.rawSql
      ? sql(
          [retarget(r.rawSql, names)],
          /Duplicate column name|Can not add column which already exists|Column .*does not exists?|Nothing is changed/i,
        )
      : { kind: 'partial_sync', reason: 'light schema change without rawSql' },
  dummy: () => ({ kind: 'full_sync', reason: 'binlog position was garbage-collected (dummy binlog)' }),
  alterDatabaseProperty: () => ignore('database property'),
  modifyTableProperty: (r, names) => {
    // A table job's target takes its partitions from the source's ADD/DROP PARTITION binlogs; its own
    // dynamic-partition settings stay as restored (the Go syncer's table-sync suites expect the same).
    const kept = [...r.properties].filter(
      ([k]) => !UNFORWARDED_PROPERTIES.has(k) && !k.startsWith('dynamic_partition.'),
    );
    if (kept.length === 0) return ignore('only target-local properties changed');
    return sql([
      `ALTER TABLE ${target(names)} SET (${kept.map(([k, v]) => `"${k}" = "${v.replace(/"/g, '\\"')}"`).join(', ')})`,
    ]);
  },
  barrier: (r, names) => {
    const inner = unwrapBarrier(r);
    if (inner.kind === 'barrier') return ignore('plain barrier');
    return planTableBinlog(inner, names);
  },
  modifyPartitions: () => ignore('partition storage properties are target-local'),
  replacePartitions: (r) =>
    !r.strictRange || r.useTempPartitionName
      ? { kind: 'full_sync', reason: 'REPLACE PARTITION without strict range or keeping temp names' }
      : { kind: 'partial_sync', reason: 'partitions replaced on the source', partitions: r.partitions },
  truncateTable: (r, names) => sql([`TRUNCATE TABLE ${target(names)} ${r.rawSql}`.trim()]),
  renameTable: (r) => ({
    kind: 'fail',
    reason: `source table renamed from ${r.oT || '?'} to ${r.nT}; a table job follows one table name — recreate the job`,
  }),
  renameColumn: (r, names) =>
    sql(
      [`ALTER TABLE ${target(names)} RENAME COLUMN ${q(r.colName)} ${q(r.newColName)}`],
      /Column .* does not exist|Column .* already exists/i,
    ),
  modifyComment: (r, names) => {
    if (r.type === 'TABLE')
      return sql([`ALTER TABLE ${target(names)} MODIFY COMMENT "${r.tblComment.replace(/"/g, '\\"')}"`]);
    const clauses = [...r.colToComment].map(
      ([c, text]) => `MODIFY COLUMN ${q(c)} COMMENT "${text.replace(/"/g, '\\"')}"`,
    );
    return clauses.length
      ? sql([`ALTER TABLE ${target(names)} ${clauses.join(', ')}`])
      : ignore('empty comment change');
  },
  modifyViewDef: () => ignore('views belong to database jobs'),
  // `ALTER TABLE a REPLACE WITH TABLE b`: the name the job follows now holds table b (swap or not), so
  // the job follows b's id from now on and copies it once (never again: its snapshot has the new id).
  replaceTable: (r, names) =>
    r.origTblId === names.srcTableId
      ? {
          kind: 'repoint',
          srcTableId: r.newTblName,
          reason: `source table replaced by ${r.actualNewTblName || r.newTblName} (REPLACE WITH TABLE)`,
        }
      : r.newTblName === names.srcTableId && r.swapTable
        ? { kind: 'repoint', srcTableId: r.origTblId, reason: 'source table swapped with another' }
        : r.newTblName === names.srcTableId
          ? {
              kind: 'fail',
              reason: `source table ${names.srcTable} replaced ${r.origTblName} and was renamed to it`,
            }
          : ignore('REPLACE TABLE of other tables'),
  modifyTableAddOrDropInvertedIndices: (r, names) =>
    r.isDropInvertedIndex
      ? sql(
          [
            `ALTER TABLE ${target(names)} ${r.alterInvertedIndexes.map((i) => `DROP INDEX ${q(i.indexName)}`).join(', ')}`,
          ],
          /does not exist/i,
        )
      : { kind: 'partial_sync', reason: 'inverted index added (index ids must match the source)' },
  indexChangeJob: (r, names) =>
    r.jobState === 'FINISHED' && !r.isDropOp
      ? sql(
          r.alterInvertedIndexes.map(
            (i) =>
              `BUILD INDEX ${q(i.indexName)} ON ${target(names)}${r.partitionName && r.partitionName !== names.srcTable ? ` PARTITION (${q(r.partitionName)})` : ''}`,
          ),
        )
      : ignore(`index change job ${r.jobState}${r.isDropOp ? ' (drop)' : ''}`),
  renameRollup: (r, names) =>
    r.oR
      ? sql([`ALTER TABLE ${target(names)} RENAME ROLLUP ${q(r.oR)} ${q(r.nR)}`], /does not exist/i)
      : { kind: 'partial_sync', reason: 'rollup renamed (old name unknown)' },
  renamePartition: (r, names) =>
    r.oP
      ? sql(
          [`ALTER TABLE ${target(names)} RENAME PARTITION ${q(r.oP)} ${q(r.nP)}`],
          /does not exist|already exist/i,
        )
      : { kind: 'partial_sync', reason: 'partition renamed (old name unknown)' },
  dropRollup: (r, names) =>
    sql([`ALTER TABLE ${target(names)} DROP ROLLUP ${q(r.indexName)}`], /does not exist/i),
  recoverInfo: () => ({ kind: 'partial_sync', reason: 'table or partition recovered from the recycle bin' }),
  modifyDistributionBucketNum: () => ({ kind: 'partial_sync', reason: 'bucket number changed' }),
  modifyDistributionType: () => ({ kind: 'partial_sync', reason: 'distribution type changed' }),
};

export function planTableBinlog(record: BinlogRecord, names: TableJobNames): BinlogAction {
  const handler = tableJobHandlers[record.kind] as (r: BinlogRecord, n: TableJobNames) => BinlogAction;
  return handler(record, names);
}

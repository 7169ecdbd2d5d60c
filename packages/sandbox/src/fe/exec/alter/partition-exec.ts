// ALTER TABLE … ADD [TEMPORARY] PARTITION and DROP [TEMPORARY] PARTITION (InternalCatalog.addPartition /
// dropPartition): Doris's checks, then the shared partition operations that write the binlog records.
import { findColumn } from '../../../catalog/column.js';
import type { Database } from '../../../catalog/database.js';
import { compareKeys, type KeyPart } from '../../../catalog/partition-item.js';
import { baseColumns, type OlapTable } from '../../../catalog/table.js';
import { addPartition, dropPartition, partitionByName } from '../../alter/partition-ops.js';
import { buildItem, checkNoConflict } from '../../ddl/partition-builder.js';
import { replicationNumber, validateTableProperty } from '../../ddl/table-properties.js';
import { isDynamicPartitionEnabled } from '../../dynamic-partition/dynamic-partition-config.js';
import { partitionTypes } from '../../load/publisher.js';
import { dorisError } from '../../mysql/session-types.js';
import type { AddPartitionClause, DropPartitionClause } from '../../sql/index.js';
import type { ExecContext } from '../exec-context.js';

const DYNAMIC_ALTER_FORBIDDEN =
  'Cannot add/drop partition on a Dynamic Partition Table, Use command `ALTER TABLE tbl_name SET ("dynamic_partition.enable" = "false")` firstly.';

function notPartitioned(table: OlapTable): never {
  throw dorisError(`Alter table [${table.name}] failed. Not a partitioned table`);
}

/** The bound a `VALUES LESS THAN` partition starts at: the largest upper bound below its own. */
function previousUpper(
  table: OlapTable,
  temporary: boolean,
  upper: readonly KeyPart[],
): readonly KeyPart[] | undefined {
  const types = partitionTypes(table);
  let best: readonly KeyPart[] | undefined;
  for (const p of (temporary ? table.tempPartitions : table.partitions).values()) {
    if (p.item?.kind !== 'range') continue;
    if (compareKeys(types, p.item.upper, upper) <= 0 && (!best || compareKeys(types, p.item.upper, best) > 0))
      best = p.item.upper;
  }
  return best;
}

export function addPartitionClause(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: AddPartitionClause,
): void {
  const def = clause.partition;
  if (!clause.temporary && isDynamicPartitionEnabled(table)) throw dorisError(DYNAMIC_ALTER_FORBIDDEN);
  if (table.partitionType === 'UNPARTITIONED' && !clause.temporary) notPartitioned(table);
  if (partitionByName(table.partitions, def.name) || partitionByName(table.tempPartitions, def.name)) {
    if (def.ifNotExists) return;
    throw dorisError(`Duplicate partition name ${def.name}`, 1517);
  }
  const props = new Map(def.properties.map((p) => [p.key, p.value]));
  const versionInfo = props.get('version_info');
  props.delete('version_info');
  for (const [k, v] of props) {
    if (k === 'in_memory' && v.toLowerCase() === 'true')
      throw dorisError("Not support set 'in_memory'='true' now!");
    validateTableProperty(k, v);
  }
  let item: ReturnType<typeof buildItem> | undefined;
  if (table.partitionType !== 'UNPARTITIONED') {
    const columns = baseColumns(table);
    const pcols = table.partitionColumns.map((n) => findColumn(columns, n)!);
    // `VALUES LESS THAN (x)` starts where the partition below x ends; resolve x first to find it.
    const upper =
      def.values?.kind === 'LessThanValues'
        ? buildItem(
            'RANGE',
            pcols,
            { ...def, values: { kind: 'FixedRangeValues', lower: [], upper: def.values.upper } },
            undefined,
          )
        : undefined;
    const previous =
      upper?.kind === 'range' ? previousUpper(table, clause.temporary, upper.upper) : undefined;
    item = buildItem(table.partitionType, pcols, def, previous);
    const pool = clause.temporary ? table.tempPartitions : table.partitions;
    checkNoConflict(partitionTypes(table), item, [...pool.values()], def.name);
  } else if (def.values) {
    throw dorisError('Unpartitioned table does not accept partition values');
  }
  const buckets = distributionBuckets(table, clause);
  ctx.fe.commit(() =>
    addPartition(ctx.fe, db, table, {
      name: def.name,
      item,
      buckets,
      replicationNum:
        props.has('replication_num') || props.has('replication_allocation')
          ? replicationNumber(props)
          : replicationNumber(table.properties),
      storageMedium:
        (props.get('storage_medium') ?? table.properties.get('storage_medium') ?? 'hdd').toUpperCase() ===
        'SSD'
          ? 'SSD'
          : 'HDD',
      isTemp: clause.temporary,
      ...(versionInfo === undefined ? {} : { versionInfo: parseVersionInfo(versionInfo) }),
    }),
  );
}

function parseVersionInfo(text: string): bigint {
  if (!/^\d+$/.test(text) || BigInt(text) < 1n) throw dorisError(`Invalid version_info value: ${text}`);
  return BigInt(text);
}

function distributionBuckets(table: OlapTable, clause: AddPartitionClause): number {
  const dist = clause.distribution;
  if (!dist) return table.distribution.buckets;
  const type = dist.kind === 'HashDistribution' ? 'HASH' : 'RANDOM';
  if (type !== table.distribution.type) {
    throw dorisError(`Cannot assign different distribution type. default is: ${table.distribution.type}`);
  }
  const buckets =
    dist.buckets === undefined || dist.buckets === 'AUTO' ? table.distribution.buckets : dist.buckets;
  if (buckets <= 0)
    throw dorisError(`Cannot assign ${type === 'HASH' ? 'hash' : 'random'} distribution buckets less than 1`);
  if (dist.kind === 'HashDistribution') checkHashColumns(table, dist.columns);
  return buckets;
}

/** A partition's (or the new default's) hash columns must be the table's, in order. */
export function checkHashColumns(table: OlapTable, columns: readonly string[]): void {
  const same =
    columns.length === table.distribution.columns.length &&
    columns.every((c, i) => c.toLowerCase() === table.distribution.columns[i]?.toLowerCase());
  if (!same) {
    throw dorisError(
      `Cannot assign hash distribution with different distribution cols. new is: [${columns.join(', ')}] default is: [${table.distribution.columns.join(', ')}]`,
    );
  }
}

export function dropPartitionClause(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: DropPartitionClause,
): void {
  const pool = clause.temporary ? table.tempPartitions : table.partitions;
  const partition = partitionByName(pool, clause.name);
  if (!partition) {
    if (clause.ifExists) return;
    throw dorisError(`Error in list of partitions to ${clause.name}`, 1507);
  }
  if (table.partitionType === 'UNPARTITIONED' && !clause.temporary) notPartitioned(table);
  if (!clause.temporary && isDynamicPartitionEnabled(table)) throw dorisError(DYNAMIC_ALTER_FORBIDDEN);
  ctx.fe.commit(() => dropPartition(ctx.fe, db, table, partition, clause.force));
}

// ALTER TABLE … SET ("k" = "v") (ModifyTablePropertiesClause + SchemaChangeHandler / Env.modifyTable*):
// one property per statement, except a group of dynamic_partition.* or binlog.* keys. Each accepted change
// is recorded as MODIFY_TABLE_PROPERTY with the changed properties and `sql` = `SET (k=v,…)`.
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../../catalog/database.js';
import type { OlapTable } from '../../../catalog/table.js';
import { binlogConfig } from '../../binlog/binlog-config.js';
import { replicationNumber, validateTableProperty } from '../../ddl/table-properties.js';
import {
  DP_PREFIX,
  dynamicPartitionConfig,
  hasDynamicPartition,
} from '../../dynamic-partition/dynamic-partition-config.js';
import { runDynamicPartitionForTable } from '../../dynamic-partition/dynamic-partition-scheduler.js';
import { dorisError } from '../../mysql/session-types.js';
import type { SetTablePropertiesClause } from '../../sql/index.js';
import { logDdl } from '../ddl-log.js';
import { type ExecContext, unsupported } from '../exec-context.js';
import { setBloomFilter, setColocateGroup } from './bloom-colocate-exec.js';

/** Properties Doris changes with a plain MODIFY_TABLE_PROPERTY (SchemaChangeHandler.updateTableProperties). */
const PLAIN = new Set([
  'is_being_synced',
  'compaction_policy',
  'time_series_compaction_goal_size_mbytes',
  'time_series_compaction_file_count_threshold',
  'time_series_compaction_time_threshold_seconds',
  'time_series_compaction_empty_rowsets_threshold',
  'time_series_compaction_level_threshold',
  'group_commit_interval_ms',
  'group_commit_data_bytes',
  'enable_mow_light_delete',
  'enable_single_replica_compaction',
  'disable_auto_compaction',
  'skip_write_index_on_load',
  'storage_medium',
]);

/** Properties Doris can change but the sandbox cannot honour (they need data rewrites or external systems). */
const UNSUPPORTED = new Set([
  'storage_policy',
  'distribution_type',
  'store_row_column',
  'row_store_columns',
  'storage_format',
  'send_clear_alter_task',
]);

function logProperties(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  props: ReadonlyMap<string, string>,
): void {
  const properties = Object.fromEntries(props);
  const sql = `SET (${[...props].map(([k, v]) => `${k}=${v}`).join(',')})`;
  logDdl(ctx.fe, BinlogType.MODIFY_TABLE_PROPERTY, db.id, [table.id], () => ({
    dbId: db.id,
    tableId: table.id,
    tableName: table.name,
    properties,
    sql,
  }));
}

function isMow(table: OlapTable): boolean {
  return (
    table.keysType === 'UNIQUE_KEYS' && table.properties.get('enable_unique_key_merge_on_write') !== 'false'
  );
}

export function setTableProperties(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: SetTablePropertiesClause,
): void {
  const props = new Map(clause.properties.map((p) => [p.key, p.value]));
  const keys = [...props.keys()];
  const allDynamic = keys.every((k) => k.startsWith(DP_PREFIX));
  const allBinlog = keys.every((k) => k.startsWith('binlog.'));
  if (keys.length !== 1 && !allDynamic && !allBinlog)
    throw dorisError('Can only set one table property at a time');
  if (allDynamic) {
    setDynamicPartition(ctx, db, table, props);
    return;
  }
  if (allBinlog) {
    setBinlogConfig(ctx, db, table, props);
    return;
  }
  const [key, value] = [keys[0]!, props.get(keys[0]!)!];
  if (UNSUPPORTED.has(key)) unsupported(`ALTER TABLE … SET ("${key}")`);
  switch (key) {
    case 'bloom_filter_columns':
    case 'bloom_filter_fpp':
      setBloomFilter(ctx, db, table, key, value);
      return;
    case 'colocate_with':
      setColocateGroup(ctx, db, table, value);
      return;
    case 'light_schema_change':
      if (value.toLowerCase() === (table.properties.get('light_schema_change') ?? 'true')) return;
      if (value.toLowerCase() !== 'true')
        throw dorisError('Can not alter light_schema_change from true to false currently');
      commitProperty(ctx, db, table, key, 'true');
      return;
    case 'in_memory':
      if (value.toLowerCase() === 'true') throw dorisError("Not support set 'in_memory'='true' now!");
      return;
    case 'replication_num':
    case 'replication_allocation': {
      if (table.partitionType !== 'UNPARTITIONED') {
        throw dorisError(
          "This is a partitioned table, you should specify partitions with MODIFY PARTITION clause. If you want to set default replication number, please use 'default.replication_num' instead of 'replication_num' to escape misleading.",
        );
      }
      const n = replicationNumber(props);
      if (n !== replicationNumber(table.properties))
        unsupported('Changing the replica count of existing tablets');
      commitProperty(ctx, db, table, 'replication_allocation', `tag.location.default: ${n}`);
      return;
    }
    case 'default.replication_num':
    case 'default.replication_allocation': {
      const n = replicationNumber(new Map([[key.slice('default.'.length), value]]));
      ctx.fe.commit(() => {
        table.properties.delete('replication_num');
        table.properties.set('replication_allocation', `tag.location.default: ${n}`);
        ctx.fe.catalog.saveTable(db, table);
        logProperties(
          ctx,
          db,
          table,
          new Map([['default.replication_allocation', `tag.location.default: ${n}`]]),
        );
      });
      return;
    }
    default:
      break;
  }
  if (!PLAIN.has(key)) throw dorisError(`Unknown table property: [${key}]`);
  validateTableProperty(key, value);
  if (key === 'compaction_policy') {
    if (value !== 'time_series' && value !== 'size_based') {
      throw dorisError('Table compaction policy only support for time_series or size_based');
    }
    if (value === 'time_series' && table.keysType === 'UNIQUE_KEYS') {
      throw dorisError('Time series compaction policy is not supported for unique key table');
    }
  }
  if (key === 'enable_single_replica_compaction' && isMow(table) && value === 'true') {
    throw dorisError('enable_single_replica_compaction property is not supported for merge-on-write table');
  }
  if (key === 'enable_mow_light_delete' && !isMow(table)) {
    throw dorisError('enable_mow_light_delete property is only supported for unique merge-on-write table');
  }
  const stored = key === 'storage_medium' ? value.toLowerCase() : value;
  commitProperty(ctx, db, table, key, stored);
  // Turning is_being_synced off re-enables dynamic partitioning on a former CCR target.
  if (key === 'is_being_synced') runDynamicPartitionForTable(ctx.fe, db.id, table.id);
}

function commitProperty(ctx: ExecContext, db: Database, table: OlapTable, key: string, value: string): void {
  ctx.fe.commit(() => {
    table.properties.set(key, value);
    ctx.fe.catalog.saveTable(db, table);
    logProperties(ctx, db, table, new Map([[key, value]]));
  });
}

function setBinlogConfig(ctx: ExecContext, db: Database, table: OlapTable, props: Map<string, string>): void {
  if (!ctx.fe.config.bool('enable_feature_binlog')) throw dorisError('Binlog feature is not enabled');
  for (const [k, v] of props) validateTableProperty(k, v);
  const before = binlogConfig(table.properties);
  const next = new Map(table.properties);
  for (const [k, v] of props) next.set(k, v);
  const after = binlogConfig(next);
  if (
    JSON.stringify(before, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ===
    JSON.stringify(after, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))
  )
    return;
  if (binlogConfig(db.properties).enable && !after.enable)
    throw dorisError('db binlog is enable, but table binlog is disable');
  ctx.fe.commit(() => {
    for (const [k, v] of props) table.properties.set(k, v);
    for (const [k, v] of [
      ['binlog.enable', String(after.enable)],
      ['binlog.ttl_seconds', after.ttlSeconds.toString()],
      ['binlog.max_bytes', after.maxBytes.toString()],
      ['binlog.max_history_nums', after.maxHistoryNums.toString()],
    ] as const) {
      table.properties.set(k, v);
    }
    ctx.fe.catalog.saveTable(db, table);
    // Env.updateBinlogConfig logs the whole new binlog config.
    logProperties(
      ctx,
      db,
      table,
      new Map([
        ['binlog.enable', String(after.enable)],
        ['binlog.ttl_seconds', after.ttlSeconds.toString()],
        ['binlog.max_bytes', after.maxBytes.toString()],
        ['binlog.max_history_nums', after.maxHistoryNums.toString()],
      ]),
    );
  });
}

function setDynamicPartition(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  props: Map<string, string>,
): void {
  const next = new Map(table.properties);
  for (const [k, v] of props) next.set(k, v);
  if (!hasDynamicPartition(table.properties)) {
    try {
      dynamicPartitionConfig(table, next);
    } catch {
      throw dorisError(
        `Table ${db.name}.${table.name} is not a dynamic partition table. Use command \`HELP ALTER TABLE\` to see how to change a normal table to a dynamic partition table.`,
      );
    }
  }
  dynamicPartitionConfig(table, next);
  ctx.fe.commit(() => {
    for (const [k, v] of props) table.properties.set(k, v);
    ctx.fe.catalog.saveTable(db, table);
    logProperties(ctx, db, table, props);
  });
  runDynamicPartitionForTable(ctx.fe, db.id, table.id);
}

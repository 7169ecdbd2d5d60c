// Table properties accepted by CREATE TABLE / ALTER TABLE … SET, with validation. Doris rejects unknown
// properties, and so does the sandbox: a property it would silently ignore would hide a user's mistake.

import { checkBinlogProperty } from '../binlog/binlog-config.js';
import { dorisError } from '../mysql/session-types.js';

const BOOLEAN_KEYS = new Set([
  'light_schema_change',
  'enable_unique_key_merge_on_write',
  'disable_auto_compaction',
  'enable_single_replica_compaction',
  'store_row_column',
  'in_memory',
  'is_being_synced',
  'skip_write_index_on_load',
  'enable_mow_light_delete',
  'dynamic_partition.enable',
  'dynamic_partition.create_history_partition',
  'variant_enable_flatten_nested',
]);

const FREE_KEYS = new Set([
  'replication_num',
  'replication_allocation',
  'storage_medium',
  'storage_cooldown_time',
  'compression',
  'bloom_filter_columns',
  'bloom_filter_fpp',
  'row_store_columns',
  'row_store_page_size',
  'function_column.sequence_col',
  'function_column.sequence_type',
  'compaction_policy',
  'time_series_compaction_goal_size_mbytes',
  'time_series_compaction_file_count_threshold',
  'time_series_compaction_time_threshold_seconds',
  'time_series_compaction_empty_rowsets_threshold',
  'time_series_compaction_level_threshold',
  'group_commit_interval_ms',
  'group_commit_data_bytes',
  'estimate_partition_size',
  'storage_policy',
  'colocate_with',
  'file_cache_ttl_seconds',
  'min_load_replica_num',
  'storage_format',
  'inverted_index_storage_format',
  'dynamic_partition.time_unit',
  'dynamic_partition.start',
  'dynamic_partition.end',
  'dynamic_partition.prefix',
  'dynamic_partition.buckets',
  'dynamic_partition.replication_num',
  'dynamic_partition.replication_allocation',
  'dynamic_partition.history_partition_num',
  'dynamic_partition.reserved_history_periods',
  'dynamic_partition.time_zone',
  'dynamic_partition.start_day_of_week',
  'dynamic_partition.start_day_of_month',
  'dynamic_partition.hot_partition_num',
  'dynamic_partition.storage_medium',
]);

export function validateTableProperty(key: string, value: string): void {
  if (key.startsWith('binlog.')) {
    const problem = checkBinlogProperty(key, value);
    if (problem) throw dorisError(problem);
    return;
  }
  if (BOOLEAN_KEYS.has(key)) {
    if (value.toLowerCase() !== 'true' && value.toLowerCase() !== 'false') {
      throw dorisError(`Invalid ${key} value: ${value}. It must be true or false`);
    }
    return;
  }
  if (key === 'replication_num' && !/^[1-9]\d*$/.test(value)) {
    throw dorisError(`Invalid replication_num value: ${value}`);
  }
  if (key === 'storage_medium' && !['hdd', 'ssd'].includes(value.toLowerCase())) {
    throw dorisError(`Invalid storage_medium: ${value}`);
  }
  if (!FREE_KEYS.has(key)) throw dorisError(`Unknown properties: {${key}=${value}}`);
}

/** Replica count from replication_num or `tag.location.default: n` allocations (summed over tags). */
export function replicationNumber(properties: ReadonlyMap<string, string>): number {
  const allocation = properties.get('replication_allocation');
  if (allocation) {
    let total = 0;
    for (const part of allocation.split(',')) {
      const match = /^\s*tag\.location\.[\w-]+\s*:\s*(\d+)\s*$/.exec(part);
      if (!match) throw dorisError(`Invalid replication allocation property: ${allocation}`);
      total += Number(match[1]);
    }
    return total;
  }
  return Number(properties.get('replication_num') ?? '3');
}

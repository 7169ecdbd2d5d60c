// The FE's configuration (fe.conf), as ADMIN SHOW FRONTEND CONFIG shows it. Only keys the sandbox honours
// or that CCR clients read are listed; ADMIN SET FRONTEND CONFIG may change the mutable ones.
export interface ConfigEntry {
  readonly key: string;
  readonly type: 'boolean' | 'int' | 'long' | 'String';
  value: string;
  readonly mutable: boolean;
  readonly masterOnly: boolean;
  readonly comment: string;
}

function entry(
  key: string,
  type: ConfigEntry['type'],
  value: string,
  mutable: boolean,
  masterOnly = false,
  comment = '',
): ConfigEntry {
  return { key, type, value, mutable, masterOnly, comment };
}

export class FeConfig {
  private readonly entries = new Map<string, ConfigEntry>();

  constructor(overrides: Record<string, string> = {}) {
    for (const e of [
      entry('enable_feature_binlog', 'boolean', 'true', false, false, 'record binlogs for CCR'),
      entry('enable_restore_snapshot_rpc_compression', 'boolean', 'true', false),
      entry('restore_reset_index_id', 'boolean', 'false', true, true),
      entry('ignore_backup_tmp_partitions', 'boolean', 'false', true, true),
      entry('ignore_backup_not_support_table_type', 'boolean', 'false', true, true),
      entry('max_backup_restore_job_num_per_db', 'int', '10', true, true),
      entry('max_backup_tablets_per_job', 'int', '300000', true, true),
      entry('backup_job_default_timeout_ms', 'long', '86400000', true, true),
      entry('force_olap_table_replication_allocation', 'String', '', true, true),
      entry('thrift_max_message_size', 'int', '104857600', false),
      entry('label_keep_max_second', 'int', '259200', true, true),
      entry('stream_load_default_timeout_second', 'int', '259200', true, true),
      entry('thrift_server_type', 'String', 'THREAD_POOL', false),
      entry('max_binlog_messsage_size', 'int', '1073741824', true),
      entry('binlog_gc_interval_second', 'long', '15', true, true),
      entry('dynamic_partition_enable', 'boolean', 'true', true, true),
      entry('dynamic_partition_check_interval_seconds', 'long', '600', true, true),
      entry('lower_case_table_names', 'int', '0', false),
      entry('enable_light_schema_change', 'boolean', 'true', true, true),
      entry(
        'disable_tablet_scheduler',
        'boolean',
        'false',
        true,
        true,
        'stop repairing and balancing tablets',
      ),
      entry('disable_balance', 'boolean', 'false', true, true, 'stop moving replicas between BEs by load'),
      entry('schedule_batch_size', 'int', '50', true, true, 'replicas cloned per scheduling pass at most'),
      entry('tablet_schedule_interval_ms', 'long', '1000', true, true, 'pause between scheduling passes'),
      entry('drop_backend_after_decommission', 'boolean', 'true', true, true),
      entry('tablet_repair_delay_factor_second', 'long', '60', true, true, 'a dead BE is waited for 2x this'),
      entry(
        'catalog_trash_expire_second',
        'long',
        '86400',
        true,
        true,
        'how long dropped objects stay recoverable',
      ),
    ]) {
      this.entries.set(e.key, e);
    }
    for (const [key, value] of Object.entries(overrides)) {
      const e = this.entries.get(key);
      if (!e) throw new Error(`unknown FE config ${key}`);
      e.value = value;
    }
  }

  all(): ConfigEntry[] {
    return [...this.entries.values()];
  }

  get(key: string): ConfigEntry | undefined {
    return this.entries.get(key);
  }

  bool(key: string): boolean {
    return this.entries.get(key)?.value === 'true';
  }

  int(key: string): number {
    return Number(this.entries.get(key)?.value ?? '0');
  }
}

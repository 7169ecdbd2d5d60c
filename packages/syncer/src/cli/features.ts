// The `feature_*` gates of the Go syncer (syncer-operations.md §2.5): same names, same defaults, so a
// command line or config file written for it selects the same behaviour here.
import type { FeatureFlag } from '../api/endpoints.js';

export const FEATURE_DEFAULTS = {
  feature_schema_change_partial_sync: true,
  feature_clean_table_and_partitions: false,
  feature_atomic_restore: true,
  feature_create_view_drop_exists: true,
  feature_replace_not_matched_with_alias: true,
  feature_filter_shadow_indexes_upsert: true,
  feature_reuse_running_backup_restore_job: true,
  feature_compressed_snapshot: true,
  feature_skip_rollup_binlogs: false,
  feature_txn_insert: false,
  feature_filter_storage_medium: true,
} as const;

export type FeatureName = keyof typeof FEATURE_DEFAULTS;
export type FeatureFlags = Readonly<Record<FeatureName, boolean>>;

export const FEATURE_HELP: Readonly<Record<FeatureName, string>> = {
  feature_schema_change_partial_sync:
    'after a schema change, partial-sync the table (off: drop it and full sync)',
  feature_clean_table_and_partitions: 'restore full syncs with clean_partitions/clean_tables',
  feature_atomic_restore: 'full-sync restores are atomic (the target stays readable)',
  feature_create_view_drop_exists: 'drop an existing target view before replaying CREATE VIEW',
  feature_replace_not_matched_with_alias: 'on a restore signature mismatch, restore under an alias and swap',
  feature_filter_shadow_indexes_upsert: 'skip upserts into shadow indexes of pending schema changes',
  feature_reuse_running_backup_restore_job: "reuse the job's own running backup/restore after a restart",
  feature_compressed_snapshot: 'gzip snapshot meta in restores when the target FE supports it',
  feature_skip_rollup_binlogs: 'ignore ROLLUP alter jobs',
  feature_txn_insert: 'replay upserts made of sub-transactions (multi-statement transactions)',
  feature_filter_storage_medium: 'strip storage_medium from replayed CREATE TABLE',
};

export function isFeatureName(name: string): name is FeatureName {
  return Object.hasOwn(FEATURE_DEFAULTS, name);
}

/** The /features answer: every gate with its value and its default as text, as Go reports them. */
export function featureFlagList(features: FeatureFlags): FeatureFlag[] {
  return (Object.keys(FEATURE_DEFAULTS) as FeatureName[]).map((feature) => ({
    feature,
    value: features[feature],
    default: String(FEATURE_DEFAULTS[feature]),
  }));
}

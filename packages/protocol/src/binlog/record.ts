import type { BinlogTypeName } from './binlog-type.js';
import type { BarrierRecord } from './records/barrier.js';
import type {
  ModifyDistributionBucketNumRecord,
  ModifyDistributionTypeRecord,
} from './records/distribution-records.js';
import type { DummyRecord } from './records/dummy.js';
import type { AlterJobRecord, IndexChangeJobRecord } from './records/job-records.js';
import type {
  AddPartitionRecord,
  DropPartitionRecord,
  ModifyPartitionsRecord,
  ReplacePartitionsRecord,
} from './records/partition-records.js';
import type {
  AlterDatabasePropertyRecord,
  ModifyCommentRecord,
  ModifyTablePropertyRecord,
  ModifyViewDefRecord,
} from './records/property-records.js';
import type {
  RenamePartitionRecord,
  RenameRollupRecord,
  RenameTableRecord,
} from './records/rename-records.js';
import type {
  DropRollupRecord,
  ModifyTableAddOrDropColumnsRecord,
  ModifyTableAddOrDropInvertedIndicesRecord,
  RenameColumnRecord,
} from './records/schema-records.js';
import type {
  CreateTableRecord,
  DropTableRecord,
  RecoverInfoRecord,
  ReplaceTableRecord,
  TruncateTableRecord,
} from './records/table-records.js';
import type { UpsertRecord } from './records/upsert.js';

/** The `kind` tag of the record parsed from each TBinlogType. */
export const BinlogRecordKind = {
  UPSERT: 'upsert',
  ADD_PARTITION: 'addPartition',
  CREATE_TABLE: 'createTable',
  DROP_PARTITION: 'dropPartition',
  DROP_TABLE: 'dropTable',
  ALTER_JOB: 'alterJob',
  MODIFY_TABLE_ADD_OR_DROP_COLUMNS: 'modifyTableAddOrDropColumns',
  DUMMY: 'dummy',
  ALTER_DATABASE_PROPERTY: 'alterDatabaseProperty',
  MODIFY_TABLE_PROPERTY: 'modifyTableProperty',
  BARRIER: 'barrier',
  MODIFY_PARTITIONS: 'modifyPartitions',
  REPLACE_PARTITIONS: 'replacePartitions',
  TRUNCATE_TABLE: 'truncateTable',
  RENAME_TABLE: 'renameTable',
  RENAME_COLUMN: 'renameColumn',
  MODIFY_COMMENT: 'modifyComment',
  MODIFY_VIEW_DEF: 'modifyViewDef',
  REPLACE_TABLE: 'replaceTable',
  MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES: 'modifyTableAddOrDropInvertedIndices',
  INDEX_CHANGE_JOB: 'indexChangeJob',
  RENAME_ROLLUP: 'renameRollup',
  RENAME_PARTITION: 'renamePartition',
  DROP_ROLLUP: 'dropRollup',
  RECOVER_INFO: 'recoverInfo',
  MODIFY_DISTRIBUTION_BUCKET_NUM: 'modifyDistributionBucketNum',
  MODIFY_DISTRIBUTION_TYPE: 'modifyDistributionType',
} as const satisfies Record<BinlogTypeName, string>;

export type BinlogRecordKind = (typeof BinlogRecordKind)[BinlogTypeName];

/** A parsed binlog payload, discriminated by `kind`. Every variant keeps the parsed JSON in `raw`. */
export type BinlogRecord =
  | UpsertRecord
  | AddPartitionRecord
  | CreateTableRecord
  | DropPartitionRecord
  | DropTableRecord
  | AlterJobRecord
  | ModifyTableAddOrDropColumnsRecord
  | DummyRecord
  | AlterDatabasePropertyRecord
  | ModifyTablePropertyRecord
  | BarrierRecord
  | ModifyPartitionsRecord
  | ReplacePartitionsRecord
  | TruncateTableRecord
  | RenameTableRecord
  | RenameColumnRecord
  | ModifyCommentRecord
  | ModifyViewDefRecord
  | ReplaceTableRecord
  | ModifyTableAddOrDropInvertedIndicesRecord
  | IndexChangeJobRecord
  | RenameRollupRecord
  | RenamePartitionRecord
  | DropRollupRecord
  | RecoverInfoRecord
  | ModifyDistributionBucketNumRecord
  | ModifyDistributionTypeRecord;

/** The record variant with the given kind. */
export type BinlogRecordOfKind<K extends BinlogRecordKind> = Extract<BinlogRecord, { kind: K }>;

// Compile-time check: the union and the kind table name exactly the same kinds.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatch: Same<BinlogRecord['kind'], BinlogRecordKind> = true;
void kindsMatch;

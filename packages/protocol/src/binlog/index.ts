export type { JsonArray, JsonObject, JsonPrimitive, JsonValue } from '../json/value.js';
export {
  BinlogType,
  type BinlogTypeName,
  type BinlogTypeValue,
  binlogTypeName,
  describeBinlogType,
  isBinlogType,
} from './binlog-type.js';
export { type BinlogEnvelope, type ParsedBinlog, parseBinlog } from './envelope.js';
export { BinlogRecordError } from './errors.js';
export { asRecordOfKind, parseBinlogPayload, unwrapBarrier } from './parse.js';
export { type BinlogRecord, BinlogRecordKind, type BinlogRecordOfKind } from './record.js';
export type { BarrierRecord } from './records/barrier.js';
export type { ColumnDef, ColumnType } from './records/column.js';
export type {
  ModifyDistributionBucketNumRecord,
  ModifyDistributionTypeRecord,
} from './records/distribution-records.js';
export type { DummyRecord } from './records/dummy.js';
export type { IndexDef } from './records/index-def.js';
export type { AlterJobRecord, IndexChangeJobRecord } from './records/job-records.js';
export type { DistributionInfo, PartitionDef } from './records/partition-def.js';
export type {
  AddPartitionRecord,
  DropPartitionRecord,
  ModifyPartitionInfo,
  ModifyPartitionsRecord,
  ReplacePartitionsRecord,
} from './records/partition-records.js';
export type {
  AlterDatabasePropertyRecord,
  ModifyCommentRecord,
  ModifyTablePropertyRecord,
  ModifyViewDefRecord,
} from './records/property-records.js';
export type {
  RenameFields,
  RenamePartitionRecord,
  RenameRecord,
  RenameRollupRecord,
  RenameTableRecord,
} from './records/rename-records.js';
export type {
  DropRollupRecord,
  ModifyTableAddOrDropColumnsRecord,
  ModifyTableAddOrDropInvertedIndicesRecord,
  RenameColumnRecord,
} from './records/schema-records.js';
export type {
  CreateTableRecord,
  DropTableRecord,
  RecoverInfoRecord,
  ReplaceTableRecord,
  TruncateTableRecord,
} from './records/table-records.js';
export type {
  UpsertPartitionRecord,
  UpsertRecord,
  UpsertTableRecord,
} from './records/upsert.js';

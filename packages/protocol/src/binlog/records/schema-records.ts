import { asInt, type ObjectReader } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';
import { type ColumnDef, readIndexSchemaMap } from './column.js';
import { type IndexDef, readIndexDef } from './index-def.js';

/** MODIFY_TABLE_ADD_OR_DROP_COLUMNS (6): light schema change (metadata-only ADD/DROP COLUMN). */
export interface ModifyTableAddOrDropColumnsRecord {
  readonly kind: 'modifyTableAddOrDropColumns';
  readonly dbId: bigint;
  readonly tableId: bigint;
  /** Index id → full new schema of that index. */
  readonly indexSchemaMap: ReadonlyMap<bigint, readonly ColumnDef[]>;
  /** The table's index definitions after the change. */
  readonly indexes: readonly IndexDef[];
  readonly jobId: bigint;
  /** The ALTER statement, qualified with the source db name. */
  readonly rawSql: string;
  readonly raw: JsonObject;
}

/** MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES (19): light inverted index add/drop. */
export interface ModifyTableAddOrDropInvertedIndicesRecord {
  readonly kind: 'modifyTableAddOrDropInvertedIndices';
  readonly rawSql: string;
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly indexSchemaMap: ReadonlyMap<bigint, readonly ColumnDef[]>;
  /** All indexes after the change. */
  readonly indexes: readonly IndexDef[];
  /** The indexes added or dropped. */
  readonly alterInvertedIndexes: readonly IndexDef[];
  readonly isDropInvertedIndex: boolean;
  readonly jobId: bigint;
  readonly raw: JsonObject;
}

/** RENAME_COLUMN (15): `ALTER TABLE t RENAME COLUMN a b`. */
export interface RenameColumnRecord {
  readonly kind: 'renameColumn';
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly colName: string;
  readonly newColName: string;
  /** Index id → schema version (newer FEs; empty otherwise). */
  readonly indexIdToSchemaVersion: ReadonlyMap<bigint, number>;
  readonly raw: JsonObject;
}

/** DROP_ROLLUP (23): `ALTER TABLE t DROP ROLLUP r` / `DROP MATERIALIZED VIEW mv ON t`. */
export interface DropRollupRecord {
  readonly kind: 'dropRollup';
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly tableName: string;
  readonly indexId: bigint;
  readonly indexName: string;
  readonly isView: boolean;
  readonly forceDrop: boolean;
  readonly recycleTime: bigint;
  /** Newer builds only; `''` when absent. */
  readonly ctl: string;
  /** Newer builds only; `''` when absent. */
  readonly db: string;
  readonly raw: JsonObject;
}

export function readModifyTableAddOrDropColumns(r: ObjectReader): ModifyTableAddOrDropColumnsRecord {
  return {
    kind: 'modifyTableAddOrDropColumns',
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    indexSchemaMap: readIndexSchemaMap(r),
    indexes: r.objectList('indexes', readIndexDef),
    jobId: r.int64('jobId'),
    rawSql: r.string('rawSql'),
    raw: r.raw,
  };
}

export function readModifyTableAddOrDropInvertedIndices(
  r: ObjectReader,
): ModifyTableAddOrDropInvertedIndicesRecord {
  return {
    kind: 'modifyTableAddOrDropInvertedIndices',
    rawSql: r.string('rawSql'),
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    indexSchemaMap: readIndexSchemaMap(r),
    indexes: r.objectList('indexes', readIndexDef),
    alterInvertedIndexes: r.objectList('alterInvertedIndexes', readIndexDef),
    isDropInvertedIndex: r.boolean('isDropInvertedIndex'),
    jobId: r.int64('jobId'),
    raw: r.raw,
  };
}

export function readRenameColumn(r: ObjectReader): RenameColumnRecord {
  return {
    kind: 'renameColumn',
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    colName: r.string('colName'),
    newColName: r.string('newColName'),
    indexIdToSchemaVersion: r.idMap('indexIdToSchemaVersion', asInt),
    raw: r.raw,
  };
}

export function readDropRollup(r: ObjectReader): DropRollupRecord {
  return {
    kind: 'dropRollup',
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    tableName: r.string('tableName'),
    indexId: r.int64('indexId'),
    indexName: r.string('indexName'),
    isView: r.boolean('isView'),
    forceDrop: r.boolean('forceDrop'),
    recycleTime: r.int64('recycleTime'),
    ctl: r.string('ctl'),
    db: r.string('db'),
    raw: r.raw,
  };
}

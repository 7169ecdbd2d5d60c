import type { ObjectReader } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';

/** CREATE_TABLE (2): CREATE TABLE / CREATE VIEW (db stream only). */
export interface CreateTableRecord {
  readonly kind: 'createTable';
  readonly commitSeq: bigint;
  /** −1 if the FE did not find the db. */
  readonly dbId: bigint;
  readonly dbName: string;
  readonly tableId: bigint;
  readonly tableName: string;
  /** Table type enum name (`OLAP`, `VIEW`, `MATERIALIZED_VIEW`, …); `''` before 2.1.8/3.0.4. */
  readonly tableType: string;
  /** Full DDL as SHOW CREATE prints it; `''` if the FE could not render it. */
  readonly sql: string;
  readonly raw: JsonObject;
}

/** DROP_TABLE (4): DROP TABLE / DROP VIEW (db stream only). */
export interface DropTableRecord {
  readonly kind: 'dropTable';
  readonly commitSeq: bigint;
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly tableName: string;
  readonly isView: boolean;
  readonly rawSql: string;
  readonly raw: JsonObject;
}

/** TRUNCATE_TABLE (13): `TRUNCATE TABLE t [PARTITIONS (…)]`. */
export interface TruncateTableRecord {
  readonly kind: 'truncateTable';
  readonly dbId: bigint;
  /** Db name (2.0 FEs: `default_cluster:` prefixed). */
  readonly db: string;
  readonly tblId: bigint;
  readonly table: string;
  readonly isEntireTable: boolean;
  /** The part after the table name, e.g. `PARTITIONS (p1, p2)`; `''` for the whole table. */
  readonly rawSql: string;
  readonly raw: JsonObject;
}

/** REPLACE_TABLE (18): `ALTER TABLE a REPLACE WITH TABLE b`. */
export interface ReplaceTableRecord {
  readonly kind: 'replaceTable';
  readonly dbId: bigint;
  /** Id of table `a`. */
  readonly origTblId: bigint;
  readonly origTblName: string;
  /** Id (not name!) of table `b` — historical misnomer of the JSON key. */
  readonly newTblName: bigint;
  /** Name of table `b`. */
  readonly actualNewTblName: string;
  readonly swapTable: boolean;
  /** FORCE drop of the replaced table; true when absent (old FEs always force-dropped). */
  readonly isForce: boolean;
  readonly raw: JsonObject;
}

/** RECOVER_INFO (24): `RECOVER TABLE …` / `RECOVER PARTITION …`. */
export interface RecoverInfoRecord {
  readonly kind: 'recoverInfo';
  readonly dbId: bigint;
  readonly newDbName: string;
  readonly tableId: bigint;
  readonly tableName: string;
  readonly newTableName: string;
  /** −1 for a table recovery. */
  readonly partitionId: bigint;
  readonly partitionName: string;
  readonly newPartitionName: string;
  readonly raw: JsonObject;
}

export function readCreateTable(r: ObjectReader): CreateTableRecord {
  return {
    kind: 'createTable',
    commitSeq: r.int64('commitSeq'),
    dbId: r.int64('dbId'),
    dbName: r.string('dbName'),
    tableId: r.int64('tableId'),
    tableName: r.string('tableName'),
    tableType: r.string('tableType'),
    sql: r.string('sql'),
    raw: r.raw,
  };
}

export function readDropTable(r: ObjectReader): DropTableRecord {
  return {
    kind: 'dropTable',
    commitSeq: r.int64('commitSeq'),
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    tableName: r.string('tableName'),
    isView: r.boolean('isView'),
    rawSql: r.string('rawSql'),
    raw: r.raw,
  };
}

export function readTruncateTable(r: ObjectReader): TruncateTableRecord {
  return {
    kind: 'truncateTable',
    dbId: r.int64('dbId'),
    db: r.string('db'),
    tblId: r.int64('tblId'),
    table: r.string('table'),
    isEntireTable: r.boolean('isEntireTable'),
    rawSql: r.string('rawSql'),
    raw: r.raw,
  };
}

export function readReplaceTable(r: ObjectReader): ReplaceTableRecord {
  return {
    kind: 'replaceTable',
    dbId: r.int64('dbId'),
    origTblId: r.int64('origTblId'),
    origTblName: r.string('origTblName'),
    newTblName: r.int64('newTblName'),
    actualNewTblName: r.string('actualNewTblName'),
    swapTable: r.boolean('swapTable'),
    isForce: r.boolean('isForce', true),
    raw: r.raw,
  };
}

export function readRecoverInfo(r: ObjectReader): RecoverInfoRecord {
  return {
    kind: 'recoverInfo',
    dbId: r.int64('dbId'),
    newDbName: r.string('newDbName'),
    tableId: r.int64('tableId'),
    tableName: r.string('tableName'),
    newTableName: r.string('newTableName'),
    partitionId: r.int64('partitionId'),
    partitionName: r.string('partitionName'),
    newPartitionName: r.string('newPartitionName'),
    raw: r.raw,
  };
}

import type { ObjectReader } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';
import { type ColumnDef, readColumn } from './column.js';

/** ALTER_DATABASE_PROPERTY (8): `ALTER DATABASE … SET PROPERTIES (…)`. */
export interface AlterDatabasePropertyRecord {
  readonly kind: 'alterDatabaseProperty';
  readonly dbId: bigint;
  readonly dbName: string;
  /** Only the properties that changed. */
  readonly properties: ReadonlyMap<string, string>;
  readonly raw: JsonObject;
}

/** MODIFY_TABLE_PROPERTY (9): `ALTER TABLE … SET ("k" = "v", …)`. */
export interface ModifyTablePropertyRecord {
  readonly kind: 'modifyTableProperty';
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly tableName: string;
  /** The changed properties. */
  readonly properties: ReadonlyMap<string, string>;
  /** `SET (k=v,k2=v2)`, keys and values unquoted. */
  readonly sql: string;
  /** External-catalog form only; `''` for internal tables. */
  readonly ctlName: string;
  /** External-catalog form only; `''` for internal tables. */
  readonly dbName: string;
  readonly raw: JsonObject;
}

/** MODIFY_COMMENT (16): `ALTER TABLE t MODIFY COMMENT '…'` or `MODIFY COLUMN c COMMENT '…'`. */
export interface ModifyCommentRecord {
  readonly kind: 'modifyComment';
  /** `COLUMN` or `TABLE`. */
  readonly type: string;
  readonly dbId: bigint;
  readonly tblId: bigint;
  /** COLUMN only: column name → new comment. */
  readonly colToComment: ReadonlyMap<string, string>;
  /** TABLE only. */
  readonly tblComment: string;
  readonly raw: JsonObject;
}

/** MODIFY_VIEW_DEF (17): `ALTER VIEW v AS …`. */
export interface ModifyViewDefRecord {
  readonly kind: 'modifyViewDef';
  readonly dbId: bigint;
  /** View id. */
  readonly tableId: bigint;
  /** New SELECT text, qualified with `` `internal`.`<srcdb>`. ``. */
  readonly inlineViewDef: string;
  readonly sqlMode: number;
  readonly newFullSchema: readonly ColumnDef[];
  readonly raw: JsonObject;
}

export function readAlterDatabaseProperty(r: ObjectReader): AlterDatabasePropertyRecord {
  return {
    kind: 'alterDatabaseProperty',
    dbId: r.int64('dbId'),
    dbName: r.string('dbName'),
    properties: r.stringMap('properties'),
    raw: r.raw,
  };
}

export function readModifyTableProperty(r: ObjectReader): ModifyTablePropertyRecord {
  return {
    kind: 'modifyTableProperty',
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    tableName: r.string('tableName'),
    properties: r.stringMap('properties'),
    sql: r.string('sql'),
    ctlName: r.string('ctlName'),
    dbName: r.string('dbName'),
    raw: r.raw,
  };
}

export function readModifyComment(r: ObjectReader): ModifyCommentRecord {
  return {
    kind: 'modifyComment',
    type: r.string('type'),
    dbId: r.int64('dbId'),
    tblId: r.int64('tblId'),
    colToComment: r.stringMap('colToComment'),
    tblComment: r.string('tblComment'),
    raw: r.raw,
  };
}

export function readModifyViewDef(r: ObjectReader): ModifyViewDefRecord {
  return {
    kind: 'modifyViewDef',
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    inlineViewDef: r.string('inlineViewDef'),
    sqlMode: r.int('sqlMode'),
    newFullSchema: r.objectList('newFullSchema', readColumn),
    raw: r.raw,
  };
}

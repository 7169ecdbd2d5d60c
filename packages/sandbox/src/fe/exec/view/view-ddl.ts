// The DDL text and binlog payloads of views. CREATE_TABLE carries the text SHOW CREATE VIEW prints; ALTER
// VIEW records an AlterViewInfo (MODIFY_VIEW_DEF), which 2.1 ships wrapped in a BARRIER.
import type { View } from '../../../catalog/table.js';
import type { DorisType } from '../../../types/doris-type.js';
import { typeToBinlogJson } from '../../../types/index.js';

function escapeSingle(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/**
 * SHOW CREATE VIEW as Doris 2.1 prints it: no column list, and the table comment, which for a view without
 * one reads `VIEW` (2.1's Table.getComment falls back to the table type name).
 */
export function createViewSql(view: View): string {
  return `CREATE VIEW \`${view.name}\` COMMENT '${escapeSingle(view.comment || 'VIEW')}' AS ${view.definition};`;
}

/** CREATE_TABLE record of a new view (CreateTableRecord: the view's DDL, table type VIEW). */
export function createViewRecord(seq: bigint, dbId: bigint, dbName: string, view: View): object {
  return {
    commitSeq: seq,
    dbId,
    dbName,
    tableId: view.id,
    tableName: view.name,
    tableType: 'VIEW',
    sql: createViewSql(view),
  };
}

/**
 * A view column as Gson writes a catalog Column built by `new Column(name, type)`: nullable, not a key,
 * no aggregation (null members are omitted by Gson), unique id -1.
 */
function columnJson(c: {
  readonly name: string;
  readonly type: DorisType;
  readonly comment: string;
}): object {
  return {
    name: c.name,
    type: typeToBinlogJson(c.type),
    isAggregationTypeImplicit: false,
    isKey: false,
    isAllowNull: true,
    isAutoInc: false,
    autoIncInitValue: -1,
    comment: c.comment,
    children: [],
    visible: true,
    uniqueId: -1,
    clusterKeyId: -1,
  };
}

/** AlterViewInfo: the new definition and the new full schema of the view. sql_mode is 0 (Doris's default). */
export function alterViewInfo(
  dbId: bigint,
  viewId: bigint,
  definition: string,
  columns: ReadonlyArray<{ readonly name: string; readonly type: DorisType; readonly comment: string }>,
): object {
  return {
    dbId,
    tableId: viewId,
    inlineViewDef: definition,
    sqlMode: 0,
    newFullSchema: columns.map(columnJson),
  };
}

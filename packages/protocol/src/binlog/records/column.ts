import { asList, asObject, type ObjectReader } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';

/** The `type` member of a serialized column (a Doris ScalarType and friends). */
export interface ColumnType {
  /** Primitive type name such as `VARCHAR`, `BIGINT`, `DECIMAL128`; `''` for complex types without it. */
  readonly type: string;
  readonly len: number;
  readonly precision: number;
  readonly scale: number;
  readonly raw: JsonObject;
}

/**
 * A serialized catalog column (MODIFY_TABLE_ADD_OR_DROP_COLUMNS `indexSchemaMap`, MODIFY_VIEW_DEF
 * `newFullSchema`, distribution columns). Absent members read as zero/empty/false, except
 * `defaultValue`/`realDefaultValue`, which stay undefined when the column has no default.
 */
export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  readonly aggregationType: string;
  readonly isAggregationTypeImplicit: boolean;
  readonly isKey: boolean;
  readonly isAllowNull: boolean;
  readonly isAutoInc: boolean;
  readonly defaultValue: string | undefined;
  readonly realDefaultValue: string | undefined;
  readonly comment: string;
  readonly visible: boolean;
  readonly uniqueId: number;
  readonly children: readonly ColumnDef[];
  readonly raw: JsonObject;
}

export function readColumnType(r: ObjectReader): ColumnType {
  return {
    type: r.string('type'),
    len: r.int('len'),
    precision: r.int('precision'),
    scale: r.int('scale'),
    raw: r.raw,
  };
}

export function readColumn(r: ObjectReader): ColumnDef {
  return {
    name: r.string('name'),
    type: readColumnType(r.objectOrEmpty('type')),
    aggregationType: r.string('aggregationType'),
    isAggregationTypeImplicit: r.boolean('isAggregationTypeImplicit'),
    isKey: r.boolean('isKey'),
    isAllowNull: r.boolean('isAllowNull'),
    isAutoInc: r.boolean('isAutoInc'),
    defaultValue: r.optionalString('defaultValue'),
    realDefaultValue: r.optionalString('realDefaultValue'),
    comment: r.string('comment'),
    visible: r.boolean('visible'),
    uniqueId: r.int('uniqueId'),
    children: r.objectList('children', readColumn),
    raw: r.raw,
  };
}

/** `indexSchemaMap`: index id → full column list of that index. */
export function readIndexSchemaMap(r: ObjectReader): Map<bigint, readonly ColumnDef[]> {
  return r.idMap('indexSchemaMap', (value, path) =>
    asList(value, path, (element, elementPath) => readColumn(asObject(element, elementPath))),
  );
}

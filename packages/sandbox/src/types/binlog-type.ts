import type { DorisType } from './doris-type.js';
import { assertNever } from './errors.js';
import {
  DATETIME_CATALOG_PRECISION,
  MAX_DECIMAL32_PRECISION,
  MAX_DECIMAL64_PRECISION,
  MAX_STRING_LENGTH,
} from './type-limits.js';

/**
 * The FE's PrimitiveType enum constant name for a type, which is what Gson writes for the `type` member of a
 * column's type object in binlog records and catalog images. Note it is the Java enum name: decimalv3 of
 * precision > 18 is `DECIMAL128` (the Thrift name `DECIMAL128I` never appears in JSON), JSON is `JSONB`.
 */
export function typeBinlogName(type: DorisType): string {
  switch (type.kind) {
    case 'BOOLEAN':
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'LARGEINT':
    case 'FLOAT':
    case 'DOUBLE':
    case 'CHAR':
    case 'VARCHAR':
    case 'STRING':
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
    case 'VARIANT':
      return type.kind;
    case 'DECIMAL':
      if (type.precision <= MAX_DECIMAL32_PRECISION) return 'DECIMAL32';
      return type.precision <= MAX_DECIMAL64_PRECISION ? 'DECIMAL64' : 'DECIMAL128';
    case 'DATE':
      return 'DATEV2';
    case 'DATETIME':
      return 'DATETIMEV2';
    case 'JSON':
      return 'JSONB';
    default:
      return assertNever(type);
  }
}

/** Gson's rendering of a ScalarType: the runtime-type tag, then the @SerializedName fields in order. */
export interface BinlogScalarType {
  readonly clazz: 'ScalarType';
  readonly type: string;
  readonly len: number;
  readonly precision: number;
  readonly scale: number;
}

/** Gson's rendering of an ArrayType. */
export interface BinlogArrayType {
  readonly clazz: 'ArrayType';
  readonly itemType: BinlogColumnType;
  readonly containsNull: boolean;
}

/** Gson's rendering of a MapType (both flags are always true in Doris). */
export interface BinlogMapType {
  readonly clazz: 'MapType';
  readonly keyType: BinlogColumnType;
  readonly isKeyContainsNull: boolean;
  readonly valueType: BinlogColumnType;
  readonly isValueContainsNull: boolean;
}

/** Gson's rendering of a StructType: its StructFields with their position and (always true) nullability. */
export interface BinlogStructType {
  readonly clazz: 'StructType';
  readonly fields: readonly {
    readonly name: string;
    readonly type: BinlogColumnType;
    readonly comment: string;
    readonly position: number;
    readonly containsNull: boolean;
  }[];
}

export type BinlogColumnType = BinlogScalarType | BinlogArrayType | BinlogMapType | BinlogStructType;

function scalar(type: string, len: number, precision: number, scale: number): BinlogScalarType {
  return { clazz: 'ScalarType', type, len, precision, scale };
}

/**
 * The column type object as the FE's Gson writes it (`"type":{...}` of a column in binlog records): Type is
 * registered with a RuntimeTypeAdapterFactory keyed `clazz`, and Gson writes every int field, so `len` is -1
 * where unused and `precision`/`scale` 0 where unused. DATETIMEV2 carries precision 18 like the FE catalog.
 */
export function typeToBinlogJson(type: DorisType): BinlogColumnType {
  const name = typeBinlogName(type);
  switch (type.kind) {
    case 'BOOLEAN':
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'LARGEINT':
    case 'FLOAT':
    case 'DOUBLE':
    case 'DATE':
      return scalar(name, -1, 0, 0);
    case 'DECIMAL':
      return scalar(name, -1, type.precision, type.scale);
    case 'DATETIME':
      return scalar(name, -1, DATETIME_CATALOG_PRECISION, type.scale);
    case 'CHAR':
    case 'VARCHAR':
      return scalar(name, type.length, 0, 0);
    case 'STRING':
    case 'JSON':
      return scalar(name, MAX_STRING_LENGTH, 0, 0);
    case 'VARIANT':
      return scalar(name, -1, 0, 0);
    case 'MAP':
      return {
        clazz: 'MapType',
        keyType: typeToBinlogJson(type.key),
        isKeyContainsNull: true,
        valueType: typeToBinlogJson(type.value),
        isValueContainsNull: true,
      };
    case 'STRUCT':
      return {
        clazz: 'StructType',
        fields: type.fields.map((f, position) => ({
          name: f.name,
          type: typeToBinlogJson(f.type),
          comment: f.comment,
          position,
          containsNull: true,
        })),
      };
    case 'ARRAY':
      return {
        clazz: 'ArrayType',
        itemType: typeToBinlogJson(type.element),
        containsNull: type.elementNullable,
      };
    default:
      return assertNever(type);
  }
}

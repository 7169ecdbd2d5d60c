/** Canonical scalar type names; aliases are folded (INTEGER → INT, TEXT → STRING, DECIMALV3 → DECIMAL, …). */
export type ScalarTypeName =
  | 'BOOLEAN'
  | 'TINYINT'
  | 'SMALLINT'
  | 'INT'
  | 'BIGINT'
  | 'LARGEINT'
  | 'FLOAT'
  | 'DOUBLE'
  | 'DECIMAL'
  | 'DATE'
  | 'DATETIME'
  | 'CHAR'
  | 'VARCHAR'
  | 'STRING'
  | 'JSON'
  | 'VARIANT';

/**
 * A scalar column type. `length` is set for CHAR/VARCHAR when written (`VARCHAR(*)` and a missing
 * length leave it unset), `precision`/`scale` for DECIMAL and `precision` for DATETIME when written.
 * `displayWidth` records the MySQL-style width of integer types (`int(11)`, printed by older Doris
 * releases); it has no effect on values.
 */
export interface ScalarType {
  readonly kind: 'ScalarType';
  readonly name: ScalarTypeName;
  readonly length?: number;
  readonly displayWidth?: number;
  readonly precision?: number;
  readonly scale?: number;
}

/** `ARRAY<element>`. */
export interface ArrayType {
  readonly kind: 'ArrayType';
  readonly element: DataType;
}

/** `MAP<key, value>`. */
export interface MapType {
  readonly kind: 'MapType';
  readonly key: DataType;
  readonly value: DataType;
}

/** One `name:type [COMMENT '…']` of a STRUCT. */
export interface StructFieldType {
  readonly name: string;
  readonly type: DataType;
  readonly comment?: string;
}

/** `STRUCT<name:type, …>`. */
export interface StructType {
  readonly kind: 'StructType';
  readonly fields: readonly StructFieldType[];
}

export type DataType = ScalarType | ArrayType | MapType | StructType;

/** A type's name for messages and for places that only care about the family (`ARRAY`, `MAP`, `INT`). */
export function dataTypeLabel(type: DataType): string {
  switch (type.kind) {
    case 'ScalarType':
      return type.name;
    case 'ArrayType':
      return 'ARRAY';
    case 'MapType':
      return 'MAP';
    case 'StructType':
      return 'STRUCT';
  }
}

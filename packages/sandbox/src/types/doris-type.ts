// The column types the sandbox supports, as a tagged union. Names follow Doris's primitive type names
// (as they appear in SHOW CREATE TABLE and in binlog column objects).

export type DorisType =
  | { readonly kind: 'BOOLEAN' }
  | { readonly kind: 'TINYINT' }
  | { readonly kind: 'SMALLINT' }
  | { readonly kind: 'INT' }
  | { readonly kind: 'BIGINT' }
  | { readonly kind: 'LARGEINT' }
  | { readonly kind: 'FLOAT' }
  | { readonly kind: 'DOUBLE' }
  /** DECIMALV3(precision, scale); precision 1..38, scale 0..precision. */
  | { readonly kind: 'DECIMAL'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'DATE' }
  /** DATETIMEV2(scale); scale 0..6 fractional-second digits. */
  | { readonly kind: 'DATETIME'; readonly scale: number }
  | { readonly kind: 'CHAR'; readonly length: number }
  | { readonly kind: 'VARCHAR'; readonly length: number }
  | { readonly kind: 'STRING' }
  | { readonly kind: 'JSON' }
  | { readonly kind: 'ARRAY'; readonly element: DorisType; readonly elementNullable: boolean }
  /** MAP<key, value>; keys and values are always nullable in Doris. */
  | { readonly kind: 'MAP'; readonly key: DorisType; readonly value: DorisType }
  /** STRUCT<name:type, …>; fields are always nullable in Doris, names lower-cased as Doris keeps them. */
  | { readonly kind: 'STRUCT'; readonly fields: readonly StructField[] }
  /**
   * A semi-structured JSON value (Doris 2.1+); the sandbox keeps the document, not the extracted subcolumns.
   * `flattenNested` marks a column read from a table with `variant_enable_flatten_nested`: its arrays of
   * objects are nested columns, so `v['arr']['a']` is the array of every element's `a`. It is set on the
   * columns a query reads, never on a column's stored type.
   */
  | { readonly kind: 'VARIANT'; readonly flattenNested?: true };

export interface StructField {
  readonly name: string;
  readonly type: DorisType;
  readonly comment: string;
}

export type DorisTypeKind = DorisType['kind'];

/**
 * The stored form of a non-null value: JSON-safe, so rows can be kept as JSON text.
 * BOOLEAN 0|1; TINYINT/SMALLINT/INT number; BIGINT/LARGEINT decimal string (exact);
 * FLOAT/DOUBLE number; DECIMAL canonical string with exactly `scale` fraction digits ("12.50");
 * DATE "YYYY-MM-DD"; DATETIME "YYYY-MM-DD HH:MM:SS" plus ".ffffff" cut to `scale` digits;
 * CHAR/VARCHAR/STRING string; JSON and VARIANT canonical JSON text; ARRAY an array of stored elements (null
 * allowed); MAP an array of [key, value] pairs in insertion order; STRUCT an array of field values in field
 * order.
 */
export type StoredValue = number | string | StoredValue[] | null;

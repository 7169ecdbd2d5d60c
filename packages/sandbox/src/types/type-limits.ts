// Doris's limits for type parameters and values (fe-common ScalarType / PrimitiveType, BE int widths).

export const MAX_DECIMAL_PRECISION = 38;
/** DECIMAL with no parameters is DECIMAL(9, 0), ScalarType.DEFAULT_PRECISION / DEFAULT_SCALE. */
export const DEFAULT_DECIMAL_PRECISION = 9;
export const DEFAULT_DECIMAL_SCALE = 0;
/** Decimal precisions up to these fit DECIMAL32 / DECIMAL64; above, DECIMAL128. */
export const MAX_DECIMAL32_PRECISION = 9;
export const MAX_DECIMAL64_PRECISION = 18;
/** AVG of a decimal keeps at least this many fraction digits (ScalarType.DEFAULT_MIN_AVG_DECIMAL128_SCALE). */
export const MIN_AVG_DECIMAL_SCALE = 4;

export const MAX_DATETIME_SCALE = 6;
/** DATETIMEV2's precision in the FE catalog is always 18 (ScalarType.DATETIME_PRECISION). */
export const DATETIME_CATALOG_PRECISION = 18;

export const MAX_CHAR_LENGTH = 255;
export const MAX_VARCHAR_LENGTH = 65533;
/** STRING and JSONB lengths: 2 GiB minus the 4-byte length prefix. */
export const MAX_STRING_LENGTH = 0x7fffffff - 4;

/** Inclusive value range of each integer kind. */
export const INTEGER_RANGES = {
  TINYINT: { min: -(2n ** 7n), max: 2n ** 7n - 1n, bytes: 1 },
  SMALLINT: { min: -(2n ** 15n), max: 2n ** 15n - 1n, bytes: 2 },
  INT: { min: -(2n ** 31n), max: 2n ** 31n - 1n, bytes: 4 },
  BIGINT: { min: -(2n ** 63n), max: 2n ** 63n - 1n, bytes: 8 },
  LARGEINT: { min: -(2n ** 127n), max: 2n ** 127n - 1n, bytes: 16 },
} as const;

export type IntegerKind = keyof typeof INTEGER_RANGES;

/** Largest finite float32. */
export const MAX_FLOAT32 = 3.4028234663852886e38;

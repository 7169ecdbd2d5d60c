// The types of expression results. A column type is a DorisType; a NULL literal (and anything computed only
// from NULLs) has Doris's NULL type, which no column can have, so the engine widens DorisType by one member.
import type { DorisType } from '../../types/index.js';
import type { ColumnKind } from '../mysql/session-types.js';

export interface NullType {
  readonly kind: 'NULL';
}

export type ExprType = DorisType | NullType;

export const NULL_TYPE: NullType = { kind: 'NULL' };
export const BOOLEAN: DorisType = { kind: 'BOOLEAN' };
export const TINYINT: DorisType = { kind: 'TINYINT' };
export const SMALLINT: DorisType = { kind: 'SMALLINT' };
export const INT: DorisType = { kind: 'INT' };
export const BIGINT: DorisType = { kind: 'BIGINT' };
export const LARGEINT: DorisType = { kind: 'LARGEINT' };
export const DOUBLE: DorisType = { kind: 'DOUBLE' };
export const DATE: DorisType = { kind: 'DATE' };
export const STRING: DorisType = { kind: 'STRING' };
export const MAX_VARCHAR: DorisType = { kind: 'VARCHAR', length: 65533 };

export const MAX_PRECISION = 38;

export type IntegerKind = 'TINYINT' | 'SMALLINT' | 'INT' | 'BIGINT' | 'LARGEINT';

/** Integer kinds from narrowest to widest. */
const INTEGER_ORDER: readonly IntegerKind[] = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'LARGEINT'];

export const INTEGER_BOUNDS: Readonly<Record<IntegerKind, { min: bigint; max: bigint }>> = {
  TINYINT: { min: -(2n ** 7n), max: 2n ** 7n - 1n },
  SMALLINT: { min: -(2n ** 15n), max: 2n ** 15n - 1n },
  INT: { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  BIGINT: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
  LARGEINT: { min: -(2n ** 127n), max: 2n ** 127n - 1n },
};

/** Decimal digits of each integer kind when it takes part in decimal arithmetic (DecimalV3Type.forType). */
const INTEGER_DECIMAL_PRECISION: Readonly<Record<IntegerKind, number>> = {
  TINYINT: 3,
  SMALLINT: 5,
  INT: 10,
  BIGINT: 20,
  LARGEINT: MAX_PRECISION,
};

export function isIntegerType(type: ExprType): type is DorisType & { kind: IntegerKind } {
  return (INTEGER_ORDER as readonly string[]).includes(type.kind);
}

export function isFloatType(type: ExprType): boolean {
  return type.kind === 'FLOAT' || type.kind === 'DOUBLE';
}

export function isDecimalType(type: ExprType): type is DorisType & { kind: 'DECIMAL' } {
  return type.kind === 'DECIMAL';
}

/** Numbers in the SQL sense, BOOLEAN included (Doris computes with it as 0/1). */
export function isNumericType(type: ExprType): boolean {
  return isIntegerType(type) || isFloatType(type) || type.kind === 'DECIMAL' || type.kind === 'BOOLEAN';
}

export function isStringType(type: ExprType): boolean {
  return type.kind === 'CHAR' || type.kind === 'VARCHAR' || type.kind === 'STRING';
}

export function isTemporalType(type: ExprType): type is DorisType & { kind: 'DATE' | 'DATETIME' } {
  return type.kind === 'DATE' || type.kind === 'DATETIME';
}

export function sameType(a: ExprType, b: ExprType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The narrowest integer kind holding `value` (how Doris types an integer literal), or undefined if none does. */
export function integerLiteralType(value: bigint): DorisType | undefined {
  for (const kind of INTEGER_ORDER) {
    const { min, max } = INTEGER_BOUNDS[kind];
    if (value >= min && value <= max) return { kind };
  }
  return undefined;
}

export function widerInteger(a: IntegerKind, b: IntegerKind): IntegerKind {
  return INTEGER_ORDER.indexOf(a) >= INTEGER_ORDER.indexOf(b) ? a : b;
}

/** The next wider integer kind: Doris's `promotion()` for the result of +, - and * on integers. */
export function promoteInteger(kind: IntegerKind): IntegerKind {
  return INTEGER_ORDER[Math.min(INTEGER_ORDER.indexOf(kind) + 1, INTEGER_ORDER.length - 1)] ?? 'LARGEINT';
}

/** An exact numeric type (integer, BOOLEAN or DECIMAL) seen as a decimal, for decimal arithmetic. */
export function asDecimal(type: ExprType): { precision: number; scale: number } {
  if (type.kind === 'DECIMAL') return { precision: type.precision, scale: type.scale };
  if (isIntegerType(type)) return { precision: INTEGER_DECIMAL_PRECISION[type.kind], scale: 0 };
  return { precision: 1, scale: 0 };
}

export function decimalType(precision: number, scale: number): DorisType {
  const s = Math.min(Math.max(scale, 0), MAX_PRECISION);
  const p = Math.min(Math.max(precision, s, 1), MAX_PRECISION);
  return { kind: 'DECIMAL', precision: p, scale: s };
}

/** A string type of `bytes` bytes: VARCHAR up to Doris's VARCHAR limit, STRING beyond. */
export function varcharOf(bytes: number): DorisType {
  return bytes > 65533 ? STRING : { kind: 'VARCHAR', length: Math.max(bytes, 1) };
}

/** The scale a result column of this type announces: DECIMAL's and DATETIME's, none for other types. */
export function columnScaleOf(type: ExprType): number | undefined {
  return type.kind === 'DECIMAL' || type.kind === 'DATETIME' ? type.scale : undefined;
}

/**
 * How a result column of this type is announced to the client. Doris sends CHAR/VARCHAR/STRING and arrays
 * as strings; the NULL type has no better match than a string column.
 */
export function columnKindOf(type: ExprType): ColumnKind {
  switch (type.kind) {
    case 'BOOLEAN':
      return 'boolean';
    case 'TINYINT':
      return 'tinyint';
    case 'SMALLINT':
      return 'smallint';
    case 'INT':
      return 'int';
    case 'BIGINT':
      return 'bigint';
    case 'LARGEINT':
      return 'largeint';
    case 'FLOAT':
      return 'float';
    case 'DOUBLE':
      return 'double';
    case 'DECIMAL':
      return 'decimal';
    case 'DATE':
      return 'date';
    case 'DATETIME':
      return 'datetime';
    case 'JSON':
      return 'json';
    case 'CHAR':
    case 'VARCHAR':
    case 'STRING':
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
    case 'VARIANT':
    case 'NULL':
      return 'varchar';
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

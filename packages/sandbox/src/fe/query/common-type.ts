// The common type of several expressions: the result type of CASE, IF, COALESCE and IFNULL, whose branches
// are converted to it (Doris's findWiderCommonType for these functions, for the types the sandbox has).
import type { DorisType } from '../../types/index.js';
import {
  asDecimal,
  DOUBLE,
  decimalType,
  type ExprType,
  type IntegerKind,
  isDecimalType,
  isFloatType,
  isIntegerType,
  isStringType,
  isTemporalType,
  MAX_PRECISION,
  MAX_VARCHAR,
  NULL_TYPE,
  STRING,
  sameType,
  widerInteger,
} from './expr-type.js';

function stringCommon(types: readonly DorisType[]): DorisType {
  let length = 0;
  for (const type of types) {
    if (type.kind === 'STRING') return STRING;
    if (type.kind === 'CHAR' || type.kind === 'VARCHAR') length = Math.max(length, type.length);
    else return MAX_VARCHAR;
  }
  return { kind: 'VARCHAR', length };
}

function numericCommon(types: readonly DorisType[]): DorisType {
  if (types.some(isFloatType)) return DOUBLE;
  if (types.some(isDecimalType)) {
    let scale = 0;
    let integral = 0;
    for (const type of types) {
      const d = asDecimal(type);
      scale = Math.max(scale, d.scale);
      integral = Math.max(integral, d.precision - d.scale);
    }
    if (integral + scale > MAX_PRECISION)
      return decimalType(MAX_PRECISION, Math.max(MAX_PRECISION - integral, 0));
    return decimalType(integral + scale, scale);
  }
  let widest: IntegerKind | undefined;
  for (const type of types) {
    if (isIntegerType(type)) widest = widest === undefined ? type.kind : widerInteger(widest, type.kind);
  }
  return widest === undefined ? { kind: 'BOOLEAN' } : { kind: widest };
}

/**
 * The type every one of `types` converts to. NULL types are ignored (a NULL fits any type); strings mixed
 * with anything else give a string, numbers give the widest number (DOUBLE once a float is involved),
 * dates and datetimes give a datetime.
 */
export function commonType(types: readonly ExprType[]): ExprType {
  const known = types.filter((type): type is DorisType => type.kind !== 'NULL');
  const [first] = known;
  if (first === undefined) return NULL_TYPE;
  if (known.every((type) => sameType(type, first))) return first;
  if (
    known.every(
      (type) =>
        isIntegerType(type) || isFloatType(type) || type.kind === 'DECIMAL' || type.kind === 'BOOLEAN',
    )
  ) {
    return numericCommon(known);
  }
  if (known.every(isTemporalType)) {
    const scale = Math.max(...known.map((type) => (type.kind === 'DATETIME' ? type.scale : 0)));
    return known.some((type) => type.kind === 'DATETIME') ? { kind: 'DATETIME', scale } : { kind: 'DATE' };
  }
  if (known.every(isStringType)) return stringCommon(known);
  return MAX_VARCHAR;
}

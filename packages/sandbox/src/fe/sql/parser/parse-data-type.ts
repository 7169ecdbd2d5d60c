import type { DataType, ScalarType, ScalarTypeName, StructFieldType, StructType } from '../ast/data-type.js';
import type { TokenCursor } from './cursor.js';
import { parseIdentifier, parseSmallInteger } from './parse-common.js';

/** Spellings without parameters, folded to their canonical name. */
const PLAIN_TYPES: Readonly<Record<string, ScalarTypeName>> = {
  BOOLEAN: 'BOOLEAN',
  BOOL: 'BOOLEAN',
  TINYINT: 'TINYINT',
  SMALLINT: 'SMALLINT',
  INT: 'INT',
  INTEGER: 'INT',
  BIGINT: 'BIGINT',
  LARGEINT: 'LARGEINT',
  FLOAT: 'FLOAT',
  DOUBLE: 'DOUBLE',
  DATE: 'DATE',
  DATEV2: 'DATE',
  STRING: 'STRING',
  TEXT: 'STRING',
  JSON: 'JSON',
  JSONB: 'JSON',
  VARIANT: 'VARIANT',
};

const INTEGER_TYPES: ReadonlySet<ScalarTypeName> = new Set([
  'TINYINT',
  'SMALLINT',
  'INT',
  'BIGINT',
  'LARGEINT',
]);

/** Doris types that exist but that the sandbox does not implement. */
const UNSUPPORTED_TYPES: ReadonlySet<string> = new Set([
  'BITMAP',
  'HLL',
  'QUANTILE_STATE',
  'AGG_STATE',
  'IPV4',
  'IPV6',
  'DECIMALV2',
  'DATEV1',
  'DATETIMEV1',
  'TIME',
  'TIMEV2',
  'NUMERIC',
  'SIGNED',
  'UNSIGNED',
]);

const MAX_DECIMAL_PRECISION = 76;
const MAX_DATETIME_PRECISION = 6;

/**
 * A column type: BOOLEAN, integers, FLOAT/DOUBLE, DECIMAL(p,s), DATE, DATETIME(p), CHAR/VARCHAR(n), STRING,
 * JSON, VARIANT, ARRAY<T>, MAP<K,V>, STRUCT<name:T, …>.
 */
export function parseDataType(c: TokenCursor): DataType {
  return c.nested(() => parseDataTypeInner(c));
}

function parseDataTypeInner(c: TokenCursor): DataType {
  const token = c.peek();
  if (token.type !== 'word') throw c.fail('data type');
  const name = token.upper;
  const plain = PLAIN_TYPES[name];
  if (plain !== undefined) {
    c.next();
    if (!c.isOp('(')) return { kind: 'ScalarType', name: plain };
    if (!INTEGER_TYPES.has(plain)) throw c.fail(`no parameters after ${name}`);
    c.next();
    const displayWidth = parseSmallInteger(c, 'display width');
    c.expectOp(')');
    return { kind: 'ScalarType', name: plain, displayWidth };
  }
  switch (name) {
    case 'DECIMAL':
    case 'DECIMALV3':
      c.next();
      return parseDecimal(c);
    case 'DATETIME':
    case 'DATETIMEV2':
      c.next();
      return parseDatetime(c);
    case 'CHAR':
    case 'VARCHAR':
      c.next();
      return parseCharacter(c, name);
    case 'ARRAY': {
      c.next();
      c.expectOp('<');
      const element = parseDataType(c);
      c.expectOp('>');
      return { kind: 'ArrayType', element };
    }
    case 'MAP': {
      c.next();
      c.expectOp('<');
      const key = parseDataType(c);
      c.expectOp(',');
      const value = parseDataType(c);
      c.expectOp('>');
      return { kind: 'MapType', key, value };
    }
    case 'STRUCT':
      c.next();
      return parseStruct(c);
    default:
      if (UNSUPPORTED_TYPES.has(name)) throw c.unsupported(`data type ${name}`);
      throw c.fail('data type');
  }
}

/** `<name:type [COMMENT 'text'], …>` after STRUCT; Doris lower-cases field names and refuses duplicates. */
function parseStruct(c: TokenCursor): StructType {
  c.expectOp('<');
  const fields: StructFieldType[] = [];
  do {
    const token = c.peek();
    const name = parseIdentifier(c, 'struct field name').toLowerCase();
    if (fields.some((f) => f.name === name)) throw c.fail(`a struct field name other than ${name}`, token);
    c.expectOp(':');
    const type = parseDataType(c);
    if (c.acceptWord('COMMENT')) {
      const comment = c.peek();
      if (comment.type !== 'string') throw c.fail('comment string');
      c.next();
      fields.push({ name, type, comment: comment.value });
    } else {
      fields.push({ name, type });
    }
  } while (c.acceptOp(','));
  c.expectOp('>');
  return { kind: 'StructType', fields };
}

function parseDecimal(c: TokenCursor): ScalarType {
  if (!c.acceptOp('(')) return { kind: 'ScalarType', name: 'DECIMAL' };
  const precisionToken = c.peek();
  const precision = parseSmallInteger(c, 'decimal precision');
  if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
    throw c.fail(`decimal precision between 1 and ${MAX_DECIMAL_PRECISION}`, precisionToken);
  }
  let scale: number | undefined;
  if (c.acceptOp(',')) {
    const scaleToken = c.peek();
    scale = parseSmallInteger(c, 'decimal scale');
    if (scale > precision) throw c.fail(`decimal scale at most the precision ${precision}`, scaleToken);
  }
  c.expectOp(')');
  return scale === undefined
    ? { kind: 'ScalarType', name: 'DECIMAL', precision }
    : { kind: 'ScalarType', name: 'DECIMAL', precision, scale };
}

function parseDatetime(c: TokenCursor): ScalarType {
  if (!c.acceptOp('(')) return { kind: 'ScalarType', name: 'DATETIME' };
  const token = c.peek();
  const precision = parseSmallInteger(c, 'datetime precision');
  if (precision > MAX_DATETIME_PRECISION) {
    throw c.fail(`datetime precision between 0 and ${MAX_DATETIME_PRECISION}`, token);
  }
  c.expectOp(')');
  return { kind: 'ScalarType', name: 'DATETIME', precision };
}

function parseCharacter(c: TokenCursor, name: 'CHAR' | 'VARCHAR'): ScalarType {
  if (!c.acceptOp('(')) return { kind: 'ScalarType', name };
  if (c.acceptOp('*')) {
    c.expectOp(')');
    return { kind: 'ScalarType', name };
  }
  const token = c.peek();
  const length = parseSmallInteger(c, `${name.toLowerCase()} length`);
  if (length < 1) throw c.fail(`${name.toLowerCase()} length of at least 1`, token);
  c.expectOp(')');
  return { kind: 'ScalarType', name, length };
}

import type {
  AggregationType,
  ColumnDefault,
  ColumnDefinition,
  IndexDefinition,
  IndexType,
} from '../ast/column.js';
import type { TokenCursor } from './cursor.js';
import {
  parseIdentifier,
  parseIdentifierList,
  parseOptionalProperties,
  parseSmallInteger,
  parseString,
} from './parse-common.js';
import { parseDataType } from './parse-data-type.js';
import { parseExpression } from './parse-expression.js';

const AGGREGATIONS: ReadonlySet<string> = new Set(['SUM', 'MIN', 'MAX', 'REPLACE', 'REPLACE_IF_NOT_NULL']);
const UNSUPPORTED_AGGREGATIONS: ReadonlySet<string> = new Set([
  'BITMAP_UNION',
  'HLL_UNION',
  'QUANTILE_UNION',
  'GENERIC',
]);
const INDEX_TYPES: ReadonlySet<string> = new Set(['INVERTED', 'NGRAM_BF', 'BITMAP']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * `name type [KEY] [agg] [[GENERATED ALWAYS] AS (expr)] [[NOT] NULL] [AUTO_INCREMENT[(n)]] [DEFAULT …]
 * [ON UPDATE CURRENT_TIMESTAMP] [COMMENT '…']`.
 * The attributes may come in any order, each at most once.
 */
export function parseColumnDefinition(c: TokenCursor): ColumnDefinition {
  const name = parseIdentifier(c, 'column name');
  const type = parseDataType(c);
  const column: Mutable<ColumnDefinition> = { name, type, isKey: false };
  const seen = new Set<string>();
  const once = (attribute: string): void => {
    if (seen.has(attribute)) throw c.fail(`${attribute} at most once`);
    seen.add(attribute);
  };
  for (;;) {
    const token = c.peek();
    if (token.type !== 'word') return column;
    const word = token.upper;
    if (word === 'KEY') {
      once('KEY');
      c.next();
      column.isKey = true;
    } else if (AGGREGATIONS.has(word)) {
      once('aggregation type');
      c.next();
      column.aggregation = word as AggregationType;
    } else if (UNSUPPORTED_AGGREGATIONS.has(word)) {
      throw c.unsupported(`aggregation type ${word}`);
    } else if (word === 'NULL') {
      once('NULL / NOT NULL');
      c.next();
      column.nullable = true;
    } else if (word === 'NOT' && c.isWord('NULL', 1)) {
      once('NULL / NOT NULL');
      c.next();
      c.next();
      column.nullable = false;
    } else if (word === 'AUTO_INCREMENT') {
      once('AUTO_INCREMENT');
      c.next();
      if (c.acceptOp('(')) {
        const start = c.peek();
        if (start.type !== 'integer') throw c.fail('AUTO_INCREMENT start value');
        c.next();
        c.expectOp(')');
        column.autoIncrement = { start: BigInt(start.value) };
      } else {
        column.autoIncrement = {};
      }
    } else if (word === 'DEFAULT') {
      once('DEFAULT');
      c.next();
      column.default = parseColumnDefault(c);
    } else if (word === 'ON' && c.isWord('UPDATE', 1)) {
      once('ON UPDATE');
      c.next();
      c.next();
      c.expectWord('CURRENT_TIMESTAMP');
      const precision = parseOptionalPrecision(c);
      column.onUpdateCurrentTimestamp = precision === undefined ? {} : { precision };
    } else if (word === 'COMMENT') {
      once('COMMENT');
      c.next();
      column.comment = parseString(c, 'comment string');
    } else if (word === 'GENERATED' || word === 'AS') {
      once('AS (expression)');
      if (c.acceptWord('GENERATED')) c.expectWord('ALWAYS');
      c.expectWord('AS');
      c.expectOp('(');
      const first = c.peek();
      const expr = parseExpression(c);
      const close = c.peek();
      c.expectOp(')');
      const sql = c.source.slice(first.start, close.start).trim();
      column.generated = { expr, sql };
    } else {
      return column;
    }
  }
}

function parseOptionalPrecision(c: TokenCursor): number | undefined {
  if (!c.acceptOp('(')) return undefined;
  if (c.acceptOp(')')) return undefined;
  const precision = parseSmallInteger(c, 'precision');
  c.expectOp(')');
  return precision;
}

function parseColumnDefault(c: TokenCursor): ColumnDefault {
  const token = c.peek();
  switch (token.type) {
    case 'string':
      c.next();
      return { kind: 'StringDefault', value: token.value };
    case 'integer':
    case 'decimal':
      c.next();
      return { kind: 'NumberDefault', text: token.value };
    case 'op': {
      if (token.value !== '-' && token.value !== '+') break;
      const number = c.peek(1);
      if (number.type !== 'integer' && number.type !== 'decimal') break;
      c.next();
      c.next();
      return { kind: 'NumberDefault', text: token.value === '-' ? `-${number.value}` : number.value };
    }
    case 'word':
      switch (token.upper) {
        case 'NULL':
          c.next();
          return { kind: 'NullDefault' };
        case 'CURRENT_TIMESTAMP': {
          c.next();
          const precision = parseOptionalPrecision(c);
          return precision === undefined
            ? { kind: 'CurrentTimestampDefault' }
            : { kind: 'CurrentTimestampDefault', precision };
        }
        case 'CURRENT_DATE':
          c.next();
          if (c.acceptOp('(')) c.expectOp(')');
          return { kind: 'CurrentDateDefault' };
        case 'BITMAP_EMPTY':
        case 'PI':
        case 'E':
        case 'NOW':
          throw c.unsupported(`DEFAULT ${token.upper}`);
        default:
          break;
      }
      break;
    default:
      break;
  }
  throw c.fail('default value (string, number, NULL or CURRENT_TIMESTAMP)');
}

/** `USING INVERTED|NGRAM_BF|BITMAP`. */
export function parseIndexType(c: TokenCursor): IndexType {
  c.expectWord('USING');
  const token = c.peek();
  if (token.type !== 'word' || !INDEX_TYPES.has(token.upper)) throw c.fail('INVERTED, NGRAM_BF or BITMAP');
  c.next();
  return token.upper as IndexType;
}

/** `name (cols) USING type [PROPERTIES (…)] [COMMENT '…']` (after the INDEX keyword). */
export function parseIndexDefinition(c: TokenCursor): IndexDefinition {
  const name = parseIdentifier(c, 'index name');
  const columns = parseIdentifierList(c);
  const indexType = parseIndexType(c);
  const properties = parseOptionalProperties(c);
  if (c.acceptWord('COMMENT')) {
    return { name, columns, indexType, properties, comment: parseString(c, 'comment string') };
  }
  return { name, columns, indexType, properties };
}

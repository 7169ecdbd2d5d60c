import type { ColumnDefinition, IndexDefinition } from '../ast/column.js';
import type { PartitionScheme, RollupDefinition } from '../ast/partition.js';
import type {
  CreateTableLikeStatement,
  CreateTableStatement,
  KeysDesc,
  KeysType,
} from '../ast/table-statements.js';
import type { TokenCursor } from './cursor.js';
import { parseColumnDefinition, parseIndexDefinition } from './parse-column.js';
import {
  parseIdentifier,
  parseIdentifierList,
  parseIfNotExists,
  parseOptionalProperties,
  parseString,
  parseTableName,
} from './parse-common.js';
import { parseOptionalDistribution, parsePartitionScheme, parseRollupDefinition } from './parse-partition.js';

const KEYS_TYPES: ReadonlySet<string> = new Set(['DUPLICATE', 'UNIQUE', 'AGGREGATE']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** After `CREATE TABLE`: a full definition or `LIKE source`. */
export function parseCreateTable(c: TokenCursor): CreateTableStatement | CreateTableLikeStatement {
  const ifNotExists = parseIfNotExists(c);
  const table = parseTableName(c);
  if (c.acceptWord('LIKE')) {
    const source = parseTableName(c);
    if (c.isWords('WITH', 'ROLLUP')) throw c.unsupported('CREATE TABLE … LIKE … WITH ROLLUP');
    return { kind: 'CreateTableLikeStatement', ifNotExists, table, source };
  }
  if (c.isWord('AS') || c.isWord('SELECT')) throw c.unsupported('CREATE TABLE … AS SELECT');
  if (!c.isOp('(')) throw c.fail("'(' or LIKE");
  const { columns, indexes } = parseTableElements(c);
  if (c.isWord('AS') || c.isWord('SELECT')) throw c.unsupported('CREATE TABLE … AS SELECT');

  const statement: Mutable<CreateTableStatement> = {
    kind: 'CreateTableStatement',
    ifNotExists,
    table,
    columns,
    indexes,
    rollups: [],
    properties: [],
  };
  if (c.acceptWord('ENGINE')) {
    c.expectOp('=');
    const engineToken = c.peek();
    const engine = parseIdentifier(c, 'engine name');
    if (engine.toUpperCase() !== 'OLAP') throw c.unsupported(`ENGINE=${engine}`, engineToken);
    statement.engine = engine;
  }
  const keys = parseOptionalKeys(c);
  if (keys) statement.keys = keys;
  if (c.isWords('CLUSTER', 'BY')) throw c.unsupported('CLUSTER BY');
  if (c.acceptWord('COMMENT')) statement.comment = parseString(c, 'comment string');
  const partitioning = parseOptionalPartitioning(c);
  if (partitioning) statement.partitioning = partitioning;
  const distribution = parseOptionalDistribution(c);
  if (distribution) statement.distribution = distribution;
  statement.rollups = parseOptionalRollups(c);
  statement.properties = parseOptionalProperties(c);
  if (c.isWords('BROKER', 'PROPERTIES') || c.isWord('EXTRA'))
    throw c.unsupported(`${c.peek().upper} PROPERTIES`);
  return statement;
}

function parseTableElements(c: TokenCursor): { columns: ColumnDefinition[]; indexes: IndexDefinition[] } {
  c.expectOp('(');
  const columns: ColumnDefinition[] = [];
  const indexes: IndexDefinition[] = [];
  do {
    if (c.acceptWord('INDEX')) {
      indexes.push(parseIndexDefinition(c));
    } else if (c.isWord('PRIMARY') || c.isWord('CONSTRAINT') || c.isWord('FOREIGN')) {
      throw c.unsupported(`${c.peek().upper} constraint`);
    } else {
      columns.push(parseColumnDefinition(c));
    }
  } while (c.acceptOp(','));
  c.expectOp(')');
  if (columns.length === 0) throw c.fail('at least one column definition', c.previous());
  return { columns, indexes };
}

function parseOptionalKeys(c: TokenCursor): KeysDesc | undefined {
  const token = c.peek();
  if (token.type !== 'word' || !KEYS_TYPES.has(token.upper) || !c.isWord('KEY', 1)) return undefined;
  c.next();
  c.next();
  return { type: token.upper as KeysType, columns: parseIdentifierList(c) };
}

function parseOptionalPartitioning(c: TokenCursor): PartitionScheme | undefined {
  if (c.isWords('AUTO', 'PARTITION')) throw c.unsupported('AUTO PARTITION');
  if (!c.acceptWords('PARTITION', 'BY')) return undefined;
  return parsePartitionScheme(c);
}

function parseOptionalRollups(c: TokenCursor): RollupDefinition[] {
  if (!c.acceptWord('ROLLUP')) return [];
  c.expectOp('(');
  const rollups = [parseRollupDefinition(c)];
  while (c.acceptOp(',')) rollups.push(parseRollupDefinition(c));
  c.expectOp(')');
  return rollups;
}

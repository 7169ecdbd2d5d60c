import type { BrokerLoadStatement, LoadDataStatement } from '../ast/dml-statements.js';
import type { TokenCursor } from './cursor.js';
import {
  parseIdentifierList,
  parseOptionalProperties,
  parsePartitionNames,
  parseSmallInteger,
  parseString,
  parseTableName,
} from './parse-common.js';
import { parseBrokerLoad } from './parse-external-load.js';

/** After `LOAD`: `DATA [LOCAL] INFILE …` (MySQL load) or `LABEL …` (broker load). */
export function parseLoad(c: TokenCursor): LoadDataStatement | BrokerLoadStatement {
  if (c.acceptWord('LABEL')) return parseBrokerLoad(c);
  if (!c.acceptWord('DATA')) throw c.unsupported(`LOAD ${c.peek().upper || ''}`.trim());
  const local = c.acceptWord('LOCAL');
  c.expectWord('INFILE');
  const file = parseString(c, 'file name');
  c.expectWords('INTO', 'TABLE');
  const table = parseTableName(c);
  const statement: {
    -readonly [K in keyof LoadDataStatement]: LoadDataStatement[K];
  } = { kind: 'LoadDataStatement', local, file, table, ignoreLines: 0, properties: [] };
  if (c.acceptWord('PARTITION')) statement.partitions = parsePartitionNames(c, false);
  if (c.acceptWords('COLUMNS', 'TERMINATED', 'BY'))
    statement.columnSeparator = parseString(c, 'column separator');
  if (c.acceptWords('LINES', 'TERMINATED', 'BY')) statement.lineDelimiter = parseString(c, 'line delimiter');
  if (c.acceptWord('IGNORE')) {
    statement.ignoreLines = parseSmallInteger(c, 'number of lines');
    if (!c.acceptWord('LINES')) c.expectWord('ROWS');
  }
  if (c.isOp('(')) statement.columns = parseIdentifierList(c);
  if (c.isWord('SET')) throw c.unsupported('LOAD DATA … SET (column mappings)');
  statement.properties = parseOptionalProperties(c);
  return statement;
}

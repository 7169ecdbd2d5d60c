// Loads that read an external system: routine load (a Kafka stream) and broker load (files on a broker
// process, S3 or HDFS). The sandbox runs neither, so the parser keeps only what their execution checks
// before it would reach the external system — names, files, target tables, the source's properties — and
// skips the column mappings, filters and job properties in between.
import type { BrokerLoadStatement, CreateRoutineLoadStatement, LoadStorage } from '../ast/dml-statements.js';
import type { TokenCursor } from './cursor.js';
import { parseIdentifier, parsePropertyList, parseString, parseTableName } from './parse-common.js';

/** Skips tokens of the statement up to (not including) `word` at parenthesis depth 0. */
function skipUntilWord(c: TokenCursor, word: string): void {
  let depth = 0;
  while (!c.atStatementEnd()) {
    if (depth === 0 && c.isWord(word)) return;
    if (c.isOp('(')) depth++;
    else if (c.isOp(')')) depth--;
    c.next();
  }
  throw c.fail(word);
}

/** After `CREATE ROUTINE LOAD`. */
export function parseCreateRoutineLoad(c: TokenCursor): CreateRoutineLoadStatement {
  const job = parseTableName(c, 'routine load job name');
  const table = c.acceptWord('ON') ? parseIdentifier(c, 'table name') : undefined;
  skipUntilWord(c, 'FROM');
  c.next();
  const dataSource = parseIdentifier(c, 'data source type').toUpperCase();
  const sourceProperties = c.isOp('(') ? parsePropertyList(c) : [];
  if (c.acceptWord('COMMENT')) parseString(c, 'comment');
  return {
    kind: 'CreateRoutineLoadStatement',
    job,
    ...(table === undefined ? {} : { table }),
    dataSource,
    sourceProperties,
  };
}

/** The data descriptions of a broker load: every `INFILE (…)` file and every `INTO TABLE` target. */
function parseDataDescriptions(c: TokenCursor): { files: string[]; tables: string[] } {
  const files: string[] = [];
  const tables: string[] = [];
  c.expectOp('(');
  let depth = 1;
  while (depth > 0) {
    if (c.atStatementEnd()) throw c.fail("')'");
    if (depth === 1 && c.acceptWord('INFILE')) {
      c.expectOp('(');
      do files.push(parseString(c, 'file path'));
      while (c.acceptOp(','));
      c.expectOp(')');
    } else if (depth === 1 && c.acceptWords('INTO', 'TABLE')) {
      tables.push(parseIdentifier(c, 'table name'));
    } else {
      if (c.isOp('(')) depth++;
      else if (c.isOp(')')) depth--;
      c.next();
    }
  }
  return { files, tables };
}

/** After `LOAD LABEL`. */
export function parseBrokerLoad(c: TokenCursor): BrokerLoadStatement {
  const label = parseTableName(c, 'load label');
  const { files, tables } = parseDataDescriptions(c);
  c.expectWord('WITH');
  let storage: LoadStorage;
  if (c.acceptWord('S3')) storage = { kind: 'S3' };
  else if (c.acceptWord('HDFS')) storage = { kind: 'HDFS' };
  else {
    c.expectWord('BROKER');
    const token = c.peek();
    storage = { kind: 'BROKER', name: token.type === 'string' ? parseString(c) : parseIdentifier(c) };
  }
  const storageProperties = c.isOp('(') ? parsePropertyList(c) : [];
  if (c.acceptWord('PROPERTIES')) parsePropertyList(c);
  if (c.acceptWord('COMMENT')) parseString(c, 'comment');
  return { kind: 'BrokerLoadStatement', label, files, tables, storage, storageProperties };
}

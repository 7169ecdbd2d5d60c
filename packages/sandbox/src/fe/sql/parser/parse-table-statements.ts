import type {
  BuildIndexStatement,
  CreateIndexStatement,
  DropIndexStatement,
  DropTableStatement,
  RecoverDatabaseStatement,
  RecoverPartitionStatement,
  RecoverTableStatement,
  TruncateTableStatement,
} from '../ast/table-statements.js';
import type { TokenCursor } from './cursor.js';
import { parseIndexType } from './parse-column.js';
import {
  parseIdentifier,
  parseIdentifierList,
  parseIfExists,
  parseIfNotExists,
  parseOptionalProperties,
  parsePartitionNames,
  parseString,
  parseTableName,
} from './parse-common.js';

/** After `DROP TABLE`: `[IF EXISTS] t [FORCE]`. */
export function parseDropTable(c: TokenCursor): DropTableStatement {
  const ifExists = parseIfExists(c);
  const table = parseTableName(c);
  return { kind: 'DropTableStatement', ifExists, table, force: c.acceptWord('FORCE') };
}

/** After `TRUNCATE TABLE`: `t [PARTITION p | PARTITION(S) (p1, p2)] [FORCE]`. */
export function parseTruncateTable(c: TokenCursor): TruncateTableStatement {
  const table = parseTableName(c);
  let partitions: string[] = [];
  if (c.isWord('TEMPORARY')) throw c.unsupported('TRUNCATE of temporary partitions');
  if (c.acceptWord('PARTITION')) partitions = parsePartitionNames(c, false);
  else if (c.acceptWord('PARTITIONS')) partitions = parsePartitionNames(c, true);
  return { kind: 'TruncateTableStatement', table, partitions, force: c.acceptWord('FORCE') };
}

/** After `RECOVER`: `TABLE t [AS new]`, `PARTITION p FROM t [AS new]` or `DATABASE db [AS new]`. */
export function parseRecover(
  c: TokenCursor,
): RecoverTableStatement | RecoverPartitionStatement | RecoverDatabaseStatement {
  if (c.acceptWord('TABLE')) {
    const table = parseTableName(c);
    const newName = parseOptionalAs(c, 'new table name');
    return newName === undefined
      ? { kind: 'RecoverTableStatement', table }
      : { kind: 'RecoverTableStatement', table, newName };
  }
  if (c.acceptWord('PARTITION')) {
    const partition = parseIdentifier(c, 'partition name');
    c.expectWord('FROM');
    const table = parseTableName(c);
    const newName = parseOptionalAs(c, 'new partition name');
    return newName === undefined
      ? { kind: 'RecoverPartitionStatement', partition, table }
      : { kind: 'RecoverPartitionStatement', partition, table, newName };
  }
  if (c.acceptWord('DATABASE')) {
    const database = parseIdentifier(c, 'database name');
    const newName = parseOptionalAs(c, 'new database name');
    return newName === undefined
      ? { kind: 'RecoverDatabaseStatement', database }
      : { kind: 'RecoverDatabaseStatement', database, newName };
  }
  throw c.fail('TABLE, PARTITION or DATABASE');
}

function parseOptionalAs(c: TokenCursor, what: string): string | undefined {
  if (c.peek().type === 'integer') throw c.unsupported('RECOVER by id');
  return c.acceptWord('AS') ? parseIdentifier(c, what) : undefined;
}

/** After `CREATE INDEX`: `[IF NOT EXISTS] name ON t (cols) USING type [PROPERTIES] [COMMENT]`. */
export function parseCreateIndex(c: TokenCursor): CreateIndexStatement {
  const ifNotExists = parseIfNotExists(c);
  const name = parseIdentifier(c, 'index name');
  c.expectWord('ON');
  const table = parseTableName(c);
  const columns = parseIdentifierList(c);
  const indexType = parseIndexType(c);
  const properties = parseOptionalProperties(c);
  const base = {
    kind: 'CreateIndexStatement' as const,
    ifNotExists,
    name,
    table,
    columns,
    indexType,
    properties,
  };
  return c.acceptWord('COMMENT') ? { ...base, comment: parseString(c, 'comment string') } : base;
}

/** After `DROP INDEX`: `[IF EXISTS] name ON t`. */
export function parseDropIndex(c: TokenCursor): DropIndexStatement {
  const ifExists = parseIfExists(c);
  const name = parseIdentifier(c, 'index name');
  c.expectWord('ON');
  return { kind: 'DropIndexStatement', ifExists, name, table: parseTableName(c) };
}

/** After `BUILD INDEX`: `name ON t [PARTITION (p…)]`. */
export function parseBuildIndex(c: TokenCursor): BuildIndexStatement {
  const name = parseIdentifier(c, 'index name');
  c.expectWord('ON');
  const table = parseTableName(c);
  let partitions: string[] = [];
  if (c.acceptWord('PARTITION')) partitions = parsePartitionNames(c, false);
  else if (c.acceptWord('PARTITIONS')) partitions = parsePartitionNames(c, true);
  return { kind: 'BuildIndexStatement', name, table, partitions };
}

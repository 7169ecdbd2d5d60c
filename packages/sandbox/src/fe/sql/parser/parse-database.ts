import type {
  AlterDatabasePropertiesStatement,
  CreateDatabaseStatement,
  DropDatabaseStatement,
  UseStatement,
} from '../ast/database-statements.js';
import type { TokenCursor } from './cursor.js';
import {
  parseDatabaseName,
  parseIdentifier,
  parseIfExists,
  parseIfNotExists,
  parseOptionalProperties,
  parsePropertyList,
} from './parse-common.js';

/** After `CREATE DATABASE` / `CREATE SCHEMA`. */
export function parseCreateDatabase(c: TokenCursor): CreateDatabaseStatement {
  const ifNotExists = parseIfNotExists(c);
  const database = parseIdentifier(c, 'database name');
  if (c.isOp('.')) throw c.unsupported('catalog-qualified CREATE DATABASE');
  return { kind: 'CreateDatabaseStatement', ifNotExists, database, properties: parseOptionalProperties(c) };
}

/** After `DROP DATABASE` / `DROP SCHEMA`. */
export function parseDropDatabase(c: TokenCursor): DropDatabaseStatement {
  const ifExists = parseIfExists(c);
  const database = parseIdentifier(c, 'database name');
  if (c.isOp('.')) throw c.unsupported('catalog-qualified DROP DATABASE');
  return { kind: 'DropDatabaseStatement', ifExists, database, force: c.acceptWord('FORCE') };
}

/** After `ALTER DATABASE`: `db SET PROPERTIES (…)`. */
export function parseAlterDatabase(c: TokenCursor): AlterDatabasePropertiesStatement {
  const database = parseIdentifier(c, 'database name');
  if (c.isWord('RENAME')) throw c.unsupported('ALTER DATABASE … RENAME');
  if (c.isWords('SET', 'DATA') || c.isWords('SET', 'REPLICA') || c.isWords('SET', 'TRANSACTION')) {
    throw c.unsupported(`ALTER DATABASE … SET ${c.peek(1).upper} QUOTA`);
  }
  c.expectWords('SET', 'PROPERTIES');
  return { kind: 'AlterDatabasePropertiesStatement', database, properties: parsePropertyList(c) };
}

/** After `USE`: `db` or `catalog.db`. */
export function parseUse(c: TokenCursor): UseStatement {
  const { catalog, database } = parseDatabaseName(c);
  if (c.acceptOp('@')) throw c.unsupported('USE db@cluster');
  return catalog === undefined
    ? { kind: 'UseStatement', database }
    : { kind: 'UseStatement', catalog, database };
}

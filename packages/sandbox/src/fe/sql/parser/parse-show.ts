import type { Expression } from '../ast/expression.js';
import type { TableName } from '../ast/names.js';
import type { AlterJobType, ShowFrontendConfigStatement } from '../ast/show-statements.js';
import type { Statement } from '../ast/statement.js';
import type { TokenCursor } from './cursor.js';
import {
  parseIdentifier,
  parseOptionalFromDatabase,
  parseOptionalLike,
  parseString,
  parseTableName,
} from './parse-common.js';
import { parseExpression } from './parse-expression.js';
import { parseOptionalLimit, parseOrderByList } from './parse-select.js';
import { parseShowGrantsTail } from './parse-user.js';

/** Doris SHOW targets that exist but are not implemented by the sandbox. */
const UNSUPPORTED_SHOW_TARGETS: ReadonlySet<string> = new Set([
  'ANALYZE',
  'AUTO',
  'BROKER',
  'CACHE',
  'CATALOG',
  'CATALOGS',
  'CHARACTER',
  'CHARSET',
  'CLUSTERS',
  'COLLATION',
  'COLUMN',
  'CONFIG',
  'CONVERT_LIGHT_SCHEMA_CHANGE_PROCESS',
  'DATABASE',
  'DELETE',
  'DYNAMIC',
  'ENCRYPTKEYS',
  'ENGINES',
  'ERRORS',
  'EVENTS',
  'EXPORT',
  'FILE',
  'FUNCTIONS',
  'LAST',
  'LOAD',
  'OPEN',
  'PARTITION',
  'PLUGINS',
  'POLICY',
  'PRIVILEGES',
  'PROCEDURE',
  'PROCESSLIST',
  'PROPERTY',
  'QUERY',
  'REPLICA',
  'REPOSITORIES',
  'RESOURCES',
  'ROLES',
  'ROLLUP',
  'ROUTINE',
  'SMALL',
  'SNAPSHOT',
  'SQL_BLOCK_RULE',
  'STATUS',
  'STORAGE',
  'STREAM',
  'SYNC',
  'TABLET',
  'TABLETS',
  'TRASH',
  'TRIGGERS',
  'TYPECAST',
  'USERS',
  'WORKLOAD',
]);

/** After `SHOW`. */
export function parseShow(c: TokenCursor): Statement {
  const token = c.peek();
  if (token.type !== 'word') throw c.fail('SHOW target');
  c.next();
  switch (token.upper) {
    case 'DATABASES':
    case 'SCHEMAS':
      return { kind: 'ShowDatabasesStatement', ...parseLikeOrWhere(c) };
    case 'CREATE':
      return parseShowCreate(c);
    case 'FULL':
      if (c.acceptWord('TABLES')) return parseShowTables(c, true);
      if (c.acceptWord('COLUMNS') || c.acceptWord('FIELDS')) return parseShowColumns(c, true);
      if (c.isWord('PROCESSLIST')) throw c.unsupported('SHOW FULL PROCESSLIST');
      throw c.fail('TABLES or COLUMNS');
    case 'TABLES':
      return parseShowTables(c, false);
    case 'TABLE':
      if (c.peek().type === 'integer') {
        const id = c.next();
        return { kind: 'ShowTableIdStatement', tableId: BigInt(id.value) };
      }
      if (c.isWord('STATUS') || c.isWord('CREATION') || c.isWord('STATS')) {
        throw c.unsupported(`SHOW TABLE ${c.peek().upper}`);
      }
      throw c.fail('table id');
    case 'TEMPORARY':
      c.expectWord('PARTITIONS');
      return parseShowPartitions(c, true);
    case 'PARTITIONS':
      return parseShowPartitions(c, false);
    case 'BACKENDS':
      return { kind: 'ShowBackendsStatement' };
    case 'FRONTENDS':
      if (c.isWord('DISKS')) throw c.unsupported('SHOW FRONTENDS DISKS');
      return { kind: 'ShowFrontendsStatement' };
    case 'PROC':
      return { kind: 'ShowProcStatement', path: parseString(c, "proc path such as '/dbs/'") };
    case 'TRANSACTION': {
      const database = parseOptionalFromDatabase(c);
      c.expectWord('WHERE');
      const where = parseExpression(c);
      return database === undefined
        ? { kind: 'ShowTransactionStatement', where }
        : { kind: 'ShowTransactionStatement', database, where };
    }
    case 'FRONTEND':
      return parseShowFrontendConfigTail(c, false);
    case 'ALTER':
      return parseShowAlterTable(c);
    case 'BACKUP':
      return { kind: 'ShowBackupStatement', ...parseFromAndWhere(c) };
    case 'BRIEF':
      c.expectWord('RESTORE');
      return { kind: 'ShowRestoreStatement', brief: true, ...parseFromAndWhere(c) };
    case 'RESTORE':
      return { kind: 'ShowRestoreStatement', brief: false, ...parseFromAndWhere(c) };
    case 'GLOBAL':
    case 'SESSION':
    case 'LOCAL':
      c.expectWord('VARIABLES');
      return {
        kind: 'ShowVariablesStatement',
        scope: token.upper === 'GLOBAL' ? 'GLOBAL' : 'SESSION',
        ...parseLikeOrWhere(c),
      };
    case 'VARIABLES':
      return { kind: 'ShowVariablesStatement', ...parseLikeOrWhere(c) };
    case 'DATA': {
      if (c.isWords('SKEW')) throw c.unsupported('SHOW DATA SKEW');
      const from = c.acceptWord('FROM') ? parseTableName(c) : undefined;
      const orderBy = c.acceptWords('ORDER', 'BY') ? parseOrderByList(c) : [];
      return from ? { kind: 'ShowDataStatement', from, orderBy } : { kind: 'ShowDataStatement', orderBy };
    }
    case 'VIEW':
    case 'VIEWS':
      return { kind: 'ShowViewStatement', table: parseFromTable(c) };
    case 'COLUMNS':
    case 'FIELDS':
      return parseShowColumns(c, false);
    case 'INDEX':
    case 'INDEXES':
    case 'KEYS':
      return { kind: 'ShowIndexStatement', table: parseFromTable(c) };
    case 'WARNINGS': {
      const limit = parseOptionalLimit(c);
      return limit ? { kind: 'ShowWarningsStatement', limit } : { kind: 'ShowWarningsStatement' };
    }
    case 'GRANTS':
      return parseShowGrantsTail(c, false);
    case 'ALL':
      c.expectWord('GRANTS');
      return parseShowGrantsTail(c, true);
    default:
      if (UNSUPPORTED_SHOW_TARGETS.has(token.upper)) throw c.unsupported(`SHOW ${token.upper}`, token);
      throw c.fail('SHOW target', token);
  }
}

function parseLikeOrWhere(c: TokenCursor): { like?: string; where?: Expression } {
  const like = parseOptionalLike(c);
  if (like !== undefined) return { like };
  if (c.acceptWord('WHERE')) return { where: parseExpression(c) };
  return {};
}

function parseFromAndWhere(c: TokenCursor): { database?: string; where?: Expression } {
  const database = parseOptionalFromDatabase(c);
  const where = c.acceptWord('WHERE') ? parseExpression(c) : undefined;
  return { ...(database === undefined ? {} : { database }), ...(where ? { where } : {}) };
}

/** `FROM|IN t [FROM|IN db]`: the second form names the database separately. */
function parseFromTable(c: TokenCursor): TableName {
  if (!c.acceptWord('FROM') && !c.acceptWord('IN')) throw c.fail('FROM or IN');
  const table = parseTableName(c);
  const database = parseOptionalFromDatabase(c);
  if (database === undefined) return table;
  if (table.database !== undefined)
    throw c.fail('end of statement (the table is already qualified)', c.previous());
  return { database, table: table.table };
}

function parseShowCreate(c: TokenCursor): Statement {
  if (c.acceptWord('DATABASE') || c.acceptWord('SCHEMA')) {
    return { kind: 'ShowCreateDatabaseStatement', database: parseIdentifier(c, 'database name') };
  }
  if (c.acceptWord('TABLE')) return { kind: 'ShowCreateTableStatement', table: parseTableName(c) };
  if (c.acceptWord('VIEW')) return { kind: 'ShowCreateViewStatement', view: parseTableName(c, 'view name') };
  const next = c.peek();
  if (next.type === 'word') throw c.unsupported(`SHOW CREATE ${next.upper}`);
  throw c.fail('DATABASE, TABLE or VIEW');
}

function parseShowTables(c: TokenCursor, full: boolean): Statement {
  const database = parseOptionalFromDatabase(c);
  return {
    kind: 'ShowTablesStatement',
    full,
    ...(database === undefined ? {} : { database }),
    ...parseLikeOrWhere(c),
  };
}

function parseShowColumns(c: TokenCursor, full: boolean): Statement {
  return { kind: 'ShowColumnsStatement', full, table: parseFromTable(c) };
}

function parseShowPartitions(c: TokenCursor, temporary: boolean): Statement {
  c.expectWord('FROM');
  const table = parseTableName(c);
  const where = c.acceptWord('WHERE') ? parseExpression(c) : undefined;
  const orderBy = c.acceptWords('ORDER', 'BY') ? parseOrderByList(c) : [];
  const limit = parseOptionalLimit(c);
  return {
    kind: 'ShowPartitionsStatement',
    temporary,
    table,
    ...(where ? { where } : {}),
    orderBy,
    ...(limit ? { limit } : {}),
  };
}

/** After `[ADMIN] SHOW FRONTEND`: `CONFIG [LIKE '…']`. */
export function parseShowFrontendConfigTail(c: TokenCursor, admin: boolean): ShowFrontendConfigStatement {
  c.expectWord('CONFIG');
  const like = parseOptionalLike(c);
  if (c.isWord('FROM')) throw c.unsupported('SHOW FRONTEND CONFIG … FROM <frontend>');
  return like === undefined
    ? { kind: 'ShowFrontendConfigStatement', admin }
    : { kind: 'ShowFrontendConfigStatement', admin, like };
}

function parseShowAlterTable(c: TokenCursor): Statement {
  c.expectWord('TABLE');
  let alterType: AlterJobType;
  if (c.acceptWord('COLUMN')) alterType = 'COLUMN';
  else if (c.acceptWord('ROLLUP')) alterType = 'ROLLUP';
  else if (c.acceptWords('MATERIALIZED', 'VIEW')) alterType = 'MATERIALIZED VIEW';
  else throw c.fail('COLUMN, ROLLUP or MATERIALIZED VIEW');
  const database = parseOptionalFromDatabase(c);
  const where = c.acceptWord('WHERE') ? parseExpression(c) : undefined;
  const orderBy = c.acceptWords('ORDER', 'BY') ? parseOrderByList(c) : [];
  const limit = parseOptionalLimit(c);
  return {
    kind: 'ShowAlterTableStatement',
    alterType,
    ...(database === undefined ? {} : { database }),
    ...(where ? { where } : {}),
    orderBy,
    ...(limit ? { limit } : {}),
  };
}

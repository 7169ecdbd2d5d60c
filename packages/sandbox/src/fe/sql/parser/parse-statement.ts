import type { Statement } from '../ast/statement.js';
import type { TokenCursor } from './cursor.js';
import { parseAdmin } from './parse-admin.js';
import { parseAlterTable } from './parse-alter-table.js';
import { parseBackup, parseCancel, parseRestore } from './parse-backup.js';
import { parseTableName } from './parse-common.js';
import { parseCreateTable } from './parse-create-table.js';
import { parseAlterDatabase, parseCreateDatabase, parseDropDatabase, parseUse } from './parse-database.js';
import { parseBegin, parseDelete, parseInsert, parseUpdate } from './parse-dml.js';
import { parseCreateRoutineLoad } from './parse-external-load.js';
import { parseLoad } from './parse-load.js';
import { parseSelect } from './parse-select.js';
import { parseSet } from './parse-session.js';
import { parseShow } from './parse-show.js';
import { parseAlterSystem, parseCancelDecommission } from './parse-system.js';
import {
  parseBuildIndex,
  parseCreateIndex,
  parseDropIndex,
  parseDropTable,
  parseRecover,
  parseTruncateTable,
} from './parse-table-statements.js';
import { parseCreateUser, parseDropUser, parseGrant, parseRevoke } from './parse-user.js';
import {
  parseAlterView,
  parseCreateMaterializedView,
  parseCreateView,
  parseDropMaterializedView,
  parseDropView,
} from './parse-view.js';

/** Doris statements (by first word) that the sandbox does not implement. */
const UNSUPPORTED_LEADING_WORDS: ReadonlySet<string> = new Set([
  'ANALYZE',
  'CALL',
  'CLEAN',
  'COPY',
  'EXPLAIN',
  'EXPORT',
  'HELP',
  'INSTALL',
  'KILL',
  'LOCK',
  'MERGE',
  'PAUSE',
  'REFRESH',
  'REPLACE',
  'RESUME',
  'START',
  'STOP',
  'SWITCH',
  'SYNC',
  'UNINSTALL',
  'UNLOCK',
  'WARM',
]);

/** Objects after CREATE / DROP / ALTER that Doris has but the sandbox does not. */
const UNSUPPORTED_OBJECTS: ReadonlySet<string> = new Set([
  'AGGREGATE',
  'ALIAS',
  'CATALOG',
  'COLOCATE',
  'DICTIONARY',
  'ENCRYPTKEY',
  'EXTERNAL',
  'FILE',
  'FUNCTION',
  'GLOBAL',
  'JOB',
  'POLICY',
  'REPOSITORY',
  'RESOURCE',
  'ROLE',
  'ROUTINE',
  'ROW',
  'SQL_BLOCK_RULE',
  'STAGE',
  'STORAGE',
  'STREAM',
  'SYSTEM',
  'TEMPORARY',
  'WORKLOAD',
]);

/** Second words that belong to a two-word object type (`ROUTINE LOAD`, `WORKLOAD GROUP`, …). */
const SECOND_OBJECT_WORDS: ReadonlySet<string> = new Set([
  'CATALOG',
  'FUNCTION',
  'GROUP',
  'LOAD',
  'POLICY',
  'TABLE',
  'VAULT',
  'VIEW',
]);

/** Parses one statement starting at the cursor; the caller checks what follows. */
export function parseOneStatement(c: TokenCursor): Statement {
  const token = c.peek();
  if (token.type !== 'word') throw c.fail('a statement');
  switch (token.upper) {
    case 'SELECT':
    case 'WITH':
      return parseSelect(c);
    case 'INSERT':
      c.next();
      return parseInsert(c);
    case 'DELETE':
      c.next();
      return parseDelete(c);
    case 'LOAD':
      c.next();
      return parseLoad(c);
    case 'UPDATE':
      c.next();
      return parseUpdate(c);
    case 'BEGIN':
      c.next();
      return parseBegin(c);
    case 'COMMIT':
      c.next();
      c.acceptWord('WORK');
      return { kind: 'CommitStatement' };
    case 'ROLLBACK':
      c.next();
      c.acceptWord('WORK');
      return { kind: 'RollbackStatement' };
    case 'CREATE':
      c.next();
      return parseCreate(c);
    case 'DROP':
      c.next();
      return parseDrop(c);
    case 'ALTER':
      c.next();
      return parseAlter(c);
    case 'TRUNCATE':
      c.next();
      c.expectWord('TABLE');
      return parseTruncateTable(c);
    case 'RECOVER':
      c.next();
      return parseRecover(c);
    case 'BUILD':
      c.next();
      c.expectWord('INDEX');
      return parseBuildIndex(c);
    case 'GRANT':
      c.next();
      return parseGrant(c);
    case 'REVOKE':
      c.next();
      return parseRevoke(c);
    case 'SHOW':
      c.next();
      return parseShow(c);
    case 'DESC':
    case 'DESCRIBE': {
      c.next();
      if (c.isWord('FUNCTION')) throw c.unsupported('DESC FUNCTION');
      const table = parseTableName(c);
      return { kind: 'DescribeStatement', table, all: c.acceptWord('ALL') };
    }
    case 'USE':
      c.next();
      return parseUse(c);
    case 'SET':
      c.next();
      return parseSet(c);
    case 'BACKUP':
      c.next();
      return parseBackup(c);
    case 'RESTORE':
      c.next();
      return parseRestore(c);
    case 'CANCEL':
      c.next();
      if (c.acceptWord('DECOMMISSION')) return parseCancelDecommission(c);
      return parseCancel(c);
    case 'ADMIN':
      c.next();
      return parseAdmin(c);
    default:
      if (UNSUPPORTED_LEADING_WORDS.has(token.upper)) throw c.unsupported(token.upper);
      throw c.fail('a statement');
  }
}

function unsupportedObject(c: TokenCursor, verb: string): never {
  const object = c.peek();
  if (object.type === 'word' && UNSUPPORTED_OBJECTS.has(object.upper)) {
    const second = c.peek(1);
    const detail =
      second.type === 'word' && SECOND_OBJECT_WORDS.has(second.upper)
        ? `${object.upper} ${second.upper}`
        : object.upper;
    throw c.unsupported(`${verb} ${detail}`);
  }
  throw c.fail(`object type after ${verb}`);
}

function parseCreate(c: TokenCursor): Statement {
  if (c.acceptWords('OR', 'REPLACE')) {
    c.expectWord('VIEW');
    return parseCreateView(c, true);
  }
  if (c.acceptWord('DATABASE') || c.acceptWord('SCHEMA')) return parseCreateDatabase(c);
  if (c.acceptWord('TABLE')) return parseCreateTable(c);
  if (c.acceptWord('VIEW')) return parseCreateView(c, false);
  if (c.acceptWords('MATERIALIZED', 'VIEW')) return parseCreateMaterializedView(c);
  if (c.acceptWord('INDEX')) return parseCreateIndex(c);
  if (c.acceptWord('USER')) return parseCreateUser(c);
  if (c.acceptWords('ROUTINE', 'LOAD')) return parseCreateRoutineLoad(c);
  return unsupportedObject(c, 'CREATE');
}

function parseDrop(c: TokenCursor): Statement {
  if (c.acceptWord('DATABASE') || c.acceptWord('SCHEMA')) return parseDropDatabase(c);
  if (c.acceptWord('TABLE')) return parseDropTable(c);
  if (c.acceptWord('VIEW')) return parseDropView(c);
  if (c.acceptWords('MATERIALIZED', 'VIEW')) return parseDropMaterializedView(c);
  if (c.acceptWord('INDEX')) return parseDropIndex(c);
  if (c.acceptWord('USER')) return parseDropUser(c);
  return unsupportedObject(c, 'DROP');
}

function parseAlter(c: TokenCursor): Statement {
  if (c.acceptWord('TABLE')) return parseAlterTable(c);
  if (c.acceptWord('SYSTEM')) return parseAlterSystem(c);
  if (c.acceptWord('VIEW')) return parseAlterView(c);
  if (c.acceptWord('DATABASE') || c.acceptWord('SCHEMA')) return parseAlterDatabase(c);
  if (c.isWords('MATERIALIZED', 'VIEW')) throw c.unsupported('ALTER MATERIALIZED VIEW');
  if (c.isWord('USER')) throw c.unsupported('ALTER USER');
  return unsupportedObject(c, 'ALTER');
}

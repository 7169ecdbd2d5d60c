import type { UserIdentity } from '../ast/names.js';
import type {
  CreateUserStatement,
  DropUserStatement,
  GrantStatement,
  Privilege,
  PrivilegeScope,
  RevokeStatement,
  ShowGrantsStatement,
} from '../ast/user-statements.js';
import type { TokenCursor } from './cursor.js';
import {
  isIdentifierToken,
  parseIdentifier,
  parseIfExists,
  parseIfNotExists,
  parseString,
} from './parse-common.js';

const PRIVILEGES: Readonly<Record<string, Privilege>> = {
  SELECT: 'SELECT_PRIV',
  SELECT_PRIV: 'SELECT_PRIV',
  LOAD: 'LOAD_PRIV',
  LOAD_PRIV: 'LOAD_PRIV',
  ALTER: 'ALTER_PRIV',
  ALTER_PRIV: 'ALTER_PRIV',
  CREATE: 'CREATE_PRIV',
  CREATE_PRIV: 'CREATE_PRIV',
  DROP: 'DROP_PRIV',
  DROP_PRIV: 'DROP_PRIV',
  ADMIN: 'ADMIN_PRIV',
  ADMIN_PRIV: 'ADMIN_PRIV',
  ALL: 'ALL',
};

const UNSUPPORTED_PRIVILEGES: ReadonlySet<string> = new Set([
  'GRANT',
  'GRANT_PRIV',
  'NODE',
  'NODE_PRIV',
  'USAGE',
  'USAGE_PRIV',
  'SHOW_VIEW',
  'SHOW_VIEW_PRIV',
]);

/** `'user'@'host'`, `user@host`, `'user'` (host `%`). */
export function parseUserIdentity(c: TokenCursor): UserIdentity {
  const userToken = c.peek();
  let user: string;
  if (userToken.type === 'string') user = c.next().value;
  else user = parseIdentifier(c, 'user name');
  if (user.length === 0) throw c.fail('non-empty user name', userToken);
  if (c.acceptOp('@')) {
    if (c.isOp('[')) throw c.unsupported("domain user identity ('user'@['domain'])");
    const host = c.peek().type === 'string' ? c.next().value : parseIdentifier(c, 'host');
    return { user, host };
  }
  const next = c.peek();
  if (next.type === 'uservar' && next.start === c.previous().end) {
    c.next();
    return { user, host: next.value };
  }
  return { user, host: '%' };
}

/** After `CREATE USER`. */
export function parseCreateUser(c: TokenCursor): CreateUserStatement {
  const ifNotExists = parseIfNotExists(c);
  const user = parseUserIdentity(c);
  let password: string | undefined;
  if (c.acceptWord('IDENTIFIED')) {
    c.expectWord('BY');
    if (c.isWord('PASSWORD')) throw c.unsupported('IDENTIFIED BY PASSWORD (password hash)');
    password = parseString(c, 'password string');
  }
  if (c.isWords('DEFAULT', 'ROLE')) throw c.unsupported('DEFAULT ROLE');
  if (c.isWord('SUPERUSER')) throw c.unsupported('SUPERUSER');
  return password === undefined
    ? { kind: 'CreateUserStatement', ifNotExists, user }
    : { kind: 'CreateUserStatement', ifNotExists, user, password };
}

/** After `DROP USER`. */
export function parseDropUser(c: TokenCursor): DropUserStatement {
  const ifExists = parseIfExists(c);
  return { kind: 'DropUserStatement', ifExists, user: parseUserIdentity(c) };
}

function parsePrivileges(c: TokenCursor): Privilege[] {
  const privileges: Privilege[] = [];
  do {
    const token = c.peek();
    if (token.type !== 'word') throw c.fail('privilege');
    const privilege = PRIVILEGES[token.upper];
    if (privilege === undefined) {
      if (UNSUPPORTED_PRIVILEGES.has(token.upper)) throw c.unsupported(`privilege ${token.upper}`);
      throw c.fail(
        'privilege (SELECT_PRIV, LOAD_PRIV, ALTER_PRIV, CREATE_PRIV, DROP_PRIV, ADMIN_PRIV or ALL)',
      );
    }
    c.next();
    if (privilege === 'ALL') c.acceptWord('PRIVILEGES');
    if (c.isOp('(')) throw c.unsupported('column-level privileges');
    privileges.push(privilege);
  } while (c.acceptOp(','));
  return privileges;
}

function parseScopePart(c: TokenCursor): string | '*' {
  if (c.acceptOp('*')) return '*';
  return parseIdentifier(c, 'database or table name');
}

function parseScope(c: TokenCursor): PrivilegeScope {
  for (const object of ['RESOURCE', 'WORKLOAD', 'CLUSTER', 'STAGE', 'COMPUTE']) {
    if (c.isWord(object) && !c.isOp('.', 1)) throw c.unsupported(`privileges on ${object}`);
  }
  const start = c.peek();
  const parts: string[] = [parseScopePart(c)];
  while (parts.length < 3 && c.acceptOp('.')) parts.push(parseScopePart(c));
  // a star part is only valid as a trailing wildcard: *.*, db.*, ctl.db.*, *.*.*
  const [a, b, d] = parts;
  if (parts.length === 2 && a !== undefined && b !== undefined) {
    if (a === '*' && b === '*') return { kind: 'GlobalScope' };
    if (a !== '*' && b === '*') return { kind: 'DatabaseScope', database: a };
    if (a !== '*') return { kind: 'TableScope', database: a, table: b };
  }
  if (parts.length === 3 && a !== undefined && b !== undefined && d !== undefined) {
    if (a === '*' && b === '*' && d === '*') return { kind: 'GlobalScope' };
    if (a !== '*' && b === '*' && d === '*') throw c.unsupported('catalog-level privileges', start);
    if (a !== '*' && b !== '*' && d === '*') return { kind: 'DatabaseScope', catalog: a, database: b };
    if (a !== '*' && b !== '*') return { kind: 'TableScope', catalog: a, database: b, table: d };
  }
  throw c.fail('*.*, db.* or db.tbl', start);
}

function parseGrantee(c: TokenCursor): UserIdentity {
  if (c.isWord('ROLE') && !c.isOp('@', 1) && (c.peek(1).type === 'string' || isIdentifierToken(c.peek(1)))) {
    throw c.unsupported('roles');
  }
  return parseUserIdentity(c);
}

/** After `GRANT`: `privs ON scope TO user`. */
export function parseGrant(c: TokenCursor): GrantStatement {
  if (c.peek().type === 'string') throw c.unsupported('granting roles');
  const privileges = parsePrivileges(c);
  c.expectWord('ON');
  const scope = parseScope(c);
  c.expectWord('TO');
  return { kind: 'GrantStatement', privileges, scope, user: parseGrantee(c) };
}

/** After `REVOKE`: `privs ON scope FROM user`. */
export function parseRevoke(c: TokenCursor): RevokeStatement {
  if (c.peek().type === 'string') throw c.unsupported('revoking roles');
  const privileges = parsePrivileges(c);
  c.expectWord('ON');
  const scope = parseScope(c);
  c.expectWord('FROM');
  return { kind: 'RevokeStatement', privileges, scope, user: parseGrantee(c) };
}

/** After `SHOW [ALL] GRANTS`: `[FOR user]`. */
export function parseShowGrantsTail(c: TokenCursor, all: boolean): ShowGrantsStatement {
  if (c.acceptWord('FOR')) return { kind: 'ShowGrantsStatement', all, user: parseUserIdentity(c) };
  return { kind: 'ShowGrantsStatement', all };
}

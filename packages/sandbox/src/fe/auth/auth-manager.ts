// Users and their privileges. Passwords are kept as MySQL's double SHA1 (what mysql_native_password checks
// against), never in plain text. root and admin hold every privilege, as in Doris.
import { createHash } from 'node:crypto';
import type { MetaStore } from '../../storage/meta-store.js';
import { type GrantScope, type Privilege, privilegeLabel, scopeKey } from './privilege.js';

export interface User {
  readonly name: string;
  readonly host: string;
  /** hex of SHA1(SHA1(password)); empty for an empty password. */
  passwordHash: string;
  /** scope key (`*.*`, `db.*`, `db.tbl`) → privileges. */
  readonly grants: Map<string, Set<Privilege>>;
}

export class AuthError extends Error {
  override readonly name = 'AuthError';
}

const SUPER_USERS = new Set(['root', 'admin']);

export function doubleSha1(password: string): string {
  if (password === '') return '';
  const once = createHash('sha1').update(password, 'utf8').digest();
  return createHash('sha1').update(once).digest('hex');
}

export class AuthManager {
  private readonly users = new Map<string, User>();

  constructor(private readonly store: MetaStore) {}

  load(): void {
    this.users.clear();
    for (const row of this.store.objects('user')) {
      const raw = JSON.parse(row.body) as {
        name: string;
        host: string;
        passwordHash: string;
        grants: [string, Privilege[]][];
      };
      this.users.set(raw.name, {
        name: raw.name,
        host: raw.host,
        passwordHash: raw.passwordHash,
        grants: new Map(raw.grants.map(([k, v]) => [k, new Set(v)])),
      });
    }
    for (const name of SUPER_USERS) {
      if (!this.users.has(name))
        this.users.set(name, { name, host: '%', passwordHash: '', grants: new Map() });
    }
  }

  user(name: string): User | undefined {
    return this.users.get(stripCluster(name));
  }

  /** Checks a plain-text password (thrift RPCs carry them so). */
  authenticate(name: string, password: string): User {
    const user = this.user(name);
    if (!user || user.passwordHash !== doubleSha1(password)) {
      throw new AuthError(
        `Access denied for user '${stripCluster(name)}'@'%' (using password: ${password === '' ? 'NO' : 'YES'})`,
      );
    }
    return user;
  }

  createUser(name: string, host: string, password: string, ifNotExists: boolean): boolean {
    if (this.users.has(name)) {
      if (ifNotExists) return false;
      throw new AuthError(`Operation CREATE USER failed for '${name}'@'${host}'`);
    }
    const user: User = { name, host, passwordHash: doubleSha1(password), grants: new Map() };
    this.users.set(name, user);
    this.persist(user);
    return true;
  }

  dropUser(name: string, ifExists: boolean): void {
    if (SUPER_USERS.has(name)) throw new AuthError(`Can not drop user ${name}`);
    const user = this.users.get(name);
    if (!user) {
      if (ifExists) return;
      throw new AuthError(`Operation DROP USER failed for '${name}'@'%'`);
    }
    this.users.delete(name);
    this.store.deleteObject(userObjectId(name));
  }

  setPassword(name: string, password: string): void {
    const user = this.mustGet(name);
    user.passwordHash = doubleSha1(password);
    this.persist(user);
  }

  grant(name: string, scope: GrantScope, privileges: readonly Privilege[]): void {
    const user = this.mustGet(name);
    if (scope.level !== 'global' && privileges.some((p) => p === 'ADMIN' || p === 'NODE')) {
      throw new AuthError('ADMIN and NODE privileges can only be granted on *.*.*');
    }
    const key = scopeKey(scope);
    const set = user.grants.get(key) ?? new Set<Privilege>();
    for (const p of privileges) set.add(p);
    user.grants.set(key, set);
    this.persist(user);
  }

  revoke(name: string, scope: GrantScope, privileges: readonly Privilege[]): void {
    const user = this.mustGet(name);
    const key = scopeKey(scope);
    const set = user.grants.get(key);
    if (!set) return;
    for (const p of privileges) set.delete(p);
    if (set.size === 0) user.grants.delete(key);
    this.persist(user);
  }

  /** Does `name` hold `privilege` on the table (or any scope above it)? ADMIN implies everything. */
  has(name: string, privilege: Privilege, db?: string, table?: string): boolean {
    const user = this.user(name);
    if (!user) return false;
    if (SUPER_USERS.has(user.name)) return true;
    const scopes = ['*.*'];
    if (db !== undefined) scopes.push(`${db}.*`);
    if (db !== undefined && table !== undefined) scopes.push(`${db}.${table}`);
    return scopes.some((s) => {
      const set = user.grants.get(s);
      return set?.has(privilege) || user.grants.get('*.*')?.has('ADMIN') || false;
    });
  }

  /** Does the user hold `privilege` on the database or on any table in it (enough to see the database)? */
  hasAnyInDb(name: string, privilege: Privilege, db: string): boolean {
    const user = this.user(name);
    if (!user) return false;
    if (this.has(name, privilege, db)) return true;
    for (const [key, set] of user.grants) if (key.startsWith(`${db}.`) && set.has(privilege)) return true;
    return false;
  }

  /** SHOW GRANTS rows (Doris 2.1 columns). */
  grantsRows(name: string): Array<Array<string | null>> {
    const user = this.mustGet(name);
    const fmt = (set: Set<Privilege>) => [...set].map(privilegeLabel).join(',');
    const global = SUPER_USERS.has(user.name)
      ? 'Node_priv,Admin_priv'
      : fmt(user.grants.get('*.*') ?? new Set());
    const dbs: string[] = [];
    const tables: string[] = [];
    for (const [key, set] of user.grants) {
      if (key === '*.*') continue;
      if (key.endsWith('.*')) dbs.push(`internal.${key.slice(0, -2)}: ${fmt(set)}`);
      else tables.push(`internal.${key}: ${fmt(set)}`);
    }
    const roles = user.name === 'root' ? 'operator' : user.name === 'admin' ? 'admin' : '';
    return [
      [
        `'${user.name}'@'${user.host}'`,
        '',
        user.passwordHash ? 'Yes' : 'No',
        roles,
        global || null,
        null,
        dbs.length ? dbs.join('; ') : null,
        tables.length ? tables.join('; ') : null,
        null,
        null,
        null,
      ],
    ];
  }

  private mustGet(name: string): User {
    const user = this.users.get(name);
    if (!user) throw new AuthError(`user '${name}'@'%' does not exist`);
    return user;
  }

  private persist(user: User): void {
    const body = JSON.stringify({
      name: user.name,
      host: user.host,
      passwordHash: user.passwordHash,
      grants: [...user.grants].map(([k, v]) => [k, [...v]]),
    });
    this.store.putObject('user', userObjectId(user.name), null, body);
  }
}

export const SHOW_GRANTS_COLUMNS = [
  'UserIdentity',
  'Comment',
  'Password',
  'Roles',
  'GlobalPrivs',
  'CatalogPrivs',
  'DatabasePrivs',
  'TablePrivs',
  'ColPrivs',
  'ResourcePrivs',
  'WorkloadGroupPrivs',
];

function stripCluster(name: string): string {
  return name.startsWith('default_cluster:') ? name.slice('default_cluster:'.length) : name;
}

/** Users live in catalog_objects under negative ids derived from their name (ids of real objects are > 0). */
function userObjectId(name: string): bigint {
  const digest = createHash('sha1').update(name, 'utf8').digest();
  return -(digest.readBigUInt64BE(0) >> 2n) - 1n;
}

import type { UserIdentity } from './names.js';

export type Privilege =
  | 'SELECT_PRIV'
  | 'LOAD_PRIV'
  | 'ALTER_PRIV'
  | 'CREATE_PRIV'
  | 'DROP_PRIV'
  | 'ADMIN_PRIV'
  | 'ALL';

/** `*.*` (also `*.*.*`). */
export interface GlobalScope {
  readonly kind: 'GlobalScope';
}

/** `db.*` / `catalog.db.*`. */
export interface DatabaseScope {
  readonly kind: 'DatabaseScope';
  readonly catalog?: string;
  readonly database: string;
}

/** `db.tbl` / `catalog.db.tbl`. */
export interface TableScope {
  readonly kind: 'TableScope';
  readonly catalog?: string;
  readonly database: string;
  readonly table: string;
}

export type PrivilegeScope = GlobalScope | DatabaseScope | TableScope;

export interface CreateUserStatement {
  readonly kind: 'CreateUserStatement';
  readonly ifNotExists: boolean;
  readonly user: UserIdentity;
  readonly password?: string;
}

export interface DropUserStatement {
  readonly kind: 'DropUserStatement';
  readonly ifExists: boolean;
  readonly user: UserIdentity;
}

export interface GrantStatement {
  readonly kind: 'GrantStatement';
  readonly privileges: readonly Privilege[];
  readonly scope: PrivilegeScope;
  readonly user: UserIdentity;
}

export interface RevokeStatement {
  readonly kind: 'RevokeStatement';
  readonly privileges: readonly Privilege[];
  readonly scope: PrivilegeScope;
  readonly user: UserIdentity;
}

/** `SHOW [ALL] GRANTS [FOR user]`. */
export interface ShowGrantsStatement {
  readonly kind: 'ShowGrantsStatement';
  readonly all: boolean;
  readonly user?: UserIdentity;
}

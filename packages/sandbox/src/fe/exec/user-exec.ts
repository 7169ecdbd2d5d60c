// CREATE / DROP USER, GRANT, REVOKE.
import { AuthError } from '../auth/auth-manager.js';
import { type GrantScope, type Privilege, parsePrivilege } from '../auth/privilege.js';
import { dorisError } from '../mysql/session-types.js';
import type {
  CreateUserStatement,
  DropUserStatement,
  GrantStatement,
  PrivilegeScope,
  RevokeStatement,
} from '../sql/index.js';
import { checkPriv, type ExecContext } from './exec-context.js';
import { ok } from './result-helpers.js';

function authCall<T>(ctx: ExecContext, fn: () => T): T {
  try {
    return ctx.fe.commit(fn);
  } catch (error) {
    if (error instanceof AuthError) throw dorisError(error.message);
    throw error;
  }
}

function scopeOf(scope: PrivilegeScope): GrantScope {
  switch (scope.kind) {
    case 'GlobalScope':
      return { level: 'global' };
    case 'DatabaseScope':
      return { level: 'database', db: scope.database };
    case 'TableScope':
      return { level: 'table', db: scope.database, table: scope.table };
  }
}

function privileges(names: readonly string[]): Privilege[] {
  return names.flatMap((n) => {
    const p = parsePrivilege(n);
    if (!p) throw dorisError(`Unknown privilege: ${n}`);
    return p;
  });
}

export function createUser(ctx: ExecContext, stmt: CreateUserStatement) {
  checkPriv(ctx, 'GRANT');
  authCall(ctx, () =>
    ctx.fe.auth.createUser(stmt.user.user, stmt.user.host, stmt.password ?? '', stmt.ifNotExists),
  );
  return ok();
}

export function dropUser(ctx: ExecContext, stmt: DropUserStatement) {
  checkPriv(ctx, 'GRANT');
  authCall(ctx, () => ctx.fe.auth.dropUser(stmt.user.user, stmt.ifExists));
  return ok();
}

export function grant(ctx: ExecContext, stmt: GrantStatement) {
  checkPriv(ctx, 'GRANT');
  authCall(ctx, () => ctx.fe.auth.grant(stmt.user.user, scopeOf(stmt.scope), privileges(stmt.privileges)));
  return ok();
}

export function revoke(ctx: ExecContext, stmt: RevokeStatement) {
  checkPriv(ctx, 'GRANT');
  authCall(ctx, () => ctx.fe.auth.revoke(stmt.user.user, scopeOf(stmt.scope), privileges(stmt.privileges)));
  return ok();
}

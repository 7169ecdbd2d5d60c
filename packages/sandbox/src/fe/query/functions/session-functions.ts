// Functions that read the session: DATABASE(), USER(), CURRENT_USER(), VERSION(). Doris folds them to
// VARCHAR literals in the FE (FoldConstantRuleOnFE), so they are constants of the statement here too.
import { type Compiled, constant } from '../compiled.js';
import { varcharOf } from '../expr-type.js';
import type { EvalEnvironment } from '../relation.js';
import type { ScalarFunction } from './function-def.js';

/** The MySQL server version Doris announces: VERSION() returns it, not Doris's own version. */
export const MYSQL_SERVER_VERSION = '5.7.99';

function text(value: string): Compiled {
  return constant(varcharOf(Buffer.byteLength(value, 'utf8')), value);
}

/**
 * A user identity as Doris prints it (UserIdentity.toString): `'root'@'%'`. The environment may already
 * hold that form; a bare user name is shown with the any-host pattern.
 */
export function userIdentityText(user: string): string {
  return user.includes('@') ? user : `'${user}'@'%'`;
}

export const SESSION_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // no current database: Doris returns the empty string, not NULL
    name: 'database',
    aliases: ['schema'],
    arity: [0, 0],
    bind: (_args, env: EvalEnvironment) => text(env.currentDatabase ?? ''),
  },
  {
    name: 'user',
    aliases: ['session_user', 'system_user'],
    arity: [0, 0],
    bind: (_args, env) => text(userIdentityText(env.currentUser)),
  },
  {
    name: 'current_user',
    arity: [0, 0],
    bind: (_args, env) => text(userIdentityText(env.currentUser)),
  },
  {
    name: 'version',
    arity: [0, 0],
    bind: () => text(MYSQL_SERVER_VERSION),
  },
];

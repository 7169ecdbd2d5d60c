// Shared checks of the FE's thrift handlers: mandatory fields, authentication and privileges, and the
// status conventions of fe-thrift.md §5 (user-level failures are ANALYSIS_ERROR with a message).

import { StatusCode, type TStatus } from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import { AuthError } from '../auth/auth-manager.js';
import type { Privilege } from '../auth/privilege.js';
import type { Frontend } from '../frontend.js';
import { publicMessage } from '../internal-error.js';

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function ok(): TStatus {
  return { status_code: StatusCode.OK };
}

export function failure(code: number, message: string): TStatus {
  return { status_code: code, error_msgs: [message] };
}

export function require<T extends object, K extends keyof T>(request: T, ...fields: K[]): void {
  for (const field of fields) {
    if (request[field] === undefined || request[field] === null) {
      throw new RpcError(StatusCode.ANALYSIS_ERROR, `${String(field)} is not set`);
    }
  }
}

export function authenticate(fe: Frontend, user: string | undefined, passwd: string | undefined): string {
  try {
    return fe.auth.authenticate(user ?? '', passwd ?? '').name;
  } catch (error) {
    if (error instanceof AuthError) throw new RpcError(StatusCode.ANALYSIS_ERROR, error.message);
    throw error;
  }
}

export function checkPrivilege(
  fe: Frontend,
  user: string,
  privilege: Privilege,
  db: string,
  table?: string,
): void {
  const allowed =
    table === undefined ? fe.auth.hasAnyInDb(user, privilege, db) : fe.auth.has(user, privilege, db, table);
  if (!allowed) {
    throw new RpcError(
      StatusCode.ANALYSIS_ERROR,
      `Access denied; you need (at least one of) the (${privilege}) privilege(s) for this operation`,
    );
  }
}

export function resolveDb(fe: Frontend, name: string): Database {
  const db = fe.catalog.databaseByName(stripCluster(name));
  if (!db) throw new RpcError(StatusCode.ANALYSIS_ERROR, `unknown database, database=${name}`);
  return db;
}

export function stripCluster(name: string): string {
  return name.startsWith('default_cluster:') ? name.slice('default_cluster:'.length) : name;
}

/** Wraps a handler: RpcError → its status; anything else → INTERNAL_ERROR with the message. */
export async function guarded<R extends { status?: TStatus }>(run: () => R | Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RpcError) return { status: failure(error.code, error.message) } as R;
    return { status: failure(StatusCode.INTERNAL_ERROR, publicMessage(error)) } as R;
  }
}

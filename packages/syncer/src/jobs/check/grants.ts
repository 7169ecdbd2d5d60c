// The privileges a CCR user needs (Doris's CCR documentation, sql-surface.md §1.4): SELECT, LOAD, ALTER,
// CREATE and DROP on the job's database, and ADMIN for SHOW PROC, SHOW BACKENDS, frontends() and ADMIN
// SHOW FRONTEND CONFIG. Read from SHOW GRANTS (the current user, roles merged into its row), whose
// GlobalPrivs / CatalogPrivs / DatabasePrivs / TablePrivs columns Doris 2.1 prints as
// `Select_priv,Load_priv` and `internal.db: Select_priv; internal.db2: …`.
import type { Row } from '../cluster-access.js';

export const DB_PRIVILEGES = ['Select', 'Load', 'Alter', 'Create', 'Drop'] as const;

export interface GrantFinding {
  readonly user: string;
  /** Privileges missing, with where they are needed (`Admin (global)`, `Load on db1`). */
  readonly missing: readonly string[];
  /** What the user holds that counts here, for the detail. */
  readonly held: readonly string[];
}

function privilegeList(text: unknown): string[] {
  return String(text ?? '')
    .split(',')
    .map((p) => p.trim().replace(/_priv$/i, ''))
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase());
}

/** `internal.db: A,B; internal.db2: C` → the privileges listed for `scope` (case-insensitive names). */
function scopedList(text: unknown, scope: string): string[] {
  const out: string[] = [];
  for (const part of String(text ?? '').split(';')) {
    const at = part.lastIndexOf(':');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (name === scope || name === `default_cluster:${scope}`) out.push(...privilegeList(part.slice(at + 1)));
  }
  return out;
}

/** What the SHOW GRANTS rows give on `db` (and `table`, for a table job), and what is missing. */
export function grantFinding(rows: readonly Row[], db: string, table: string): GrantFinding {
  const row = rows[0] ?? {};
  const global = new Set(rows.flatMap((r) => privilegeList(r.GlobalPrivs)));
  const held = new Set(global);
  for (const r of rows) {
    for (const p of scopedList(r.CatalogPrivs, 'internal')) held.add(p);
    for (const p of scopedList(r.DatabasePrivs, `internal.${db}`)) held.add(p);
    if (table) for (const p of scopedList(r.TablePrivs, `internal.${db}.${table}`)) held.add(p);
  }
  // ADMIN at the global level implies every other privilege.
  if (global.has('Admin'))
    return { user: String(row.UserIdentity ?? ''), missing: [], held: ['Admin (global)'] };
  const missing = DB_PRIVILEGES.filter((p) => !held.has(p)).map((p) => `${p} on ${db}`);
  return {
    user: String(row.UserIdentity ?? ''),
    missing: ['Admin (global: SHOW PROC, SHOW BACKENDS, ADMIN SHOW FRONTEND CONFIG)', ...missing],
    held: [...held],
  };
}

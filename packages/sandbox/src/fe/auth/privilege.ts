// Doris privilege names and the levels they are granted at.
export const PRIVILEGES = [
  'SELECT',
  'LOAD',
  'ALTER',
  'CREATE',
  'DROP',
  'ADMIN',
  'GRANT',
  'NODE',
  'USAGE',
] as const;
export type Privilege = (typeof PRIVILEGES)[number];

/** `SELECT_PRIV` / `select` / `Select_priv` → SELECT; ALL expands to every grantable privilege. */
export function parsePrivilege(text: string): Privilege[] | undefined {
  const upper = text.toUpperCase().replace(/_PRIV$/, '');
  if (upper === 'ALL') return ['SELECT', 'LOAD', 'ALTER', 'CREATE', 'DROP'];
  return (PRIVILEGES as readonly string[]).includes(upper) ? [upper as Privilege] : undefined;
}

/** How SHOW GRANTS prints a privilege: `Select_priv`. */
export function privilegeLabel(p: Privilege): string {
  return `${p.charAt(0)}${p.slice(1).toLowerCase()}_priv`;
}

/** A grant target: `*.*` (global), `db.*`, or `db.tbl`. */
export type GrantScope =
  | { readonly level: 'global' }
  | { readonly level: 'database'; readonly db: string }
  | { readonly level: 'table'; readonly db: string; readonly table: string };

export function scopeKey(scope: GrantScope): string {
  switch (scope.level) {
    case 'global':
      return '*.*';
    case 'database':
      return `${scope.db}.*`;
    case 'table':
      return `${scope.db}.${scope.table}`;
  }
}

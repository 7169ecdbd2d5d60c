// Building result sets of SHOW statements: Doris's column names and text values.
import type { ColumnKind, OkResult, ResultSet } from '../mysql/session-types.js';

export function ok(affectedRows = 0, info?: string): OkResult {
  return info === undefined ? { kind: 'ok', affectedRows } : { kind: 'ok', affectedRows, info };
}

export function textResult(
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | null>>,
  kinds: Readonly<Record<string, ColumnKind>> = {},
): ResultSet {
  return {
    kind: 'resultSet',
    columns: columns.map((name) => ({ name, kind: kinds[name] ?? 'varchar' })),
    rows,
  };
}

/** MySQL LIKE over names: `%` any run, `_` one character, backslash escapes. Case-insensitive like Doris SHOW. */
export function likeMatcher(pattern: string | undefined, caseSensitive = false): (value: string) => boolean {
  if (pattern === undefined) return () => true;
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]!);
    else if (ch === '%') re += '.*';
    else if (ch === '_') re += '.';
    else re += escapeRe(ch);
  }
  const regex = new RegExp(`${re}$`, caseSensitive ? 's' : 'is');
  return (value) => regex.test(value);
}

function escapeRe(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Doris prints times as `yyyy-MM-dd HH:mm:ss` in the FE's local time zone. */
export function formatTime(ms: number): string | null {
  if (ms < 0) return null;
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

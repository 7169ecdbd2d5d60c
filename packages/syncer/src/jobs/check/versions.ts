// Doris versions as SHOW FRONTENDS / SHOW BACKENDS print them (`doris-2.1.8-rc01-a1b2c3`,
// `doris-2.0.3`): CCR needs 2.0 or later (binlog), and a target older than its source may not restore
// the source's snapshots.
export interface DorisVersion {
  readonly text: string;
  readonly parts?: readonly [number, number, number];
}

export function parseVersion(text: string): DorisVersion {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? { text, parts: [Number(m[1]), Number(m[2]), Number(m[3])] } : { text };
}

/** Negative when a < b; undefined when either cannot be read. */
export function compareVersions(a: DorisVersion, b: DorisVersion): number | undefined {
  if (!a.parts || !b.parts) return undefined;
  for (let i = 0; i < 3; i++) if (a.parts[i] !== b.parts[i]) return a.parts[i]! - b.parts[i]!;
  return 0;
}

export const MIN_CCR_VERSION = parseVersion('2.0.0');

/** `doris-2.1.8 ×3` for each distinct version, for a detail line. */
export function versionSummary(versions: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of versions) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => (n > 1 ? `${v} ×${n}` : v)).join(', ') || 'none listed';
}

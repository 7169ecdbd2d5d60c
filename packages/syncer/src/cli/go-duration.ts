// Go's time.ParseDuration syntax ("10s", "1m30s", "1.5h", "300ms"), so duration flags and config files
// written for the Go syncer read the same here. Results are milliseconds.
const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 micro sign
  μs: 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const COMPONENT = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

export function parseGoDuration(text: string): number {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  // Go allows a bare zero without unit, and nothing else without one.
  if (rest === '0') return 0;
  if (rest === '') throw new Error(`invalid duration "${text}"`);
  let total = 0;
  COMPONENT.lastIndex = 0;
  while (COMPONENT.lastIndex < rest.length) {
    const at = COMPONENT.lastIndex;
    const match = COMPONENT.exec(rest);
    if (!match || match.index !== at) {
      throw new Error(`invalid duration "${text}" (expected e.g. 500ms, 10s, 1m30s)`);
    }
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
  }
  if (!Number.isFinite(total)) throw new Error(`invalid duration "${text}"`);
  return sign * total;
}

/** The shortest Go-style text for a whole number of milliseconds, for help and logs. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

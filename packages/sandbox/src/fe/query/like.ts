// MySQL LIKE patterns: `%` matches any run of characters, `_` exactly one, and the escape character
// (backslash unless ESCAPE names another) makes the next character literal. Doris matches case-sensitively.

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A matcher for a LIKE pattern. A trailing escape character stands for itself, as in MySQL. */
export function likeMatcher(pattern: string, escapeChar = '\\'): (text: string) => boolean {
  // fast paths for the shapes that dominate real queries: 'abc', 'abc%', '%abc', '%abc%'
  if (!/[%_]/.test(pattern) && !pattern.includes(escapeChar)) return (text) => text === pattern;
  const literal = /^%?[^%_]*%?$/.test(pattern) && !pattern.includes(escapeChar);
  if (literal) {
    const lead = pattern.startsWith('%');
    const trail = pattern.length > 1 && pattern.endsWith('%');
    const core = pattern.slice(lead ? 1 : 0, trail ? -1 : undefined);
    if (lead && trail) return (text) => text.includes(core);
    if (lead) return (text) => text.endsWith(core);
    if (trail) return (text) => text.startsWith(core);
  }
  let source = '^';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === escapeChar && i + 1 < chars.length) {
      source += escapeRegExp(chars[++i] ?? '');
    } else if (ch === '%') {
      source += '.*';
    } else if (ch === '_') {
      source += '.';
    } else {
      source += escapeRegExp(ch);
    }
  }
  // `s`: `%` and `_` match newlines too; `u`: `_` is one character, not one UTF-16 unit
  const regex = new RegExp(`${source}$`, 'su');
  return (text) => regex.test(text);
}

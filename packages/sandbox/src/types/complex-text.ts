// Doris's text form of an ARRAY, as CSV stream loads carry it: `[1, 2, null]`, `["a", 'b']`, `[[1], [2, 3]]`.

/** One item: its text (quotes removed) and whether it was quoted; null for an unquoted `null`. */
export type ArrayTextItem = { readonly text: string; readonly quoted: boolean } | null;

function unquote(item: string): ArrayTextItem {
  const first = item[0];
  if (item.length >= 2 && (first === '"' || first === "'") && item[item.length - 1] === first) {
    return { text: item.slice(1, -1), quoted: true };
  }
  if (item.toLowerCase() === 'null') return null;
  return { text: item, quoted: false };
}

/**
 * Splits array text into items at top-level commas, skipping commas inside quotes and nested brackets, as
 * Doris's array deserializer does. Returns undefined if the text is not bracketed or has an empty item.
 */
export function splitArrayText(text: string): ArrayTextItem[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']') || trimmed.length < 2) return undefined;
  const inner = trimmed.slice(1, -1);
  if (inner.trim() === '') return [];
  const items: ArrayTextItem[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  const push = (end: number): boolean => {
    const item = inner.slice(start, end).trim();
    if (item === '') return false;
    items.push(unquote(item));
    return true;
  };
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
    } else if (c === ',' && depth === 0) {
      if (!push(i)) return undefined;
      start = i + 1;
    }
  }
  if (quote !== undefined || depth !== 0) return undefined;
  return push(inner.length) ? items : undefined;
}

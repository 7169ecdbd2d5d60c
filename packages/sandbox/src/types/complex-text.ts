// Doris's text forms of complex values, as CSV stream loads (and string literals cast to them) carry them:
// arrays `[1, 2, null]`, `["a", 'b']`, `[[1], [2, 3]]`; maps `{"a":1, "b":null}`; structs `{"f":1, "g":"x"}`
// or `{1, "x"}`. Items are split at top-level delimiters, skipping those inside quotes and nested brackets,
// as Doris's complex-type deserializers do; nested values stay text for the element type to read.

/** One item: its text (quotes removed) and whether it was quoted; null for an unquoted `null`. */
export type ComplexTextItem = { readonly text: string; readonly quoted: boolean } | null;

/** A `key:value` item of a map or of a struct written with field names. */
export interface ComplexTextEntry {
  readonly key: ComplexTextItem;
  readonly value: ComplexTextItem;
}

function unquote(item: string): ComplexTextItem {
  const first = item[0];
  if (item.length >= 2 && (first === '"' || first === "'") && item[item.length - 1] === first) {
    return { text: item.slice(1, -1), quoted: true };
  }
  if (item.toLowerCase() === 'null') return null;
  return { text: item, quoted: false };
}

/**
 * Positions of `delimiter` in `text` outside quotes and brackets; undefined when quotes or brackets do not
 * balance. With `first`, only the first position is looked for.
 */
function topLevel(text: string, delimiter: string, first = false): number[] | undefined {
  const found: number[] = [];
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
    } else if (c === delimiter && depth === 0) {
      found.push(i);
      if (first) return found;
    }
  }
  return quote !== undefined || depth !== 0 ? undefined : found;
}

/** The trimmed items between `open` and `close` split at top-level commas; undefined if malformed. */
function splitItems(text: string, open: string, close: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith(open) || !trimmed.endsWith(close) || trimmed.length < 2) return undefined;
  const inner = trimmed.slice(1, -1);
  if (inner.trim() === '') return [];
  const commas = topLevel(inner, ',');
  if (commas === undefined) return undefined;
  const items: string[] = [];
  let start = 0;
  for (const end of [...commas, inner.length]) {
    const item = inner.slice(start, end).trim();
    if (item === '') return undefined;
    items.push(item);
    start = end + 1;
  }
  return items;
}

/** The items of array text; undefined if the text is not bracketed or has an empty item. */
export function splitArrayText(text: string): ComplexTextItem[] | undefined {
  return splitItems(text, '[', ']')?.map(unquote);
}

/**
 * The items of map or struct text `{…}`: entries when every item is `key:value`, plain items when none is
 * (a struct written by position); undefined if malformed or mixed.
 */
export function splitBracedText(
  text: string,
): { readonly entries: ComplexTextEntry[] } | { readonly items: ComplexTextItem[] } | undefined {
  const raw = splitItems(text, '{', '}');
  if (raw === undefined) return undefined;
  const entries: ComplexTextEntry[] = [];
  for (const item of raw) {
    const colon = topLevel(item, ':', true)?.[0];
    if (colon === undefined) break;
    entries.push({ key: unquote(item.slice(0, colon).trim()), value: unquote(item.slice(colon + 1).trim()) });
  }
  if (entries.length === raw.length) return { entries };
  return entries.length === 0 ? { items: raw.map(unquote) } : undefined;
}

// Reading one member or element out of canonical JSON text (JSON and VARIANT values as the sandbox stores
// them) without parsing numbers, so integers beyond 2^53 come out with their exact digits.

/** Where the value starting at `start` ends (exclusive); the text is canonical, so it has no whitespace. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  do {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
    } else if (depth === 0) {
      while (i + 1 < text.length && !',}]'.includes(text[i + 1] ?? '')) i++;
    }
    i++;
  } while (depth > 0 && i < text.length);
  return i;
}

/** The values (and for objects the decoded member names) of a canonical JSON array or object. */
function children(text: string): { readonly name?: string; readonly value: string }[] {
  const open = text[0];
  if ((open !== '{' && open !== '[') || text.length < 2 || text.length === 2) return [];
  const out: { name?: string; value: string }[] = [];
  let i = 1;
  while (i < text.length - 1) {
    let name: string | undefined;
    if (open === '{') {
      const nameEnd = valueEnd(text, i);
      name = JSON.parse(text.slice(i, nameEnd)) as string;
      i = nameEnd + 1; // the colon
    }
    const end = valueEnd(text, i);
    out.push(name === undefined ? { value: text.slice(i, end) } : { name, value: text.slice(i, end) });
    i = end + 1; // the comma or the closing bracket
  }
  return out;
}

/**
 * The canonical text of `json[key]`: an object member by name, or an array element by 0-based index given
 * as a number; undefined when absent.
 */
export function jsonMember(json: string, key: string | number): string | undefined {
  const items = children(json);
  if (typeof key === 'number') return json[0] === '[' ? items[key]?.value : undefined;
  return json[0] === '{' ? items.find((item) => item.name === key)?.value : undefined;
}

/** The members of a canonical JSON object as [name, value text], or undefined when the text is no object. */
export function jsonObjectMembers(json: string): [string, string][] | undefined {
  return json[0] === '{' ? children(json).map((item) => [item.name ?? '', item.value]) : undefined;
}

/** The elements of a canonical JSON array, or undefined when the text is no array. */
export function jsonElements(json: string): string[] | undefined {
  return json[0] === '[' ? children(json).map((item) => item.value) : undefined;
}

/** A JSON scalar's text as a string cast reads it: strings without quotes, anything else as written. */
export function jsonScalarText(json: string): string {
  return json.startsWith('"') ? (JSON.parse(json) as string) : json;
}

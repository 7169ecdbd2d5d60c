// VARIANT subcolumn access as Doris 2.1/3.0 answers it. A VARIANT value is its document's canonical JSON
// text; `v['a']['b']` reads members of it. In a table with `variant_enable_flatten_nested`, an array of
// objects is stored as a nested column: every path under it is an array with one entry per element (NULL
// where an element lacks the member), so the sandbox reads such an array as a JS array of the elements'
// texts — `v['nested']['a']` of `{"nested":[{"a":1},{"b":2}]}` is `[1, null]`. That array is the value's
// stored form while it stays a query result; it renders as Doris renders a nested subcolumn and turns back
// into JSON text when it is written into a column.
import { jsonElements, jsonMember } from './json-member.js';

/** A VARIANT value during a query: JSON text, or the entries of a flattened nested path. */
export type VariantValue = string | (string | null)[];

/** The elements of `text` when it is a non-empty array of objects, which flattening makes nested. */
function nestedElements(text: string): string[] | undefined {
  const elements = jsonElements(text);
  if (elements === undefined || elements.length === 0) return undefined;
  return elements.every((e) => e.startsWith('{')) ? elements : undefined;
}

/**
 * `value[key]`: an object member by name or an array element by 0-based index; NULL when absent. With
 * `flattenNested`, an array of objects is read element-wise, and a path under it that no element has is
 * NULL.
 */
export function variantMember(
  value: VariantValue,
  key: string | number,
  flattenNested: boolean,
): VariantValue | null {
  const nested = typeof value === 'string' ? (flattenNested ? nestedElements(value) : undefined) : value;
  if (nested !== undefined) {
    const entries = nested.map((e) => (e === null ? null : (jsonMember(e, key) ?? null)));
    return entries.every((e) => e === null) ? null : entries;
  }
  if (typeof value !== 'string') return null;
  const member = jsonMember(value, key);
  if (member === undefined) return null;
  return flattenNested ? (nestedElements(member) ?? member) : member;
}

/** A VARIANT value as Doris prints it: JSON text as is, nested entries as an array (`[1, null]`). */
export function renderVariant(value: VariantValue): string {
  return typeof value === 'string' ? value : `[${value.map((e) => e ?? 'null').join(', ')}]`;
}

/** A VARIANT value as the JSON text a column stores. */
export function nestedVariantText(value: VariantValue): string {
  return typeof value === 'string' ? value : `[${value.map((e) => e ?? 'null').join(',')}]`;
}

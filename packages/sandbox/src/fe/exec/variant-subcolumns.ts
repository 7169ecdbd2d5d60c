// The subcolumns Doris extracts from a VARIANT column, for DESC with `describe_extend_variant_column`:
// every leaf path of the documents the table holds, typed as Doris infers it (integers by magnitude, other
// numbers double, strings text, arrays of scalars array<T>), a path whose values disagree widened (ints to
// the wider int, int and double to double) or else json. With `variant_enable_flatten_nested` an array of
// objects is a nested column: each path under it is an array<T> of the elements' values.
type Inferred = string;

const INT_TYPES: readonly [Inferred, bigint][] = [
  ['tinyint', 127n],
  ['smallint', 32767n],
  ['int', 2147483647n],
  ['bigint', 9223372036854775807n],
  ['largeint', 170141183460469231731687303715884105727n],
];

function intType(text: string): Inferred {
  const n = BigInt(text);
  const magnitude = n < 0n ? -n - 1n : n;
  return INT_TYPES.find(([, max]) => magnitude <= max)?.[0] ?? 'double';
}

const INT_ORDER = INT_TYPES.map(([t]) => t);

/** The least common type of two inferred types, as Doris merges a subcolumn's types. */
function merge(a: Inferred | undefined, b: Inferred | undefined): Inferred | undefined {
  if (a === undefined || a === b) return b;
  if (b === undefined) return a;
  const ia = INT_ORDER.indexOf(a);
  const ib = INT_ORDER.indexOf(b);
  if (ia >= 0 && ib >= 0) return INT_ORDER[Math.max(ia, ib)];
  if ((ia >= 0 && b === 'double') || (ib >= 0 && a === 'double')) return 'double';
  const arrayA = /^array<(.*)>$/.exec(a);
  const arrayB = /^array<(.*)>$/.exec(b);
  if (arrayA && arrayB) return `array<${merge(arrayA[1], arrayB[1]) ?? 'json'}>`;
  return 'json';
}

/** The type of one scalar JSON value (numbers keep their source text), undefined for null. */
function scalarType(value: unknown): Inferred | undefined {
  if (value === null) return undefined;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object' && value !== null && 'number' in value) {
    const text = String((value as { number: string }).number);
    return /^-?\d+$/.test(text) ? intType(text) : 'double';
  }
  return 'json';
}

type Json = null | boolean | string | { number: string } | Json[] | { [key: string]: Json };

/** Parses canonical JSON text keeping each number's text, so integers beyond 2^53 type as Doris types them. */
function parse(text: string): Json {
  return JSON.parse(
    text.replace(/("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, (m, str) =>
      str !== undefined ? m : `{"number":"${m}"}`,
    ),
  ) as Json;
}

const isNumber = (v: Json): v is { number: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && 'number' in v;
const isObject = (v: Json): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isNumber(v);

function collect(value: Json, path: string, flatten: boolean, out: Map<string, Inferred>): void {
  const add = (type: Inferred | undefined) => {
    if (path === '' || type === undefined) return;
    out.set(path, merge(out.get(path), type) ?? type);
  };
  if (isObject(value)) {
    for (const [key, member] of Object.entries(value)) {
      collect(member, path === '' ? key : `${path}.${key}`, flatten, out);
    }
    return;
  }
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== null);
    if (flatten && items.length > 0 && items.every(isObject)) {
      // a nested column: each member path becomes array<T> (no deeper flattening inside it)
      const leaves = new Map<string, Inferred>();
      for (const item of items) collect(item, path, false, leaves);
      for (const [leaf, type] of leaves) out.set(leaf, merge(out.get(leaf), `array<${type}>`) ?? type);
      return;
    }
    if (items.some((v) => isObject(v) || Array.isArray(v))) {
      add('json');
      return;
    }
    let element: Inferred | undefined;
    for (const item of items) element = merge(element, scalarType(item));
    if (element !== undefined) add(`array<${element}>`);
    return;
  }
  add(scalarType(value));
}

/** The subcolumns of the documents `docs`, sorted by path: `[path, type]`. */
export function variantSubcolumns(docs: Iterable<string>, flatten: boolean): [string, string][] {
  const out = new Map<string, Inferred>();
  for (const doc of docs) collect(parse(doc), '', flatten, out);
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

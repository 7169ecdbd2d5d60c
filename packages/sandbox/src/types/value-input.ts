// What coerceValue accepts, and the normalized form the coercions work on.

import { type ComplexTextItem, splitArrayText, splitBracedText } from './complex-text.js';
import { assertNever } from './errors.js';
import { canonicalJsonFromValue, canonicalJsonNumber, type JsonInputValue } from './json-text.js';

/** A SQL literal as the parser produced it (numbers keep their written text so nothing is lost). */
export type LiteralInput =
  | { readonly kind: 'int'; readonly text: string }
  /** A decimal or exponent literal: `1.50`, `-0.5`, `1e10`. */
  | { readonly kind: 'decimal'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'array'; readonly items: readonly LiteralInput[] }
  /** `{k: v, …}` or `map(k, v, …)`. */
  | { readonly kind: 'map'; readonly entries: readonly (readonly [LiteralInput, LiteralInput])[] }
  /** `struct(v, …)` (no names) or `named_struct('name', v, …)`. */
  | { readonly kind: 'struct'; readonly names?: readonly string[]; readonly items: readonly LiteralInput[] };

/** A field value from a JSON stream load (wrapped, so an object value can never pass for a LiteralInput). */
export interface JsonLoadInput {
  readonly kind: 'json';
  readonly value: JsonInputValue;
}

/**
 * Anything that can become a stored value: a SQL literal, a CSV field's text (a plain string; the caller has
 * already turned `\N` into a null literal), or a JSON load's field value.
 */
export type ValueInput = LiteralInput | JsonLoadInput | string;

/** The key/value pairs of a map literal or of a JSON load's object (keys are text there). */
export type SourceEntries = readonly (readonly [Source, Source])[];

/**
 * The normalized source of a value. `text` is character data; `number` numeric text; `list` the items of an
 * array literal, a positional struct literal or a JSON load's array; `document` a JSON load's object or a map
 * or named struct literal: its entries, and its canonical JSON text for JSON columns.
 */
export type Source =
  | { readonly tag: 'text'; readonly text: string }
  | { readonly tag: 'number'; readonly text: string }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'null' }
  | { readonly tag: 'list'; readonly items: readonly Source[] }
  | { readonly tag: 'document'; readonly json: string; readonly entries: SourceEntries };

const NULL_SOURCE: Source = { tag: 'null' };

function fromJsonValue(value: JsonInputValue): Source {
  if (value === null) return NULL_SOURCE;
  switch (typeof value) {
    case 'boolean':
      return { tag: 'bool', value };
    case 'string':
      return { tag: 'text', text: value };
    case 'number':
    case 'bigint':
      return { tag: 'number', text: String(value) };
    default:
      break;
  }
  if (Array.isArray(value)) return { tag: 'list', items: value.map(fromJsonValue) };
  const members = Object.entries(value as { readonly [member: string]: JsonInputValue });
  return {
    tag: 'document',
    json: canonicalJsonFromValue(value),
    entries: members.map(([k, v]) => [{ tag: 'text', text: k }, fromJsonValue(v)] as const),
  };
}

/** A document built from entries (map and named struct literals); keys become JSON member names. */
function documentOf(entries: SourceEntries): Source {
  const members = entries.map(([k, v]) => `${JSON.stringify(describeSource(k))}:${sourceToJson(v)}`);
  return { tag: 'document', json: `{${members.join(',')}}`, entries };
}

/** Normalizes any input to a Source. */
export function toSource(input: ValueInput): Source {
  if (typeof input === 'string') return { tag: 'text', text: input };
  switch (input.kind) {
    case 'int':
    case 'decimal':
      return { tag: 'number', text: input.text };
    case 'string':
      return { tag: 'text', text: input.text };
    case 'boolean':
      return { tag: 'bool', value: input.value };
    case 'null':
      return NULL_SOURCE;
    case 'array':
      return { tag: 'list', items: input.items.map(toSource) };
    case 'map':
      return documentOf(input.entries.map(([k, v]) => [toSource(k), toSource(v)] as const));
    case 'struct': {
      const { names, items } = input;
      if (names === undefined) return { tag: 'list', items: items.map(toSource) };
      return documentOf(items.map((v, i) => [{ tag: 'text', text: names[i] ?? '' }, toSource(v)] as const));
    }
    case 'json':
      return fromJsonValue(input.value);
    default:
      return assertNever(input);
  }
}

/** The items of an array-valued source, or undefined if the source cannot be an array. */
export function listItems(source: Source): readonly Source[] | undefined {
  switch (source.tag) {
    case 'list':
      return source.items;
    case 'text': {
      // CSV (and a JSON load's string field) carries Doris's array text
      const items = splitArrayText(source.text);
      return items?.map(itemSource);
    }
    default:
      return undefined;
  }
}

function itemSource(item: ComplexTextItem): Source {
  return item === null ? NULL_SOURCE : { tag: 'text', text: item.text };
}

/**
 * The entries (a map, a struct by name) or items (a struct by position) of a source: a document, a list, or
 * Doris's `{…}` text. Undefined if the source has neither.
 */
export function braceItems(
  source: Source,
): { readonly entries: SourceEntries } | { readonly items: readonly Source[] } | undefined {
  switch (source.tag) {
    case 'document':
      return { entries: source.entries };
    case 'list':
      return { items: source.items };
    case 'text': {
      const split = splitBracedText(source.text);
      if (split === undefined) return undefined;
      if ('items' in split) return { items: split.items.map(itemSource) };
      return { entries: split.entries.map((e) => [itemSource(e.key), itemSource(e.value)] as const) };
    }
    default:
      return undefined;
  }
}

/** How a source reads in an error message. */
export function describeSource(source: Source): string {
  switch (source.tag) {
    case 'text':
    case 'number':
      return source.text;
    case 'bool':
      return source.value ? 'true' : 'false';
    case 'null':
      return 'NULL';
    case 'list':
      return `[${source.items.map(describeSource).join(', ')}]`;
    case 'document':
      return source.json;
    default:
      return assertNever(source);
  }
}

/**
 * The canonical JSON text of a source, for JSON columns given structured input (an array literal, a JSON
 * load's array or scalar). Text sources are not handled here: text is parsed as JSON by the caller.
 */
export function sourceToJson(source: Source): string {
  switch (source.tag) {
    case 'text':
      return JSON.stringify(source.text);
    case 'number':
      return canonicalJsonNumber(source.text);
    case 'bool':
      return source.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'list':
      return `[${source.items.map(sourceToJson).join(',')}]`;
    case 'document':
      return source.json;
    default:
      return assertNever(source);
  }
}

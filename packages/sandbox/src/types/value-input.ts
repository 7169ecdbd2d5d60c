// What coerceValue accepts, and the normalized form the coercions work on.

import { type ArrayTextItem, splitArrayText } from './array-text.js';
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
  | { readonly kind: 'array'; readonly items: readonly LiteralInput[] };

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

/**
 * The normalized source of a value. `text` is character data; `number` numeric text; `list` the items of an
 * array literal or a JSON load's array; `document` a JSON load's object, kept as its canonical JSON text.
 */
export type Source =
  | { readonly tag: 'text'; readonly text: string }
  | { readonly tag: 'number'; readonly text: string }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'null' }
  | { readonly tag: 'list'; readonly items: readonly Source[] }
  | { readonly tag: 'document'; readonly json: string };

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
  return { tag: 'document', json: canonicalJsonFromValue(value) };
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
      return items?.map(
        (item: ArrayTextItem): Source => (item === null ? NULL_SOURCE : { tag: 'text', text: item.text }),
      );
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

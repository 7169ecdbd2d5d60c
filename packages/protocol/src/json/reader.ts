import { describeJsonType, isJsonObject, type JsonObject, type JsonValue } from './value.js';

/** A JSON value had the wrong type or range for what the reader asked for. */
export class JsonReadError extends Error {
  override readonly name = 'JsonReadError';
  /** Dotted path of the offending member inside the document, `''` for the document itself. */
  readonly path: string;
  /** What was wrong, without the path. */
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(path === '' ? reason : `member '${path}': ${reason}`);
    this.path = path;
    this.reason = reason;
  }
}

/** One member name, or several accepted spellings tried in order (e.g. `['di', 'distributionInfo']`). */
export type MemberNames = string | readonly string[];

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^-?\d+$/;

function memberPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function elementPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

function wrongType(path: string, expected: string, value: JsonValue): JsonReadError {
  return new JsonReadError(path, `expected ${expected}, got ${describeJsonType(value)}`);
}

/** A signed 64-bit integer. */
export function asInt64(value: JsonValue, path: string): bigint {
  if (typeof value !== 'bigint') throw wrongType(path, 'an integer', value);
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new JsonReadError(path, `integer ${value} is outside the signed 64-bit range`);
  }
  return value;
}

/** An integer that is exactly representable as a JS number (counts, enum values, 32-bit Java ints). */
export function asInt(value: JsonValue, path: string): number {
  if (typeof value !== 'bigint') throw wrongType(path, 'an integer', value);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new JsonReadError(path, `integer ${value} is too large for a JS number`);
  }
  return n;
}

export function asString(value: JsonValue, path: string): string {
  if (typeof value !== 'string') throw wrongType(path, 'a string', value);
  return value;
}

export function asBoolean(value: JsonValue, path: string): boolean {
  if (typeof value !== 'boolean') throw wrongType(path, 'a boolean', value);
  return value;
}

export function asObject(value: JsonValue, path: string): ObjectReader {
  if (!isJsonObject(value)) throw wrongType(path, 'an object', value);
  return new ObjectReader(value, path);
}

/** Parses the string key of a JSON object keyed by ids (`{"10210": …}`). */
export function parseIdKey(key: string, path: string): bigint {
  if (!INTEGER_TEXT.test(key)) {
    throw new JsonReadError(path, `map key ${JSON.stringify(key)} is not an integer id`);
  }
  return asInt64(BigInt(key), path);
}

/** A JSON array converted element by element. */
export function asList<T>(
  value: JsonValue,
  path: string,
  convert: (element: JsonValue, path: string) => T,
): T[] {
  if (!Array.isArray(value)) throw wrongType(path, 'an array', value);
  return value.map((element, index) => convert(element, elementPath(path, index)));
}

/**
 * Typed, defaulting access to the members of one JSON object.
 *
 * Lookup rules: each accepted spelling is first tried exactly, then (as a fallback, like Go's
 * `encoding/json`) case-insensitively. A member that is absent or `null` yields the getter's zero value
 * (`0n`, `0`, `''`, `false`, empty list/map); a member of the wrong JSON type throws {@link JsonReadError}.
 * Members the caller never asks for are simply left in {@link raw}.
 */
export class ObjectReader {
  readonly raw: JsonObject;
  readonly path: string;
  #lowerCaseKeys: Map<string, string> | undefined;

  constructor(raw: JsonObject, path = '') {
    this.raw = raw;
    this.path = path;
  }

  /** The actual key used in the JSON for the first matching spelling, or undefined. */
  findKey(names: MemberNames): string | undefined {
    const list = typeof names === 'string' ? [names] : names;
    for (const name of list) {
      if (Object.hasOwn(this.raw, name)) return name;
    }
    const lower = this.#lowerCaseIndex();
    for (const name of list) {
      const key = lower.get(name.toLowerCase());
      if (key !== undefined) return key;
    }
    return undefined;
  }

  /** True if the member exists with a non-null value. */
  has(names: MemberNames): boolean {
    return this.#member(names) !== undefined;
  }

  /** The member's JSON value verbatim (opaque members), or undefined when absent/null. */
  value(names: MemberNames): JsonValue | undefined {
    return this.#member(names)?.value;
  }

  int64(names: MemberNames, absent = 0n): bigint {
    const m = this.#member(names);
    return m === undefined ? absent : asInt64(m.value, m.path);
  }

  int(names: MemberNames, absent = 0): number {
    const m = this.#member(names);
    return m === undefined ? absent : asInt(m.value, m.path);
  }

  string(names: MemberNames, absent = ''): string {
    const m = this.#member(names);
    return m === undefined ? absent : asString(m.value, m.path);
  }

  optionalString(names: MemberNames): string | undefined {
    const m = this.#member(names);
    return m === undefined ? undefined : asString(m.value, m.path);
  }

  boolean(names: MemberNames, absent = false): boolean {
    const m = this.#member(names);
    return m === undefined ? absent : asBoolean(m.value, m.path);
  }

  /** A nested object, or undefined when absent. */
  object(names: MemberNames): ObjectReader | undefined {
    const m = this.#member(names);
    return m === undefined ? undefined : asObject(m.value, m.path);
  }

  /** A nested object; an absent member reads as an empty object. */
  objectOrEmpty(names: MemberNames): ObjectReader {
    const m = this.#member(names);
    return m === undefined
      ? new ObjectReader({}, memberPath(this.path, this.#firstName(names)))
      : asObject(m.value, m.path);
  }

  /** A JSON array converted element by element; absent → empty. */
  list<T>(names: MemberNames, convert: (value: JsonValue, path: string) => T): T[] {
    const m = this.#member(names);
    return m === undefined ? [] : asList(m.value, m.path, convert);
  }

  int64List(names: MemberNames): bigint[] {
    return this.list(names, asInt64);
  }

  intList(names: MemberNames): number[] {
    return this.list(names, asInt);
  }

  stringList(names: MemberNames): string[] {
    return this.list(names, asString);
  }

  /** An array of objects, each read by `read`; absent → empty. */
  objectList<T>(names: MemberNames, read: (reader: ObjectReader) => T): T[] {
    return this.list(names, (value, path) => read(asObject(value, path)));
  }

  /**
   * A JSON object keyed by decimal id strings, as a `Map<bigint, T>` iterating in ascending id order
   * (JS objects cannot keep the document order of integer-like keys); null values are skipped.
   */
  idMap<T>(names: MemberNames, convert: (value: JsonValue, path: string) => T): Map<bigint, T> {
    const m = this.#member(names);
    if (m === undefined) return new Map();
    const object = asObject(m.value, m.path).raw;
    const entries: Array<[bigint, T]> = [];
    for (const [key, value] of Object.entries(object)) {
      if (value === null) continue;
      const path = memberPath(m.path, key);
      entries.push([parseIdKey(key, path), convert(value, path)]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new Map(entries);
  }

  /** A JSON object of string → string (Java `Map<String, String>`); null values are skipped. */
  stringMap(names: MemberNames): Map<string, string> {
    const result = new Map<string, string>();
    const m = this.#member(names);
    if (m === undefined) return result;
    const object = asObject(m.value, m.path).raw;
    for (const [key, value] of Object.entries(object)) {
      if (value === null) continue;
      result.set(key, asString(value, memberPath(m.path, key)));
    }
    return result;
  }

  #member(names: MemberNames): { value: JsonValue; path: string } | undefined {
    const key = this.findKey(names);
    if (key === undefined) return undefined;
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    return { value, path: memberPath(this.path, key) };
  }

  #firstName(names: MemberNames): string {
    return typeof names === 'string' ? names : (names[0] ?? '');
  }

  #lowerCaseIndex(): Map<string, string> {
    if (this.#lowerCaseKeys === undefined) {
      this.#lowerCaseKeys = new Map();
      for (const key of Object.keys(this.raw)) {
        const lower = key.toLowerCase();
        if (!this.#lowerCaseKeys.has(lower)) this.#lowerCaseKeys.set(lower, key);
      }
    }
    return this.#lowerCaseKeys;
  }
}

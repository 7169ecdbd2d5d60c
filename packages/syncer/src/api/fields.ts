// Readers for the members of a request body. Go's decoder silently zero-fills absent or mistyped members
// (syncer-behaviour.md §8 item 24); these reject them instead, naming the member by its dotted path.
import type { JsonObject, JsonValue } from '@doris-ccr/protocol';
import { isJsonObject } from '@doris-ccr/protocol';
import { toJsonText } from './json-text.js';
import { RequestError } from './request-error.js';

/** Job names end up in meta-DB keys (VARCHAR(512) in MySQL), file names of logs and metric labels. */
const MAX_NAME_LENGTH = 512;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const INTEGER_TEXT = /^-?\d+$/;

/** The body as an object; an absent body reads as `{}` so that required members report themselves. */
export function bodyObject(body: JsonValue | undefined): JsonObject {
  if (body === undefined || body === null) return {};
  if (!isJsonObject(body)) throw new RequestError('request body must be a JSON object');
  return body;
}

/** A member that is absent or null counts as not given, like Go's zero value. */
function given(value: JsonValue | undefined): value is Exclude<JsonValue, null> {
  return value !== undefined && value !== null;
}

export function optionalString(object: JsonObject, key: string, path = key): string {
  const value = object[key];
  if (!given(value)) return '';
  if (typeof value !== 'string') throw new RequestError(`${path} must be a string`);
  return value;
}

export function optionalBoolean(object: JsonObject, key: string, path = key): boolean {
  const value = object[key];
  if (!given(value)) return false;
  if (typeof value === 'boolean') return value;
  // Query-string requests carry every value as text.
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new RequestError(`${path} must be a boolean`);
}

/** The job name every job-scoped endpoint takes. */
export function jobName(object: JsonObject): string {
  const name = optionalString(object, 'name');
  if (name === '') throw new RequestError('name is empty');
  if (name.length > MAX_NAME_LENGTH)
    throw new RequestError(`name is longer than ${MAX_NAME_LENGTH} characters`);
  if (CONTROL_CHARACTERS.test(name)) throw new RequestError('name contains control characters');
  return name;
}

/** A 64-bit integer given as a JSON integer or as decimal text; 0 when absent. */
export function optionalInt64(object: JsonObject, key: string, path = key): bigint {
  const value = object[key];
  if (!given(value)) return 0n;
  let parsed: bigint | undefined;
  if (typeof value === 'bigint') parsed = value;
  else if (typeof value === 'string' && INTEGER_TEXT.test(value)) parsed = BigInt(value);
  else if (typeof value === 'number' && Number.isSafeInteger(value)) parsed = BigInt(value);
  if (parsed === undefined || parsed < -(2n ** 63n) || parsed >= 2n ** 63n) {
    throw new RequestError(`${path} is invalid: ${describe(value)}`);
  }
  return parsed;
}

/** A `{string: string}` object such as a host mapping; `{}` when absent. */
export function optionalStringMap(object: JsonObject, key: string, path = key): Record<string, string> {
  const value = object[key];
  if (!given(value)) return {};
  if (!isJsonObject(value)) throw new RequestError(`${path} must be an object of strings`);
  const map: Record<string, string> = {};
  for (const [entryKey, entryValue] of Object.entries(value)) {
    if (entryKey === '') throw new RequestError(`${path} has an empty key`);
    if (typeof entryValue !== 'string') throw new RequestError(`${path}.${entryKey} must be a string`);
    map[entryKey] = entryValue;
  }
  return map;
}

/** A list of non-empty strings such as table names or patterns; `[]` when absent. */
export function optionalStringList(object: JsonObject, key: string, path = key): string[] {
  const value = object[key];
  if (!given(value)) return [];
  if (!Array.isArray(value)) throw new RequestError(`${path} must be a list of strings`);
  return value.map((entry, i) => {
    if (typeof entry !== 'string' || entry.trim() === '')
      throw new RequestError(`${path}[${i}] must be a non-empty string: ${describe(entry)}`);
    return entry;
  });
}

/** The value as the operator wrote it, for "is invalid: X" messages. */
export function describe(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return '';
  return toJsonText(value);
}

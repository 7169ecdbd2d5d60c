// coerceValue: from a SQL literal, CSV text or JSON load value to the stored form of a column type.
//
// Doris in non-strict mode would silently turn many bad values into NULL; the sandbox reports them as errors
// instead (like strict mode, and like a real INSERT for out-of-range integers), because a silent NULL would
// hide mistakes in the programs tested against it.

import {
  cannotConvert,
  coerceBoolean,
  coerceDecimal,
  coerceFloating,
  coerceInteger,
} from './coerce-number.js';
import { formatDate, formatDateTime, parseDateTimeText, roundFraction } from './datetime-text.js';
import type { DorisType, StoredValue } from './doris-type.js';
import { assertNever, type CoerceContext, ValueError } from './errors.js';
import { formatDouble } from './float-format.js';
import { canonicalJsonText, JsonTextError } from './json-text.js';
import { renderTypeSql } from './render-type.js';
import { MAX_STRING_LENGTH } from './type-limits.js';
import {
  braceItems,
  listItems,
  type Source,
  sourceToJson,
  toSource,
  type ValueInput,
} from './value-input.js';

/** The character data a string column receives from a source, or undefined if it has none. */
function textOf(source: Source): string | undefined {
  switch (source.tag) {
    case 'text':
      return source.text;
    case 'number':
      // exponent literals are doubles in Doris and print as doubles; decimal literals keep their digits
      return /[eE]/.test(source.text) ? formatDouble(Number(source.text)) : source.text;
    case 'bool':
      return source.value ? '1' : '0';
    case 'document':
      return source.json;
    case 'list':
    case 'null':
      return undefined;
    default:
      return assertNever(source);
  }
}

/** CHAR(n)/VARCHAR(n)/STRING: n counts UTF-8 bytes, as in Doris. Values are stored unpadded. */
function coerceString(limit: number, source: Source, context: CoerceContext): string | undefined {
  const text = textOf(source);
  if (text === undefined) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limit) {
    const prefix = Buffer.from(text, 'utf8').subarray(0, 32).toString('utf8');
    throw new ValueError(
      `the length of input is too long than schema. first 32 bytes of input str: [${prefix}] ` +
        `schema length: ${limit}; actual length: ${bytes};`,
      context,
    );
  }
  return text;
}

/** DATE and DATETIME(s) from date/datetime text (or integers such as 20240105). */
function coerceTemporal(
  type: DorisType & { kind: 'DATE' | 'DATETIME' },
  source: Source,
  context: CoerceContext,
): string | undefined {
  if (source.tag !== 'text' && source.tag !== 'number') return undefined;
  const invalid = (): ValueError =>
    new ValueError(`date/datetime literal [${source.text.trim()}] is invalid`, context);
  const parts = parseDateTimeText(source.text);
  if (parts === undefined) throw invalid();
  // a DATE drops the time of day; a DATETIME rounds the fraction to its scale
  if (type.kind === 'DATE') return formatDate(parts);
  const rounded = roundFraction(parts, type.scale);
  if (rounded === undefined) throw invalid();
  return formatDateTime(rounded);
}

/** JSON: text must parse as JSON; structured input (array literals, JSON load values) is converted. */
function coerceJson(source: Source, context: CoerceContext): string {
  if (source.tag !== 'text') return sourceToJson(source);
  try {
    return canonicalJsonText(source.text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new ValueError(`json parse error: ${error.message} for value: ${source.text}`, context);
  }
}

function coerceArray(
  type: DorisType & { kind: 'ARRAY' },
  source: Source,
  context: CoerceContext,
): StoredValue[] | undefined {
  const items = listItems(source);
  if (items === undefined) return undefined;
  return items.map((item: Source): StoredValue => {
    if (item.tag === 'null') {
      if (!type.elementNullable) {
        throw new ValueError(`array<not_null(${renderTypeSql(type.element)})> can not contain null`, context);
      }
      return null;
    }
    return coerceSource(type.element, item, context);
  });
}

/** MAP from a map literal, a JSON object or `{k:v, …}` text; a NULL key is kept, as Doris keeps it. */
function coerceMap(
  type: DorisType & { kind: 'MAP' },
  source: Source,
  context: CoerceContext,
): StoredValue[] | undefined {
  const split = braceItems(source);
  if (split === undefined || !('entries' in split)) return undefined;
  return split.entries.map(([k, v]): StoredValue[] => [
    coerceSource(type.key, k, context),
    coerceSource(type.value, v, context),
  ]);
}

/**
 * STRUCT from a struct literal, a JSON object or array, or `{…}` text. Named input is matched by field name
 * (absent fields are NULL) when every name is a field; otherwise values are taken by position, which must
 * then cover every field, as Doris's struct deserializer requires.
 */
function coerceStruct(
  type: DorisType & { kind: 'STRUCT' },
  source: Source,
  context: CoerceContext,
): StoredValue[] | undefined {
  const split = braceItems(source);
  if (split === undefined) return undefined;
  let values: readonly Source[];
  if ('entries' in split) {
    const byName = new Map(split.entries.map(([k, v]) => [(textOf(k) ?? '').toLowerCase(), v] as const));
    const named = [...byName.keys()].every((name) => type.fields.some((f) => f.name === name));
    values = named
      ? type.fields.map((f) => byName.get(f.name) ?? { tag: 'null' })
      : split.entries.map(([, v]) => v);
  } else {
    values = split.items;
  }
  if (values.length !== type.fields.length) {
    throw new ValueError(
      `Actual struct field number ${values.length} is not equal to schema field number ${type.fields.length}.`,
      context,
    );
  }
  return type.fields.map((f, i) => coerceSource(f.type, values[i] ?? { tag: 'null' }, context));
}

/** VARIANT keeps any JSON document; text that is not JSON is kept as a JSON string. */
function coerceVariant(source: Source): string {
  if (source.tag !== 'text') return sourceToJson(source);
  try {
    return canonicalJsonText(source.text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    return JSON.stringify(source.text);
  }
}

function coerceNonNull(type: DorisType, source: Source, context: CoerceContext): StoredValue | undefined {
  switch (type.kind) {
    case 'BOOLEAN':
      return coerceBoolean(source);
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'LARGEINT':
      return coerceInteger(type.kind, source, context);
    case 'FLOAT':
    case 'DOUBLE':
      return coerceFloating(type.kind, source, context);
    case 'DECIMAL':
      return coerceDecimal(type.precision, type.scale, source, context);
    case 'DATE':
    case 'DATETIME':
      return coerceTemporal(type, source, context);
    case 'CHAR':
    case 'VARCHAR':
      return coerceString(type.length, source, context);
    case 'STRING':
      return coerceString(MAX_STRING_LENGTH, source, context);
    case 'JSON':
      return coerceJson(source, context);
    case 'ARRAY':
      return coerceArray(type, source, context);
    case 'MAP':
      return coerceMap(type, source, context);
    case 'STRUCT':
      return coerceStruct(type, source, context);
    case 'VARIANT':
      return coerceVariant(source);
    default:
      return assertNever(type);
  }
}

function coerceSource(type: DorisType, source: Source, context: CoerceContext): StoredValue {
  if (source.tag === 'null') return null;
  const value = coerceNonNull(type, source, context);
  if (value === undefined) throw cannotConvert(source, renderTypeSql(type), context);
  return value;
}

/**
 * Converts an input to the stored form of `type` (see StoredValue). NULL input gives null; whether the
 * column accepts NULL is the caller's business.
 *
 * @throws ValueError when the value cannot be stored: out of range, too long, not a valid date, invalid JSON,
 * or not convertible at all. The message is Doris's wording where Doris has one.
 */
export function coerceValue(type: DorisType, input: ValueInput, context: CoerceContext = {}): StoredValue {
  if (typeof input === 'string') {
    const fast = fastText(type, input);
    if (fast !== undefined) return fast;
  }
  return coerceSource(type, toSource(input), context);
}

const PLAIN_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const INT_LIMITS = { TINYINT: 127, SMALLINT: 32767, INT: 2147483647 } as const;

/** `0` or an optionally negative integer of 1–15 digits without leading zeros (cannot overflow a double). */
function isSmallInt(text: string): boolean {
  // Character codes instead of a regular expression: this runs for every integer field of a stream load.
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const digits = n - i;
  if (digits < 1 || digits > 15) return false;
  const first = text.charCodeAt(i);
  if (first === 48) return n === 1;
  if (first < 49 || first > 57) return false;
  for (i++; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/** `YYYY-MM-DD` with a day 1–28 (exists in every month) and a year other than 0000. */
function isCommonDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3);
  const month = digitAt(text, 5) * 10 + digitAt(text, 6);
  const day = digitAt(text, 8) * 10 + digitAt(text, 9);
  // NaN (a non-digit) fails every comparison. Other days take the full check (leap years, month lengths).
  return year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28;
}

/**
 * A plain decimal (`-?digits[.digits]`, no leading zeros, not a negative zero) that fits precision and
 * scale, in stored form: the fraction padded to `scale` digits. Anything else gives undefined.
 */
function plainDecimal(text: string, precision: number, scale: number): string | undefined {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const intStart = i;
  while (i < n && digitAt(text, i) >= 0) i++;
  const intDigits = i - intStart;
  if (intDigits === 0 || intDigits > precision - scale) return undefined;
  if (intDigits > 1 && text.charCodeAt(intStart) === 48) return undefined;
  let fracDigits = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return undefined;
    const fracStart = ++i;
    while (i < n && digitAt(text, i) >= 0) i++;
    fracDigits = i - fracStart;
    if (i < n || fracDigits === 0 || fracDigits > scale) return undefined;
  }
  // "-0", "-0.00": the general path decides how a negative zero is stored.
  if (intStart === 1 && intDigits === 1 && text.charCodeAt(1) === 48 && !/[1-9]/.test(text)) return undefined;
  if (fracDigits === scale) return text;
  const zeros = '0'.repeat(scale - fracDigits);
  return fracDigits === 0 ? `${text}.${zeros}` : text + zeros;
}

/**
 * Fast paths for the common stream-load cases (plain integers, short ASCII strings, ISO dates) that give
 * exactly what the general conversion gives; anything unusual returns undefined and takes the full path.
 */
function fastText(type: DorisType, text: string): StoredValue | undefined {
  switch (type.kind) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT': {
      if (!isSmallInt(text)) return undefined;
      const n = Number(text);
      const limit = INT_LIMITS[type.kind];
      return n >= -limit - 1 && n <= limit ? n : undefined;
    }
    case 'BIGINT':
    case 'LARGEINT':
      // Stored as exact decimal text; up to 15 digits cannot leave either range.
      return isSmallInt(text) ? text : undefined;
    case 'VARCHAR':
    case 'CHAR':
      // Length is counted in UTF-8 bytes; a UTF-16 unit never takes more than 3, so short strings fit as
      // they are without measuring (the general path measures the rest).
      return text.length * 3 <= type.length ? text : undefined;
    case 'STRING':
      return text.length <= 1_000_000 ? text : undefined;
    case 'DECIMAL':
      return plainDecimal(text, type.precision, type.scale);
    case 'DATETIME': {
      if (type.scale !== 0 || !PLAIN_DATETIME.test(text)) return undefined;
      const date = fastText({ kind: 'DATE' }, text.slice(0, 10));
      const h = Number(text.slice(11, 13));
      const mi = Number(text.slice(14, 16));
      const sec = Number(text.slice(17, 19));
      return date !== undefined && h < 24 && mi < 60 && sec < 60 ? text : undefined;
    }
    case 'DATE':
      return isCommonDate(text) ? text : undefined;
    default:
      return undefined;
  }
}

// JSON column values: validation and the canonical text the sandbox stores and returns. Doris keeps JSON as
// binary JSONB and prints it back compactly (no whitespace), members in their original order, so the
// canonical form is that compact text. Numbers: integers that fit int64 keep their exact digits; other
// numbers become doubles printed the way Doris prints doubles.

import { formatDouble } from './float-format.js';
import { INTEGER_RANGES } from './type-limits.js';

/** A JSON value as a JSON load delivers it; integers beyond 2^53 may arrive as bigint. */
export type JsonInputValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly JsonInputValue[]
  | { readonly [member: string]: JsonInputValue };

export class JsonTextError extends Error {
  override readonly name = 'JsonTextError';
}

const MAX_DEPTH = 1000;
const INTEGER_TEXT = /^-?\d+$/;
const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Canonical text of a JSON number given as text (JSON grammar or SQL decimal text such as `.5`). */
export function canonicalJsonNumber(text: string): string {
  if (INTEGER_TEXT.test(text)) {
    const value = BigInt(text);
    const { min, max } = INTEGER_RANGES.BIGINT;
    if (value >= min && value <= max) return value.toString();
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new JsonTextError(`number out of range: ${text}`);
  return formatDouble(value);
}

/** Canonical text of a value from a JSON load. */
export function canonicalJsonFromValue(value: JsonInputValue, depth = 0): string {
  if (depth > MAX_DEPTH) throw new JsonTextError('JSON nests too deeply');
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return canonicalJsonNumber(value.toString());
    case 'number':
      if (!Number.isFinite(value)) throw new JsonTextError(`number out of range: ${value}`);
      return Number.isInteger(value) && Number.isSafeInteger(value) ? String(value) : formatDouble(value);
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: JsonInputValue) => canonicalJsonFromValue(item, depth + 1)).join(',')}]`;
  }
  const members = Object.entries(value as { readonly [member: string]: JsonInputValue });
  return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJsonFromValue(v, depth + 1)}`).join(',')}}`;
}

/** A recursive-descent reader that re-emits what it reads in canonical form. */
class CanonicalJsonReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  run(): string {
    const out = this.value(0);
    this.space();
    if (this.pos < this.text.length) this.fail('unexpected content after the JSON value');
    return out;
  }

  private fail(what: string): never {
    throw new JsonTextError(`${what} at offset ${this.pos}`);
  }

  private space(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  private value(depth: number): string {
    if (depth > MAX_DEPTH) this.fail('JSON nests too deeply');
    this.space();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return JSON.stringify(this.string());
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return word;
      }
    }
    const match = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 4096));
    if (match === null || !NUMBER_TEXT.test(match[0])) this.fail('invalid JSON value');
    this.pos += match[0].length;
    return canonicalJsonNumber(match[0]);
  }

  private object(depth: number): string {
    this.pos++;
    const members: string[] = [];
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return '{}';
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail('expected a member name');
      const name = JSON.stringify(this.string());
      this.space();
      if (this.text[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      members.push(`${name}:${this.value(depth + 1)}`);
      this.space();
      const c = this.text[this.pos++];
      if (c === '}') return `{${members.join(',')}}`;
      if (c !== ',') this.fail("expected ',' or '}'");
    }
  }

  private array(depth: number): string {
    this.pos++;
    const items: string[] = [];
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return '[]';
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.space();
      const c = this.text[this.pos++];
      if (c === ']') return `[${items.join(',')}]`;
      if (c !== ',') this.fail("expected ',' or ']'");
    }
  }

  /** Reads a string literal and returns its decoded content (JSON.parse checks the escapes). */
  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        try {
          return JSON.parse(this.text.slice(start, this.pos)) as string;
        } catch {
          this.pos = start;
          this.fail('invalid string');
        }
      }
      if (c < 0x20) this.fail('control character in string');
      this.pos += c === 0x5c ? 2 : 1;
    }
    return this.fail('unterminated string');
  }
}

/**
 * Validates JSON text and returns its canonical form.
 *
 * @throws JsonTextError if the text is not a single valid JSON value.
 */
export function canonicalJsonText(text: string): string {
  return new CanonicalJsonReader(text).run();
}

import type { DorisType, DorisTypeKind, StructField } from './doris-type.js';
import { InvalidTypeError } from './errors.js';
import {
  DEFAULT_DECIMAL_PRECISION,
  DEFAULT_DECIMAL_SCALE,
  MAX_CHAR_LENGTH,
  MAX_DATETIME_SCALE,
  MAX_DECIMAL_PRECISION,
  MAX_VARCHAR_LENGTH,
} from './type-limits.js';

/** Spellings that take no parameters (integers also accept a display width, which Doris ignores). */
const PLAIN_TYPES: Readonly<Record<string, DorisType>> = {
  BOOLEAN: { kind: 'BOOLEAN' },
  BOOL: { kind: 'BOOLEAN' },
  TINYINT: { kind: 'TINYINT' },
  SMALLINT: { kind: 'SMALLINT' },
  INT: { kind: 'INT' },
  INTEGER: { kind: 'INT' },
  BIGINT: { kind: 'BIGINT' },
  LARGEINT: { kind: 'LARGEINT' },
  FLOAT: { kind: 'FLOAT' },
  DOUBLE: { kind: 'DOUBLE' },
  DATE: { kind: 'DATE' },
  DATEV2: { kind: 'DATE' },
  STRING: { kind: 'STRING' },
  TEXT: { kind: 'STRING' },
  JSON: { kind: 'JSON' },
  JSONB: { kind: 'JSON' },
  VARIANT: { kind: 'VARIANT' },
};

const INTEGER_KINDS: ReadonlySet<DorisTypeKind> = new Set([
  'TINYINT',
  'SMALLINT',
  'INT',
  'BIGINT',
  'LARGEINT',
]);

function expectParams(name: string, params: readonly number[], max: number): void {
  if (params.length > max) {
    throw new InvalidTypeError(`Too many parameters for type ${name}: (${params.join(', ')})`);
  }
  for (const p of params) {
    if (!Number.isSafeInteger(p)) throw new InvalidTypeError(`Invalid parameter for type ${name}: ${p}`);
  }
}

function decimalType(params: readonly number[]): DorisType {
  const precision = params[0] ?? DEFAULT_DECIMAL_PRECISION;
  const scale = params[1] ?? DEFAULT_DECIMAL_SCALE;
  if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
    throw new InvalidTypeError(
      `Precision of decimal must between 1 and ${MAX_DECIMAL_PRECISION}. Precision was set to: ${precision}.`,
    );
  }
  if (scale < 0 || scale > precision) {
    throw new InvalidTypeError(
      `Scale of decimal must between 0 and ${precision}. Scale was set to: ${scale}.`,
    );
  }
  return { kind: 'DECIMAL', precision, scale };
}

function datetimeType(params: readonly number[]): DorisType {
  const scale = params[0] ?? 0;
  if (scale < 0 || scale > MAX_DATETIME_SCALE) {
    throw new InvalidTypeError(
      `Scale of Datetime/Time must between 0 and ${MAX_DATETIME_SCALE}. Scale was set to: ${scale}.`,
    );
  }
  return { kind: 'DATETIME', scale };
}

function characterType(kind: 'CHAR' | 'VARCHAR', params: readonly number[]): DorisType {
  const max = kind === 'CHAR' ? MAX_CHAR_LENGTH : MAX_VARCHAR_LENGTH;
  // CHAR defaults to CHAR(1) as in SQL; VARCHAR without a length is the longest VARCHAR
  const length = params[0] ?? (kind === 'CHAR' ? 1 : MAX_VARCHAR_LENGTH);
  if (length <= 0) throw new InvalidTypeError(`${kind} size must be > 0: ${length}`);
  if (length > max) throw new InvalidTypeError(`${kind} size must be <= ${max}: ${length}`);
  return { kind, length };
}

/**
 * Builds a type from its name (any case, aliases allowed), its numeric parameters, and for ARRAY the element
 * type. DECIMALV2 is accepted as a spelling of DECIMAL: Doris 2.x converts it to decimalv3
 * (`enable_decimal_conversion` defaults to true).
 *
 * @throws InvalidTypeError for unknown names or parameters Doris rejects.
 */
export function typeFromParts(name: string, params: readonly number[], element?: DorisType): DorisType {
  const upper = name.trim().toUpperCase();
  if (upper !== 'ARRAY' && element !== undefined) {
    throw new InvalidTypeError(`Type ${upper} takes no element type`);
  }
  const plain = PLAIN_TYPES[upper];
  if (plain !== undefined) {
    expectParams(upper, params, INTEGER_KINDS.has(plain.kind) ? 1 : 0);
    return plain;
  }
  switch (upper) {
    case 'DECIMAL':
    case 'DECIMALV2':
    case 'DECIMALV3':
      expectParams(upper, params, 2);
      return decimalType(params);
    case 'DATETIME':
    case 'DATETIMEV2':
      expectParams(upper, params, 1);
      return datetimeType(params);
    case 'CHAR':
    case 'VARCHAR':
      expectParams(upper, params, 1);
      return characterType(upper, params);
    case 'ARRAY':
      expectParams(upper, params, 0);
      if (element === undefined) throw new InvalidTypeError('ARRAY needs an element type: ARRAY<type>');
      return { kind: 'ARRAY', element, elementNullable: true };
    default:
      throw new InvalidTypeError(`Unknown data type: ${name.trim()}`);
  }
}

/** A tiny scanner over type syntax: words, numbers and the punctuation `( ) , < > :`. */
class TypeScanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  peekChar(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  accept(ch: string): boolean {
    if (this.peekChar() !== ch) return false;
    this.pos++;
    return true;
  }

  expect(ch: string): void {
    if (!this.accept(ch)) throw this.fail(`'${ch}'`);
  }

  word(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (match === null) throw this.fail('a type name');
    this.pos += match[0].length;
    return match[0];
  }

  number(): number {
    this.skipSpace();
    const match = /^-?\d+/.exec(this.text.slice(this.pos));
    if (match === null) throw this.fail('a number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  atEnd(): boolean {
    return this.peekChar() === undefined;
  }

  fail(expected: string): InvalidTypeError {
    const found = this.pos < this.text.length ? `'${this.text.slice(this.pos)}'` : 'end of input';
    return new InvalidTypeError(`Invalid type '${this.text}': expected ${expected} but found ${found}`);
  }
}

/** One type, given that its name has just been read. */
function finishType(s: TypeScanner, name: string): DorisType {
  const upper = name.toUpperCase();
  if (upper === 'ARRAY') {
    s.expect('<');
    const array = parseArrayElement(s);
    s.expect('>');
    return array;
  }
  if (upper === 'MAP') {
    s.expect('<');
    const key = finishType(s, s.word());
    s.expect(',');
    const value = finishType(s, s.word());
    s.expect('>');
    return { kind: 'MAP', key, value };
  }
  if (upper === 'STRUCT') {
    s.expect('<');
    const fields: StructField[] = [];
    do {
      const fieldName = s.word().toLowerCase();
      s.expect(':');
      fields.push({ name: fieldName, type: finishType(s, s.word()), comment: '' });
    } while (s.accept(','));
    s.expect('>');
    return { kind: 'STRUCT', fields };
  }
  const params: number[] = [];
  if (s.accept('(')) {
    do params.push(s.number());
    while (s.accept(','));
    s.expect(')');
  }
  return typeFromParts(name, params);
}

/** The inside of `ARRAY<...>`: `T`, or `NOT_NULL(T)` as Doris's ArrayType.toSql writes non-nullable elements. */
function parseArrayElement(s: TypeScanner): DorisType {
  const first = s.word();
  if (first.toUpperCase() === 'NOT_NULL') {
    s.expect('(');
    const element = finishType(s, s.word());
    s.expect(')');
    return { kind: 'ARRAY', element, elementNullable: false };
  }
  return { kind: 'ARRAY', element: finishType(s, first), elementNullable: true };
}

/**
 * Parses SQL type syntax such as `BIGINT`, `decimal(12, 2)`, `VARCHAR(64)`, `datetime(3)`, `ARRAY<INT>` or
 * `array<not_null(int)>`, case-insensitively.
 *
 * @throws InvalidTypeError on syntax errors and on types or parameters Doris rejects.
 */
export function parseTypeName(text: string): DorisType {
  const s = new TypeScanner(text);
  const type = finishType(s, s.word());
  if (!s.atEnd()) throw s.fail('end of type');
  return type;
}

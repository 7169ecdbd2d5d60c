// String functions. Non-string arguments are cast to text first, as Doris does (CONCAT('a', 1.50) is
// 'a1.50'); lengths and positions count characters (code points), except LENGTH, which counts UTF-8 bytes.
import { type Compiled, combine } from '../compiled.js';
import { type ExprType, INT, isStringType, MAX_VARCHAR } from '../expr-type.js';
import { textOf, type Value } from '../values.js';
import { type ScalarFunction, strict } from './function-def.js';

const SURROGATE = /[\uD800-\uDFFF]/;

function chars(text: string): string[] | string {
  // only text with characters beyond the BMP needs splitting into code points
  return SURROGATE.test(text) ? Array.from(text) : text;
}

function charLength(text: string): number {
  return SURROGATE.test(text) ? Array.from(text).length : text.length;
}

function slice(text: string, start: number, end?: number): string {
  const units = chars(text);
  return typeof units === 'string' ? units.slice(start, end) : units.slice(start, end).join('');
}

/** Text readers for each argument. */
function texts(args: readonly Compiled[]): ((value: Value) => string)[] {
  return args.map((a) => {
    const type = a.type;
    return isStringType(type) ? (value: Value) => String(value) : (value: Value) => textOf(type, value);
  });
}

function stringResult(args: readonly Compiled[]): ExprType {
  const first = args[0]?.type;
  return first !== undefined && isStringType(first) ? first : MAX_VARCHAR;
}

/** MySQL SUBSTRING: 1-based `pos`, negative counts from the end, 0 gives ''; `len` < 1 gives ''. */
export function substring(text: string, pos: number, len?: number): string {
  const length = charLength(text);
  let start: number;
  if (pos > 0) start = pos - 1;
  else if (pos < 0) start = length + pos;
  else return '';
  if (start < 0 || start >= length) return '';
  if (len === undefined) return slice(text, start);
  if (len < 1) return '';
  return slice(text, start, start + len);
}

const integerOf = (value: Value): number => Math.trunc(Number(value));

export const STRING_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'concat',
    arity: [1, Number.POSITIVE_INFINITY],
    bind: (args) => {
      const read = texts(args);
      return strict(args, MAX_VARCHAR, (values) => values.map((v, i) => read[i]?.(v) ?? '').join(''));
    },
  },
  {
    name: 'concat_ws',
    arity: [2, Number.POSITIVE_INFINITY],
    bind: (args) => {
      // NULL separator gives NULL; NULL values are skipped
      const read = texts(args);
      const evaluators = args.map((a) => a.evaluate);
      return combine(args, MAX_VARCHAR, (row) => {
        const sep = evaluators[0]?.(row) ?? null;
        if (sep === null) return null;
        const parts: string[] = [];
        for (let i = 1; i < evaluators.length; i++) {
          const v = evaluators[i]?.(row) ?? null;
          if (v !== null) parts.push(read[i]?.(v) ?? '');
        }
        return parts.join(read[0]?.(sep) ?? '');
      });
    },
  },
  {
    name: 'upper',
    aliases: ['ucase'],
    arity: [1, 1],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, stringResult(args), ([v]) => (read?.(v ?? '') ?? '').toUpperCase());
    },
  },
  {
    name: 'lower',
    aliases: ['lcase'],
    arity: [1, 1],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, stringResult(args), ([v]) => (read?.(v ?? '') ?? '').toLowerCase());
    },
  },
  {
    name: 'length',
    arity: [1, 1],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, INT, ([v]) => Buffer.byteLength(read?.(v ?? '') ?? '', 'utf8'));
    },
  },
  {
    name: 'char_length',
    aliases: ['character_length'],
    arity: [1, 1],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, INT, ([v]) => charLength(read?.(v ?? '') ?? ''));
    },
  },
  {
    name: 'substring',
    aliases: ['substr', 'mid'],
    arity: [2, 3],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, MAX_VARCHAR, ([v, pos, len]) =>
        substring(read?.(v ?? '') ?? '', integerOf(pos ?? 0), len === undefined ? undefined : integerOf(len)),
      );
    },
  },
  {
    name: 'left',
    arity: [2, 2],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, MAX_VARCHAR, ([v, n]) => {
        const count = integerOf(n ?? 0);
        return count < 1 ? '' : slice(read?.(v ?? '') ?? '', 0, count);
      });
    },
  },
  {
    name: 'right',
    arity: [2, 2],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, MAX_VARCHAR, ([v, n]) => {
        const text = read?.(v ?? '') ?? '';
        const count = integerOf(n ?? 0);
        const length = charLength(text);
        return count < 1 ? '' : slice(text, Math.max(length - count, 0));
      });
    },
  },
  {
    name: 'trim',
    arity: [1, 1],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, stringResult(args), ([v]) => (read?.(v ?? '') ?? '').replace(/^ +| +$/g, ''));
    },
  },
  {
    name: 'ltrim',
    arity: [1, 1],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, stringResult(args), ([v]) => (read?.(v ?? '') ?? '').replace(/^ +/, ''));
    },
  },
  {
    name: 'rtrim',
    arity: [1, 1],
    bind: (args) => {
      const [read] = texts(args);
      return strict(args, stringResult(args), ([v]) => (read?.(v ?? '') ?? '').replace(/ +$/, ''));
    },
  },
  {
    name: 'replace',
    arity: [3, 3],
    bind: (args) => {
      const read = texts(args);
      return strict(args, MAX_VARCHAR, ([v, from, to]) => {
        const text = read[0]?.(v ?? '') ?? '';
        const search = read[1]?.(from ?? '') ?? '';
        return search === '' ? text : text.split(search).join(read[2]?.(to ?? '') ?? '');
      });
    },
  },
];

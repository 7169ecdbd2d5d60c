import { SqlSyntaxError, UnsupportedStatementError } from '../errors.js';
import type { Token, TokenType } from './token.js';

const NON_ASCII_IDENTIFIER = /[\p{L}\p{N}\p{M}]/u;

/** Operators of three, two and one character, longest first. */
const THREE_CHAR_OPS = new Set(['<=>']);
const TWO_CHAR_OPS = new Set(['<=', '>=', '<>', '!=', '||', '&&']);
const ONE_CHAR_OPS = new Set([...'(),;.*=<>+-/%[]!~&|^{}:?']);

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  // MySQL keeps the backslash before LIKE wildcards so that patterns still see the escape.
  '%': '\\%',
  _: '\\_',
};

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 36;
}

/** Identifier character at `i` (letters of any script, digits, `_`, `$`); returns its length or 0. */
function identifierCharLength(source: string, i: number): number {
  const c = source.charCodeAt(i);
  if (c < 128) return isAsciiIdentifierChar(c) ? 1 : 0;
  if (Number.isNaN(c)) return 0;
  const cp = source.codePointAt(i) ?? 0;
  const ch = String.fromCodePoint(cp);
  return NON_ASCII_IDENTIFIER.test(ch) ? ch.length : 0;
}

function scanIdentifierChars(source: string, i: number): number {
  let j = i;
  for (;;) {
    const len = identifierCharLength(source, j);
    if (len === 0) return j;
    j += len;
  }
}

function lexError(source: string, offset: number, encountered: string, expected: string): SqlSyntaxError {
  return new SqlSyntaxError(source, offset, encountered, expected);
}

/** Splits SQL text into tokens. Whitespace and comments (`-- …`, `# …`, `/* … *\/`) are dropped. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const n = source.length;
  let i = 0;
  const push = (type: TokenType, value: string, start: number, end: number, upper = ''): void => {
    tokens.push({ type, value, upper, start, end });
  };

  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
      continue;
    }
    if ((c === 45 && source.charCodeAt(i + 1) === 45) || c === 35) {
      const eol = source.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 42) {
      const marker = source.charCodeAt(i + 2);
      if (marker === 43) throw new UnsupportedStatementError(source, i, 'optimizer hint comment /*+ … */');
      if (marker === 33) throw new UnsupportedStatementError(source, i, 'executable comment /*! … */');
      const close = source.indexOf('*/', i + 2);
      if (close < 0) throw lexError(source, i, 'unterminated comment', "'*/'");
      i = close + 2;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === 46 && isDigit(source.charCodeAt(i + 1)) && !followsName(tokens, i))) {
      i = scanNumber(source, i, tokens);
      continue;
    }
    const identLen = identifierCharLength(source, i);
    if (identLen > 0) {
      i = scanIdentifierChars(source, i);
      const value = source.slice(start, i);
      const upper = value.toUpperCase();
      if (source.charCodeAt(i) === 39) rejectIntroducer(source, start, upper);
      push('word', value, start, i, upper);
      continue;
    }
    if (c === 96) {
      const [value, end] = scanQuoted(source, i, '`');
      push('quoted', value, start, end);
      i = end;
      continue;
    }
    if (c === 39 || c === 34) {
      const [value, end] = scanString(source, i);
      push('string', value, start, end);
      i = end;
      continue;
    }
    if (c === 64) {
      i = scanVariable(source, i, tokens);
      continue;
    }
    const three = source.slice(i, i + 3);
    if (THREE_CHAR_OPS.has(three)) {
      push('op', three, start, i + 3);
      i += 3;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      push('op', two, start, i + 2);
      i += 2;
      continue;
    }
    const one = source[i] ?? '';
    if (ONE_CHAR_OPS.has(one)) {
      push('op', one, start, i + 1);
      i++;
      continue;
    }
    const cp = String.fromCodePoint(source.codePointAt(i) ?? 0);
    throw lexError(
      source,
      i,
      `character '${cp}' (U+${(source.codePointAt(i) ?? 0).toString(16).toUpperCase()})`,
      'a token',
    );
  }
  push('eof', '', n, n);
  return tokens;
}

/** `X'…'`, `B'…'`, `N'…'` and `_charset'…'` are MySQL literal forms the sandbox does not implement. */
function rejectIntroducer(source: string, start: number, upper: string): void {
  if (upper === 'X') throw new UnsupportedStatementError(source, start, "hexadecimal literal X'…'");
  if (upper === 'B') throw new UnsupportedStatementError(source, start, "bit literal B'…'");
  if (upper === 'N') throw new UnsupportedStatementError(source, start, "national string literal N'…'");
  if (upper.startsWith('_'))
    throw new UnsupportedStatementError(source, start, `character set introducer ${upper}`);
}

/** True when a `.` at `i` directly continues a name (`t.1x` is never a decimal `.1`). */
function followsName(tokens: readonly Token[], i: number): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && last.end === i && (last.type === 'word' || last.type === 'quoted');
}

function scanNumber(source: string, start: number, tokens: Token[]): number {
  let i = start;
  while (isDigit(source.charCodeAt(i))) i++;
  let decimal = false;
  if (i === start || source.charCodeAt(i) === 46) {
    // a fraction: `.5`, `1.5`, `1.`
    if (source.charCodeAt(i) === 46) {
      decimal = true;
      i++;
      while (isDigit(source.charCodeAt(i))) i++;
    }
  } else if (identifierCharLength(source, i) > 0 && !isExponentAt(source, i)) {
    const marker = source.charCodeAt(i);
    if (i === start + 1 && source.charCodeAt(start) === 48 && (marker === 120 || marker === 98)) {
      throw new UnsupportedStatementError(
        source,
        start,
        marker === 120 ? 'hexadecimal literal 0x…' : 'bit literal 0b…',
      );
    }
    // MySQL reads `1abc` / `20240101_p` as an identifier
    const end = scanIdentifierChars(source, i);
    const value = source.slice(start, end);
    tokens.push({ type: 'word', value, upper: value.toUpperCase(), start, end });
    return end;
  }
  if (isExponentAt(source, i)) {
    decimal = true;
    i++;
    const sign = source.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    while (isDigit(source.charCodeAt(i))) i++;
  }
  if (identifierCharLength(source, i) > 0) {
    throw lexError(
      source,
      i,
      `'${source.slice(start, scanIdentifierChars(source, i))}'`,
      'a number or an identifier',
    );
  }
  tokens.push({
    type: decimal ? 'decimal' : 'integer',
    value: source.slice(start, i),
    upper: '',
    start,
    end: i,
  });
  return i;
}

function isExponentAt(source: string, i: number): boolean {
  const c = source.charCodeAt(i);
  if (c !== 101 && c !== 69) return false;
  let j = i + 1;
  const sign = source.charCodeAt(j);
  if (sign === 43 || sign === 45) j++;
  if (!isDigit(source.charCodeAt(j))) return false;
  while (isDigit(source.charCodeAt(j))) j++;
  return identifierCharLength(source, j) === 0;
}

/** Backquoted identifier; a doubled quote stands for itself. Returns [value, end]. */
function scanQuoted(source: string, start: number, quote: string): [string, number] {
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = source.indexOf(quote, i);
    if (close < 0) throw lexError(source, start, 'unterminated quoted identifier', `closing ${quote}`);
    value += source.slice(i, close);
    if (source[close + 1] === quote) {
      value += quote;
      i = close + 2;
      continue;
    }
    return [value, close + 1];
  }
}

/** `'…'` or `"…"` with doubled quotes and backslash escapes. Returns [value, end]. */
function scanString(source: string, start: number): [string, number] {
  const quote = source.charCodeAt(start);
  const n = source.length;
  let value = '';
  let chunk = start + 1;
  let i = chunk;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 92) {
      if (i + 1 >= n) break;
      value += source.slice(chunk, i);
      const escaped = source[i + 1] ?? '';
      value += ESCAPES[escaped] ?? escaped;
      i += 2;
      chunk = i;
      continue;
    }
    if (c === quote) {
      if (source.charCodeAt(i + 1) === quote) {
        value += source.slice(chunk, i + 1);
        i += 2;
        chunk = i;
        continue;
      }
      return [value + source.slice(chunk, i), i + 1];
    }
    i++;
  }
  throw lexError(source, start, 'unterminated string literal', `closing ${String.fromCharCode(quote)}`);
}

/** `@@name`, `@name`, or a bare `@` (as in `'user'@'host'`). */
function scanVariable(source: string, start: number, tokens: Token[]): number {
  const system = source.charCodeAt(start + 1) === 64;
  const nameStart = start + (system ? 2 : 1);
  const nameEnd = scanIdentifierChars(source, nameStart);
  if (nameEnd === nameStart) {
    if (system) throw lexError(source, start, "'@@'", 'a variable name after @@');
    tokens.push({ type: 'op', value: '@', upper: '', start, end: start + 1 });
    return start + 1;
  }
  tokens.push({
    type: system ? 'sysvar' : 'uservar',
    value: source.slice(nameStart, nameEnd),
    upper: '',
    start,
    end: nameEnd,
  });
  return nameEnd;
}

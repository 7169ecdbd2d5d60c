/**
 * Token categories:
 * - `word`: an unquoted identifier or keyword; `upper` holds the upper-cased spelling for keyword checks
 * - `quoted`: a backquoted identifier, `value` unescaped; never a keyword
 * - `string`: a `'…'` or `"…"` literal, `value` unescaped
 * - `integer` / `decimal`: numeric literals, `value` is the text as written
 * - `sysvar`: `@@name` (value `name`), `uservar`: `@name` (value `name`)
 * - `op`: punctuation and operators, `value` is the symbol
 * - `eof`: end of input (always the last token)
 */
export type TokenType =
  | 'word'
  | 'quoted'
  | 'string'
  | 'integer'
  | 'decimal'
  | 'sysvar'
  | 'uservar'
  | 'op'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  readonly value: string;
  /** Upper-cased `value` for `word` tokens, `''` otherwise. */
  readonly upper: string;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
}

/** Human readable description of a token for error messages. */
export function describeToken(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'EOF';
    case 'word':
      return `'${token.value}'`;
    case 'quoted':
      return `identifier \`${token.value}\``;
    case 'string':
      return `string literal "${token.value.length > 40 ? `${token.value.slice(0, 40)}…` : token.value}"`;
    case 'integer':
    case 'decimal':
      return `number ${token.value}`;
    case 'sysvar':
      return `@@${token.value}`;
    case 'uservar':
      return `@${token.value}`;
    case 'op':
      return `'${token.value}'`;
    default: {
      const unreachable: never = token.type;
      return unreachable;
    }
  }
}

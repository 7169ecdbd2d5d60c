import type { SelectStatement } from '../ast/select.js';
import { SqlSyntaxError, UnsupportedStatementError } from '../errors.js';
import { describeToken, type Token } from '../lexer/token.js';

/** Nesting limit for expressions and subqueries; deeper input is a syntax error, not a stack overflow. */
const MAX_DEPTH = 200;

/** A read position over the token list with the primitives every parse function uses. */
export class TokenCursor {
  readonly source: string;
  private readonly tokens: readonly Token[];
  private index = 0;
  private depth = 0;

  /**
   * `select` parses a subquery where an expression holds one: passed in by whoever starts the parse, so that
   * the expression parser and the SELECT parser, which need each other, do not import each other.
   */
  constructor(
    source: string,
    tokens: readonly Token[],
    private readonly select?: (c: TokenCursor) => SelectStatement,
  ) {
    this.source = source;
    this.tokens = tokens;
  }

  /** A `SELECT …` (or `WITH …`) inside an expression. */
  parseSubquery(): SelectStatement {
    if (!this.select) throw this.unsupported('subquery');
    return this.select(this);
  }

  /** The token `ahead` positions after the current one (EOF past the end). */
  peek(ahead = 0): Token {
    const token = this.tokens[this.index + ahead];
    return token ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  /** The most recently consumed token. */
  previous(): Token {
    return this.tokens[Math.max(0, this.index - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.index++;
    return token;
  }

  /** True when the token `ahead` is the unquoted keyword `word` (upper case). */
  isWord(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.type === 'word' && token.upper === word;
  }

  /** True when the next tokens are exactly the keywords `words`. */
  isWords(...words: string[]): boolean {
    for (let i = 0; i < words.length; i++) {
      if (!this.isWord(words[i] as string, i)) return false;
    }
    return true;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.index++;
    return true;
  }

  /** Consumes the keyword sequence only when all of it is present. */
  acceptWords(...words: string[]): boolean {
    if (!this.isWords(...words)) return false;
    this.index += words.length;
    return true;
  }

  expectWord(word: string): Token {
    if (!this.isWord(word)) throw this.fail(word);
    return this.next();
  }

  expectWords(...words: string[]): void {
    for (const word of words) this.expectWord(word);
  }

  isOp(op: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.type === 'op' && token.value === op;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.index++;
    return true;
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) throw this.fail(`'${op}'`);
    return this.next();
  }

  /** End of the current statement: EOF or `;`. */
  atStatementEnd(): boolean {
    const token = this.peek();
    return token.type === 'eof' || (token.type === 'op' && token.value === ';');
  }

  /** A syntax error at `token` (default: the current token). */
  fail(expected: string, token: Token = this.peek()): SqlSyntaxError {
    return new SqlSyntaxError(this.source, token.start, describeToken(token), expected);
  }

  unsupported(construct: string, token: Token = this.peek()): UnsupportedStatementError {
    return new UnsupportedStatementError(this.source, token.start, construct);
  }

  /** Runs `parse` one nesting level deeper, failing cleanly past the limit. */
  nested<T>(parse: () => T): T {
    if (this.depth >= MAX_DEPTH) throw this.fail(`at most ${MAX_DEPTH} nesting levels`);
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** The source text from the start of `first` to the end of `last`. */
  textBetween(first: Token, last: Token): string {
    return this.source.slice(first.start, last.end);
  }
}

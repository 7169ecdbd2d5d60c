import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlSyntaxError, tokenize, UnsupportedStatementError } from '../../src/fe/sql/index.js';

function kinds(sql: string): string[] {
  return tokenize(sql).map((t) => `${t.type}:${t.value}`);
}

describe('tokenize', () => {
  it('splits words, operators and literals and ends with EOF', () => {
    assert.deepEqual(kinds("SELECT a, 'x' FROM t WHERE b >= 1.5"), [
      'word:SELECT',
      'word:a',
      'op:,',
      'string:x',
      'word:FROM',
      'word:t',
      'word:WHERE',
      'word:b',
      'op:>=',
      'decimal:1.5',
      'eof:',
    ]);
  });

  it('keeps the spelling of words and upper-cases only the keyword view', () => {
    const [token] = tokenize('sElEcT');
    assert.equal(token?.value, 'sElEcT');
    assert.equal(token?.upper, 'SELECT');
  });

  it('drops -- , # and /* */ comments', () => {
    assert.deepEqual(kinds('a -- one\n# two\nb /* three\nlines */ c--four'), [
      'word:a',
      'word:b',
      'word:c',
      'eof:',
    ]);
  });

  it('unescapes strings: doubled quotes, backslash escapes, both quote styles', () => {
    const values = tokenize(`'it''s' "say ""hi""" 'a\\nb\\tc\\\\d\\'e\\"f' '\\%\\_' 'q\\z'`)
      .filter((t) => t.type === 'string')
      .map((t) => t.value);
    assert.deepEqual(values, ["it's", 'say "hi"', 'a\nb\tc\\d\'e"f', '\\%\\_', 'qz']);
  });

  it('reads backquoted identifiers with doubled backticks and any characters', () => {
    const [a, b, c] = tokenize('`we``ird` `SELECT` `订单 表`');
    assert.deepEqual(
      [a, b, c].map((t) => [t?.type, t?.value]),
      [
        ['quoted', 'we`ird'],
        ['quoted', 'SELECT'],
        ['quoted', '订单 表'],
      ],
    );
  });

  it('accepts UTF-8 letters in unquoted identifiers', () => {
    assert.deepEqual(kinds('订单 Straße_1 café'), ['word:订单', 'word:Straße_1', 'word:café', 'eof:']);
  });

  it('reads numbers, exponents and digit-led identifiers', () => {
    assert.deepEqual(kinds('9223372036854775807 .5 1e10 2.5E-3 1abc 20240101_p'), [
      'integer:9223372036854775807',
      'decimal:.5',
      'decimal:1e10',
      'decimal:2.5E-3',
      'word:1abc',
      'word:20240101_p',
      'eof:',
    ]);
  });

  it('does not read `.5` after a name as a decimal', () => {
    assert.deepEqual(kinds('t.5'), ['word:t', 'op:.', 'integer:5', 'eof:']);
  });

  it('reads system and user variables and a bare @', () => {
    assert.deepEqual(kinds("@@version_comment @x 'u'@'%'"), [
      'sysvar:version_comment',
      'uservar:x',
      'string:u',
      'op:@',
      'string:%',
      'eof:',
    ]);
  });

  it('reads multi-character operators and keeps `>` `>` apart for nested ARRAY types', () => {
    assert.deepEqual(kinds('<=> <> != <= >= >>'), [
      'op:<=>',
      'op:<>',
      'op:!=',
      'op:<=',
      'op:>=',
      'op:>',
      'op:>',
      'eof:',
    ]);
  });

  it('reports unterminated strings, identifiers and comments with their position', () => {
    for (const [sql, line, column] of [
      ["SELECT 'abc", 1, 8],
      ['SELECT\n  `abc', 2, 3],
      ['SELECT 1 /* x', 1, 10],
    ] as const) {
      assert.throws(
        () => tokenize(sql),
        (error: unknown) => error instanceof SqlSyntaxError && error.line === line && error.column === column,
        sql,
      );
    }
  });

  it('rejects stray characters', () => {
    assert.throws(() => tokenize('SELECT \u0001'), SqlSyntaxError);
    assert.throws(() => tokenize('SELECT 1 \u3000'), SqlSyntaxError);
  });

  it('treats MySQL literal prefixes as unsupported instead of misreading them', () => {
    for (const sql of ["X'41'", "b'01'", "N'abc'", "_utf8mb4'abc'", '0x1F', '0b101']) {
      assert.throws(() => tokenize(`SELECT ${sql}`), UnsupportedStatementError, sql);
    }
    assert.deepEqual(kinds("COMMENT'x'"), ['word:COMMENT', 'string:x', 'eof:']);
  });

  it('treats optimizer hints and executable comments as unsupported', () => {
    assert.throws(() => tokenize('SELECT /*+ SET_VAR(a=1) */ 1'), UnsupportedStatementError);
    assert.throws(() => tokenize('/*!40101 SET NAMES utf8 */'), UnsupportedStatementError);
  });
});

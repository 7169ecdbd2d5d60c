import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseStatement,
  parseStatements,
  SqlError,
  SqlSyntaxError,
  UnsupportedStatementError,
} from '../../src/fe/sql/index.js';
import { syntaxError, unsupported } from './support.js';

describe('syntax errors', () => {
  it('carry a Doris-shaped message with line, column and a caret', () => {
    const error = syntaxError('SELECT *\nFORM t');
    assert.equal(error.line, 2);
    assert.equal(error.column, 1);
    assert.equal(error.offset, 9);
    assert.equal(error.encountered, "'FORM'");
    assert.equal(
      error.detailMessage,
      "Syntax error in line 2:\nFORM t\n^\nEncountered: 'FORM'\nExpected: ';' or end of input",
    );
    assert.equal(error.message, `errCode = 2, detailMessage = ${error.detailMessage}`);
    assert.ok(error.message.startsWith('errCode = 2, detailMessage = Syntax error in line 2:\n'));
    assert.equal(error.mysqlErrorCode, 1105);
    assert.equal(error.sqlState, 'HY000');
    assert.ok(error instanceof SqlError);
  });

  it('point at the offending token in the middle of a line', () => {
    const error = syntaxError('CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS x');
    assert.equal(error.line, 1);
    assert.equal(error.column, 55);
    assert.match(error.detailMessage, /\n {54}\^\n/);
    assert.match(error.expected, /bucket number or AUTO/);
  });

  it('report the end of input', () => {
    const error = syntaxError('SELECT a FROM t WHERE');
    assert.equal(error.encountered, 'EOF');
    assert.equal(error.column, 22);
  });

  it('reject empty input for parseStatement but not for parseStatements', () => {
    assert.deepEqual(parseStatements(' ; -- nothing\n;'), []);
    assert.throws(() => parseStatement('  '), SqlSyntaxError);
    assert.throws(() => parseStatement('SELECT 1; SELECT 2'), SqlSyntaxError);
  });

  it('reject unknown statements and trailing garbage', () => {
    syntaxError('FROB t');
    syntaxError('SELECT 1 2');
    syntaxError('DROP TABLE t CASCADE');
    syntaxError('CREATE TABLE t (k INT) PROPERTIES ("a" = "b") EXTRAS');
  });

  it('limit nesting instead of overflowing the stack', () => {
    const deep = `SELECT ${'('.repeat(5000)}1${')'.repeat(5000)}`;
    const error = syntaxError(deep);
    assert.match(error.expected, /nesting levels/);
  });
});

describe('unsupported statements', () => {
  it('name the construct and keep the Doris message shape', () => {
    const error = unsupported('CREATE CATALOG hive PROPERTIES ("type" = "hms")');
    assert.equal(error.construct, 'CREATE CATALOG');
    assert.equal(error.line, 1);
    assert.equal(error.column, 8);
    assert.equal(
      error.message,
      'errCode = 2, detailMessage = CREATE CATALOG is not supported by doris-sandbox (line 1, column 8)',
    );
    assert.ok(error instanceof SqlError);
  });

  it('cover recognised statements outside the subset', () => {
    const cases: [string, string][] = [
      ['EXPLAIN SELECT 1', 'EXPLAIN'],
      ['KILL 5', 'KILL'],
      ['CREATE RESOURCE r PROPERTIES ("type" = "spark")', 'CREATE RESOURCE'],
      ['CREATE WORKLOAD GROUP g PROPERTIES ("a" = "b")', 'CREATE WORKLOAD GROUP'],
      ['DROP FUNCTION f(INT)', 'DROP FUNCTION'],
      ['ALTER SYSTEM ADD FOLLOWER "h:9010"', 'ALTER SYSTEM ADD FOLLOWER'],
      ['ALTER USER u IDENTIFIED BY "x"', 'ALTER USER'],
      ['CREATE ROLE r', 'CREATE ROLE'],
      ['REPLACE INTO t VALUES (1)', 'REPLACE'],
      ['RESTORE GLOBAL SNAPSHOT s FROM r', 'RESTORE GLOBAL SNAPSHOT'],
    ];
    for (const [sql, construct] of cases) assert.equal(unsupported(sql).construct, construct, sql);
  });

  it('is a distinct class from syntax errors', () => {
    assert.throws(
      () => parseStatement('EXPLAIN SELECT 1'),
      (e: unknown) => e instanceof UnsupportedStatementError,
    );
    assert.throws(
      () => parseStatement('EXPLAIN SELECT 1'),
      (e: unknown) => !(e instanceof SqlSyntaxError),
    );
  });
});

import assert from 'node:assert/strict';
import {
  type ColumnRef,
  type Expression,
  parseStatement,
  SqlSyntaxError,
  type Statement,
  type StatementKind,
  UnsupportedStatementError,
} from '../../src/fe/sql/index.js';

/** Parses `sql` and checks that it is a statement of `kind`. */
export function parseAs<K extends StatementKind>(sql: string, kind: K): Extract<Statement, { kind: K }> {
  const statement = parseStatement(sql);
  assert.equal(statement.kind, kind, `kind of: ${sql}`);
  return statement as Extract<Statement, { kind: K }>;
}

export function column(name: string, ...qualifier: string[]): ColumnRef {
  return { kind: 'ColumnRef', qualifier, name };
}

export function int(value: bigint | number): Expression {
  return { kind: 'IntegerLiteral', value: BigInt(value) };
}

export function str(value: string): Expression {
  return { kind: 'StringLiteral', value };
}

/** Asserts that parsing fails with a syntax error and returns it. */
export function syntaxError(sql: string): SqlSyntaxError {
  try {
    parseStatement(sql);
  } catch (error) {
    assert.ok(error instanceof SqlSyntaxError, `expected SqlSyntaxError for ${sql}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected a syntax error for: ${sql}`);
}

/** Asserts that parsing fails as unsupported and returns the error. */
export function unsupported(sql: string): UnsupportedStatementError {
  try {
    parseStatement(sql);
  } catch (error) {
    assert.ok(
      error instanceof UnsupportedStatementError,
      `expected UnsupportedStatementError for ${sql}, got ${String(error)}`,
    );
    return error;
  }
  assert.fail(`expected an unsupported-statement error for: ${sql}`);
}

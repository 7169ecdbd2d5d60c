import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileExpression,
  compilePredicate,
  compileTypedExpression,
  evaluateConstant,
  predicateFromSql,
  toValueInput,
} from '../../src/fe/query/index.js';
import { type Expression, parseStatement } from '../../src/fe/sql/index.js';
import { coerceValue, parseTypeName, type StoredValue } from '../../src/types/index.js';
import { columns, env } from './support.js';

function expr(sql: string): Expression {
  const statement = parseStatement(`SELECT ${sql}`);
  assert.ok(statement.kind === 'SelectStatement');
  const [item] = statement.items;
  assert.ok(item?.kind === 'ExpressionSelectItem');
  return item.expression;
}

const cols = columns('k1 INT', 'k2 VARCHAR(10)', 'v DECIMAL(6,2)', 'b BIGINT');
const data: StoredValue[][] = [
  [1, 'a', '1.50', '9223372036854775807'],
  [2, 'b', null, '-1'],
  [3, null, '3.00', null],
];

describe('compileExpression / compilePredicate', () => {
  it('evaluates expressions over stored rows', () => {
    const f = compileExpression(expr('k1 * 2 + 1'), cols, env());
    assert.deepEqual(
      data.map((row) => f(row)),
      [3, 5, 7],
    );
    const g = compileExpression(expr('v + 1'), cols, env());
    assert.deepEqual(
      data.map((row) => g(row)),
      ['2.50', null, '4.00'],
    );
    const h = compileExpression(expr('k2 IS NULL'), cols, env());
    assert.deepEqual(
      data.map((row) => h(row)),
      [false, false, true],
    );
    assert.equal(compileExpression(expr('b + 1'), cols, env())(data[0] ?? []), '9223372036854775808');
  });

  it('reports the result type', () => {
    assert.deepEqual(compileTypedExpression(expr('k1 + 1'), cols, env()).type, { kind: 'BIGINT' });
    assert.deepEqual(compileTypedExpression(expr('v * 2'), cols, env()).type, {
      kind: 'DECIMAL',
      precision: 9,
      scale: 2,
    });
  });

  it('compiles predicates with NULL as false and accepts table qualifiers', () => {
    const p = compilePredicate(expr("t.k2 <> 'a' OR v > 2"), cols, env());
    assert.deepEqual(
      data.map((row) => p(row)),
      [false, true, true],
    );
    const q = compilePredicate(expr('v > 1'), cols, env());
    assert.deepEqual(
      data.map((row) => q(row)),
      [true, false, true],
    );
  });

  it('reports unknown columns', () => {
    assert.throws(
      () => compileExpression(expr('nope + 1'), cols, env()),
      /Unknown column 'nope' in 'table list'/,
    );
  });
});

describe('predicateFromSql', () => {
  it('parses and compiles a delete condition', () => {
    const p = predicateFromSql("k1 >= 2 AND k2 IN ('b', 'c')", cols, env());
    assert.deepEqual(
      data.map((row) => p(row)),
      [false, true, false],
    );
    const big = predicateFromSql('b = 9223372036854775807', cols, env());
    assert.deepEqual(
      data.map((row) => big(row)),
      [true, false, false],
    );
  });

  it('rejects text that is not a single condition', () => {
    assert.throws(() => predicateFromSql('k1 = 1; DROP TABLE t', cols, env()));
    assert.throws(() => predicateFromSql('k1 = ', cols, env()));
  });

  it('evaluates a million rows quickly', () => {
    const p = predicateFromSql('k1 > 500 AND k1 < 1000', columns('k1 INT'), env());
    const row: StoredValue[] = [0];
    let hits = 0;
    for (let i = 0; i < 1_000_000; i++) {
      row[0] = i;
      if (p(row)) hits++;
    }
    assert.equal(hits, 499);
  });
});

describe('evaluateConstant', () => {
  const e = env();

  function constant(sql: string): { value: StoredValue | boolean; type: unknown } | null {
    return evaluateConstant(expr(sql), e);
  }

  it('gives literals their natural types', () => {
    assert.deepEqual(constant('1'), { value: 1, type: { kind: 'TINYINT' } });
    assert.deepEqual(constant('-5'), { value: -5, type: { kind: 'TINYINT' } });
    assert.deepEqual(constant('1.50'), { value: '1.50', type: { kind: 'DECIMAL', precision: 3, scale: 2 } });
    assert.deepEqual(constant('9223372036854775807'), {
      value: '9223372036854775807',
      type: { kind: 'BIGINT' },
    });
    assert.deepEqual(constant('170141183460469231731687303715884105727'), {
      value: '170141183460469231731687303715884105727',
      type: { kind: 'LARGEINT' },
    });
    assert.deepEqual(constant("'abc'"), { value: 'abc', type: { kind: 'VARCHAR', length: 3 } });
    assert.deepEqual(constant('TRUE'), { value: true, type: { kind: 'BOOLEAN' } });
    assert.deepEqual(constant('NULL'), { value: null, type: { kind: 'STRING' } });
    assert.deepEqual(constant('1e3'), { value: 1000, type: { kind: 'DOUBLE' } });
  });

  it('folds functions, casts and arithmetic', () => {
    assert.deepEqual(constant('NOW()'), {
      value: '2024-01-15 10:30:45',
      type: { kind: 'DATETIME', scale: 0 },
    });
    assert.deepEqual(constant("CAST('2024-01-05' AS DATE)"), { value: '2024-01-05', type: { kind: 'DATE' } });
    // 2 * 3 is SMALLINT; SMALLINT + TINYINT promotes to INT
    assert.deepEqual(constant('1 + 2 * 3'), { value: 7, type: { kind: 'INT' } });
    assert.deepEqual(constant("CONCAT('a', 'b')"), { value: 'ab', type: { kind: 'VARCHAR', length: 65533 } });
    assert.deepEqual(constant('-(1.5)'), {
      value: '-1.5',
      type: { kind: 'DECIMAL', precision: 2, scale: 1 },
    });
    assert.deepEqual(constant('-(1 + 1)'), { value: -2, type: { kind: 'INT' } });
  });

  it('returns null for expressions that read columns or are DEFAULT', () => {
    assert.equal(constant('k1 + 1'), null);
    assert.equal(evaluateConstant({ kind: 'DefaultMarker' }, e), null);
  });

  it('throws for unknown functions', () => {
    assert.throws(() => constant('nope()'), /Can not found function 'nope'/);
  });

  it('builds the ValueInput that coerceValue stores into a column', () => {
    const store = (sql: string, type: string): StoredValue => {
      const result = constant(sql);
      assert.ok(result !== null);
      return coerceValue(parseTypeName(type), toValueInput(result as Parameters<typeof toValueInput>[0]));
    };
    assert.equal(store('1.50', 'DECIMAL(10,3)'), '1.500');
    assert.equal(store('-5', 'BIGINT'), '-5');
    assert.equal(store('9223372036854775807', 'BIGINT'), '9223372036854775807');
    assert.equal(
      store('170141183460469231731687303715884105727', 'LARGEINT'),
      '170141183460469231731687303715884105727',
    );
    assert.equal(store("'2024-01-05'", 'DATETIME'), '2024-01-05 00:00:00');
    assert.equal(store('NOW()', 'DATE'), '2024-01-15');
    assert.equal(store('TRUE', 'BOOLEAN'), 1);
    assert.equal(store('NULL', 'INT'), null);
    assert.equal(store('1e3', 'INT'), 1000);
    assert.equal(store('1 + 1', 'VARCHAR(5)'), '2');
    assert.equal(store('2.5e0', 'DOUBLE'), 2.5);
  });
});

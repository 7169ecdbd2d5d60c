import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columns, FakeResolver, relation, rows, run, sampleResolver, scalar } from './support.js';

function typed(sql: string): [string | null, string] {
  const result = run(`SELECT ${sql}`);
  return [result.rows[0]?.[0] ?? null, result.columns[0]?.kind ?? ''];
}

describe('arithmetic', () => {
  it('keeps integers exact and promotes +, -, * to the next wider integer', () => {
    assert.deepEqual(typed('1 + 1'), ['2', 'smallint']);
    assert.deepEqual(typed('100 * 100'), ['10000', 'smallint']);
    assert.deepEqual(typed('9223372036854775807 + 1'), ['9223372036854775808', 'largeint']);
    assert.deepEqual(typed('9223372036854775807 * 9223372036854775807'), [
      '85070591730234615847396907784232501249',
      'largeint',
    ]);
    assert.deepEqual(typed('-9223372036854775808 - 1'), ['-9223372036854775809', 'largeint']);
    assert.deepEqual(typed('7 % 3'), ['1', 'tinyint']);
    assert.deepEqual(typed('-7 % 3'), ['-1', 'tinyint']);
    assert.deepEqual(typed('7 DIV 2'), ['3', 'tinyint']);
    assert.deepEqual(typed('-7 DIV 2'), ['-3', 'tinyint']);
  });

  it('divides integers into DOUBLE and yields NULL for division by zero', () => {
    assert.deepEqual(typed('10 / 4'), ['2.5', 'double']);
    assert.deepEqual(typed('1 / 3'), ['0.3333333333333333', 'double']);
    assert.deepEqual(typed('1 / 0'), [null, 'double']);
    assert.deepEqual(typed('5 % 0'), [null, 'tinyint']);
    assert.deepEqual(typed('5 DIV 0'), [null, 'tinyint']);
  });

  it('computes decimals exactly with DECIMALV3 result scales', () => {
    assert.deepEqual(typed('0.1 + 0.2'), ['0.3', 'decimal']);
    assert.deepEqual(typed('1.50 + 2'), ['3.50', 'decimal']);
    assert.deepEqual(typed('2 * 3.5'), ['7.0', 'decimal']);
    assert.deepEqual(typed('1.25 * 1.5'), ['1.875', 'decimal']);
    assert.deepEqual(typed('12345678901234567.89 - 0.01'), ['12345678901234567.88', 'decimal']);
    // the quotient keeps the dividend's scale plus 4 digits, truncated
    assert.deepEqual(typed('10.00 / 3'), ['3.333333', 'decimal']);
    assert.deepEqual(typed('10 / 0.3'), ['33.3333', 'decimal']);
    assert.deepEqual(typed('1.0 / 0'), [null, 'decimal']);
    assert.deepEqual(typed('5.5 % 2'), ['1.5', 'decimal']);
  });

  it('turns any float operand into DOUBLE arithmetic', () => {
    assert.deepEqual(typed('1e2 + 1'), ['101', 'double']);
    assert.deepEqual(typed('0.5e0 * 3'), ['1.5', 'double']);
  });

  it('reads string operands as numbers', () => {
    assert.deepEqual(typed("'3' + 4"), ['7', 'smallint']);
    assert.deepEqual(typed("'1.5' + 1"), ['2.5', 'decimal']);
    assert.throws(() => run("SELECT 'abc' + 1"), /cannot be cast to double/);
  });

  it('propagates NULL', () => {
    assert.deepEqual(typed('1 + NULL'), [null, 'smallint']);
    assert.equal(scalar('SELECT -(NULL)'), null);
  });

  it('negates columns and expressions', () => {
    const r = sampleResolver();
    assert.deepEqual(rows('SELECT -id, -score FROM t WHERE id = 1', r), [['-1', '-10.50']]);
    assert.deepEqual(rows('SELECT ~id FROM t WHERE id = 1', r), [['-2']]);
  });

  it('keeps BIGINT columns exact in arithmetic', () => {
    const r = sampleResolver();
    assert.deepEqual(rows('SELECT big + 1, big - 1, big * 2 FROM t WHERE id = 1', r), [
      ['9223372036854775808', '9223372036854775806', '18446744073709551614'],
    ]);
    assert.deepEqual(rows('SELECT big + 0 FROM t WHERE id = 3', r), [['9007199254740993']]);
  });
});

describe('comparisons', () => {
  const r = sampleResolver();

  it('compares numbers of different types exactly', () => {
    assert.equal(scalar('SELECT 1 = 1.0'), '1');
    assert.equal(scalar('SELECT 0.1 + 0.2 = 0.3'), '1');
    assert.equal(scalar('SELECT 9223372036854775807 > 9223372036854775806'), '1');
    assert.equal(
      scalar('SELECT 170141183460469231731687303715884105727 > 170141183460469231731687303715884105726'),
      '1',
    );
    assert.deepEqual(rows('SELECT id FROM t WHERE big = 9223372036854775807', r).flat(), ['1']);
    assert.deepEqual(rows('SELECT id FROM t WHERE big = 9007199254740992', r).flat(), []);
    assert.deepEqual(rows('SELECT id FROM t WHERE big = 9007199254740993', r).flat(), ['3']);
    assert.deepEqual(rows('SELECT id FROM t WHERE big < 0', r).flat(), ['2']);
    assert.deepEqual(rows('SELECT id FROM t WHERE score >= 20.25', r).flat(), ['2', '5']);
    assert.deepEqual(rows('SELECT id FROM t WHERE score > 10.5', r).flat(), ['2', '5']);
    assert.deepEqual(rows('SELECT id FROM t WHERE score = 5', r).flat(), ['4']);
  });

  it('compares numbers with numeric strings', () => {
    assert.deepEqual(rows("SELECT id FROM t WHERE id = '3'", r).flat(), ['3']);
    assert.deepEqual(rows("SELECT id FROM t WHERE '2' < id", r).flat(), ['3', '4', '5']);
    assert.deepEqual(rows("SELECT id FROM t WHERE big = '9223372036854775807'", r).flat(), ['1']);
    assert.equal(scalar("SELECT '10' > 9"), '1');
    assert.equal(scalar("SELECT 'abc' = 0"), null);
  });

  it('compares dates and datetimes with date text', () => {
    assert.deepEqual(rows("SELECT id FROM t WHERE dt = '2024-01-01'", r).flat(), ['1', '5']);
    assert.deepEqual(rows("SELECT id FROM t WHERE dt > '2024-01-01' ORDER BY id", r).flat(), ['2']);
    assert.deepEqual(rows("SELECT id FROM t WHERE ts >= '2024-01-01' AND ts < '2024-01-02'", r).flat(), [
      '1',
      '5',
    ]);
    assert.deepEqual(rows("SELECT id FROM t WHERE ts = '2024-01-01 10:00:00'", r).flat(), ['1']);
    assert.deepEqual(rows("SELECT id FROM t WHERE dt = '2024-01-01 00:00:00'", r).flat(), ['1', '5']);
    assert.deepEqual(rows("SELECT id FROM t WHERE dt = '2024-01-01 10:00:00'", r).flat(), []);
    assert.deepEqual(rows("SELECT id FROM t WHERE ts > dt AND dt = '2024-01-01'", r).flat(), ['1']);
    assert.deepEqual(rows("SELECT id FROM t WHERE dt = '2024/1/1'", r).flat(), ['1', '5']);
    assert.deepEqual(rows('SELECT id FROM t WHERE dt = 20240101', r).flat(), ['1', '5']);
    assert.deepEqual(rows("SELECT id FROM t WHERE dt = 'not a date'", r).flat(), []);
  });

  it('compares strings by bytes, case-sensitively', () => {
    assert.equal(scalar("SELECT 'a' < 'b'"), '1');
    assert.equal(scalar("SELECT 'B' < 'a'"), '1');
    assert.equal(scalar("SELECT 'abc' = 'ABC'"), '0');
    assert.deepEqual(rows("SELECT id FROM t WHERE name >= 'c' ORDER BY id", r).flat(), ['3', '5']);
  });

  it('treats NULL as unknown, except in <=>', () => {
    assert.equal(scalar('SELECT NULL = NULL'), null);
    assert.equal(scalar('SELECT 1 <> NULL'), null);
    assert.equal(scalar('SELECT NULL <=> NULL'), '1');
    assert.equal(scalar('SELECT 1 <=> NULL'), '0');
    assert.equal(scalar('SELECT 1 <=> 1'), '1');
    assert.deepEqual(rows('SELECT id FROM t WHERE name <=> NULL', r).flat(), ['4']);
    assert.deepEqual(rows("SELECT id FROM t WHERE name <> 'bob' ORDER BY id", r).flat(), ['1', '3', '5']);
  });
});

describe('logic', () => {
  it('implements three-valued AND, OR and NOT', () => {
    const cases: [string, string | null][] = [
      ['TRUE AND NULL', null],
      ['FALSE AND NULL', '0'],
      ['NULL AND FALSE', '0'],
      ['TRUE OR NULL', '1'],
      ['NULL OR TRUE', '1'],
      ['FALSE OR NULL', null],
      ['NOT NULL', null],
      ['NOT (1 > 2)', '1'],
      ['!(1 < 2)', '0'],
      ['1 AND 2', '1'],
      ['0 OR 0', '0'],
    ];
    for (const [expr, expected] of cases) assert.equal(scalar(`SELECT ${expr}`), expected, expr);
  });

  it('keeps only rows whose condition is TRUE', () => {
    const r = sampleResolver();
    assert.deepEqual(rows('SELECT id FROM t WHERE NOT (score > 10)', r).flat(), ['4']);
    assert.deepEqual(rows('SELECT id FROM t WHERE flag', r).flat(), ['1', '3']);
    assert.deepEqual(rows('SELECT id FROM t WHERE NOT flag', r).flat(), ['2', '5']);
    assert.deepEqual(rows('SELECT id FROM t WHERE score > 10 OR name IS NULL', r).flat(), [
      '1',
      '2',
      '4',
      '5',
    ]);
  });
});

describe('IN, BETWEEN, IS NULL', () => {
  const r = sampleResolver();

  it('evaluates IN with NULL semantics', () => {
    assert.equal(scalar('SELECT 2 IN (1, 2, 3)'), '1');
    assert.equal(scalar('SELECT 4 IN (1, 2, 3)'), '0');
    assert.equal(scalar('SELECT 4 IN (1, NULL)'), null);
    assert.equal(scalar('SELECT 1 IN (1, NULL)'), '1');
    assert.equal(scalar('SELECT NULL IN (1, 2)'), null);
    assert.equal(scalar('SELECT 4 NOT IN (1, 2)'), '1');
    assert.equal(scalar('SELECT 4 NOT IN (1, NULL)'), null);
    assert.deepEqual(rows("SELECT id FROM t WHERE name IN ('bob', 'dave', NULL)", r).flat(), ['2', '5']);
    assert.deepEqual(rows('SELECT id FROM t WHERE id NOT IN (1, 2)', r).flat(), ['3', '4', '5']);
    assert.deepEqual(rows('SELECT id FROM t WHERE score IN (20.25, 5)', r).flat(), ['2', '4', '5']);
  });

  it('evaluates BETWEEN inclusively', () => {
    assert.deepEqual(rows('SELECT id FROM t WHERE id BETWEEN 2 AND 4', r).flat(), ['2', '3', '4']);
    assert.deepEqual(rows('SELECT id FROM t WHERE id NOT BETWEEN 2 AND 4', r).flat(), ['1', '5']);
    assert.deepEqual(rows("SELECT id FROM t WHERE dt BETWEEN '2024-01-01' AND '2024-01-31'", r).flat(), [
      '1',
      '5',
    ]);
    assert.equal(scalar('SELECT NULL BETWEEN 1 AND 2'), null);
  });

  it('evaluates IS [NOT] NULL', () => {
    assert.deepEqual(rows('SELECT id FROM t WHERE score IS NULL', r).flat(), ['3']);
    assert.deepEqual(rows('SELECT id FROM t WHERE name IS NOT NULL', r).flat(), ['1', '2', '3', '5']);
    assert.equal(scalar('SELECT NULL IS NULL'), '1');
  });
});

describe('LIKE', () => {
  const r = new FakeResolver().add(
    relation('s', columns('v VARCHAR(20)'), [
      ['abc'],
      ['a_c'],
      ['a%c'],
      ['ABC'],
      ['a\\c'],
      ['ab\nc'],
      ['日本語'],
      [null],
    ]),
  );

  it('matches % and _ case-sensitively', () => {
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE 'a%'", r).flat(), [
      'abc',
      'a_c',
      'a%c',
      'a\\c',
      'ab\nc',
    ]);
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE 'a_c'", r).flat(), ['abc', 'a_c', 'a%c', 'a\\c']);
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE '%C'", r).flat(), ['ABC']);
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE '日_語'", r).flat(), ['日本語']);
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE 'abc'", r).flat(), ['abc']);
    assert.deepEqual(rows("SELECT v FROM s WHERE v NOT LIKE '%b%'", r).flat(), [
      'a_c',
      'a%c',
      'ABC',
      'a\\c',
      '日本語',
    ]);
  });

  it('honours backslash escapes and ESCAPE', () => {
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE 'a\\_c'", r).flat(), ['a_c']);
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE 'a\\%c'", r).flat(), ['a%c']);
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE 'a\\\\\\\\c'", r).flat(), ['a\\c']);
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE 'a!_c' ESCAPE '!'", r).flat(), ['a_c']);
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE 'a|%%' ESCAPE '|'", r).flat(), ['a%c']);
  });

  it('lets % and _ cross newlines and gives NULL for NULL operands', () => {
    assert.deepEqual(rows("SELECT v FROM s WHERE v LIKE 'ab_c'", r).flat(), ['ab\nc']);
    assert.equal(scalar("SELECT NULL LIKE 'a'"), null);
    assert.equal(scalar("SELECT 'a' LIKE NULL"), null);
    assert.equal(scalar("SELECT 123 LIKE '1%'"), '1');
  });

  it('matches a per-row pattern', () => {
    const p = new FakeResolver().add(
      relation('p', columns('v VARCHAR(10)', 'pat VARCHAR(10)'), [
        ['abc', 'a%'],
        ['abc', 'b%'],
        ['xyz', '%z'],
      ]),
    );
    assert.deepEqual(rows('SELECT v, pat FROM p WHERE v LIKE pat', p), [
      ['abc', 'a%'],
      ['xyz', '%z'],
    ]);
  });
});

describe('CASE and CAST', () => {
  const r = sampleResolver();

  it('evaluates searched and simple CASE with the common result type', () => {
    assert.deepEqual(rows("SELECT CASE WHEN id < 2 THEN 'low' WHEN id < 4 THEN 'mid' END FROM t", r).flat(), [
      'low',
      'mid',
      'mid',
      null,
      null,
    ]);
    assert.deepEqual(
      rows("SELECT CASE id WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END FROM t", r).flat(),
      ['one', 'two', 'many', 'many', 'many'],
    );
    assert.deepEqual(typedRow('SELECT CASE WHEN TRUE THEN 1 ELSE 2.50 END'), ['1.00', 'decimal']);
    assert.deepEqual(typedRow("SELECT CASE WHEN FALSE THEN 1 ELSE 'x' END"), ['x', 'varchar']);
    assert.equal(scalar('SELECT CASE NULL WHEN NULL THEN 1 ELSE 0 END'), '0');
    assert.equal(scalar('SELECT CASE WHEN NULL THEN 1 END'), null);
  });

  it('casts through the types layer, giving NULL for values that do not convert', () => {
    const cases: [string, string | null][] = [
      ["CAST('123' AS INT)", '123'],
      ["CAST(' 42 ' AS BIGINT)", '42'],
      ["CAST('12.7' AS INT)", '12'],
      ['CAST(12.7 AS INT)', '12'],
      ["CAST('abc' AS INT)", null],
      ['CAST(300 AS TINYINT)', null],
      ['CAST(1.005 AS DECIMAL(5,2))', '1.01'],
      ['CAST(123 AS DECIMAL(10,3))', '123.000'],
      ['CAST(12345 AS DECIMAL(4,0))', null],
      ['CAST(1.5 AS DOUBLE)', '1.5'],
      ['CAST(1 AS VARCHAR(10))', '1'],
      ['CAST(1.50 AS STRING)', '1.50'],
      ["CAST('2024-01-05' AS DATE)", '2024-01-05'],
      ["CAST('2024-01-05' AS DATETIME)", '2024-01-05 00:00:00'],
      ["CAST('2024-01-05 10:11:12.345678' AS DATETIME(3))", '2024-01-05 10:11:12.346'],
      ["CAST('2024-02-30' AS DATE)", null],
      ["CAST('true' AS BOOLEAN)", '1'],
      ['CAST(0 AS BOOLEAN)', '0'],
      ['CAST(NULL AS INT)', null],
      ["CAST('9223372036854775807' AS LARGEINT) + 1", '9223372036854775808'],
      ["DATE '2024-03-01'", '2024-03-01'],
    ];
    for (const [expr, expected] of cases) assert.equal(scalar(`SELECT ${expr}`), expected, expr);
    assert.deepEqual(
      rows('SELECT CAST(ts AS DATE), CAST(dt AS DATETIME), CAST(score AS INT) FROM t WHERE id = 1', r),
      [['2024-01-01', '2024-01-01 00:00:00', '10']],
    );
  });
});

function typedRow(sql: string): [string | null, string] {
  const result = run(sql);
  return [result.rows[0]?.[0] ?? null, result.columns[0]?.kind ?? ''];
}

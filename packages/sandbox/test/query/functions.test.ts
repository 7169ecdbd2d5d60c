import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fails, rows, run, sampleResolver, scalar } from './support.js';

function check(cases: readonly [string, string | null][]): void {
  for (const [expr, expected] of cases) assert.equal(scalar(`SELECT ${expr}`), expected, expr);
}

describe('string functions', () => {
  it('concatenates, casting non-strings to text and propagating NULL', () => {
    check([
      ["CONCAT('a', 'b', 'c')", 'abc'],
      ["CONCAT('a', 1, 1.50, TRUE)", 'a11.501'],
      ["CONCAT('a', NULL)", null],
      ["CONCAT_WS('-', 'a', NULL, 'b')", 'a-b'],
      ["CONCAT_WS(NULL, 'a')", null],
      ["CONCAT('x', 1 / 4)", 'x0.25'],
    ]);
  });

  it('changes case and measures bytes and characters', () => {
    check([
      ["UPPER('abc')", 'ABC'],
      ["UCASE('abc')", 'ABC'],
      ["LOWER('AbC')", 'abc'],
      ["LCASE('AbC')", 'abc'],
      ["LENGTH('héllo')", '6'],
      ["CHAR_LENGTH('héllo')", '5'],
      ["CHARACTER_LENGTH('日本')", '2'],
      ['LENGTH(12345)', '5'],
      ['LENGTH(NULL)', null],
    ]);
    assert.equal(run("SELECT LENGTH('a')").columns[0]?.kind, 'int');
  });

  it('takes substrings with MySQL positions', () => {
    check([
      ["SUBSTR('hello', 2)", 'ello'],
      ["SUBSTRING('hello', 2, 3)", 'ell'],
      ["SUBSTRING('hello', -3)", 'llo'],
      ["SUBSTRING('hello', -3, 2)", 'll'],
      ["SUBSTRING('hello', 0)", ''],
      ["SUBSTRING('hello', 9)", ''],
      ["SUBSTRING('hello', -9)", ''],
      ["SUBSTRING('hello', 2, 0)", ''],
      ["SUBSTRING('日本語テキスト', 3, 2)", '語テ'],
      ["SUBSTRING('a😀b', 2, 1)", '😀'],
      ["MID('hello', 2, 2)", 'el'],
      ["LEFT('hello', 2)", 'he'],
      ["RIGHT('hello', 2)", 'lo'],
    ]);
  });

  it('trims and replaces', () => {
    check([
      ["TRIM('  a b  ')", 'a b'],
      ["LTRIM('  a ')", 'a '],
      ["RTRIM('  a ')", '  a'],
      ["REPLACE('a-b-c', '-', '+')", 'a+b+c'],
      ["REPLACE('abc', '', 'x')", 'abc'],
    ]);
  });

  it('applies to columns row by row', () => {
    assert.deepEqual(rows('SELECT UPPER(name), LENGTH(name) FROM t WHERE id IN (1, 4)', sampleResolver()), [
      ['ALICE', '5'],
      [null, null],
    ]);
  });
});

describe('numeric functions', () => {
  it('ABS keeps exact types and widens integers', () => {
    check([
      ['ABS(-5)', '5'],
      ['ABS(-9223372036854775808)', '9223372036854775808'],
      ['ABS(-1.50)', '1.50'],
      ['ABS(-2.5e0)', '2.5'],
      ['ABS(NULL)', null],
    ]);
    assert.equal(run('SELECT ABS(-5)').columns[0]?.kind, 'smallint');
    assert.equal(run('SELECT ABS(id) FROM t', sampleResolver()).columns[0]?.kind, 'bigint');
  });

  it('ROUND rounds half away from zero', () => {
    check([
      ['ROUND(2.5)', '3'],
      ['ROUND(-2.5)', '-3'],
      ['ROUND(1.2345, 2)', '1.23'],
      ['ROUND(1.235, 2)', '1.24'],
      ['ROUND(1.5, 3)', '1.5'],
      ['ROUND(125, -1)', '130'],
      ['ROUND(2.5e0)', '3'],
      ['ROUND(-0.4e0)', '0'],
      ['ROUND(1.2345e0, 2)', '1.23'],
      ['ROUND(7)', '7'],
    ]);
  });

  it('FLOOR and CEIL', () => {
    check([
      ['FLOOR(1.7)', '1'],
      ['FLOOR(-1.2)', '-2'],
      ['CEIL(1.2)', '2'],
      ['CEILING(-1.7)', '-1'],
      ['CEIL(3)', '3'],
      ['FLOOR(2.5e0)', '2'],
      ['CEIL(2.1e0)', '3'],
    ]);
  });
});

describe('conditional functions', () => {
  it('COALESCE, IFNULL, NVL, IF and NULLIF', () => {
    check([
      ['COALESCE(NULL, NULL, 3)', '3'],
      ['COALESCE(NULL, 1, 2.5)', '1.0'],
      ['COALESCE(NULL, NULL)', null],
      ["IFNULL(NULL, 'x')", 'x'],
      ['IFNULL(1, 2)', '1'],
      ['NVL(NULL, 2)', '2'],
      ['IF(1 > 0, 1, 2.50)', '1.00'],
      ["IF(NULL, 'y', 'n')", 'n'],
      ['NULLIF(1, 1)', null],
      ['NULLIF(1, 2)', '1'],
      ['NULLIF(NULL, 1)', null],
    ]);
  });

  it('work over columns', () => {
    const r = sampleResolver();
    assert.deepEqual(rows("SELECT COALESCE(name, 'none'), IFNULL(score, 0) FROM t WHERE id IN (3, 4)", r), [
      ['carol', '0.00'],
      ['none', '5.00'],
    ]);
  });
});

describe('date functions', () => {
  const r = sampleResolver();

  it('extracts parts of dates, datetimes and date text', () => {
    assert.deepEqual(
      rows(
        'SELECT YEAR(dt), MONTH(dt), DAY(dt), DAYOFMONTH(ts), HOUR(ts), MINUTE(ts), SECOND(ts) FROM t WHERE id = 2',
        r,
      ),
      [['2024', '2', '15', '15', '12', '30', '0']],
    );
    check([
      ["YEAR('2023-07-04')", '2023'],
      ["MONTH('2023-07-04 10:00:00')", '7'],
      ["DAY('not a date')", null],
      ["QUARTER('2023-07-04')", '3'],
      ["DAYOFWEEK('2024-01-14')", '1'],
      ["DAYOFYEAR('2024-03-01')", '61'],
      ["TO_DATE('2024-03-01 12:00:00')", '2024-03-01'],
      ["DATEDIFF('2024-03-01', '2024-02-01')", '29'],
      ["DATEDIFF('2024-01-01 23:59:59', '2024-01-02')", '-1'],
    ]);
  });

  it('formats with DATE_FORMAT', () => {
    check([
      ["DATE_FORMAT('2024-01-05 13:04:09', '%Y-%m-%d %H:%i:%s')", '2024-01-05 13:04:09'],
      ["DATE_FORMAT('2024-01-05 13:04:09', '%y/%c/%e %h:%i %p')", '24/1/5 01:04 PM'],
      ["DATE_FORMAT('2024-01-05', '%W %M %D %j %a %b')", 'Friday January 5th 005 Fri Jan'],
      ["DATE_FORMAT('2024-01-05 00:00:00.123456', '%T.%f %r %%')", '00:00:00.123456 12:00:00 AM %'],
      ["DATE_FORMAT(NULL, '%Y')", null],
    ]);
    assert.deepEqual(rows("SELECT DATE_FORMAT(dt, '%Y%m%d') FROM t WHERE id = 1", r), [['20240101']]);
  });
});

describe('function lookup', () => {
  it('reports unknown functions with Doris wording', () => {
    fails('SELECT no_such_fn(1)', "errCode = 2, detailMessage = Can not found function 'no_such_fn'");
    fails('SELECT NoSuch()', "Can not found function 'NoSuch'");
  });

  it('reports a wrong argument count', () => {
    fails(
      'SELECT UPPER()',
      "Can not found function 'UPPER' which has 0 arity. Candidate functions are: [UPPER(Expression)]",
    );
    fails('SELECT SUBSTR(1, 2, 3, 4)', /Can not found function 'SUBSTR' which has 4 arity/);
    fails('SELECT SUM(1, 2)', /Can not found function 'SUM' which has 2 arity/);
  });

  it('matches names case-insensitively', () => {
    assert.equal(scalar("SELECT cOnCaT('a', 'b')"), 'ab');
  });
});

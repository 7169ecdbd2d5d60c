import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  coerceValue,
  formatDouble,
  formatFloat,
  parseTypeName,
  renderValue,
  type StoredValue,
} from '../../src/types/index.js';

function render(type: string, stored: StoredValue): string | null {
  return renderValue(parseTypeName(type), stored);
}

describe('renderValue', () => {
  it('renders NULL as null for every type', () => {
    for (const type of ['INT', 'DOUBLE', 'VARCHAR(3)', 'ARRAY<INT>', 'JSON'])
      assert.equal(render(type, null), null);
  });

  it('renders integers and booleans as decimal digits', () => {
    assert.equal(render('BOOLEAN', 1), '1');
    assert.equal(render('BOOLEAN', 0), '0');
    assert.equal(render('TINYINT', -128), '-128');
    assert.equal(render('INT', 2147483647), '2147483647');
    assert.equal(render('BIGINT', '-9223372036854775808'), '-9223372036854775808');
    assert.equal(
      render('LARGEINT', '170141183460469231731687303715884105727'),
      '170141183460469231731687303715884105727',
    );
  });

  it('renders DECIMAL, DATE and DATETIME with their fixed number of digits', () => {
    const dec = parseTypeName('DECIMAL(10,3)');
    assert.equal(renderValue(dec, coerceValue(dec, '1.5')), '1.500');
    assert.equal(renderValue(dec, coerceValue(dec, '-0.0004')), '0.000');
    const dt = parseTypeName('DATETIME(3)');
    assert.equal(renderValue(dt, coerceValue(dt, '2024-01-05 01:02:03')), '2024-01-05 01:02:03.000');
    assert.equal(render('DATE', '2024-01-05'), '2024-01-05');
  });

  it('renders strings verbatim and JSON as its canonical text', () => {
    assert.equal(render('VARCHAR(10)', 'a "b" \n'), 'a "b" \n');
    assert.equal(render('JSON', '{"a":[1,2]}'), '{"a":[1,2]}');
  });

  it('renders DOUBLE like fmt "{}": shortest digits, exponent outside [1e-4, 1e16)', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [1, '1'],
      [100, '100'],
      [-1.5, '-1.5'],
      [0.1 + 0.2, '0.30000000000000004'],
      [123456.789, '123456.789'],
      [1e15, '1000000000000000'],
      [1234567890123456, '1234567890123456'],
      [1e16, '1e+16'],
      [1.5e20, '1.5e+20'],
      [1e100, '1e+100'],
      [0.0001, '0.0001'],
      [0.00012, '0.00012'],
      [0.00001, '1e-05'],
      [-1.25e-7, '-1.25e-07'],
      [5e-324, '5e-324'],
      [Number.MAX_VALUE, '1.7976931348623157e+308'],
    ];
    for (const [value, text] of cases) {
      assert.equal(formatDouble(value), text, String(value));
      assert.equal(render('DOUBLE', value), text);
    }
  });

  it('renders FLOAT with the shortest digits of the float32', () => {
    const float = parseTypeName('FLOAT');
    const cases: [string, string][] = [
      ['0.1', '0.1'],
      ['1.1', '1.1'],
      ['3.14159', '3.14159'],
      ['16777217', '16777216'],
      ['1e10', '10000000000'],
      ['3.4e38', '3.4e+38'],
      ['1e-5', '1e-05'],
    ];
    for (const [input, text] of cases)
      assert.equal(renderValue(float, coerceValue(float, input)), text, input);
  });

  it('prints doubles that read back to the same value', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        assert.equal(Number(formatDouble(value)), value);
      }),
    );
  });

  it('prints floats that read back to the same float32', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (value) => {
        assert.equal(Math.fround(Number(formatFloat(value))), value);
      }),
    );
  });

  it('renders arrays like Doris: quoted strings, null elements, nested arrays', () => {
    assert.equal(render('ARRAY<INT>', [1, 2, 3]), '[1, 2, 3]');
    assert.equal(render('ARRAY<INT>', []), '[]');
    assert.equal(render('ARRAY<INT>', [1, null]), '[1, null]');
    assert.equal(render('ARRAY<VARCHAR(5)>', ['a', null, 'b']), '["a", null, "b"]');
    assert.equal(render('ARRAY<STRING>', ['x']), '["x"]');
    assert.equal(render('ARRAY<DATE>', ['2024-01-05']), '[2024-01-05]');
    assert.equal(render('ARRAY<DECIMAL(4,2)>', ['1.50']), '[1.50]');
    assert.equal(render('ARRAY<DOUBLE>', [1.5, 1e20]), '[1.5, 1e+20]');
    assert.equal(render('ARRAY<ARRAY<CHAR(2)>>', [['a'], [], null]), '[["a"], [], null]');
  });
});

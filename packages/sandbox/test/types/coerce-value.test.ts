import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  coerceValue,
  type LiteralInput,
  parseTypeName,
  type StoredValue,
  ValueError,
  type ValueInput,
} from '../../src/types/index.js';

const int = (text: string): LiteralInput => ({ kind: 'int', text });
const dec = (text: string): LiteralInput => ({ kind: 'decimal', text });
const str = (text: string): LiteralInput => ({ kind: 'string', text });

function coerce(type: string, input: ValueInput): StoredValue {
  return coerceValue(parseTypeName(type), input, { column: 'c' });
}

function rejects(type: string, input: ValueInput, message?: string | RegExp): void {
  assert.throws(
    () => coerce(type, input),
    (error: unknown) => {
      assert.ok(error instanceof ValueError, `expected a ValueError, got ${String(error)}`);
      if (typeof message === 'string') assert.equal(error.message, message);
      else if (message !== undefined) assert.match(error.message, message);
      return true;
    },
  );
}

describe('coerceValue: integers', () => {
  const limits: [string, bigint, bigint][] = [
    ['TINYINT', -128n, 127n],
    ['SMALLINT', -32768n, 32767n],
    ['INT', -2147483648n, 2147483647n],
    ['BIGINT', -(2n ** 63n), 2n ** 63n - 1n],
    ['LARGEINT', -(2n ** 127n), 2n ** 127n - 1n],
  ];

  for (const [type, min, max] of limits) {
    it(`${type} accepts its limits and rejects one past them`, () => {
      const stored = (v: bigint): StoredValue =>
        type === 'BIGINT' || type === 'LARGEINT' ? v.toString() : Number(v);
      assert.equal(coerce(type, int(min.toString())), stored(min));
      assert.equal(coerce(type, int(max.toString())), stored(max));
      rejects(
        type,
        int((max + 1n).toString()),
        `column_name[c], Number out of range[${max + 1n}]. type: ${type}`,
      );
      rejects(
        type,
        int((min - 1n).toString()),
        `column_name[c], Number out of range[${min - 1n}]. type: ${type}`,
      );
    });
  }

  it('keeps BIGINT values above 2^53 exact', () => {
    assert.equal(coerce('BIGINT', int('9007199254740993')), '9007199254740993');
    assert.equal(coerce('BIGINT', '-9223372036854775808'), '-9223372036854775808');
    assert.equal(coerce('BIGINT', { kind: 'json', value: 9007199254740993n }), '9007199254740993');
  });

  it('accepts numeric strings, trimming spaces and dropping a fraction', () => {
    assert.equal(coerce('INT', '12'), 12);
    assert.equal(coerce('INT', str(' -12 ')), -12);
    assert.equal(coerce('INT', '+7'), 7);
    assert.equal(coerce('INT', '12.9'), 12);
  });

  it('truncates decimal literals toward zero and expands exponents', () => {
    assert.equal(coerce('INT', dec('1.9')), 1);
    assert.equal(coerce('INT', dec('-1.9')), -1);
    assert.equal(coerce('INT', dec('1e3')), 1000);
    rejects('INT', dec('1e10'), /Number out of range\[10000000000\]\. type: INT/);
    rejects('BIGINT', dec('1e999'), /Number out of range/);
  });

  it('takes booleans as 1/0 and rejects text that is not a number', () => {
    assert.equal(coerce('TINYINT', { kind: 'boolean', value: true }), 1);
    rejects('INT', 'abc', "column_name[c], cannot convert 'abc' to int");
    rejects('INT', '', /cannot convert/);
    rejects('INT', '1e3', /cannot convert/);
    rejects('INT', { kind: 'array', items: [] }, /cannot convert/);
  });

  it('turns NULL into null for every type', () => {
    for (const type of ['INT', 'VARCHAR(3)', 'DATE', 'JSON', 'ARRAY<INT>', 'DECIMAL(5,2)']) {
      assert.equal(coerce(type, { kind: 'null' }), null);
      assert.equal(coerce(type, { kind: 'json', value: null }), null);
    }
  });
});

describe('coerceValue: decimals', () => {
  it('pads and rounds half away from zero to the scale', () => {
    assert.equal(coerce('DECIMAL(5,2)', int('12')), '12.00');
    assert.equal(coerce('DECIMAL(5,2)', dec('1.5')), '1.50');
    assert.equal(coerce('DECIMAL(5,2)', dec('1.005')), '1.01');
    assert.equal(coerce('DECIMAL(5,2)', dec('1.004999')), '1.00');
    assert.equal(coerce('DECIMAL(5,2)', dec('-1.005')), '-1.01');
    assert.equal(coerce('DECIMAL(5,2)', dec('-0.001')), '0.00');
    assert.equal(coerce('DECIMAL(5,0)', dec('2.5')), '3');
    assert.equal(coerce('DECIMAL(5,2)', '.5'), '0.50');
    assert.equal(coerce('DECIMAL(5,2)', dec('1.5e2')), '150.00');
  });

  it('rejects too many integer digits, also after rounding up', () => {
    assert.equal(coerce('DECIMAL(5,2)', dec('999.99')), '999.99');
    rejects('DECIMAL(5,2)', dec('1000'), /Arithmetic overflow when converting value 1000 to decimal\(5,2\)/);
    rejects('DECIMAL(5,2)', dec('999.995'), /Arithmetic overflow/);
    rejects('DECIMAL(5,2)', dec('-1000.00'), /Arithmetic overflow/);
  });

  it('handles full 38-digit precision exactly', () => {
    const max = '9'.repeat(36) + '.99';
    assert.equal(coerce('DECIMAL(38,2)', dec(max)), max);
    rejects('DECIMAL(38,2)', dec('1' + '0'.repeat(36)), /Arithmetic overflow/);
    assert.equal(coerce('DECIMAL(38,38)', dec('0.5')), '0.5' + '0'.repeat(37));
  });

  it('rejects text that is not a number', () => {
    rejects('DECIMAL(5,2)', 'x1', /cannot convert 'x1' to decimal\(5,2\)/);
  });
});

describe('coerceValue: floating point and boolean', () => {
  it('parses decimal and exponent text; FLOAT rounds to float32', () => {
    assert.equal(coerce('DOUBLE', dec('1.5')), 1.5);
    assert.equal(coerce('DOUBLE', '1e20'), 1e20);
    assert.equal(coerce('DOUBLE', ' -2.5E-3 '), -0.0025);
    assert.equal(coerce('FLOAT', '0.1'), Math.fround(0.1));
    assert.equal(coerce('DOUBLE', '-0'), 0);
    assert.ok(!Object.is(coerce('DOUBLE', '-0'), -0));
  });

  it('rejects overflow and non-numbers', () => {
    rejects('FLOAT', '1e39', /Number out of range\[1e39\]\. type: FLOAT/);
    rejects('DOUBLE', '1e309', /Number out of range/);
    rejects('DOUBLE', 'NaN', /cannot convert/);
    rejects('DOUBLE', 'abc', /cannot convert/);
  });

  it('reads booleans from true/false/1/0 in any form', () => {
    assert.equal(coerce('BOOLEAN', { kind: 'boolean', value: true }), 1);
    assert.equal(coerce('BOOLEAN', { kind: 'boolean', value: false }), 0);
    assert.equal(coerce('BOOLEAN', 'TRUE'), 1);
    assert.equal(coerce('BOOLEAN', 'false'), 0);
    assert.equal(coerce('BOOLEAN', '1'), 1);
    assert.equal(coerce('BOOLEAN', str('0')), 0);
    assert.equal(coerce('BOOLEAN', int('5')), 1);
    assert.equal(coerce('BOOLEAN', { kind: 'json', value: false }), 0);
    rejects('BOOLEAN', 'yes', /cannot convert 'yes' to boolean/);
  });
});

describe('coerceValue: strings', () => {
  it('counts VARCHAR and CHAR lengths in UTF-8 bytes', () => {
    assert.equal(coerce('VARCHAR(6)', '你好'), '你好');
    rejects(
      'VARCHAR(5)',
      '你好',
      'column_name[c], the length of input is too long than schema. first 32 bytes of input str: [你好] schema length: 5; actual length: 6;',
    );
    assert.equal(coerce('CHAR(4)', '😀'), '😀');
    rejects('CHAR(3)', '😀', /schema length: 3; actual length: 4;/);
    assert.equal(coerce('VARCHAR(3)', 'abc'), 'abc');
    rejects('VARCHAR(3)', 'abcd', /actual length: 4;/);
  });

  it('stores CHAR values unpadded and keeps spaces as given', () => {
    assert.equal(coerce('CHAR(10)', 'ab'), 'ab');
    assert.equal(coerce('CHAR(10)', ' ab '), ' ab ');
    assert.equal(coerce('VARCHAR(10)', ''), '');
  });

  it('converts numbers and booleans to their text', () => {
    assert.equal(coerce('VARCHAR(10)', int('42')), '42');
    assert.equal(coerce('VARCHAR(10)', dec('1.50')), '1.50');
    assert.equal(coerce('VARCHAR(10)', dec('1e3')), '1000');
    assert.equal(coerce('STRING', { kind: 'boolean', value: true }), '1');
    assert.equal(coerce('STRING', { kind: 'json', value: { a: [1, 'x'] } }), '{"a":[1,"x"]}');
  });
});

describe('coerceValue: dates and datetimes', () => {
  it('accepts the usual spellings', () => {
    assert.equal(coerce('DATE', '2024-01-05'), '2024-01-05');
    assert.equal(coerce('DATE', '2024-1-5'), '2024-01-05');
    assert.equal(coerce('DATE', '2024/01/05'), '2024-01-05');
    assert.equal(coerce('DATE', '20240105'), '2024-01-05');
    assert.equal(coerce('DATE', int('20240105')), '2024-01-05');
    assert.equal(coerce('DATE', '2024-01-05 23:59:59.999'), '2024-01-05');
    assert.equal(coerce('DATETIME', '2024-01-05 01:02:03'), '2024-01-05 01:02:03');
    assert.equal(coerce('DATETIME', '2024-01-05T01:02:03'), '2024-01-05 01:02:03');
    assert.equal(coerce('DATETIME', '2024-01-05'), '2024-01-05 00:00:00');
    assert.equal(coerce('DATETIME', '2024-01-05 1:2'), '2024-01-05 01:02:00');
    assert.equal(coerce('DATETIME', '20240105010203'), '2024-01-05 01:02:03');
  });

  it('checks the calendar, with leap years', () => {
    assert.equal(coerce('DATE', '2024-02-29'), '2024-02-29');
    assert.equal(coerce('DATE', '2000-02-29'), '2000-02-29');
    rejects('DATE', '2023-02-29', 'column_name[c], date/datetime literal [2023-02-29] is invalid');
    rejects('DATE', '1900-02-29', /is invalid/);
    rejects('DATE', '2024-02-30', /date\/datetime literal \[2024-02-30\] is invalid/);
    rejects('DATE', '2024-13-01', /is invalid/);
    rejects('DATE', '2024-04-31', /is invalid/);
    rejects('DATETIME', '2024-01-01 24:00:00', /is invalid/);
    rejects('DATETIME', '2024-01-01 12:60:00', /is invalid/);
    rejects('DATE', 'yesterday', /is invalid/);
    rejects('DATE', '0000-02-29', /is invalid/);
    assert.equal(coerce('DATE', '0000-01-01'), '0000-01-01');
    assert.equal(coerce('DATE', '9999-12-31'), '9999-12-31');
  });

  it('pads and rounds the fraction to the scale', () => {
    assert.equal(coerce('DATETIME(3)', '2024-01-05 01:02:03'), '2024-01-05 01:02:03.000');
    assert.equal(coerce('DATETIME(3)', '2024-01-05 01:02:03.1'), '2024-01-05 01:02:03.100');
    assert.equal(coerce('DATETIME(3)', '2024-01-05 01:02:03.1234'), '2024-01-05 01:02:03.123');
    assert.equal(coerce('DATETIME(3)', '2024-01-05 01:02:03.1235'), '2024-01-05 01:02:03.124');
    assert.equal(coerce('DATETIME(6)', '2024-01-05 01:02:03.1234567'), '2024-01-05 01:02:03.123457');
    assert.equal(coerce('DATETIME', '2024-01-05 01:02:03.4'), '2024-01-05 01:02:03');
    assert.equal(coerce('DATETIME', '2024-01-05 01:02:03.5'), '2024-01-05 01:02:04');
  });

  it('carries a rounded-up fraction across seconds, days, months and years', () => {
    assert.equal(coerce('DATETIME(2)', '2024-02-28 23:59:59.999'), '2024-02-29 00:00:00.00');
    assert.equal(coerce('DATETIME(2)', '2023-02-28 23:59:59.999'), '2023-03-01 00:00:00.00');
    assert.equal(coerce('DATETIME', '2024-12-31 23:59:59.5'), '2025-01-01 00:00:00');
    rejects('DATETIME', '9999-12-31 23:59:59.5', /is invalid/);
  });
});

describe('coerceValue: JSON', () => {
  it('validates and stores canonical compact text', () => {
    assert.equal(
      coerce('JSON', ' { "a" : [1, 2.50, "x\\u0041"], "b": null } '),
      '{"a":[1,2.5,"xA"],"b":null}',
    );
    assert.equal(coerce('JSON', '"\\/"'), '"/"');
    assert.equal(coerce('JSON', '123456789012345678'), '123456789012345678');
    assert.equal(coerce('JSON', '1e2'), '100');
    assert.equal(coerce('JSON', '[]'), '[]');
    assert.equal(coerce('JSON', '{"a":1,"a":2}'), '{"a":1,"a":2}');
  });

  it('rejects invalid JSON', () => {
    for (const text of ['{bad', '{"a":1,}', "{'a':1}", '01', '[1] 2', '', 'nul', '"\\x"', '1.']) {
      rejects('JSON', text, /json parse error/);
    }
  });

  it('converts structured input', () => {
    assert.equal(
      coerce('JSON', { kind: 'json', value: { b: 1, a: [true, null, 'é'] } }),
      '{"b":1,"a":[true,null,"é"]}',
    );
    assert.equal(coerce('JSON', { kind: 'json', value: '{"a": 1}' }), '{"a":1}');
    assert.equal(coerce('JSON', int('7')), '7');
    assert.equal(
      coerce('JSON', { kind: 'array', items: [int('1'), str('x'), { kind: 'null' }] }),
      '[1,"x",null]',
    );
  });
});

describe('coerceValue: arrays', () => {
  it('takes array literals, with NULL elements where allowed', () => {
    assert.deepEqual(coerce('ARRAY<INT>', { kind: 'array', items: [int('1'), { kind: 'null' }, int('3')] }), [
      1,
      null,
      3,
    ]);
    rejects('ARRAY<NOT_NULL(INT)>', { kind: 'array', items: [{ kind: 'null' }] }, /can not contain null/);
  });

  it('parses Doris array text from CSV', () => {
    assert.deepEqual(coerce('ARRAY<INT>', '[1, null, 3]'), [1, null, 3]);
    assert.deepEqual(coerce('ARRAY<INT>', '[]'), []);
    assert.deepEqual(coerce('ARRAY<VARCHAR(5)>', `["a", 'b,c', d]`), ['a', 'b,c', 'd']);
    assert.deepEqual(coerce('ARRAY<ARRAY<INT>>', '[[1, 2], [], [null]]'), [[1, 2], [], [null]]);
    assert.deepEqual(coerce('ARRAY<DECIMAL(4,1)>', '[1.25, -2]'), ['1.3', '-2.0']);
    rejects('ARRAY<INT>', '1, 2', /cannot convert/);
    rejects('ARRAY<INT>', '[1,,2]', /cannot convert/);
  });

  it('checks each element against the element type', () => {
    rejects('ARRAY<TINYINT>', '[1, 200]', /Number out of range\[200\]\. type: TINYINT/);
    rejects('ARRAY<VARCHAR(2)>', '["abc"]', /too long than schema/);
    rejects('ARRAY<DATE>', '["2024-02-30"]', /is invalid/);
  });

  it('takes arrays from JSON loads', () => {
    assert.deepEqual(coerce('ARRAY<VARCHAR(10)>', { kind: 'json', value: ['a"b', null] }), ['a"b', null]);
    assert.deepEqual(coerce('ARRAY<BIGINT>', { kind: 'json', value: [1, 9223372036854775807n] }), [
      '1',
      '9223372036854775807',
    ]);
  });
});

describe('coerceValue: context', () => {
  it('omits the column prefix when no column is given', () => {
    assert.throws(() => coerceValue(parseTypeName('TINYINT'), int('300')), {
      name: 'ValueError',
      message: 'Number out of range[300]. type: TINYINT',
    });
  });

  it('exposes the column and the bare detail', () => {
    try {
      coerceValue(parseTypeName('TINYINT'), int('300'), { column: 'k1' });
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof ValueError);
      assert.equal(error.column, 'k1');
      assert.equal(error.detail, 'Number out of range[300]. type: TINYINT');
    }
  });
});

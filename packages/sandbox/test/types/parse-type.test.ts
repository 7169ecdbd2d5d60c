import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DorisType, InvalidTypeError, parseTypeName, typeFromParts } from '../../src/types/index.js';

describe('parseTypeName', () => {
  it('parses every plain type and its aliases, case-insensitively', () => {
    const cases: [string, DorisType][] = [
      ['BOOLEAN', { kind: 'BOOLEAN' }],
      ['bool', { kind: 'BOOLEAN' }],
      ['TinyInt', { kind: 'TINYINT' }],
      ['smallint', { kind: 'SMALLINT' }],
      ['INT', { kind: 'INT' }],
      ['integer', { kind: 'INT' }],
      ['BIGINT', { kind: 'BIGINT' }],
      ['largeint', { kind: 'LARGEINT' }],
      ['FLOAT', { kind: 'FLOAT' }],
      ['double', { kind: 'DOUBLE' }],
      ['DATE', { kind: 'DATE' }],
      ['datev2', { kind: 'DATE' }],
      ['STRING', { kind: 'STRING' }],
      ['text', { kind: 'STRING' }],
      ['JSON', { kind: 'JSON' }],
      ['jsonb', { kind: 'JSON' }],
    ];
    for (const [text, expected] of cases) assert.deepEqual(parseTypeName(text), expected, text);
  });

  it('applies Doris defaults for omitted parameters', () => {
    assert.deepEqual(parseTypeName('DECIMAL'), { kind: 'DECIMAL', precision: 9, scale: 0 });
    assert.deepEqual(parseTypeName('decimal(12)'), { kind: 'DECIMAL', precision: 12, scale: 0 });
    assert.deepEqual(parseTypeName('DATETIME'), { kind: 'DATETIME', scale: 0 });
    assert.deepEqual(parseTypeName('CHAR'), { kind: 'CHAR', length: 1 });
    assert.deepEqual(parseTypeName('VARCHAR'), { kind: 'VARCHAR', length: 65533 });
  });

  it('reads parameters with any spacing and the v2/v3 spellings', () => {
    assert.deepEqual(parseTypeName('decimal( 12 , 2 )'), { kind: 'DECIMAL', precision: 12, scale: 2 });
    assert.deepEqual(parseTypeName('DECIMALV3(38,38)'), { kind: 'DECIMAL', precision: 38, scale: 38 });
    assert.deepEqual(parseTypeName('decimalv2(27,9)'), { kind: 'DECIMAL', precision: 27, scale: 9 });
    assert.deepEqual(parseTypeName('datetimev2(6)'), { kind: 'DATETIME', scale: 6 });
    assert.deepEqual(parseTypeName('varchar(64)'), { kind: 'VARCHAR', length: 64 });
    assert.deepEqual(parseTypeName('char(255)'), { kind: 'CHAR', length: 255 });
  });

  it('accepts and ignores integer display widths, as in older SHOW CREATE TABLE output', () => {
    assert.deepEqual(parseTypeName('int(11)'), { kind: 'INT' });
    assert.deepEqual(parseTypeName('bigint(20)'), { kind: 'BIGINT' });
  });

  it('parses arrays, nested arrays and not-null elements', () => {
    assert.deepEqual(parseTypeName('ARRAY<INT>'), {
      kind: 'ARRAY',
      element: { kind: 'INT' },
      elementNullable: true,
    });
    assert.deepEqual(parseTypeName('array<array<varchar(10)>>'), {
      kind: 'ARRAY',
      element: { kind: 'ARRAY', element: { kind: 'VARCHAR', length: 10 }, elementNullable: true },
      elementNullable: true,
    });
    assert.deepEqual(parseTypeName('array<not_null(decimal(5,2))>'), {
      kind: 'ARRAY',
      element: { kind: 'DECIMAL', precision: 5, scale: 2 },
      elementNullable: false,
    });
  });

  it('rejects out-of-range parameters with Doris-style messages', () => {
    const cases: [string, string][] = [
      ['decimal(40)', 'Precision of decimal must between 1 and 38. Precision was set to: 40.'],
      ['decimal(0)', 'Precision of decimal must between 1 and 38. Precision was set to: 0.'],
      ['decimal(5,6)', 'Scale of decimal must between 0 and 5. Scale was set to: 6.'],
      ['datetime(7)', 'Scale of Datetime/Time must between 0 and 6. Scale was set to: 7.'],
      ['varchar(65534)', 'VARCHAR size must be <= 65533: 65534'],
      ['varchar(0)', 'VARCHAR size must be > 0: 0'],
      ['char(256)', 'CHAR size must be <= 255: 256'],
      ['char(0)', 'CHAR size must be > 0: 0'],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parseTypeName(text), { name: 'InvalidTypeError', message }, text);
    }
  });

  it('rejects unknown names, stray parameters and syntax errors', () => {
    for (const text of [
      'geometry',
      'string(10)',
      'date(1)',
      'int(1,2)',
      'array<int',
      'array',
      'int x',
      '',
      'map<int>',
      'struct<a int>',
    ]) {
      assert.throws(() => parseTypeName(text), InvalidTypeError, text);
    }
  });

  it('reads MAP, STRUCT (field names lower-cased) and VARIANT as SHOW CREATE TABLE prints them', () => {
    assert.deepEqual(parseTypeName('map<text,array<int>>'), {
      kind: 'MAP',
      key: { kind: 'STRING' },
      value: { kind: 'ARRAY', element: { kind: 'INT' }, elementNullable: true },
    });
    assert.deepEqual(parseTypeName('struct<A:int,b:varchar(8)>'), {
      kind: 'STRUCT',
      fields: [
        { name: 'a', type: { kind: 'INT' }, comment: '' },
        { name: 'b', type: { kind: 'VARCHAR', length: 8 }, comment: '' },
      ],
    });
    assert.deepEqual(parseTypeName('VARIANT'), { kind: 'VARIANT' });
  });
});

describe('typeFromParts', () => {
  it('builds the same types as the parser', () => {
    assert.deepEqual(typeFromParts('Decimal', [10, 3]), parseTypeName('decimal(10,3)'));
    assert.deepEqual(typeFromParts('datetime', [3]), { kind: 'DATETIME', scale: 3 });
    assert.deepEqual(typeFromParts('array', [], { kind: 'STRING' }), {
      kind: 'ARRAY',
      element: { kind: 'STRING' },
      elementNullable: true,
    });
  });

  it('requires an element type for ARRAY and refuses one elsewhere', () => {
    assert.throws(() => typeFromParts('ARRAY', []), InvalidTypeError);
    assert.throws(() => typeFromParts('INT', [], { kind: 'INT' }), InvalidTypeError);
  });

  it('rejects non-integer parameters', () => {
    assert.throws(() => typeFromParts('VARCHAR', [1.5]), InvalidTypeError);
  });
});

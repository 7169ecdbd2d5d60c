import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTypeName, renderTypeSql, typeBinlogName, typeToBinlogJson } from '../../src/types/index.js';

describe('renderTypeSql (SHOW CREATE TABLE)', () => {
  it('prints every type the way Doris 2.1 does', () => {
    const cases: [string, string][] = [
      ['BOOLEAN', 'boolean'],
      ['TINYINT', 'tinyint'],
      ['SMALLINT', 'smallint'],
      ['INT', 'int'],
      ['BIGINT', 'bigint'],
      ['LARGEINT', 'largeint'],
      ['FLOAT', 'float'],
      ['DOUBLE', 'double'],
      ['DECIMAL(12, 2)', 'decimal(12,2)'],
      ['DECIMAL', 'decimal(9,0)'],
      ['DECIMALV3(38,10)', 'decimal(38,10)'],
      ['DATE', 'date'],
      ['DATEV2', 'date'],
      ['DATETIME', 'datetime'],
      ['DATETIME(0)', 'datetime'],
      ['DATETIMEV2(3)', 'datetime(3)'],
      ['CHAR(10)', 'char(10)'],
      ['CHAR', 'char(1)'],
      ['VARCHAR(64)', 'varchar(64)'],
      ['VARCHAR', 'varchar(65533)'],
      ['STRING', 'text'],
      ['TEXT', 'text'],
      ['JSON', 'json'],
      ['JSONB', 'json'],
      ['ARRAY<INT>', 'array<int>'],
      ['ARRAY<NOT_NULL(INT)>', 'array<int>'],
      ['ARRAY<DATETIME(6)>', 'array<datetime(6)>'],
      ['ARRAY<ARRAY<DECIMAL(10,2)>>', 'array<array<decimal(10,2)>>'],
    ];
    for (const [text, expected] of cases) assert.equal(renderTypeSql(parseTypeName(text)), expected, text);
  });

  it('round-trips through the parser', () => {
    for (const text of [
      'decimal(12,2)',
      'datetime(3)',
      'varchar(64)',
      'array<array<char(3)>>',
      'text',
      'json',
    ]) {
      assert.equal(renderTypeSql(parseTypeName(renderTypeSql(parseTypeName(text)))), text);
    }
  });
});

describe('binlog column types', () => {
  it('names types by the FE PrimitiveType constant', () => {
    const cases: [string, string][] = [
      ['BOOLEAN', 'BOOLEAN'],
      ['INT', 'INT'],
      ['LARGEINT', 'LARGEINT'],
      ['DECIMAL(9,2)', 'DECIMAL32'],
      ['DECIMAL(10,2)', 'DECIMAL64'],
      ['DECIMAL(18,2)', 'DECIMAL64'],
      ['DECIMAL(19,2)', 'DECIMAL128'],
      ['DATE', 'DATEV2'],
      ['DATETIME(3)', 'DATETIMEV2'],
      ['CHAR(3)', 'CHAR'],
      ['VARCHAR(64)', 'VARCHAR'],
      ['STRING', 'STRING'],
      ['JSON', 'JSONB'],
      ['ARRAY<INT>', 'ARRAY'],
    ];
    for (const [text, expected] of cases) assert.equal(typeBinlogName(parseTypeName(text)), expected, text);
  });

  it('writes Gson ScalarType objects with every int field', () => {
    assert.deepEqual(typeToBinlogJson(parseTypeName('VARCHAR(64)')), {
      clazz: 'ScalarType',
      type: 'VARCHAR',
      len: 64,
      precision: 0,
      scale: 0,
    });
    assert.deepEqual(typeToBinlogJson(parseTypeName('BIGINT')), {
      clazz: 'ScalarType',
      type: 'BIGINT',
      len: -1,
      precision: 0,
      scale: 0,
    });
    assert.deepEqual(typeToBinlogJson(parseTypeName('DECIMAL(12,2)')), {
      clazz: 'ScalarType',
      type: 'DECIMAL64',
      len: -1,
      precision: 12,
      scale: 2,
    });
    assert.deepEqual(typeToBinlogJson(parseTypeName('DATETIME(3)')), {
      clazz: 'ScalarType',
      type: 'DATETIMEV2',
      len: -1,
      precision: 18,
      scale: 3,
    });
    assert.deepEqual(typeToBinlogJson(parseTypeName('STRING')), {
      clazz: 'ScalarType',
      type: 'STRING',
      len: 2147483643,
      precision: 0,
      scale: 0,
    });
  });

  it('keeps Gson member order, with clazz first', () => {
    assert.equal(
      JSON.stringify(typeToBinlogJson(parseTypeName('CHAR(5)'))),
      '{"clazz":"ScalarType","type":"CHAR","len":5,"precision":0,"scale":0}',
    );
  });

  it('writes arrays as ArrayType with item type and nullability', () => {
    assert.deepEqual(typeToBinlogJson(parseTypeName('ARRAY<NOT_NULL(INT)>')), {
      clazz: 'ArrayType',
      itemType: { clazz: 'ScalarType', type: 'INT', len: -1, precision: 0, scale: 0 },
      containsNull: false,
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { coerceValue, hashForDistribution, parseTypeName } from '../../src/types/index.js';

const t = parseTypeName;

describe('hashForDistribution', () => {
  it('lays integers out little-endian in their width', () => {
    assert.deepEqual([...hashForDistribution(t('TINYINT'), -1)], [0xff]);
    assert.deepEqual([...hashForDistribution(t('INT'), 1)], [1, 0, 0, 0]);
    assert.deepEqual([...hashForDistribution(t('SMALLINT'), -2)], [0xfe, 0xff]);
    assert.deepEqual(
      [...hashForDistribution(t('BIGINT'), '9223372036854775807')],
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
    );
    assert.equal(hashForDistribution(t('LARGEINT'), '-1').length, 16);
  });

  it('hashes NULL as a 4-byte zero int, strings as UTF-8', () => {
    assert.deepEqual([...hashForDistribution(t('VARCHAR(5)'), null)], [0, 0, 0, 0]);
    assert.deepEqual(hashForDistribution(t('VARCHAR(5)'), 'é'), Buffer.from('é', 'utf8'));
  });

  it('packs DATEV2 and DATETIMEV2 like the BE', () => {
    assert.equal(hashForDistribution(t('DATE'), '2024-01-05').readUInt32LE(0), (2024 << 9) | (1 << 5) | 5);
    const packed = hashForDistribution(t('DATETIME(3)'), '2024-01-05 01:02:03.500').readBigUInt64LE(0);
    assert.equal(packed >> 46n, 2024n);
    assert.equal(packed & 0xfffffn, 500000n);
  });

  it('sizes decimals by precision', () => {
    assert.equal(hashForDistribution(t('DECIMAL(9,2)'), '1.00').length, 4);
    assert.equal(hashForDistribution(t('DECIMAL(18,2)'), '1.00').length, 8);
    assert.equal(hashForDistribution(t('DECIMAL(38,2)'), '1.00').length, 16);
    assert.equal(hashForDistribution(t('DECIMAL(9,2)'), '1.00').readInt32LE(0), 100);
  });

  it('depends only on the value', () => {
    const type = t('BIGINT');
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => {
        const a = hashForDistribution(type, coerceValue(type, String(v)));
        const b = hashForDistribution(type, coerceValue(type, { kind: 'int', text: String(v) }));
        assert.deepEqual(a, b);
        assert.equal(a.readBigInt64LE(0), v);
      }),
    );
  });
});

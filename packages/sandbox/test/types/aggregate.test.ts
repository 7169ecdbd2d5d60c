import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  aggregate,
  avgResultType,
  avgValues,
  InvalidTypeError,
  parseTypeName,
  renderTypeSql,
  sumResultType,
  sumValues,
  ValueError,
} from '../../src/types/index.js';

const t = parseTypeName;

describe('aggregate (AGGREGATE KEY value columns)', () => {
  it('SUM adds exactly within the column type', () => {
    assert.equal(aggregate('SUM', t('INT'), 1, 2), 3);
    assert.equal(aggregate('SUM', t('BIGINT'), '9007199254740993', '1'), '9007199254740994');
    assert.equal(
      aggregate('SUM', t('LARGEINT'), '170141183460469231731687303715884105726', '1'),
      '170141183460469231731687303715884105727',
    );
    assert.equal(aggregate('SUM', t('DECIMAL(10,2)'), '1.25', '2.50'), '3.75');
    assert.equal(aggregate('SUM', t('DOUBLE'), 0.5, 0.25), 0.75);
    assert.equal(
      aggregate('SUM', t('FLOAT'), Math.fround(0.1), Math.fround(0.2)),
      Math.fround(Math.fround(0.1) + Math.fround(0.2)),
    );
  });

  it('SUM reports overflow of the column type instead of wrapping', () => {
    assert.throws(() => aggregate('SUM', t('TINYINT'), 100, 28), {
      name: 'ValueError',
      message: 'Number out of range[128]. type: TINYINT',
    });
    assert.throws(() => aggregate('SUM', t('BIGINT'), '9223372036854775807', '1'), ValueError);
    assert.throws(() => aggregate('SUM', t('DECIMAL(4,2)'), '99.99', '0.01'), /Arithmetic overflow/);
  });

  it('SUM, MIN and MAX ignore NULL', () => {
    for (const kind of ['SUM', 'MIN', 'MAX'] as const) {
      assert.equal(aggregate(kind, t('INT'), null, 5), 5);
      assert.equal(aggregate(kind, t('INT'), 5, null), 5);
      assert.equal(aggregate(kind, t('INT'), null, null), null);
    }
  });

  it('MIN and MAX use the type order', () => {
    assert.equal(aggregate('MAX', t('BIGINT'), '9007199254740993', '9007199254740992'), '9007199254740993');
    assert.equal(aggregate('MIN', t('BIGINT'), '9007199254740993', '9007199254740992'), '9007199254740992');
    assert.equal(aggregate('MAX', t('DECIMAL(5,2)'), '9.00', '10.00'), '10.00');
    assert.equal(aggregate('MIN', t('VARCHAR(5)'), 'b', 'a'), 'a');
    assert.equal(
      aggregate('MAX', t('DATETIME'), '2024-01-01 00:00:00', '2023-12-31 23:59:59'),
      '2024-01-01 00:00:00',
    );
  });

  it('REPLACE takes the incoming value, even NULL; REPLACE_IF_NOT_NULL keeps the old one for NULL', () => {
    assert.equal(aggregate('REPLACE', t('VARCHAR(5)'), 'a', 'b'), 'b');
    assert.equal(aggregate('REPLACE', t('VARCHAR(5)'), 'a', null), null);
    assert.equal(aggregate('REPLACE_IF_NOT_NULL', t('VARCHAR(5)'), 'a', null), 'a');
    assert.equal(aggregate('REPLACE_IF_NOT_NULL', t('VARCHAR(5)'), 'a', 'b'), 'b');
    assert.deepEqual(aggregate('REPLACE', t('ARRAY<INT>'), [1], [2, 3]), [2, 3]);
  });

  it('rejects SUM on non-numeric types and MIN/MAX on JSON and arrays', () => {
    assert.throws(() => aggregate('SUM', t('VARCHAR(5)'), 'a', 'b'), InvalidTypeError);
    assert.throws(() => aggregate('SUM', t('BOOLEAN'), null, 1), InvalidTypeError);
    assert.throws(() => aggregate('MAX', t('JSON'), '1', '2'), InvalidTypeError);
  });

  it('SUM is order-independent on BIGINT', () => {
    const type = t('BIGINT');
    const small = fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n });
    fc.assert(
      fc.property(small, small, small, (a, b, c) => {
        const left = aggregate('SUM', type, aggregate('SUM', type, String(a), String(b)), String(c));
        const right = aggregate('SUM', type, String(a), aggregate('SUM', type, String(b), String(c)));
        assert.equal(left, right);
        assert.equal(left, String(a + b + c));
      }),
    );
  });
});

describe('SUM and AVG result types', () => {
  it('follow Doris: SUM(int) is BIGINT, SUM(decimal(p,s)) is DECIMAL(38,s)', () => {
    const cases: [string, string][] = [
      ['BOOLEAN', 'bigint'],
      ['TINYINT', 'bigint'],
      ['INT', 'bigint'],
      ['BIGINT', 'bigint'],
      ['LARGEINT', 'largeint'],
      ['FLOAT', 'double'],
      ['DOUBLE', 'double'],
      ['DECIMAL(12,2)', 'decimal(38,2)'],
      ['VARCHAR(10)', 'double'],
    ];
    for (const [type, expected] of cases) assert.equal(renderTypeSql(sumResultType(t(type))), expected, type);
    assert.throws(() => sumResultType(t('DATE')), InvalidTypeError);
  });

  it('AVG is DOUBLE for integers and floats, DECIMAL(38, max(s,4)) for decimals', () => {
    const cases: [string, string][] = [
      ['INT', 'double'],
      ['BIGINT', 'double'],
      ['LARGEINT', 'double'],
      ['FLOAT', 'double'],
      ['DECIMAL(12,2)', 'decimal(38,4)'],
      ['DECIMAL(20,6)', 'decimal(38,6)'],
    ];
    for (const [type, expected] of cases) assert.equal(renderTypeSql(avgResultType(t(type))), expected, type);
    assert.throws(() => avgResultType(t('VARCHAR(3)')), InvalidTypeError);
    assert.throws(() => avgResultType(t('BOOLEAN')), InvalidTypeError);
  });
});

describe('sumValues and avgValues', () => {
  it('sum integers exactly into BIGINT and skip NULL', () => {
    assert.equal(sumValues(t('INT'), [2147483647, 2147483647, null]), '4294967294');
    assert.equal(sumValues(t('BOOLEAN'), [1, 0, 1]), '2');
    assert.equal(sumValues(t('INT'), []), null);
    assert.equal(sumValues(t('INT'), [null, null]), null);
  });

  it('sum decimals at the column scale and doubles as doubles', () => {
    assert.equal(sumValues(t('DECIMAL(5,2)'), ['999.99', '999.99']), '1999.98');
    assert.equal(sumValues(t('DOUBLE'), [0.5, 1.5]), 2);
    assert.equal(sumValues(t('VARCHAR(5)'), ['1.5', 'x', '2']), 3.5);
  });

  it('reports a BIGINT sum overflow', () => {
    assert.throws(() => sumValues(t('BIGINT'), ['9223372036854775807', '1']), ValueError);
  });

  it('average as DOUBLE or truncated DECIMAL', () => {
    assert.equal(avgValues(t('INT'), [1, 2, null]), 1.5);
    assert.equal(avgValues(t('BIGINT'), ['9007199254740993', '9007199254740993']), 9007199254740992);
    assert.equal(avgValues(t('DECIMAL(5,2)'), ['1.00', '2.00', '2.00']), '1.6666');
    assert.equal(avgValues(t('DECIMAL(5,2)'), ['-1.00', '-2.00', '-2.00']), '-1.6666');
    assert.equal(avgValues(t('DECIMAL(10,6)'), ['1.000001', '0.000000']), '0.500000');
    assert.equal(avgValues(t('DOUBLE'), []), null);
  });
});

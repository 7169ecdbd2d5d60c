import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  coerceValue,
  compareUtf8,
  compareValues,
  type DorisType,
  parseTypeName,
  type StoredValue,
} from '../../src/types/index.js';

/** Stored values of a type, made by coercing generated inputs (so they are exactly what the sandbox stores). */
function storedValues(type: DorisType): fc.Arbitrary<StoredValue> {
  const coerce = (input: string): StoredValue => coerceValue(type, input);
  const text = ((): fc.Arbitrary<string> => {
    switch (type.kind) {
      case 'BOOLEAN':
        return fc.constantFrom('0', '1');
      case 'TINYINT':
        return fc.integer({ min: -128, max: 127 }).map(String);
      case 'SMALLINT':
      case 'INT':
        return fc.integer({ min: -32768, max: 32767 }).map(String);
      case 'BIGINT':
        return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
      case 'LARGEINT':
        return fc.bigInt({ min: -(2n ** 127n), max: 2n ** 127n - 1n }).map(String);
      case 'FLOAT':
      case 'DOUBLE':
        return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }).map(String);
      case 'DECIMAL':
        return fc
          .bigInt({ min: -(10n ** BigInt(type.precision)) + 1n, max: 10n ** BigInt(type.precision) - 1n })
          .map((v) => `${v}e-${type.scale}`);
      case 'DATE':
      case 'DATETIME':
        return fc
          .date({
            min: new Date('0001-01-01T00:00:00Z'),
            max: new Date('9999-12-31T23:59:59Z'),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString().replace('Z', ''));
      case 'CHAR':
      case 'VARCHAR':
      case 'STRING':
        return fc.string({ unit: 'binary', maxLength: 6 });
      case 'JSON':
      case 'VARIANT':
        return fc.json();
      case 'ARRAY':
        return fc.constant('[]');
      case 'MAP':
        return fc.constant('{}');
      case 'STRUCT':
        return fc.constant('{1}');
    }
  })();
  return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 8, arbitrary: text.map(coerce) });
}

function checkTotalOrder(type: DorisType): void {
  const values = storedValues(type);
  fc.assert(
    fc.property(values, values, values, (a, b, c) => {
      assert.equal(compareValues(type, a, a), 0, 'reflexive');
      const ab = compareValues(type, a, b);
      assert.equal(ab, -compareValues(type, b, a) || 0, 'antisymmetric');
      if (ab <= 0 && compareValues(type, b, c) <= 0) {
        assert.ok(compareValues(type, a, c) <= 0, 'transitive');
      }
    }),
    { numRuns: 300 },
  );
}

describe('compareValues', () => {
  const types = [
    'BOOLEAN',
    'TINYINT',
    'INT',
    'BIGINT',
    'LARGEINT',
    'FLOAT',
    'DOUBLE',
    'DECIMAL(9,2)',
    'DECIMAL(38,10)',
    'DATE',
    'DATETIME(3)',
    'VARCHAR(65533)',
    'STRING',
    'JSON',
  ];
  for (const name of types) {
    it(`is a consistent total order on ${name}`, () => checkTotalOrder(parseTypeName(name)));
  }

  it('orders BIGINT like bigint, also above 2^53', () => {
    const type = parseTypeName('BIGINT');
    const big = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    fc.assert(
      fc.property(big, big, (x, y) => {
        const expected = x < y ? -1 : x > y ? 1 : 0;
        assert.equal(
          compareValues(type, coerceValue(type, String(x)), coerceValue(type, String(y))),
          expected,
        );
      }),
    );
    assert.equal(compareValues(type, '9007199254740993', '9007199254740992'), 1);
  });

  it('orders DECIMAL numerically, not as text', () => {
    const type = parseTypeName('DECIMAL(10,2)');
    assert.equal(compareValues(type, '10.00', '9.00'), 1);
    assert.equal(compareValues(type, '-10.00', '-9.00'), -1);
    assert.equal(compareValues(type, '-0.50', '0.25'), -1);
    assert.equal(compareValues(type, '1.50', '1.5'), 0);
    assert.equal(compareValues(type, '123', '1.234'), 1);
  });

  it('puts NULL first', () => {
    for (const name of ['INT', 'VARCHAR(5)', 'DATE', 'ARRAY<INT>']) {
      const type = parseTypeName(name);
      const value = coerceValue(type, name === 'ARRAY<INT>' ? '[1]' : name === 'DATE' ? '2024-01-01' : '1');
      assert.equal(compareValues(type, null, value), -1);
      assert.equal(compareValues(type, value, null), 1);
      assert.equal(compareValues(type, null, null), 0);
    }
  });

  it('orders strings by UTF-8 bytes', () => {
    const strings = fc.string({ unit: 'grapheme', maxLength: 5 });
    fc.assert(
      fc.property(strings, strings, (a, b) => {
        const expected = Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        assert.equal(compareUtf8(a, b), expected);
      }),
    );
    // U+FFFD sorts before U+1F600 in UTF-8, though its UTF-16 code unit is larger than the surrogate's
    assert.equal(compareValues(parseTypeName('STRING'), '\uFFFD', '😀'), -1);
    assert.equal(compareValues(parseTypeName('STRING'), 'B', 'a'), -1);
  });

  it('orders dates and datetimes chronologically', () => {
    const dt = parseTypeName('DATETIME(3)');
    const a = coerceValue(dt, '2024-01-05 09:00:00.5');
    const b = coerceValue(dt, '2024-01-05 10:00:00');
    assert.equal(compareValues(dt, a, b), -1);
    assert.equal(compareValues(parseTypeName('DATE'), '0999-12-31', '1000-01-01'), -1);
  });

  it('orders arrays element by element, a prefix first, NULL elements first', () => {
    const type = parseTypeName('ARRAY<INT>');
    assert.equal(compareValues(type, [1, 2], [1, 3]), -1);
    assert.equal(compareValues(type, [1], [1, 0]), -1);
    assert.equal(compareValues(type, [null], [0]), -1);
    assert.equal(compareValues(type, [2], [1, 9]), 1);
    assert.equal(compareValues(type, [], []), 0);
  });

  it('treats FLOAT/DOUBLE numerically', () => {
    const type = parseTypeName('DOUBLE');
    assert.equal(compareValues(type, -1e300, 1e-300), -1);
    assert.equal(compareValues(type, 2, 10), -1);
  });
});

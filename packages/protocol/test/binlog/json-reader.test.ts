import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonSyntaxError, parseJson } from '../../src/json/parse.js';
import { JsonReadError, ObjectReader } from '../../src/json/reader.js';
import { isJsonObject } from '../../src/json/value.js';

function reader(text: string): ObjectReader {
  const value = parseJson(text);
  assert.ok(isJsonObject(value));
  return new ObjectReader(value);
}

describe('parseJson', () => {
  it('returns integer literals as bigint and other numbers as number', () => {
    assert.deepEqual(parseJson('[9007199254740993,-1,0,1.5,2e3,-0.25]'), [
      9007199254740993n,
      -1n,
      0n,
      1.5,
      2000,
      -0.25,
    ]);
  });

  it('throws JsonSyntaxError for invalid text', () => {
    assert.throws(() => parseJson('{"a":}'), JsonSyntaxError);
    assert.throws(() => parseJson(''), JsonSyntaxError);
  });

  it('stores a "__proto__" member as data, not as the prototype', () => {
    const value = parseJson('{"__proto__":{"polluted":true}}');
    assert.ok(isJsonObject(value));
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('ObjectReader', () => {
  it('tries every spelling exactly before falling back to case-insensitive matches', () => {
    const r = reader('{"DI":1,"distributionInfo":2}');
    assert.equal(r.findKey(['di', 'distributionInfo']), 'distributionInfo');
    assert.equal(r.findKey('Di'), 'DI');
    assert.equal(r.findKey('missing'), undefined);
  });

  it('does not see inherited Object.prototype members', () => {
    const r = reader('{}');
    assert.equal(r.findKey('constructor'), undefined);
    assert.equal(r.string('toString'), '');
    assert.equal(r.has('hasOwnProperty'), false);
  });

  it('returns zero values for absent or null members', () => {
    const r = reader('{"n":null}');
    assert.deepEqual(
      [r.int64('n'), r.int('n'), r.string('n'), r.boolean('n'), r.value('n'), r.optionalString('n')],
      [0n, 0, '', false, undefined, undefined],
    );
    assert.equal(r.int64('n', -1n), -1n);
    assert.deepEqual(r.int64List('n'), []);
    assert.equal(r.idMap('n', () => 1).size, 0);
    assert.equal(r.stringMap('n').size, 0);
  });

  it('reports the full member path on a type mismatch', () => {
    const r = reader('{"a":{"b":[{"c":"x"}]}}');
    const nested = r.object('a');
    assert.ok(nested);
    assert.throws(
      () => nested.objectList('b', (o) => o.int64('c')),
      (error: unknown) =>
        error instanceof JsonReadError &&
        error.path === 'a.b[0].c' &&
        error.reason === 'expected an integer, got a string',
    );
  });

  it('sorts id maps by ascending id', () => {
    const r = reader('{"m":{"9007199254740993":"a","5":"b","-2":"c"}}');
    assert.deepEqual([...r.idMap('m', (v) => v).keys()], [-2n, 5n, 9007199254740993n]);
  });
});

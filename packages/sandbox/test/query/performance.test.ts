import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Relation } from '../../src/fe/query/index.js';
import type { StoredValue } from '../../src/types/index.js';
import { columns, FakeResolver, rows } from './support.js';

/** A relation of `n` generated rows: k INT, name VARCHAR, big BIGINT, amount DECIMAL(10,2). */
function generated(n: number): Relation {
  return {
    name: 'big',
    columns: columns('k INT', 'name VARCHAR(16)', 'big BIGINT', 'amount DECIMAL(10,2)'),
    *rows(): Iterable<readonly StoredValue[]> {
      for (let i = 0; i < n; i++) yield [i, `name${i % 100}`, String(i * 3), `${i % 1000}.25`];
    },
  };
}

function timed<T>(label: string, fn: () => T): T {
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  console.log(`${label}: ${ms.toFixed(1)} ms`);
  // generous bound: only an engine that re-walks the AST per row or buffers everything would get near it
  assert.ok(ms < 10_000, `${label} took ${ms.toFixed(0)} ms`);
  return result;
}

describe('performance', () => {
  const resolver = new FakeResolver().add(generated(1_000_000));

  it('counts 1,000,000 rows with a WHERE', () => {
    const result = timed('1M rows: COUNT(*) WHERE k > 500000', () =>
      rows('SELECT COUNT(*) FROM big WHERE k > 500000', resolver),
    );
    assert.deepEqual(result, [['499999']]);
  });

  it('aggregates 1,000,000 rows with a compound WHERE', () => {
    const result = timed('1M rows: COUNT/SUM WHERE name = … AND big >= …', () =>
      rows(
        "SELECT COUNT(*), SUM(amount), SUM(big) FROM big WHERE name = 'name7' AND big >= 1500000",
        resolver,
      ),
    );
    assert.deepEqual(result, [['5000', '2286250.00', '11249355000']]);
  });

  it('groups 1,000,000 rows', () => {
    const result = timed('1M rows: GROUP BY name ORDER BY LIMIT', () =>
      rows('SELECT name, COUNT(*) FROM big GROUP BY name ORDER BY name LIMIT 2', resolver),
    );
    assert.deepEqual(result, [
      ['name0', '10000'],
      ['name1', '10000'],
    ]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredValue } from '../../src/types/index.js';
import { columns, FakeResolver, fails, relation, rows, run, sampleResolver } from './support.js';

function sales(): FakeResolver {
  const data: StoredValue[][] = [
    ['east', 'a', 10, '1.10', '9223372036854775807', '170141183460469231731687303715884105727'],
    ['east', 'b', 20, '2.20', '1', '-170141183460469231731687303715884105728'],
    ['west', 'a', 5, '0.05', '-9223372036854775808', '1'],
    ['west', 'c', null, null, null, null],
    ['north', 'a', 7, '99999999.99', '100', '2'],
    [null, 'b', 1, '0.01', '0', '0'],
  ];
  return new FakeResolver().add(
    relation(
      'sales',
      columns(
        'region VARCHAR(10)',
        'item VARCHAR(10)',
        'qty INT',
        'amount DECIMAL(10,2)',
        'big BIGINT',
        'huge LARGEINT',
      ),
      data,
    ),
  );
}

describe('aggregates without GROUP BY', () => {
  it('COUNT(*), COUNT(x), COUNT(DISTINCT x) and friends with Doris result types', () => {
    const result = run(
      'SELECT COUNT(*), COUNT(qty), COUNT(DISTINCT item), SUM(qty), MIN(qty), MAX(qty), AVG(qty), SUM(amount), AVG(amount) FROM sales',
      sales(),
    );
    assert.deepEqual(
      result.columns.map((c) => [c.name, c.kind]),
      [
        ['count(*)', 'bigint'],
        ['count(qty)', 'bigint'],
        ['count(DISTINCT item)', 'bigint'],
        ['sum(qty)', 'bigint'],
        ['min(qty)', 'int'],
        ['max(qty)', 'int'],
        ['avg(qty)', 'double'],
        ['sum(amount)', 'decimal'],
        ['avg(amount)', 'decimal'],
      ],
    );
    assert.deepEqual(result.rows, [['6', '5', '3', '43', '1', '20', '8.6', '100000003.35', '20000000.6700']]);
  });

  it('sums decimals exactly where doubles would round', () => {
    const data = Array.from({ length: 10 }, () => ['0.10'] as StoredValue[]);
    const r = new FakeResolver().add(relation('d', columns('v DECIMAL(5,2)'), data));
    assert.deepEqual(rows('SELECT SUM(v), AVG(v) FROM d', r), [['1.00', '0.1000']]);
    const big = new FakeResolver().add(
      relation('d', columns('v DECIMAL(38,10)'), [
        ['1234567890123456789012345678.0123456789'],
        ['0.0000000001'],
      ]),
    );
    assert.deepEqual(rows('SELECT SUM(v) FROM d', big), [['1234567890123456789012345678.0123456790']]);
  });

  it('keeps BIGINT and LARGEINT exact in SUM, MIN and MAX', () => {
    const r = sales();
    assert.deepEqual(rows('SELECT SUM(big), MIN(big), MAX(big) FROM sales', r), [
      ['100', '-9223372036854775808', '9223372036854775807'],
    ]);
    assert.deepEqual(rows('SELECT SUM(huge), MIN(huge), MAX(huge) FROM sales', r), [
      ['2', '-170141183460469231731687303715884105728', '170141183460469231731687303715884105727'],
    ]);
    assert.deepEqual(rows('SELECT SUM(big) FROM sales WHERE big > 0 AND big < 1000', r), [['101']]);
    // the sum passes the BIGINT range on the way and comes back: only the final value must fit
    assert.deepEqual(rows('SELECT SUM(big) FROM sales WHERE big IS NOT NULL', r), [['100']]);
    assert.equal(run('SELECT SUM(huge) FROM sales', r).columns[0]?.kind, 'largeint');
  });

  it('reports a SUM that overflows its result type instead of wrapping', () => {
    const r = new FakeResolver().add(
      relation('o', columns('v LARGEINT'), [['170141183460469231731687303715884105727'], ['1']]),
    );
    fails('SELECT SUM(v) FROM o', 'Number out of range', r);
  });

  it('gives COUNT 0 and NULL for the others over no rows', () => {
    assert.deepEqual(
      rows(
        'SELECT COUNT(*), COUNT(qty), SUM(qty), MIN(qty), AVG(amount) FROM sales WHERE qty > 100',
        sales(),
      ),
      [['0', '0', null, null, null]],
    );
  });

  it('answers COUNT(*) from the relation row count without scanning', () => {
    let scans = 0;
    const r = new FakeResolver().add({
      name: 'c',
      columns: columns('v INT'),
      rows: () => {
        scans++;
        return [[1], [2]];
      },
      count: () => 12345,
    });
    assert.deepEqual(rows('SELECT COUNT(*) FROM c', r), [['12345']]);
    assert.equal(scans, 0);
    assert.deepEqual(rows('SELECT COUNT(*) FROM c WHERE v > 1', r), [['1']]);
    assert.equal(scans, 1);
  });

  it('supports SUM(DISTINCT), COUNT(DISTINCT a, b) and GROUP_CONCAT', () => {
    const r = sales();
    assert.deepEqual(
      rows('SELECT SUM(DISTINCT qty), COUNT(DISTINCT region, item), COUNT(DISTINCT amount) FROM sales', r),
      [['43', '5', '5']],
    );
    assert.deepEqual(rows("SELECT GROUP_CONCAT(item), GROUP_CONCAT(DISTINCT item, '|') FROM sales", r), [
      ['a, b, a, c, a, b', 'a|b|c'],
    ]);
  });

  it('rejects aggregates over types they do not take', () => {
    const r = new FakeResolver().add(relation('j', columns('d DATE'), [['2024-01-01']]));
    fails('SELECT SUM(d) FROM j', /sum requires a numeric/, r);
  });
});

describe('GROUP BY', () => {
  it('groups, filters with HAVING, orders and limits', () => {
    const r = sales();
    assert.deepEqual(
      rows(
        'SELECT region, COUNT(*) AS n, SUM(qty) FROM sales GROUP BY region HAVING COUNT(*) > 0 ORDER BY n DESC, region LIMIT 3',
        r,
      ),
      [
        ['east', '2', '30'],
        ['west', '2', '5'],
        [null, '1', '1'],
      ],
    );
    assert.deepEqual(
      rows('SELECT region, SUM(qty) s FROM sales GROUP BY region HAVING s > 6 ORDER BY s', r),
      [
        ['north', '7'],
        ['east', '30'],
      ],
    );
    assert.deepEqual(
      rows('SELECT item, MAX(amount) FROM sales GROUP BY item ORDER BY MAX(amount) DESC LIMIT 1', r),
      [['a', '99999999.99']],
    );
  });

  it('groups by positions, aliases and expressions', () => {
    const r = sales();
    assert.deepEqual(rows('SELECT item, COUNT(*) FROM sales GROUP BY 1 ORDER BY 1', r), [
      ['a', '3'],
      ['b', '2'],
      ['c', '1'],
    ]);
    assert.deepEqual(rows('SELECT UPPER(item) AS u, COUNT(*) FROM sales GROUP BY u ORDER BY u DESC', r), [
      ['C', '1'],
      ['B', '2'],
      ['A', '3'],
    ]);
    assert.deepEqual(rows('SELECT qty % 2, COUNT(*) FROM sales GROUP BY qty % 2 ORDER BY qty % 2', r), [
      [null, '1'],
      ['0', '2'],
      ['1', '3'],
    ]);
    assert.deepEqual(rows('SELECT COUNT(*) FROM sales GROUP BY region, item ORDER BY 1 DESC LIMIT 1', r), [
      ['1'],
    ]);
  });

  it('groups NULLs together and supports ORDER BY on a key not selected', () => {
    const r = sales();
    assert.deepEqual(rows('SELECT COUNT(*) FROM sales GROUP BY region ORDER BY region', r).flat(), [
      '1',
      '2',
      '1',
      '2',
    ]);
  });

  it('groups BIGINT keys exactly', () => {
    const r = new FakeResolver().add(
      relation('g', columns('k BIGINT'), [['9007199254740993'], ['9007199254740992'], ['9007199254740993']]),
    );
    assert.deepEqual(rows('SELECT k, COUNT(*) FROM g GROUP BY k ORDER BY k', r), [
      ['9007199254740992', '1'],
      ['9007199254740993', '2'],
    ]);
  });

  it('returns no rows for an empty input', () => {
    assert.deepEqual(rows('SELECT region, COUNT(*) FROM sales WHERE qty > 100 GROUP BY region', sales()), []);
  });

  it('applies DISTINCT after grouping', () => {
    assert.deepEqual(rows('SELECT DISTINCT COUNT(*) FROM sales GROUP BY region ORDER BY 1', sales()), [
      ['1'],
      ['2'],
    ]);
  });

  it('rejects columns that are neither grouped nor aggregated', () => {
    const r = sales();
    fails('SELECT region, qty FROM sales GROUP BY region', "qty not in aggregate's output", r);
    fails('SELECT region, COUNT(*) FROM sales', "region not in aggregate's output", r);
    fails('SELECT * FROM sales GROUP BY region', "item, qty, amount, big, huge not in aggregate's output", r);
    fails(
      'SELECT qty + 1, region, item FROM sales GROUP BY region',
      "qty, item not in aggregate's output",
      r,
    );
    fails('SELECT region FROM sales GROUP BY region HAVING qty > 1', "qty not in aggregate's output", r);
  });

  it('rejects aggregates in WHERE and GROUP BY', () => {
    const r = sales();
    fails(
      'SELECT region FROM sales WHERE COUNT(*) > 1',
      'LOGICAL_FILTER can not contains AggregateFunction expression: count(*)',
      r,
    );
    fails(
      'SELECT COUNT(*) FROM sales GROUP BY 1',
      'GROUP BY expression must not contain aggregate functions',
      r,
    );
  });

  it('works on a sample table', () => {
    assert.deepEqual(
      rows('SELECT flag, COUNT(*), SUM(score) FROM t GROUP BY flag ORDER BY flag', sampleResolver()),
      [
        [null, '1', '5.00'],
        ['0', '2', '40.50'],
        ['1', '2', '10.50'],
      ],
    );
  });
});

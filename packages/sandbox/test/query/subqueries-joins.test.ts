import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columns, FakeResolver, names, relation, rows, sampleResolver } from './support.js';

function shop(): FakeResolver {
  return new FakeResolver()
    .add(
      relation('users', columns('id INT', 'name VARCHAR(10)'), [
        [1, 'ann'],
        [2, 'ben'],
        [3, 'cat'],
      ]),
    )
    .add(
      relation('orders', columns('oid INT', 'user_id INT', 'total DECIMAL(8,2)'), [
        [10, 1, '5.00'],
        [11, 1, '7.50'],
        [12, 2, '1.25'],
        [13, 9, '3.00'],
      ]),
    );
}

describe('subqueries', () => {
  it('selects from a subquery in FROM', () => {
    const r = sampleResolver();
    assert.deepEqual(
      rows('SELECT s.id, s.n FROM (SELECT id, name AS n FROM t WHERE id > 2) s WHERE s.id < 5', r),
      [
        ['3', 'carol'],
        ['4', null],
      ],
    );
    assert.deepEqual(names('SELECT * FROM (SELECT id, COUNT(*) FROM t GROUP BY id) x', r), [
      'id',
      'count(*)',
    ]);
    assert.deepEqual(rows('SELECT MAX(c) FROM (SELECT dt, COUNT(*) c FROM t GROUP BY dt) x', r), [['2']]);
  });

  it('evaluates uncorrelated scalar, IN and EXISTS subqueries once', () => {
    const r = shop();
    assert.deepEqual(rows('SELECT (SELECT MAX(total) FROM orders)', r), [['7.50']]);
    assert.deepEqual(
      rows('SELECT name FROM users WHERE id IN (SELECT user_id FROM orders) ORDER BY name', r).flat(),
      ['ann', 'ben'],
    );
    assert.deepEqual(rows('SELECT name FROM users WHERE id NOT IN (SELECT user_id FROM orders)', r).flat(), [
      'cat',
    ]);
    assert.deepEqual(
      rows('SELECT COUNT(*) FROM users WHERE EXISTS (SELECT 1 FROM orders WHERE total > 7)', r),
      [['3']],
    );
    assert.deepEqual(
      rows('SELECT COUNT(*) FROM users WHERE NOT EXISTS (SELECT 1 FROM orders WHERE total > 70)', r),
      [['3']],
    );
    assert.deepEqual(rows('SELECT (SELECT name FROM users WHERE id = 99)', r), [[null]]);
  });
});

describe('joins', () => {
  it('inner joins with ON', () => {
    const r = shop();
    assert.deepEqual(
      rows('SELECT u.name, o.oid, o.total FROM users u JOIN orders o ON u.id = o.user_id ORDER BY o.oid', r),
      [
        ['ann', '10', '5.00'],
        ['ann', '11', '7.50'],
        ['ben', '12', '1.25'],
      ],
    );
    assert.deepEqual(
      rows(
        'SELECT u.name, SUM(o.total) FROM users u INNER JOIN orders o ON u.id = o.user_id GROUP BY u.name ORDER BY 1',
        r,
      ),
      [
        ['ann', '12.50'],
        ['ben', '1.25'],
      ],
    );
  });

  it('outer joins pad the missing side with NULLs', () => {
    const r = shop();
    assert.deepEqual(
      rows(
        'SELECT u.name, o.oid FROM users u LEFT JOIN orders o ON u.id = o.user_id ORDER BY u.id, o.oid',
        r,
      ),
      [
        ['ann', '10'],
        ['ann', '11'],
        ['ben', '12'],
        ['cat', null],
      ],
    );
    assert.deepEqual(
      rows('SELECT u.name, o.oid FROM users u RIGHT JOIN orders o ON u.id = o.user_id ORDER BY o.oid', r),
      [
        ['ann', '10'],
        ['ann', '11'],
        ['ben', '12'],
        [null, '13'],
      ],
    );
    assert.deepEqual(
      rows(
        'SELECT u.id, o.oid FROM users u FULL OUTER JOIN orders o ON u.id = o.user_id ORDER BY u.id, o.oid',
        r,
      ),
      [
        [null, '13'],
        ['1', '10'],
        ['1', '11'],
        ['2', '12'],
        ['3', null],
      ],
    );
  });

  it('cross joins comma-separated tables', () => {
    const r = shop();
    assert.deepEqual(rows('SELECT COUNT(*) FROM users, orders', r), [['12']]);
    assert.deepEqual(rows('SELECT COUNT(*) FROM users u, orders o WHERE u.id = o.user_id', r), [['3']]);
    assert.deepEqual(names('SELECT * FROM users CROSS JOIN orders LIMIT 1', r), [
      'id',
      'name',
      'oid',
      'user_id',
      'total',
    ]);
    assert.deepEqual(names('SELECT orders.* FROM users, orders LIMIT 1', r), ['oid', 'user_id', 'total']);
  });
});

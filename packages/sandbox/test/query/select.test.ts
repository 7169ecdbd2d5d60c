import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredValue } from '../../src/types/index.js';
import { columns, env, FakeResolver, names, relation, rows, run, sampleResolver, scalar } from './support.js';

describe('SELECT without FROM', () => {
  it('evaluates constants with Doris result types', () => {
    const result = run("SELECT 1, 1.50, 'abc', NULL, TRUE");
    assert.deepEqual(
      result.columns.map((c) => [c.name, c.kind]),
      [
        ['1', 'tinyint'],
        ['1.50', 'decimal'],
        ["'abc'", 'varchar'],
        ['NULL', 'varchar'],
        ['TRUE', 'boolean'],
      ],
    );
    assert.deepEqual(result.rows, [['1', '1.50', 'abc', null, '1']]);
  });

  it('reads system and user variables', () => {
    const environment = env({ variables: { version_comment: 'Doris version doris-2.1.7', '@x': 42 } });
    const result = run(
      'SELECT @@version_comment, @@session.version_comment, @x, @unset',
      undefined,
      environment,
    );
    assert.deepEqual(
      result.columns.map((c) => c.name),
      ['@@version_comment', '@@version_comment', '@x', '@unset'],
    );
    assert.deepEqual(result.rows, [['Doris version doris-2.1.7', 'Doris version doris-2.1.7', '42', null]]);
  });

  it('rejects an unknown system variable the way Nereids does', () => {
    assert.throws(() => run('SELECT @@no_such_var'), /Unsupported system variable: no_such_var/);
  });

  it('supports the connector probes', () => {
    assert.equal(scalar('SELECT @@version_comment LIMIT 1'), 'Doris version doris-2.1.7');
    assert.equal(scalar('SELECT DATABASE()'), 'db1');
    assert.equal(scalar('SELECT DATABASE()', undefined, env({ database: undefined })), '');
    assert.equal(scalar('SELECT VERSION()'), '5.7.99');
    assert.equal(scalar('SELECT CURRENT_USER()'), "'root'@'%'");
    assert.equal(scalar('SELECT USER()', undefined, env({ user: 'admin' })), "'admin'@'%'");
  });

  it('reads NOW() from the statement clock in the session time zone', () => {
    // 2024-01-15T02:30:45.123Z at +08:00
    assert.deepEqual(rows('SELECT NOW(), CURRENT_TIMESTAMP, NOW(3), CURDATE(), CURRENT_DATE()'), [
      ['2024-01-15 10:30:45', '2024-01-15 10:30:45', '2024-01-15 10:30:45.123', '2024-01-15', '2024-01-15'],
    ]);
    const utc = env({ variables: { time_zone: 'UTC' } });
    assert.equal(scalar('SELECT NOW()', undefined, utc), '2024-01-15 02:30:45');
    const named = env({ variables: { time_zone: 'America/New_York' } });
    assert.equal(scalar('SELECT NOW()', undefined, named), '2024-01-14 21:30:45');
    assert.equal(run('SELECT NOW()').columns[0]?.kind, 'datetime');
  });

  it('answers SELECT COUNT(*) without FROM with one row', () => {
    assert.equal(scalar('SELECT COUNT(*)'), '1');
  });
});

describe('SELECT from a table', () => {
  it('expands * and t.* in column order with the schema names', () => {
    const r = sampleResolver();
    assert.deepEqual(names('SELECT * FROM t', r), ['id', 'name', 'score', 'big', 'dt', 'ts', 'flag']);
    assert.deepEqual(names('SELECT t.*, id AS again FROM t', r), [
      'id',
      'name',
      'score',
      'big',
      'dt',
      'ts',
      'flag',
      'again',
    ]);
    assert.deepEqual(names('SELECT x.id, x.name FROM db1.t AS x', r), ['id', 'name']);
    assert.deepEqual(
      run('SELECT * FROM t', r).columns.map((c) => c.kind),
      ['int', 'varchar', 'decimal', 'bigint', 'date', 'datetime', 'boolean'],
    );
  });

  it('names result columns by alias, column name, or expression text', () => {
    const r = sampleResolver();
    assert.deepEqual(names('SELECT ID, id + 1, id AS `x y`, count(*) FROM t GROUP BY id', r), [
      'id',
      '(id + 1)',
      'x y',
      'count(*)',
    ]);
    assert.deepEqual(
      names("SELECT SUBSTR(name, 1, 2), UPPER(name), CAST(id AS BIGINT), name LIKE 'a%' FROM t", r),
      ['substring(name, 1, 2)', 'upper(name)', 'cast(id as BIGINT)', "name like 'a%'"],
    );
  });

  it('renders every type as Doris does and NULL as null', () => {
    const r = sampleResolver();
    assert.deepEqual(rows('SELECT * FROM t WHERE id IN (1, 4)', r), [
      ['1', 'alice', '10.50', '9223372036854775807', '2024-01-01', '2024-01-01 10:00:00', '1'],
      ['4', null, '5.00', null, null, null, null],
    ]);
  });

  it('passes the relation name to the resolver, with the database when given', () => {
    const r = sampleResolver();
    run('SELECT id FROM t', r);
    run('SELECT id FROM db1.t', r);
    assert.deepEqual(r.calls, ['db1.t', 'db1.t']);
  });

  it('filters with HAVING in a query without aggregates, where it may use aliases', () => {
    const r = sampleResolver();
    assert.deepEqual(rows('SELECT id AS k FROM t HAVING k > 3', r).flat(), ['4', '5']);
    assert.deepEqual(rows('SELECT COUNT(*) FROM t WHERE NULL', r), [['0']]);
  });

  it('stops DISTINCT at LIMIT in scan order', () => {
    assert.deepEqual(rows('SELECT DISTINCT flag FROM t LIMIT 2', sampleResolver()).flat(), ['1', '0']);
  });

  it('applies DISTINCT to whole output rows', () => {
    const r = sampleResolver();
    assert.deepEqual(rows('SELECT DISTINCT score FROM t ORDER BY score', r), [
      [null],
      ['5.00'],
      ['10.50'],
      ['20.25'],
    ]);
    assert.deepEqual(rows('SELECT DISTINCT dt, flag FROM t ORDER BY dt, flag', r), [
      [null, null],
      ['2023-12-31', '1'],
      ['2024-01-01', '0'],
      ['2024-01-01', '1'],
      ['2024-02-15', '0'],
    ]);
  });
});

describe('ORDER BY and LIMIT', () => {
  const r = sampleResolver();

  it('puts NULLs first ascending and last descending', () => {
    assert.deepEqual(rows('SELECT name FROM t ORDER BY name', r).flat(), [
      null,
      'alice',
      'bob',
      'carol',
      'dave',
    ]);
    assert.deepEqual(rows('SELECT name FROM t ORDER BY name DESC', r).flat(), [
      'dave',
      'carol',
      'bob',
      'alice',
      null,
    ]);
    assert.deepEqual(rows('SELECT name FROM t ORDER BY name ASC NULLS LAST', r).flat(), [
      'alice',
      'bob',
      'carol',
      'dave',
      null,
    ]);
    assert.deepEqual(rows('SELECT name FROM t ORDER BY name DESC NULLS FIRST', r).flat(), [
      null,
      'dave',
      'carol',
      'bob',
      'alice',
    ]);
  });

  it('orders by position, alias, a column not selected, and an expression', () => {
    assert.deepEqual(rows('SELECT id, name FROM t ORDER BY 2 DESC LIMIT 2', r), [
      ['5', 'dave'],
      ['3', 'carol'],
    ]);
    assert.deepEqual(rows('SELECT id AS k FROM t ORDER BY k DESC', r).flat(), ['5', '4', '3', '2', '1']);
    assert.deepEqual(rows('SELECT id FROM t ORDER BY big', r).flat(), ['4', '2', '5', '3', '1']);
    assert.deepEqual(rows('SELECT id FROM t ORDER BY id % 2, id DESC', r).flat(), ['4', '2', '5', '3', '1']);
  });

  it('compares BIGINT keys exactly beyond 2^53', () => {
    const big = new FakeResolver().add(
      relation('b', columns('v BIGINT'), [
        ['9007199254740993'],
        ['9007199254740992'],
        ['-1'],
        ['9223372036854775807'],
      ]),
    );
    assert.deepEqual(rows('SELECT v FROM b ORDER BY v', big).flat(), [
      '-1',
      '9007199254740992',
      '9007199254740993',
      '9223372036854775807',
    ]);
  });

  it('supports LIMIT n, LIMIT n OFFSET m and LIMIT m, n', () => {
    assert.deepEqual(rows('SELECT id FROM t ORDER BY id LIMIT 2', r).flat(), ['1', '2']);
    assert.deepEqual(rows('SELECT id FROM t ORDER BY id LIMIT 2 OFFSET 1', r).flat(), ['2', '3']);
    assert.deepEqual(rows('SELECT id FROM t ORDER BY id LIMIT 3, 10', r).flat(), ['4', '5']);
    assert.deepEqual(rows('SELECT id FROM t LIMIT 0', r), []);
    assert.deepEqual(rows('SELECT id FROM t LIMIT 1, 2', r).flat(), ['2', '3']);
  });

  it('stops scanning once LIMIT is satisfied when there is no ORDER BY', () => {
    let scanned = 0;
    const endless: Iterable<readonly StoredValue[]> = {
      *[Symbol.iterator]() {
        for (let i = 0; ; i++) {
          scanned++;
          yield [i];
        }
      },
    };
    const resolver = new FakeResolver().add({ name: 'inf', columns: columns('n INT'), rows: () => endless });
    assert.deepEqual(rows('SELECT n FROM inf WHERE n % 2 = 1 LIMIT 3', resolver).flat(), ['1', '3', '5']);
    assert.ok(scanned <= 7, `scanned ${scanned}`);
  });
});

describe('table functions', () => {
  it('selects from frontends() as the syncer does', () => {
    const resolver = new FakeResolver();
    const seen: (readonly StoredValue[])[] = [];
    resolver.functions.set('frontends', (args) => {
      seen.push(args);
      return relation(
        'frontends',
        columns('Name VARCHAR(64)', 'Host VARCHAR(64)', 'QueryPort INT', 'RpcPort INT', 'IsMaster BOOLEAN'),
        [
          ['fe1', '127.0.0.1', 9030, 9020, 1],
          ['fe2', '127.0.0.2', 9031, 9021, 0],
        ],
      );
    });
    const result = run('select Host, QueryPort, RpcPort, IsMaster from frontends();', resolver);
    assert.deepEqual(
      result.columns.map((c) => c.name),
      ['Host', 'QueryPort', 'RpcPort', 'IsMaster'],
    );
    assert.deepEqual(result.rows, [
      ['127.0.0.1', '9030', '9020', '1'],
      ['127.0.0.2', '9031', '9021', '0'],
    ]);
    assert.deepEqual(rows('SELECT host FROM frontends() f WHERE f.IsMaster', resolver), [['127.0.0.1']]);
    assert.deepEqual(seen, [[], []]);
  });

  it('passes constant arguments to the table function', () => {
    const resolver = new FakeResolver();
    resolver.functions.set('numbers', (args) =>
      relation(
        'numbers',
        columns('number BIGINT'),
        Array.from({ length: Number(args[0]) }, (_, i) => [String(i)]),
      ),
    );
    assert.deepEqual(rows('SELECT number FROM numbers(1 + 2)', resolver).flat(), ['0', '1', '2']);
  });
});

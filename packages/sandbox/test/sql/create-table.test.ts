import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataType } from '../../src/fe/sql/index.js';
import { parseAs, syntaxError, unsupported } from './support.js';

function typeOf(sql: string): DataType {
  const [col] = parseAs(`CREATE TABLE t (c ${sql})`, 'CreateTableStatement').columns;
  assert.ok(col);
  return col.type;
}

describe('CREATE TABLE', () => {
  it('parses a full definition with every table-level clause', () => {
    const sql = `CREATE TABLE IF NOT EXISTS sales.orders (
      order_id BIGINT NOT NULL COMMENT 'id',
      dt DATE NOT NULL,
      region VARCHAR(16) KEY NULL DEFAULT "eu",
      amount DECIMAL(16, 2) SUM NULL DEFAULT "0",
      last_seen DATETIME(3) REPLACE NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      cnt BIGINT SUM DEFAULT -1,
      INDEX idx_region (region) USING INVERTED PROPERTIES ("parser" = "english") COMMENT 'by region'
    ) ENGINE=olap
    AGGREGATE KEY(order_id, dt, region)
    COMMENT "orders table"
    PARTITION BY RANGE(dt) (
      PARTITION p1 VALUES LESS THAN ("2024-01-01"),
      PARTITION p2 VALUES [("2024-01-01"), ("2024-02-01")) ("replication_num" = "1"),
      PARTITION p_max VALUES LESS THAN MAXVALUE
    )
    DISTRIBUTED BY HASH(order_id) BUCKETS 8
    ROLLUP (r_by_day (dt, amount), r2 (region, cnt) PROPERTIES ("k" = "v"))
    PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`;
    const table = parseAs(sql, 'CreateTableStatement');
    assert.equal(table.ifNotExists, true);
    assert.deepEqual(table.table, { database: 'sales', table: 'orders' });
    assert.equal(table.engine, 'olap');
    assert.deepEqual(table.keys, { type: 'AGGREGATE', columns: ['order_id', 'dt', 'region'] });
    assert.equal(table.comment, 'orders table');
    assert.deepEqual(table.columns[0], {
      name: 'order_id',
      type: { kind: 'ScalarType', name: 'BIGINT' },
      isKey: false,
      nullable: false,
      comment: 'id',
    });
    assert.deepEqual(table.columns[2], {
      name: 'region',
      type: { kind: 'ScalarType', name: 'VARCHAR', length: 16 },
      isKey: true,
      nullable: true,
      default: { kind: 'StringDefault', value: 'eu' },
    });
    assert.deepEqual(table.columns[3]?.aggregation, 'SUM');
    assert.deepEqual(table.columns[4]?.default, { kind: 'CurrentTimestampDefault', precision: 3 });
    assert.deepEqual(table.columns[5]?.default, { kind: 'NumberDefault', text: '-1' });
    assert.deepEqual(table.indexes, [
      {
        name: 'idx_region',
        columns: ['region'],
        indexType: 'INVERTED',
        properties: [{ key: 'parser', value: 'english' }],
        comment: 'by region',
      },
    ]);
    assert.deepEqual(table.partitioning, {
      kind: 'RangePartitionScheme',
      columns: ['dt'],
      partitions: [
        {
          name: 'p1',
          ifNotExists: false,
          values: { kind: 'LessThanValues', upper: [{ kind: 'PartitionLiteral', value: '2024-01-01' }] },
          properties: [],
        },
        {
          name: 'p2',
          ifNotExists: false,
          values: {
            kind: 'FixedRangeValues',
            lower: [{ kind: 'PartitionLiteral', value: '2024-01-01' }],
            upper: [{ kind: 'PartitionLiteral', value: '2024-02-01' }],
          },
          properties: [{ key: 'replication_num', value: '1' }],
        },
        {
          name: 'p_max',
          ifNotExists: false,
          values: { kind: 'LessThanValues', upper: [{ kind: 'PartitionMaxValue' }] },
          properties: [],
        },
      ],
    });
    assert.deepEqual(table.distribution, { kind: 'HashDistribution', columns: ['order_id'], buckets: 8 });
    assert.deepEqual(table.rollups, [
      { name: 'r_by_day', columns: ['dt', 'amount'], properties: [] },
      { name: 'r2', columns: ['region', 'cnt'], properties: [{ key: 'k', value: 'v' }] },
    ]);
    assert.deepEqual(table.properties, [
      { key: 'replication_num', value: '1' },
      { key: 'binlog.enable', value: 'true' },
    ]);
  });

  it('parses LIST partitions with single values and tuples, and RANDOM distribution', () => {
    const table = parseAs(
      `CREATE TABLE t (k INT, city VARCHAR(10)) DUPLICATE KEY(k)
       PARTITION BY LIST(k, city) (
         PARTITION p1 VALUES IN ((1, "Beijing"), (2, "Shanghai")),
         PARTITION p2 VALUES IN ((3, "x"))
       ) DISTRIBUTED BY RANDOM BUCKETS AUTO`,
      'CreateTableStatement',
    );
    assert.deepEqual(table.partitioning?.partitions[0]?.values, {
      kind: 'InValues',
      tuples: [
        [
          { kind: 'PartitionLiteral', value: '1' },
          { kind: 'PartitionLiteral', value: 'Beijing' },
        ],
        [
          { kind: 'PartitionLiteral', value: '2' },
          { kind: 'PartitionLiteral', value: 'Shanghai' },
        ],
      ],
    });
    assert.deepEqual(table.distribution, { kind: 'RandomDistribution', buckets: 'AUTO' });
    const single = parseAs(
      'CREATE TABLE t (c VARCHAR(8)) PARTITION BY LIST(c) (PARTITION p VALUES IN ("a", "b", NULL)) DISTRIBUTED BY RANDOM',
      'CreateTableStatement',
    );
    assert.deepEqual(single.partitioning?.partitions[0]?.values, {
      kind: 'InValues',
      tuples: [
        [{ kind: 'PartitionLiteral', value: 'a' }],
        [{ kind: 'PartitionLiteral', value: 'b' }],
        [{ kind: 'PartitionNullValue' }],
      ],
    });
    assert.deepEqual(single.distribution, { kind: 'RandomDistribution' });
  });

  it('accepts an empty partition list (dynamic partitions) and HASH without BUCKETS', () => {
    const table = parseAs(
      'CREATE TABLE t (dt DATE) PARTITION BY RANGE(dt) () DISTRIBUTED BY HASH(dt)',
      'CreateTableStatement',
    );
    assert.deepEqual(table.partitioning?.partitions, []);
    assert.deepEqual(table.distribution, { kind: 'HashDistribution', columns: ['dt'] });
  });

  it('parses column attributes: AUTO_INCREMENT, ON UPDATE, DEFAULT NULL, aggregation types', () => {
    const table = parseAs(
      `CREATE TABLE t (
        id BIGINT NOT NULL AUTO_INCREMENT(100),
        id2 BIGINT AUTO_INCREMENT,
        upd DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
        a INT MIN, b INT MAX, c VARCHAR(3) REPLACE_IF_NOT_NULL NULL DEFAULT NULL,
        d DATE DEFAULT CURRENT_DATE
      )`,
      'CreateTableStatement',
    );
    const [id, id2, upd, a, b, c, d] = table.columns;
    assert.deepEqual(id?.autoIncrement, { start: 100n });
    assert.deepEqual(id2?.autoIncrement, {});
    assert.deepEqual(upd?.default, { kind: 'CurrentTimestampDefault' });
    assert.deepEqual(upd?.onUpdateCurrentTimestamp, {});
    assert.equal(a?.aggregation, 'MIN');
    assert.equal(b?.aggregation, 'MAX');
    assert.equal(c?.aggregation, 'REPLACE_IF_NOT_NULL');
    assert.deepEqual(c?.default, { kind: 'NullDefault' });
    assert.deepEqual(d?.default, { kind: 'CurrentDateDefault' });
  });

  it('parses every supported type, case-insensitively, folding aliases', () => {
    const cases: [string, DataType][] = [
      ['boolean', { kind: 'ScalarType', name: 'BOOLEAN' }],
      ['BOOL', { kind: 'ScalarType', name: 'BOOLEAN' }],
      ['TinyInt', { kind: 'ScalarType', name: 'TINYINT' }],
      ['smallint', { kind: 'ScalarType', name: 'SMALLINT' }],
      ['INTEGER', { kind: 'ScalarType', name: 'INT' }],
      ['bigint', { kind: 'ScalarType', name: 'BIGINT' }],
      ['int(11)', { kind: 'ScalarType', name: 'INT', displayWidth: 11 }],
      ['BIGINT(20)', { kind: 'ScalarType', name: 'BIGINT', displayWidth: 20 }],
      ['LARGEINT', { kind: 'ScalarType', name: 'LARGEINT' }],
      ['float', { kind: 'ScalarType', name: 'FLOAT' }],
      ['DOUBLE', { kind: 'ScalarType', name: 'DOUBLE' }],
      ['decimal', { kind: 'ScalarType', name: 'DECIMAL' }],
      ['DECIMALV3(38, 10)', { kind: 'ScalarType', name: 'DECIMAL', precision: 38, scale: 10 }],
      ['decimal(9)', { kind: 'ScalarType', name: 'DECIMAL', precision: 9 }],
      ['date', { kind: 'ScalarType', name: 'DATE' }],
      ['DATEV2', { kind: 'ScalarType', name: 'DATE' }],
      ['datetime', { kind: 'ScalarType', name: 'DATETIME' }],
      ['DATETIMEV2(6)', { kind: 'ScalarType', name: 'DATETIME', precision: 6 }],
      ['char(1)', { kind: 'ScalarType', name: 'CHAR', length: 1 }],
      ['VARCHAR(65533)', { kind: 'ScalarType', name: 'VARCHAR', length: 65533 }],
      ['varchar(*)', { kind: 'ScalarType', name: 'VARCHAR' }],
      ['STRING', { kind: 'ScalarType', name: 'STRING' }],
      ['text', { kind: 'ScalarType', name: 'STRING' }],
      ['JSON', { kind: 'ScalarType', name: 'JSON' }],
      ['jsonb', { kind: 'ScalarType', name: 'JSON' }],
      ['ARRAY<INT>', { kind: 'ArrayType', element: { kind: 'ScalarType', name: 'INT' } }],
      [
        'array<array<varchar(10)>>',
        {
          kind: 'ArrayType',
          element: { kind: 'ArrayType', element: { kind: 'ScalarType', name: 'VARCHAR', length: 10 } },
        },
      ],
      ['VARIANT', { kind: 'ScalarType', name: 'VARIANT' }],
      [
        'MAP<STRING, ARRAY<INT>>',
        {
          kind: 'MapType',
          key: { kind: 'ScalarType', name: 'STRING' },
          value: { kind: 'ArrayType', element: { kind: 'ScalarType', name: 'INT' } },
        },
      ],
      [
        "STRUCT<A:INT, b:STRING COMMENT 'bee'>",
        {
          kind: 'StructType',
          fields: [
            { name: 'a', type: { kind: 'ScalarType', name: 'INT' } },
            { name: 'b', type: { kind: 'ScalarType', name: 'STRING' }, comment: 'bee' },
          ],
        },
      ],
    ];
    for (const [text, expected] of cases) assert.deepEqual(typeOf(text), expected, text);
  });

  it('rejects invalid types and reports unsupported ones by name', () => {
    syntaxError('CREATE TABLE t (c NOPE)');
    syntaxError('CREATE TABLE t (c DECIMAL(0))');
    syntaxError('CREATE TABLE t (c DECIMAL(10, 11))');
    syntaxError('CREATE TABLE t (c DATETIME(7))');
    syntaxError('CREATE TABLE t (c VARCHAR(0))');
    syntaxError('CREATE TABLE t (c DOUBLE(10))');
    syntaxError('CREATE TABLE t (c DATE(1))');
    syntaxError('CREATE TABLE t (c ARRAY<INT)');
    syntaxError('CREATE TABLE t (c MAP<INT>)');
    syntaxError('CREATE TABLE t (c STRUCT<a:INT, A:INT>)');
    for (const type of ['BITMAP', 'HLL', 'IPV4', 'DECIMALV2(10,2)']) {
      const name = type.replace(/[<(].*/, '');
      assert.equal(unsupported(`CREATE TABLE t (c ${type})`).construct, `data type ${name}`);
    }
  });

  it('parses CREATE TABLE … LIKE', () => {
    assert.deepEqual(parseAs('CREATE TABLE IF NOT EXISTS db.t2 LIKE db.t1', 'CreateTableLikeStatement'), {
      kind: 'CreateTableLikeStatement',
      ifNotExists: true,
      table: { database: 'db', table: 't2' },
      source: { database: 'db', table: 't1' },
    });
  });

  it('rejects clauses out of order and unsupported table features', () => {
    syntaxError('CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 DUPLICATE KEY(k)');
    syntaxError('CREATE TABLE t (k INT) PROPERTIES ("a" = "b") COMMENT "x"');
    syntaxError('CREATE TABLE t (k INT) PARTITION BY RANGE(k) (PARTITION p VALUES IN ("1"))');
    syntaxError('CREATE TABLE t (k INT) PARTITION BY LIST(k) (PARTITION p VALUES LESS THAN ("1"))');
    syntaxError('CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS 0');
    syntaxError('CREATE TABLE t (k INT NOT NULL NULL)');
    syntaxError('CREATE TABLE t ()');
    assert.equal(unsupported('CREATE TABLE t (k INT) ENGINE=MYSQL').construct, 'ENGINE=MYSQL');
    assert.equal(unsupported('CREATE TABLE t AS SELECT 1').construct, 'CREATE TABLE … AS SELECT');
    assert.equal(
      unsupported('CREATE TABLE t (k DATETIME) AUTO PARTITION BY RANGE (date_trunc(k, "day")) ()').construct,
      'AUTO PARTITION',
    );
    assert.match(
      unsupported(
        'CREATE TABLE t (k DATE) PARTITION BY RANGE(k) (FROM ("2024-01-01") TO ("2024-02-01") INTERVAL 1 DAY)',
      ).construct,
      /batch partitions/,
    );
    assert.match(unsupported('CREATE TABLE t (k INT, v BITMAP BITMAP_UNION)').construct, /BITMAP/);
    assert.match(unsupported('CREATE EXTERNAL TABLE t (k INT)').construct, /CREATE EXTERNAL TABLE/);
  });
});

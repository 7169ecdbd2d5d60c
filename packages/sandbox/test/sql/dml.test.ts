import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { column, int, parseAs, str, syntaxError, unsupported } from './support.js';

describe('INSERT', () => {
  it('parses INSERT INTO … VALUES with several rows, exact big integers and DEFAULT', () => {
    const insert = parseAs(
      "INSERT INTO sales.orders (order_id, note, amount) VALUES (9223372036854775807, 'a\\'b', -12.50), (2, DEFAULT, NULL)",
      'InsertStatement',
    );
    assert.equal(insert.overwrite, false);
    assert.deepEqual(insert.table, { database: 'sales', table: 'orders' });
    assert.deepEqual(insert.columns, ['order_id', 'note', 'amount']);
    assert.deepEqual(insert.source, {
      kind: 'ValuesSource',
      rows: [
        [int(9223372036854775807n), str("a'b"), { kind: 'DecimalLiteral', text: '-12.50' }],
        [int(2), { kind: 'DefaultMarker' }, { kind: 'NullLiteral' }],
      ],
    });
  });

  it('parses partitions, labels and SELECT sources', () => {
    const insert = parseAs(
      'INSERT INTO t PARTITION (p1, p2) WITH LABEL my_label (a, b) SELECT a, b FROM s WHERE a > 1',
      'InsertStatement',
    );
    assert.deepEqual(insert.partitions, ['p1', 'p2']);
    assert.equal(insert.label, 'my_label');
    assert.ok(insert.source.kind === 'QuerySource');
    assert.deepEqual(insert.source.query.where, {
      kind: 'BinaryExpression',
      operator: '>',
      left: column('a'),
      right: int(1),
    });
    const temp = parseAs('INSERT INTO t TEMPORARY PARTITION (tp1) VALUES (1)', 'InsertStatement');
    assert.ok(temp.temporaryPartitions);
    assert.deepEqual(temp.partitions, ['tp1']);
    assert.ok(parseAs('INSERT INTO t (SELECT 1)', 'InsertStatement').source.kind === 'QuerySource');
  });

  it('parses INSERT OVERWRITE TABLE', () => {
    const insert = parseAs('INSERT OVERWRITE TABLE db.t PARTITION (p1) SELECT * FROM s', 'InsertStatement');
    assert.equal(insert.overwrite, true);
    assert.deepEqual(insert.partitions, ['p1']);
    assert.ok(parseAs('insert overwrite table t values (1)', 'InsertStatement').overwrite);
    unsupported('INSERT OVERWRITE TABLE t PARTITION (*) SELECT 1');
    syntaxError('INSERT OVERWRITE t VALUES (1)');
  });

  it('rejects malformed inserts', () => {
    syntaxError('INSERT t VALUES (1)');
    syntaxError('INSERT INTO t VALUES');
    syntaxError('INSERT INTO t VALUES (1');
    syntaxError('INSERT INTO t (a, b)');
  });
});

describe('DELETE and UPDATE', () => {
  it('parses DELETE with partitions and a WHERE', () => {
    assert.deepEqual(
      parseAs('DELETE FROM db.t PARTITION p1 WHERE k = 1 AND v IN (1, 2)', 'DeleteStatement'),
      {
        kind: 'DeleteStatement',
        table: { database: 'db', table: 't' },
        partitions: ['p1'],
        where: {
          kind: 'BinaryExpression',
          operator: 'AND',
          left: { kind: 'BinaryExpression', operator: '=', left: column('k'), right: int(1) },
          right: { kind: 'InListExpression', operand: column('v'), list: [int(1), int(2)], negated: false },
        },
      },
    );
    assert.deepEqual(parseAs('DELETE FROM t PARTITIONS (p1, p2) WHERE k < 3', 'DeleteStatement').partitions, [
      'p1',
      'p2',
    ]);
  });

  it('parses UPDATE … SET … WHERE', () => {
    assert.deepEqual(parseAs("UPDATE t SET v = v + 1, note = 'x' WHERE k = 5", 'UpdateStatement'), {
      kind: 'UpdateStatement',
      table: { table: 't' },
      assignments: [
        {
          column: 'v',
          value: { kind: 'BinaryExpression', operator: '+', left: column('v'), right: int(1) },
        },
        { column: 'note', value: str('x') },
      ],
      where: { kind: 'BinaryExpression', operator: '=', left: column('k'), right: int(5) },
    });
    unsupported('UPDATE t SET v = 1 FROM s WHERE t.k = s.k');
  });
});

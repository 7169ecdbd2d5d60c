import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Expression } from '../../src/fe/sql/index.js';
import { column, int, parseAs, str, syntaxError, unsupported } from './support.js';

function expr(sql: string): Expression {
  const select = parseAs(`SELECT ${sql}`, 'SelectStatement');
  const [item] = select.items;
  assert.ok(item?.kind === 'ExpressionSelectItem');
  return item.expression;
}

describe('SELECT', () => {
  it('parses the syncer frontends() query', () => {
    const select = parseAs('select Host, QueryPort, RpcPort, IsMaster from frontends();', 'SelectStatement');
    assert.deepEqual(
      select.items.map((i) => (i.kind === 'ExpressionSelectItem' ? i.expression : i)),
      [column('Host'), column('QueryPort'), column('RpcPort'), column('IsMaster')],
    );
    assert.deepEqual(select.from, [{ kind: 'TableFunctionRef', name: 'frontends', args: [] }]);
  });

  it('parses backends() and a select without FROM', () => {
    assert.deepEqual(parseAs('SELECT * FROM backends()', 'SelectStatement').from[0], {
      kind: 'TableFunctionRef',
      name: 'backends',
      args: [],
    });
    const one = parseAs('SELECT 1', 'SelectStatement');
    assert.deepEqual(one.from, []);
    assert.deepEqual(one.items, [{ kind: 'ExpressionSelectItem', expression: int(1) }]);
  });

  it('parses the client probes @@version_comment, DATABASE() and session variables', () => {
    const probe = parseAs('SELECT @@version_comment LIMIT 1', 'SelectStatement');
    assert.deepEqual(probe.items[0], {
      kind: 'ExpressionSelectItem',
      expression: { kind: 'VariableRef', scope: 'SYSTEM', name: 'version_comment' },
    });
    assert.deepEqual(probe.limit, { count: 1n });
    assert.deepEqual(expr('DATABASE()'), {
      kind: 'FunctionCall',
      name: 'DATABASE',
      args: [],
      distinct: false,
      star: false,
    });
    assert.deepEqual(expr('@@session.auto_increment_increment'), {
      kind: 'VariableRef',
      scope: 'SESSION',
      name: 'auto_increment_increment',
    });
    assert.deepEqual(expr('@@GLOBAL.max_allowed_packet'), {
      kind: 'VariableRef',
      scope: 'GLOBAL',
      name: 'max_allowed_packet',
    });
  });

  it('parses the information_schema view lookup (double space included)', () => {
    const select = parseAs(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'sales' AND  table_type = 'VIEW'",
      'SelectStatement',
    );
    assert.deepEqual(select.from, [
      {
        kind: 'NamedTableRef',
        name: { database: 'information_schema', table: 'tables' },
        temporaryPartitions: false,
      },
    ]);
    assert.deepEqual(select.where, {
      kind: 'BinaryExpression',
      operator: 'AND',
      left: { kind: 'BinaryExpression', operator: '=', left: column('table_schema'), right: str('sales') },
      right: { kind: 'BinaryExpression', operator: '=', left: column('table_type'), right: str('VIEW') },
    });
  });

  it('parses stars, qualified stars, aliases with and without AS', () => {
    const select = parseAs(
      'SELECT DISTINCT *, t.*, db.t.*, a AS x, b y, c `z`, d AS "w", e \'v\' FROM t',
      'SelectStatement',
    );
    assert.equal(select.distinct, true);
    assert.deepEqual(select.items.slice(0, 3), [
      { kind: 'StarSelectItem', qualifier: [] },
      { kind: 'StarSelectItem', qualifier: ['t'] },
      { kind: 'StarSelectItem', qualifier: ['db', 't'] },
    ]);
    assert.deepEqual(
      select.items.slice(3).map((i) => (i.kind === 'ExpressionSelectItem' ? i.alias : undefined)),
      ['x', 'y', 'z', 'w', 'v'],
    );
  });

  it('parses WHERE, GROUP BY, HAVING, ORDER BY and both LIMIT forms', () => {
    const select = parseAs(
      'SELECT k, SUM(v) AS s FROM db.t WHERE k > 0 GROUP BY k HAVING SUM(v) > 10 ORDER BY s DESC, k ASC NULLS LAST LIMIT 5 OFFSET 10',
      'SelectStatement',
    );
    assert.deepEqual(select.groupBy, [column('k')]);
    assert.ok(select.having?.kind === 'BinaryExpression');
    assert.deepEqual(select.orderBy, [
      { expression: column('s'), direction: 'DESC' },
      { expression: column('k'), direction: 'ASC', nulls: 'LAST' },
    ]);
    assert.deepEqual(select.limit, { count: 5n, offset: 10n });
    assert.deepEqual(parseAs('SELECT a FROM t LIMIT 10, 5', 'SelectStatement').limit, {
      count: 5n,
      offset: 10n,
    });
  });

  it('keeps qualified column references as written', () => {
    assert.deepEqual(
      expr('`internal`.`sales`.`orders`.`order_id`'),
      column('order_id', 'internal', 'sales', 'orders'),
    );
    assert.deepEqual(expr('T.Col'), column('Col', 'T'));
  });

  it('parses joins, subqueries in FROM and table partitions', () => {
    const select = parseAs(
      'SELECT * FROM a JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (id), (SELECT 1 AS one) sub, t PARTITION (p1, p2) x',
      'SelectStatement',
    );
    assert.equal(select.from.length, 3);
    const [join, sub, part] = select.from;
    assert.ok(join?.kind === 'JoinRef' && join.joinType === 'LEFT' && join.using?.[0] === 'id');
    assert.ok(join.left.kind === 'JoinRef' && join.left.joinType === 'INNER' && join.left.on !== undefined);
    assert.ok(sub?.kind === 'SubqueryRef' && sub.alias === 'sub');
    assert.deepEqual(part, {
      kind: 'NamedTableRef',
      name: { table: 't' },
      temporaryPartitions: false,
      partitions: ['p1', 'p2'],
      alias: 'x',
    });
  });
});

describe('expressions', () => {
  it('keeps big integers exact and decimals as text, folding unary minus', () => {
    assert.deepEqual(expr('9223372036854775807'), int(9223372036854775807n));
    assert.deepEqual(expr('-9223372036854775808'), int(-9223372036854775808n));
    assert.deepEqual(
      expr('170141183460469231731687303715884105727'),
      int(170141183460469231731687303715884105727n),
    );
    assert.deepEqual(expr('123456789012345678901234567890.123456789'), {
      kind: 'DecimalLiteral',
      text: '123456789012345678901234567890.123456789',
    });
    assert.deepEqual(expr('-0.5'), { kind: 'DecimalLiteral', text: '-0.5' });
    assert.deepEqual(expr('- a'), { kind: 'UnaryExpression', operator: '-', operand: column('a') });
  });

  it('parses literals TRUE, FALSE, NULL and strings', () => {
    assert.deepEqual(expr('TRUE'), { kind: 'BooleanLiteral', value: true });
    assert.deepEqual(expr('false'), { kind: 'BooleanLiteral', value: false });
    assert.deepEqual(expr('NULL'), { kind: 'NullLiteral' });
    assert.deepEqual(expr('"dq"'), str('dq'));
  });

  it('applies precedence: * over +, comparison over NOT, AND over OR', () => {
    assert.deepEqual(expr('1 + 2 * 3'), {
      kind: 'BinaryExpression',
      operator: '+',
      left: int(1),
      right: { kind: 'BinaryExpression', operator: '*', left: int(2), right: int(3) },
    });
    const logic = expr('NOT a = 1 OR b AND c');
    assert.ok(logic.kind === 'BinaryExpression' && logic.operator === 'OR');
    assert.deepEqual(logic.left, {
      kind: 'UnaryExpression',
      operator: 'NOT',
      operand: { kind: 'BinaryExpression', operator: '=', left: column('a'), right: int(1) },
    });
    assert.ok(logic.right.kind === 'BinaryExpression' && logic.right.operator === 'AND');
    assert.deepEqual(expr('(1 + 2) * 3'), {
      kind: 'BinaryExpression',
      operator: '*',
      left: { kind: 'BinaryExpression', operator: '+', left: int(1), right: int(2) },
      right: int(3),
    });
  });

  it('folds != into <> and && / || into AND / OR', () => {
    assert.deepEqual(expr('a != 1'), {
      kind: 'BinaryExpression',
      operator: '<>',
      left: column('a'),
      right: int(1),
    });
    assert.ok(expr('a && b').kind === 'BinaryExpression');
    assert.equal((expr('a || b') as { operator: string }).operator, 'OR');
  });

  it('parses IN, NOT IN, BETWEEN, LIKE, IS [NOT] NULL', () => {
    assert.deepEqual(expr("k IN (1, 'a')"), {
      kind: 'InListExpression',
      operand: column('k'),
      list: [int(1), str('a')],
      negated: false,
    });
    assert.equal((expr('k NOT IN (1)') as { negated: boolean }).negated, true);
    assert.deepEqual(expr('k NOT BETWEEN 1 AND 2 + 3'), {
      kind: 'BetweenExpression',
      operand: column('k'),
      low: int(1),
      high: { kind: 'BinaryExpression', operator: '+', left: int(2), right: int(3) },
      negated: true,
    });
    assert.deepEqual(expr("name LIKE 'ab%'"), {
      kind: 'LikeExpression',
      operand: column('name'),
      pattern: str('ab%'),
      negated: false,
    });
    assert.deepEqual(expr('v IS NOT NULL'), {
      kind: 'IsNullExpression',
      operand: column('v'),
      negated: true,
    });
    assert.ok(expr('k IN (SELECT k FROM t)').kind === 'InSubqueryExpression');
  });

  it('parses aggregate calls, COUNT(*), COUNT(DISTINCT …), CAST, CASE', () => {
    assert.deepEqual(expr('COUNT(*)'), {
      kind: 'FunctionCall',
      name: 'COUNT',
      args: [],
      distinct: false,
      star: true,
    });
    assert.deepEqual(expr('count(DISTINCT a, b)'), {
      kind: 'FunctionCall',
      name: 'count',
      args: [column('a'), column('b')],
      distinct: true,
      star: false,
    });
    for (const fn of ['SUM', 'MIN', 'MAX', 'AVG']) {
      assert.deepEqual(expr(`${fn}(x)`), {
        kind: 'FunctionCall',
        name: fn,
        args: [column('x')],
        distinct: false,
        star: false,
      });
    }
    assert.deepEqual(expr('CAST(a AS DECIMAL(10, 2))'), {
      kind: 'CastExpression',
      operand: column('a'),
      type: { kind: 'ScalarType', name: 'DECIMAL', precision: 10, scale: 2 },
    });
    assert.deepEqual(expr("CASE WHEN a > 1 THEN 'x' ELSE 'y' END"), {
      kind: 'CaseExpression',
      whens: [
        {
          condition: { kind: 'BinaryExpression', operator: '>', left: column('a'), right: int(1) },
          result: str('x'),
        },
      ],
      else: str('y'),
    });
    assert.deepEqual(expr('CURRENT_TIMESTAMP'), {
      kind: 'FunctionCall',
      name: 'CURRENT_TIMESTAMP',
      args: [],
      distinct: false,
      star: false,
    });
  });

  it('parses typed date literals as casts and scalar subqueries', () => {
    assert.deepEqual(expr("DATE '2024-01-01'"), {
      kind: 'CastExpression',
      operand: str('2024-01-01'),
      type: { kind: 'ScalarType', name: 'DATE' },
    });
    const sub = expr('(SELECT MAX(k) FROM t)');
    assert.ok(sub.kind === 'ScalarSubquery');
  });

  it('rejects what it does not understand', () => {
    unsupported('SELECT a FROM t UNION SELECT b FROM u');
    unsupported('WITH x AS (SELECT 1) SELECT * FROM x');
    unsupported('SELECT ROW_NUMBER() OVER (ORDER BY a) FROM t');
    unsupported("SELECT a REGEXP 'x' FROM t");
    unsupported('SELECT DATE_ADD(d, INTERVAL 1 DAY) FROM t');
    syntaxError('SELECT');
    syntaxError('SELECT a FROM');
    syntaxError('SELECT (1');
    syntaxError('SELECT a FROM t WHERE');
  });
});

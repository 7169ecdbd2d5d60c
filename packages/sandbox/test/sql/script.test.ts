import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Expression,
  type ExpressionVisitor,
  parseScript,
  parseStatement,
  parseStatements,
  type Statement,
  type StatementVisitor,
  visitExpression,
  visitStatement,
} from '../../src/fe/sql/index.js';
import { parseAs } from './support.js';

describe('scripts', () => {
  it('splits on semicolons, skips empty statements and comments, keeps statement text', () => {
    const sql = "USE db;\n-- comment\nINSERT INTO t VALUES (1);;  SELECT ';' AS s /* ; */ ;\n";
    const parsed = parseScript(sql);
    assert.deepEqual(
      parsed.map((p) => [p.statement.kind, p.text]),
      [
        ['UseStatement', 'USE db'],
        ['InsertStatement', 'INSERT INTO t VALUES (1)'],
        ['SelectStatement', "SELECT ';' AS s"],
      ],
    );
    assert.equal(sql.slice(parsed[1]?.start, parsed[1]?.end), 'INSERT INTO t VALUES (1)');
    assert.equal(parseStatements(sql).length, 3);
  });

  it('keeps identifiers exactly as written, including unicode and escaped backticks', () => {
    const table = parseAs(
      'CREATE TABLE `销售`.`订单 2024` (`金额` INT, Straße VARCHAR(3), `a``b` INT)',
      'CreateTableStatement',
    );
    assert.deepEqual(table.table, { database: '销售', table: '订单 2024' });
    assert.deepEqual(
      table.columns.map((c) => c.name),
      ['金额', 'Straße', 'a`b'],
    );
    const select = parseAs('SELECT 数量 FROM 订单 WHERE `Select` = 1', 'SelectStatement');
    assert.deepEqual(select.items[0], {
      kind: 'ExpressionSelectItem',
      expression: { kind: 'ColumnRef', qualifier: [], name: '数量' },
    });
    assert.deepEqual(parseAs('DROP TABLE MyDb.MyTable', 'DropTableStatement').table, {
      database: 'MyDb',
      table: 'MyTable',
    });
  });

  it('accepts keywords in any case and keywords as backquoted names', () => {
    const table = parseAs(
      'create table `select` (`from` int not null, `key` bigint) duplicate key(`from`)',
      'CreateTableStatement',
    );
    assert.deepEqual(table.table, { table: 'select' });
    assert.deepEqual(table.keys, { type: 'DUPLICATE', columns: ['from'] });
    // non-reserved keywords stay usable as plain names
    const plain = parseAs('SELECT comment, status, date, label FROM t', 'SelectStatement');
    assert.equal(plain.items.length, 4);
  });
});

describe('visitors', () => {
  it('dispatch every statement kind through an exhaustive visitor', () => {
    const describeKind = (statement: Statement): string =>
      visitStatement(
        statement,
        new Proxy({} as StatementVisitor<string>, { get: (_t, kind) => () => String(kind) }),
      );
    assert.equal(describeKind(parseStatement('SHOW BACKENDS')), 'ShowBackendsStatement');
  });

  it('walk expressions with a typed visitor', () => {
    const countLiterals: ExpressionVisitor<number> = {
      IntegerLiteral: () => 1,
      DecimalLiteral: () => 1,
      StringLiteral: () => 1,
      BooleanLiteral: () => 1,
      NullLiteral: () => 1,
      DefaultMarker: () => 0,
      ColumnRef: () => 0,
      VariableRef: () => 0,
      UnaryExpression: (e) => count(e.operand),
      BinaryExpression: (e) => count(e.left) + count(e.right),
      InListExpression: (e) => count(e.operand) + e.list.reduce((n, x) => n + count(x), 0),
      InSubqueryExpression: (e) => count(e.operand),
      BetweenExpression: (e) => count(e.operand) + count(e.low) + count(e.high),
      LikeExpression: (e) => count(e.operand) + count(e.pattern),
      IsNullExpression: (e) => count(e.operand),
      FunctionCall: (e) => e.args.reduce((n, x) => n + count(x), 0),
      CastExpression: (e) => count(e.operand),
      CaseExpression: (e) => e.whens.reduce((n, w) => n + count(w.condition) + count(w.result), 0),
      ScalarSubquery: () => 0,
      ExistsExpression: () => 0,
    };
    const count = (e: Expression): number => visitExpression(e, countLiterals);
    const select = parseAs(
      "SELECT a FROM t WHERE a IN (1, 2) AND b BETWEEN 'x' AND 'y' OR c IS NULL",
      'SelectStatement',
    );
    assert.ok(select.where);
    assert.equal(count(select.where), 4);
  });
});

describe('performance', () => {
  it('parses a single-row INSERT in well under 50 µs on average', () => {
    const sql =
      "INSERT INTO `sales`.`orders` (order_id, dt, note, amount) VALUES (9223372036854775807, '2024-07-01', 'a note', 12.50)";
    for (let i = 0; i < 2000; i++) parseStatement(sql);
    const runs = 20000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) parseStatement(sql);
    const micros = Number(process.hrtime.bigint() - start) / 1000 / runs;
    // generous bound so a loaded CI machine does not flake; typical runs are a few µs
    assert.ok(micros < 50, `average ${micros.toFixed(2)} µs per INSERT`);
  });
});

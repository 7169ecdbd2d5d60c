import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAs, syntaxError, unsupported } from './support.js';

describe('DROP / TRUNCATE / RECOVER', () => {
  it('parses DROP TABLE [IF EXISTS] … [FORCE]', () => {
    assert.deepEqual(parseAs('DROP TABLE `dst`.`orders` FORCE', 'DropTableStatement'), {
      kind: 'DropTableStatement',
      ifExists: false,
      table: { database: 'dst', table: 'orders' },
      force: true,
    });
    assert.equal(parseAs('DROP TABLE IF EXISTS `refunds`', 'DropTableStatement').ifExists, true);
  });

  it('parses TRUNCATE TABLE with every partition spelling', () => {
    assert.deepEqual(parseAs('TRUNCATE TABLE db.t', 'TruncateTableStatement'), {
      kind: 'TruncateTableStatement',
      table: { database: 'db', table: 't' },
      partitions: [],
      force: false,
    });
    assert.deepEqual(
      parseAs('TRUNCATE TABLE t PARTITIONS (p202406, p202407)', 'TruncateTableStatement').partitions,
      ['p202406', 'p202407'],
    );
    assert.deepEqual(parseAs('TRUNCATE TABLE t PARTITION (p1)', 'TruncateTableStatement').partitions, ['p1']);
    assert.deepEqual(parseAs('TRUNCATE TABLE t PARTITION p1', 'TruncateTableStatement').partitions, ['p1']);
    syntaxError('TRUNCATE t');
    syntaxError('TRUNCATE TABLE t PARTITIONS p1');
  });

  it('parses RECOVER TABLE / PARTITION / DATABASE with AS', () => {
    assert.deepEqual(parseAs('RECOVER TABLE db.t', 'RecoverTableStatement'), {
      kind: 'RecoverTableStatement',
      table: { database: 'db', table: 't' },
    });
    assert.deepEqual(parseAs('RECOVER TABLE t AS t2', 'RecoverTableStatement').newName, 't2');
    assert.deepEqual(parseAs('RECOVER PARTITION p1 FROM db.t AS p9', 'RecoverPartitionStatement'), {
      kind: 'RecoverPartitionStatement',
      partition: 'p1',
      table: { database: 'db', table: 't' },
      newName: 'p9',
    });
    assert.deepEqual(parseAs('RECOVER DATABASE d', 'RecoverDatabaseStatement'), {
      kind: 'RecoverDatabaseStatement',
      database: 'd',
    });
  });
});

describe('indexes', () => {
  it('parses CREATE INDEX, DROP INDEX, BUILD INDEX', () => {
    assert.deepEqual(
      parseAs(
        "CREATE INDEX IF NOT EXISTS idx ON db.t (c1, c2) USING INVERTED COMMENT 'x'",
        'CreateIndexStatement',
      ),
      {
        kind: 'CreateIndexStatement',
        ifNotExists: true,
        name: 'idx',
        table: { database: 'db', table: 't' },
        columns: ['c1', 'c2'],
        indexType: 'INVERTED',
        properties: [],
        comment: 'x',
      },
    );
    assert.equal(
      parseAs(
        'CREATE INDEX ng ON t (c) USING NGRAM_BF PROPERTIES ("gram_size" = "3", "bf_size" = "256")',
        'CreateIndexStatement',
      ).indexType,
      'NGRAM_BF',
    );
    assert.deepEqual(parseAs('DROP INDEX IF EXISTS idx ON t', 'DropIndexStatement'), {
      kind: 'DropIndexStatement',
      ifExists: true,
      name: 'idx',
      table: { table: 't' },
    });
    assert.deepEqual(
      parseAs('BUILD INDEX `idx_note` ON `dst`.`orders` PARTITION (`p202407`)', 'BuildIndexStatement'),
      {
        kind: 'BuildIndexStatement',
        name: 'idx_note',
        table: { database: 'dst', table: 'orders' },
        partitions: ['p202407'],
      },
    );
    assert.deepEqual(parseAs('BUILD INDEX i ON t', 'BuildIndexStatement').partitions, []);
    syntaxError('CREATE INDEX i ON t (c)');
    syntaxError('CREATE INDEX i ON t (c) USING HASH');
  });
});

describe('views and materialized views', () => {
  it('parses CREATE VIEW and keeps the SELECT text', () => {
    const sql =
      'CREATE VIEW IF NOT EXISTS db.v (a COMMENT "first", b) COMMENT "my view" AS  SELECT k, SUM(v) FROM `t`  GROUP BY k ;';
    const view = parseAs(sql, 'CreateViewStatement');
    assert.equal(view.ifNotExists, true);
    assert.equal(view.orReplace, false);
    assert.deepEqual(view.view, { database: 'db', table: 'v' });
    assert.deepEqual(view.columns, [{ name: 'a', comment: 'first' }, { name: 'b' }]);
    assert.equal(view.comment, 'my view');
    assert.equal(view.queryText, 'SELECT k, SUM(v) FROM `t`  GROUP BY k');
    assert.deepEqual(view.query.groupBy, [{ kind: 'ColumnRef', qualifier: [], name: 'k' }]);
  });

  it('parses a Doris-rendered view definition (fully qualified)', () => {
    const view = parseAs(
      'CREATE VIEW `v_orders` AS SELECT `internal`.`sales`.`orders`.`order_id` AS `order_id` FROM `internal`.`sales`.`orders`',
      'CreateViewStatement',
    );
    assert.deepEqual(view.query.from[0], {
      kind: 'NamedTableRef',
      name: { catalog: 'internal', database: 'sales', table: 'orders' },
      temporaryPartitions: false,
    });
    assert.ok(parseAs('CREATE OR REPLACE VIEW v AS SELECT 1', 'CreateViewStatement').orReplace);
    // the CREATE_TABLE binlog sql of a view, after the syncer's COMMENT rewrite
    const rendered = parseAs(
      'CREATE VIEW `dst`.`v_sum` COMMENT "VIEW" AS SELECT `internal`.`dst`.`t`.`k` AS `k`, sum(`internal`.`dst`.`t`.`v`) AS `sum(v)` FROM `internal`.`dst`.`t` GROUP BY `internal`.`dst`.`t`.`k`',
      'CreateViewStatement',
    );
    assert.equal(rendered.comment, 'VIEW');
    assert.equal(rendered.query.groupBy.length, 1);
  });

  it('parses ALTER VIEW and DROP VIEW', () => {
    const alter = parseAs('ALTER VIEW `dst`.`v` AS SELECT MAX(v) AS m FROM `dst`.`t`', 'AlterViewStatement');
    assert.equal(alter.queryText, 'SELECT MAX(v) AS m FROM `dst`.`t`');
    assert.deepEqual(alter.view, { database: 'dst', table: 'v' });
    assert.deepEqual(parseAs('DROP VIEW IF EXISTS `dst`.`v` ', 'DropViewStatement'), {
      kind: 'DropViewStatement',
      ifExists: true,
      view: { database: 'dst', table: 'v' },
    });
  });

  it('parses synchronous materialized views over one table', () => {
    const mv = parseAs(
      'CREATE MATERIALIZED VIEW mv_sum AS SELECT k, SUM(v) FROM t GROUP BY k ORDER BY k PROPERTIES ("replication_num" = "1")',
      'CreateMaterializedViewStatement',
    );
    assert.equal(mv.name, 'mv_sum');
    assert.equal(mv.queryText, 'SELECT k, SUM(v) FROM t GROUP BY k ORDER BY k');
    assert.deepEqual(mv.properties, [{ key: 'replication_num', value: '1' }]);
    assert.deepEqual(
      parseAs('DROP MATERIALIZED VIEW IF EXISTS mv_sum ON db.t', 'DropMaterializedViewStatement'),
      {
        kind: 'DropMaterializedViewStatement',
        ifExists: true,
        name: 'mv_sum',
        table: { database: 'db', table: 't' },
      },
    );
  });

  it('rejects asynchronous and multi-table materialized views', () => {
    assert.match(
      unsupported('CREATE MATERIALIZED VIEW mv BUILD IMMEDIATE REFRESH AUTO AS SELECT 1').construct,
      /asynchronous materialized view/,
    );
    assert.match(
      unsupported('CREATE MATERIALIZED VIEW mv AS SELECT a FROM t1, t2').construct,
      /single table/,
    );
    assert.match(unsupported('DROP MATERIALIZED VIEW mv').construct, /asynchronous/);
  });
});

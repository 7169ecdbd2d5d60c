import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlterTableClause } from '../../src/fe/sql/index.js';
import { parseAs, syntaxError, unsupported } from './support.js';

function clauses(sql: string): readonly AlterTableClause[] {
  return parseAs(sql, 'AlterTableStatement').clauses;
}

function clause(sql: string): AlterTableClause {
  const [only, extra] = clauses(sql);
  assert.ok(only && extra === undefined, sql);
  return only;
}

describe('ALTER TABLE columns', () => {
  it('parses ADD COLUMN with position, rollup and properties', () => {
    assert.deepEqual(clause('ALTER TABLE db.t ADD COLUMN c INT KEY DEFAULT "1" AFTER b TO r1'), {
      kind: 'AddColumnClause',
      column: {
        name: 'c',
        type: { kind: 'ScalarType', name: 'INT' },
        isKey: true,
        default: { kind: 'StringDefault', value: '1' },
      },
      position: { kind: 'After', column: 'b' },
      rollup: 'r1',
      properties: [],
    });
    const first = clause('ALTER TABLE t ADD COLUMN k2 BIGINT KEY FIRST');
    assert.ok(first.kind === 'AddColumnClause');
    assert.deepEqual(first.position, { kind: 'First' });
  });

  it('reads back the `IN rollup` form Doris writes into binlog rawSql', () => {
    const add = clause('ALTER TABLE `db`.`t` ADD COLUMN `v3` int NULL DEFAULT "3" COMMENT "" IN `r_old`');
    assert.ok(add.kind === 'AddColumnClause');
    assert.equal(add.rollup, 'r_old');
    const drop = clause('ALTER TABLE `db`.`t` DROP COLUMN `v3` IN `r_old`');
    assert.ok(drop.kind === 'DropColumnClause');
    assert.equal(drop.rollup, 'r_old');
  });

  it('parses ADD COLUMN (…) with several columns', () => {
    const add = clause('ALTER TABLE t ADD COLUMN (a INT NULL, b VARCHAR(10) SUM) TO r');
    assert.ok(add.kind === 'AddColumnsClause');
    assert.deepEqual(
      add.columns.map((c) => c.name),
      ['a', 'b'],
    );
    assert.equal(add.rollup, 'r');
  });

  it('parses DROP COLUMN, MODIFY COLUMN, ORDER BY', () => {
    assert.deepEqual(clause('ALTER TABLE t DROP COLUMN c'), {
      kind: 'DropColumnClause',
      column: 'c',
      properties: [],
    });
    const modify = clause('ALTER TABLE t MODIFY COLUMN `amount` decimal(16,2) NULL AFTER k FROM r');
    assert.ok(modify.kind === 'ModifyColumnClause');
    assert.deepEqual(modify.column.type, { kind: 'ScalarType', name: 'DECIMAL', precision: 16, scale: 2 });
    assert.equal(modify.rollup, 'r');
    assert.deepEqual(clause('ALTER TABLE t ORDER BY (k, b, a)'), {
      kind: 'ReorderColumnsClause',
      columns: ['k', 'b', 'a'],
      properties: [],
    });
  });

  it('parses column and table comment changes (syncer MODIFY_COMMENT replay)', () => {
    assert.deepEqual(
      clauses("ALTER TABLE `d`.`t` MODIFY COLUMN `c1` COMMENT 'a\\'b', MODIFY COLUMN `c2` COMMENT \"x\""),
      [
        { kind: 'ModifyColumnCommentClause', column: 'c1', comment: "a'b" },
        { kind: 'ModifyColumnCommentClause', column: 'c2', comment: 'x' },
      ],
    );
    assert.deepEqual(clause("ALTER TABLE t MODIFY COMMENT 'new comment'"), {
      kind: 'ModifyTableCommentClause',
      comment: 'new comment',
    });
  });

  it('parses RENAME forms', () => {
    assert.deepEqual(clause('ALTER TABLE `d`.`old` RENAME `new`'), {
      kind: 'RenameTableClause',
      newName: 'new',
    });
    assert.deepEqual(clause('ALTER TABLE t RENAME PARTITION p1 p2'), {
      kind: 'RenamePartitionClause',
      oldName: 'p1',
      newName: 'p2',
    });
    assert.deepEqual(clause('ALTER TABLE t RENAME COLUMN `a` `b`'), {
      kind: 'RenameColumnClause',
      oldName: 'a',
      newName: 'b',
    });
    assert.deepEqual(clause('ALTER TABLE t RENAME ROLLUP r1 r2'), {
      kind: 'RenameRollupClause',
      oldName: 'r1',
      newName: 'r2',
    });
  });
});

describe('ALTER TABLE partitions', () => {
  it('parses ADD [TEMPORARY] PARTITION with values, properties and distribution', () => {
    const add = clause(
      'ALTER TABLE t ADD TEMPORARY PARTITION IF NOT EXISTS tp1 VALUES LESS THAN ("2024-02-01") ("replication_num" = "1") DISTRIBUTED BY HASH(k) BUCKETS 4',
    );
    assert.deepEqual(add, {
      kind: 'AddPartitionClause',
      temporary: true,
      partition: {
        name: 'tp1',
        ifNotExists: true,
        values: { kind: 'LessThanValues', upper: [{ kind: 'PartitionLiteral', value: '2024-02-01' }] },
        properties: [{ key: 'replication_num', value: '1' }],
      },
      distribution: { kind: 'HashDistribution', columns: ['k'], buckets: 4 },
    });
    const list = clause('ALTER TABLE t ADD PARTITION p3 VALUES IN ((1, "a"), (2, "b"))');
    assert.ok(list.kind === 'AddPartitionClause' && list.partition.values?.kind === 'InValues');
    const bare = clause('ALTER TABLE t ADD PARTITION `p`');
    assert.ok(bare.kind === 'AddPartitionClause' && bare.partition.values === undefined);
  });

  it('parses DROP [TEMPORARY] PARTITION [IF EXISTS] … [FORCE]', () => {
    assert.deepEqual(clause('ALTER TABLE t DROP PARTITION IF EXISTS p1 FORCE'), {
      kind: 'DropPartitionClause',
      temporary: false,
      ifExists: true,
      name: 'p1',
      force: true,
    });
    assert.deepEqual(clause('ALTER TABLE t DROP TEMPORARY PARTITION tp1'), {
      kind: 'DropPartitionClause',
      temporary: true,
      ifExists: false,
      name: 'tp1',
      force: false,
    });
  });

  it('parses REPLACE PARTITION … WITH TEMPORARY PARTITION', () => {
    assert.deepEqual(
      clause(
        'ALTER TABLE t REPLACE PARTITION (p1, p2) WITH TEMPORARY PARTITION (tp1) PROPERTIES ("strict_range" = "false")',
      ),
      {
        kind: 'ReplacePartitionClause',
        partitions: ['p1', 'p2'],
        tempPartitions: ['tp1'],
        force: false,
        properties: [{ key: 'strict_range', value: 'false' }],
      },
    );
    const single = clause('ALTER TABLE t REPLACE PARTITION p1 WITH TEMPORARY PARTITION tp1 FORCE');
    assert.ok(single.kind === 'ReplacePartitionClause' && single.force);
    assert.deepEqual(single.tempPartitions, ['tp1']);
  });

  it('parses MODIFY PARTITION … SET', () => {
    assert.deepEqual(clause('ALTER TABLE t MODIFY PARTITION p1 SET ("storage_medium" = "SSD")'), {
      kind: 'ModifyPartitionClause',
      partitions: ['p1'],
      properties: [{ key: 'storage_medium', value: 'SSD' }],
    });
    const all = clause('ALTER TABLE t MODIFY PARTITION (*) SET ("in_memory" = "false")');
    assert.ok(all.kind === 'ModifyPartitionClause' && all.partitions === '*');
    const two = clause('ALTER TABLE t MODIFY PARTITION (p1, p2) SET ("a" = "b")');
    assert.ok(two.kind === 'ModifyPartitionClause');
    assert.deepEqual(two.partitions, ['p1', 'p2']);
  });
});

describe('ALTER TABLE properties, rollups, indexes, replace', () => {
  it('parses SET (…)', () => {
    assert.deepEqual(clause('ALTER TABLE `d`.`t` SET ("is_being_synced"="false")'), {
      kind: 'SetTablePropertiesClause',
      properties: [{ key: 'is_being_synced', value: 'false' }],
    });
  });

  it('parses ADD ROLLUP (several), DROP ROLLUP', () => {
    const add = clause(
      'ALTER TABLE t ADD ROLLUP r1 (k, v) PROPERTIES ("timeout" = "3600"), r2 (k) DUPLICATE KEY (k)',
    );
    assert.deepEqual(add, {
      kind: 'AddRollupClause',
      rollups: [
        { name: 'r1', columns: ['k', 'v'], properties: [{ key: 'timeout', value: '3600' }] },
        { name: 'r2', columns: ['k'], duplicateKeys: ['k'], properties: [] },
      ],
    });
    assert.deepEqual(clause('ALTER TABLE t DROP ROLLUP `r_by_day`'), {
      kind: 'DropRollupClause',
      name: 'r_by_day',
      properties: [],
    });
  });

  it('parses ADD INDEX and DROP INDEX (several clauses)', () => {
    assert.deepEqual(clause("ALTER TABLE t ADD INDEX idx_note (`note`) USING INVERTED COMMENT ''"), {
      kind: 'AddIndexClause',
      index: { name: 'idx_note', columns: ['note'], indexType: 'INVERTED', properties: [], comment: '' },
    });
    assert.deepEqual(clauses('ALTER TABLE t DROP INDEX i1, DROP INDEX IF EXISTS `i2`'), [
      { kind: 'DropIndexClause', ifExists: false, name: 'i1' },
      { kind: 'DropIndexClause', ifExists: true, name: 'i2' },
    ]);
  });

  it('parses REPLACE WITH TABLE … PROPERTIES("swap"=…)', () => {
    assert.deepEqual(
      clause(
        'ALTER TABLE `dst`.`orders` REPLACE WITH TABLE `__ccr_orders_1718000050` PROPERTIES("swap"="false")',
      ),
      {
        kind: 'ReplaceWithTableClause',
        table: '__ccr_orders_1718000050',
        properties: [{ key: 'swap', value: 'false' }],
        force: false,
      },
    );
  });

  it('parses several mixed clauses', () => {
    assert.deepEqual(
      clauses('ALTER TABLE t ADD COLUMN a INT, DROP COLUMN b, MODIFY COLUMN c BIGINT').map((c) => c.kind),
      ['AddColumnClause', 'DropColumnClause', 'ModifyColumnClause'],
    );
  });

  it('rejects malformed and unsupported clauses', () => {
    syntaxError('ALTER TABLE t');
    syntaxError('ALTER TABLE t ADD');
    syntaxError('ALTER TABLE t ADD COLUMN');
    syntaxError('ALTER TABLE t DROP ROLLUP r1, r2');
    syntaxError('ALTER TABLE t SET (a = "b")');
    syntaxError('ALTER TABLE t REPLACE PARTITION (p1) WITH PARTITION (p2)');
    syntaxError('ALTER TABLE t RENAME');
    unsupported('ALTER TABLE t MODIFY ENGINE TO odbc');
    syntaxError('ALTER TABLE t MODIFY DISTRIBUTION BUCKETS 3');
    syntaxError('ALTER TABLE t ENABLE FEATURE BATCH_DELETE');
  });

  it('parses MODIFY DISTRIBUTION', () => {
    assert.deepEqual(clause('ALTER TABLE t MODIFY DISTRIBUTION DISTRIBUTED BY HASH(k) BUCKETS 3'), {
      kind: 'ModifyDistributionClause',
      distribution: { kind: 'HashDistribution', columns: ['k'], buckets: 3 },
    });
  });

  it('parses ENABLE FEATURE with its properties', () => {
    assert.deepEqual(clause('ALTER TABLE t ENABLE FEATURE "batch_delete"'), {
      kind: 'EnableFeatureClause',
      feature: 'BATCH_DELETE',
      properties: [],
    });
    assert.deepEqual(
      clause(
        `ALTER TABLE t ENABLE FEATURE "SEQUENCE_LOAD" WITH PROPERTIES ("function_column.sequence_type" = "date")`,
      ),
      {
        kind: 'EnableFeatureClause',
        feature: 'SEQUENCE_LOAD',
        properties: [{ key: 'function_column.sequence_type', value: 'date' }],
      },
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStatement } from '../../src/fe/sql/index.js';
import { parseAs } from './support.js';

/** `ALTER TABLE <db>.<tbl> ` + record sql with the trailing `;` trimmed, as the syncer builds it. */
function replay(recordSql: string, table = '`dst`.`orders`'): string {
  return `ALTER TABLE ${table} ${recordSql.replace(/;\s*$/, '')}`;
}

describe('binlog record SQL (binlog-records.md §6) replayed by the syncer', () => {
  it('MODIFY_TABLE_ADD_OR_DROP_COLUMNS rawSql', () => {
    const alter = parseAs(
      'ALTER TABLE `sales`.`orders` ADD COLUMN `note` varchar(64) NULL DEFAULT "none" COMMENT ""',
      'AlterTableStatement',
    );
    assert.deepEqual(alter, {
      kind: 'AlterTableStatement',
      table: { database: 'sales', table: 'orders' },
      clauses: [
        {
          kind: 'AddColumnClause',
          column: {
            name: 'note',
            type: { kind: 'ScalarType', name: 'VARCHAR', length: 64 },
            isKey: false,
            nullable: true,
            default: { kind: 'StringDefault', value: 'none' },
            comment: '',
          },
          properties: [],
        },
      ],
    });
    // 2.0 FEs qualify with the cluster prefix
    assert.deepEqual(
      parseAs('ALTER TABLE `default_cluster:sales`.`orders` DROP COLUMN `note`', 'AlterTableStatement').table,
      { database: 'default_cluster:sales', table: 'orders' },
    );
    // the syncer's default-value rewrites produce these
    parseAs(
      'ALTER TABLE `dst`.`t` ADD COLUMN `v` varchar(8) REPLACE_IF_NOT_NULL NULL DEFAULT NULL COMMENT ""',
      'AlterTableStatement',
    );
    parseAs(
      'ALTER TABLE `dst`.`t` ADD COLUMN `ts` datetime NULL DEFAULT CURRENT_TIMESTAMP COMMENT ""',
      'AlterTableStatement',
    );
  });

  it('ALTER_JOB rawSql (schema change)', () => {
    const alter = parseAs(
      'ALTER TABLE `sales`.`orders` MODIFY COLUMN `amount` decimal(16,2) NULL',
      'AlterTableStatement',
    );
    assert.equal(alter.clauses[0]?.kind, 'ModifyColumnClause');
  });

  it('ADD_PARTITION sql with version_info, with and without a distribution appended', () => {
    const recordSql =
      'ADD PARTITION `p202409` VALUES [("2024-09-01"), ("2024-10-01")) ("version_info" = "1");';
    const plain = parseAs(replay(recordSql), 'AlterTableStatement');
    assert.deepEqual(plain.clauses[0], {
      kind: 'AddPartitionClause',
      temporary: false,
      partition: {
        name: 'p202409',
        ifNotExists: false,
        values: {
          kind: 'FixedRangeValues',
          lower: [{ kind: 'PartitionLiteral', value: '2024-09-01' }],
          upper: [{ kind: 'PartitionLiteral', value: '2024-10-01' }],
        },
        properties: [{ key: 'version_info', value: '1' }],
      },
    });
    const withBuckets = parseAs(
      'ALTER TABLE `dst`.`orders` ADD PARTITION `p202408` VALUES [("2024-08-01"), ("2024-09-01")) ("version_info" = "1") DISTRIBUTED BY HASH(`order_id`) BUCKETS 8',
      'AlterTableStatement',
    );
    const clause = withBuckets.clauses[0];
    assert.ok(clause?.kind === 'AddPartitionClause');
    assert.deepEqual(clause.distribution, { kind: 'HashDistribution', columns: ['order_id'], buckets: 8 });
    parseAs(
      `${replay('ADD PARTITION `p1` VALUES IN (("a"),("b")) ("version_info" = "2")')} DISTRIBUTED BY RANDOM BUCKETS 3`,
      'AlterTableStatement',
    );
    parseAs(
      `${replay('ADD PARTITION `p_unpartitioned`')} DISTRIBUTED BY HASH(\`k\`) BUCKETS 1`,
      'AlterTableStatement',
    );
    parseAs(
      replay('ADD TEMPORARY PARTITION `tp1` VALUES [("1"), ("10")) ("version_info" = "1")'),
      'AlterTableStatement',
    );
  });

  it('DROP_PARTITION sql including the temporary and force renderings', () => {
    assert.deepEqual(parseAs(replay('DROP PARTITION `p202407`'), 'AlterTableStatement').clauses[0], {
      kind: 'DropPartitionClause',
      temporary: false,
      ifExists: false,
      name: 'p202407',
      force: false,
    });
    assert.deepEqual(
      parseAs(replay('DROP PARTITION TEMPORARY `tp1` FORCE'), 'AlterTableStatement').clauses[0],
      {
        kind: 'DropPartitionClause',
        temporary: true,
        ifExists: false,
        name: 'tp1',
        force: true,
      },
    );
  });

  it('DROP_TABLE rawSql and CREATE_TABLE sql', () => {
    assert.equal(parseStatement('DROP TABLE IF EXISTS `refunds`').kind, 'DropTableStatement');
    const createView = parseAs(
      'CREATE VIEW `dst`.`v_orders` AS SELECT `internal`.`dst`.`orders`.`order_id` AS `order_id` FROM `internal`.`dst`.`orders`',
      'CreateViewStatement',
    );
    assert.equal(
      createView.queryText,
      'SELECT `internal`.`dst`.`orders`.`order_id` AS `order_id` FROM `internal`.`dst`.`orders`',
    );
  });

  it('TRUNCATE_TABLE rawSql appended to TRUNCATE TABLE', () => {
    assert.deepEqual(
      parseAs('TRUNCATE TABLE `dst`.`orders` PARTITIONS (p202406)', 'TruncateTableStatement').partitions,
      ['p202406'],
    );
    assert.deepEqual(
      parseAs('TRUNCATE TABLE `dst`.`orders` PARTITIONS (p1, p2)', 'TruncateTableStatement').partitions,
      ['p1', 'p2'],
    );
  });

  it('MODIFY_VIEW_DEF inlineViewDef replayed as ALTER VIEW', () => {
    const alter = parseAs(
      'ALTER VIEW `dst`.`v` AS SELECT `dst`.`orders`.`order_id` AS `order_id` FROM `dst`.`orders`',
      'AlterViewStatement',
    );
    assert.deepEqual(alter.query.from[0], {
      kind: 'NamedTableRef',
      name: { database: 'dst', table: 'orders' },
      temporaryPartitions: false,
    });
  });

  it('inverted index rawSql and INDEX_CHANGE_JOB build', () => {
    parseAs('ALTER TABLE `sales`.`orders` ADD INDEX idx_note (`note`) USING INVERTED', 'AlterTableStatement');
    parseAs('ALTER TABLE `dst`.`orders` DROP INDEX `idx_note`', 'AlterTableStatement');
    parseAs('BUILD INDEX `idx_note` ON `dst`.`orders` PARTITION (`p202407`)', 'BuildIndexStatement');
  });

  it('every other syncer DDL of sql-surface.md §9, parsed into what it says', () => {
    const dst = (table: string) => ({ database: 'dst', table });
    const alter = (table: string, clause: object) => ({
      kind: 'AlterTableStatement',
      table: dst(table),
      clauses: [clause],
    });
    const expected: Array<[string, object]> = [
      [
        'CREATE DATABASE IF NOT EXISTS `TEST_sales`',
        { kind: 'CreateDatabaseStatement', ifNotExists: true, database: 'TEST_sales', properties: [] },
      ],
      [
        'ALTER TABLE `dst`.`old_name` RENAME `new_name`',
        alter('old_name', { kind: 'RenameTableClause', newName: 'new_name' }),
      ],
      [
        'ALTER TABLE `dst`.`orders` RENAME ROLLUP `r1` `r2`',
        alter('orders', { kind: 'RenameRollupClause', oldName: 'r1', newName: 'r2' }),
      ],
      [
        'ALTER TABLE `dst`.`orders` RENAME PARTITION `p202407` `p_2024_07`',
        alter('orders', { kind: 'RenamePartitionClause', oldName: 'p202407', newName: 'p_2024_07' }),
      ],
      [
        'ALTER TABLE `dst`.`orders` RENAME COLUMN `amt` `amount`',
        alter('orders', { kind: 'RenameColumnClause', oldName: 'amt', newName: 'amount' }),
      ],
      [
        "ALTER TABLE `dst`.`orders` MODIFY COLUMN `amount` COMMENT 'gross amount in EUR'",
        alter('orders', {
          kind: 'ModifyColumnCommentClause',
          column: 'amount',
          comment: 'gross amount in EUR',
        }),
      ],
      [
        "ALTER TABLE `dst`.`orders` MODIFY COMMENT 'orders'",
        alter('orders', { kind: 'ModifyTableCommentClause', comment: 'orders' }),
      ],
      [
        'ALTER TABLE `dst`.`orders` REPLACE WITH TABLE `orders_rebuilt` PROPERTIES("swap"="true")',
        alter('orders', {
          kind: 'ReplaceWithTableClause',
          table: 'orders_rebuilt',
          properties: [{ key: 'swap', value: 'true' }],
          force: false,
        }),
      ],
      [
        'ALTER TABLE `dst`.`orders` SET ("compaction_policy"="time_series", "k2"="v2")',
        alter('orders', {
          kind: 'SetTablePropertiesClause',
          properties: [
            { key: 'compaction_policy', value: 'time_series' },
            { key: 'k2', value: 'v2' },
          ],
        }),
      ],
      [
        'ALTER TABLE `dst`.`orders` DROP ROLLUP `r_by_day`',
        alter('orders', { kind: 'DropRollupClause', name: 'r_by_day', properties: [] }),
      ],
      [
        'ALTER TABLE `dst`.`orders` SET ("is_being_synced"="false")',
        alter('orders', {
          kind: 'SetTablePropertiesClause',
          properties: [{ key: 'is_being_synced', value: 'false' }],
        }),
      ],
      [
        'DROP TABLE `dst`.`orders` FORCE',
        { kind: 'DropTableStatement', ifExists: false, table: dst('orders'), force: true },
      ],
      ['DROP VIEW IF EXISTS `dst`.`v` ', { kind: 'DropViewStatement', ifExists: true, view: dst('v') }],
      [
        'DROP TABLE `dst`.`orders` ',
        { kind: 'DropTableStatement', ifExists: false, table: dst('orders'), force: false },
      ],
      ['CANCEL RESTORE FROM `dst`', { kind: 'CancelRestoreStatement', database: 'dst' }],
      [
        'ALTER TABLE `dst`.`__ccr_orders_1718000050` RENAME `orders`',
        alter('__ccr_orders_1718000050', { kind: 'RenameTableClause', newName: 'orders' }),
      ],
    ];
    for (const [sql, statement] of expected) assert.deepEqual(parseStatement(sql), statement, sql);
  });
});

// Every binlog type a table job can meet is planned to the action Doris CCR needs, from real payloads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BinlogType, parseBinlogPayload } from '@doris-ccr/protocol';
import { planTableBinlog, retarget } from '../../src/jobs/table-sync/table-handlers.js';
import type { TableJobNames } from '../../src/jobs/table-sync/table-job-context.js';

const names: TableJobNames = {
  srcDb: 'sales',
  srcTable: 'orders',
  destDb: 'dr_sales',
  destTable: 'orders_copy',
  srcTableId: 21040n,
};

function plan(type: number, payload: object) {
  return planTableBinlog(parseBinlogPayload(type, JSON.stringify(payload), 100n), names);
}

describe('table job binlog plan', () => {
  it('replays ADD/DROP PARTITION on the target table and recognises a replay of an applied one', () => {
    const add = plan(BinlogType.ADD_PARTITION, {
      commitSeq: 1,
      dbId: 1,
      tableId: 21040,
      partition: { id: 5, name: 'p2' },
      isTempPartition: false,
      sql: 'ADD PARTITION `p2` VALUES [("2024-02-01"), ("2024-03-01")) ("version_info" = "1");',
    });
    assert.equal(add.kind, 'sql');
    if (add.kind === 'sql') {
      assert.deepEqual(add.statements, [
        'ALTER TABLE `dr_sales`.`orders_copy` ADD PARTITION `p2` VALUES [("2024-02-01"), ("2024-03-01")) ("version_info" = "1")',
      ]);
      assert.ok(add.alreadyApplied?.test('errCode = 2, detailMessage = Duplicate partition name p2'));
    }
    assert.equal(
      plan(BinlogType.ADD_PARTITION, { tableId: 1, isTempPartition: true, sql: 'x' }).kind,
      'ignore',
    );
    const drop = plan(BinlogType.DROP_PARTITION, {
      tableId: 1,
      partitionName: 'p1',
      sql: 'DROP PARTITION `p1`',
    });
    assert.deepEqual(drop.kind === 'sql' && drop.statements, [
      'ALTER TABLE `dr_sales`.`orders_copy` DROP PARTITION `p1`',
    ]);
  });

  it("gives a replayed ADD PARTITION the source partition's distribution (Doris leaves it out of the sql)", () => {
    const add = (sql: string, di: object) =>
      plan(BinlogType.ADD_PARTITION, {
        tableId: 21040,
        partition: { id: 5, name: 'p3', distributionInfo: di },
        isTempPartition: false,
        sql,
      });
    const hash = add('ADD PARTITION `p3` VALUES [("1"), ("2")) ("version_info" = "1");', {
      type: 'HASH',
      bucketNum: 5,
      distributionColumns: [{ name: 'id' }, { name: 'k`2' }],
    });
    assert.deepEqual(hash.kind === 'sql' && hash.statements, [
      'ALTER TABLE `dr_sales`.`orders_copy` ADD PARTITION `p3` VALUES [("1"), ("2")) ("version_info" = "1") DISTRIBUTED BY HASH(`id`, `k``2`) BUCKETS 5',
    ]);
    const auto = add('ADD PARTITION `p3` VALUES IN (("1")) DISTRIBUTED BY RANDOM BUCKETS AUTO', {
      type: 'RANDOM',
      bucketNum: 3,
      distributionColumns: [],
    });
    assert.deepEqual(auto.kind === 'sql' && auto.statements, [
      'ALTER TABLE `dr_sales`.`orders_copy` ADD PARTITION `p3` VALUES IN (("1")) DISTRIBUTED BY RANDOM BUCKETS 3',
    ]);
    const explicit = add('ADD PARTITION `p3` VALUES IN (("1")) DISTRIBUTED BY HASH(`id`) BUCKETS 7', {
      type: 'HASH',
      bucketNum: 7,
      distributionColumns: [{ name: 'id' }],
    });
    assert.deepEqual(explicit.kind === 'sql' && explicit.statements, [
      'ALTER TABLE `dr_sales`.`orders_copy` ADD PARTITION `p3` VALUES IN (("1")) DISTRIBUTED BY HASH(`id`) BUCKETS 7',
    ]);
  });

  it('rewrites the source qualifier of light schema change SQL', () => {
    const action = plan(BinlogType.MODIFY_TABLE_ADD_OR_DROP_COLUMNS, {
      dbId: 1,
      tableId: 21040,
      rawSql: 'ALTER TABLE `sales`.`orders` ADD COLUMN `note` varchar(64) NULL DEFAULT "none" COMMENT ""',
    });
    assert.deepEqual(action.kind === 'sql' && action.statements, [
      'ALTER TABLE `dr_sales`.`orders_copy` ADD COLUMN `note` varchar(64) NULL DEFAULT "none" COMMENT ""',
    ]);
    assert.equal(
      retarget('ALTER TABLE `default_cluster:sales`.`orders` DROP COLUMN x', names),
      'ALTER TABLE `dr_sales`.`orders_copy` DROP COLUMN x',
    );
    assert.equal(
      retarget('ALTER TABLE sales.orders DROP COLUMN x', names),
      'ALTER TABLE `dr_sales`.`orders_copy` DROP COLUMN x',
    );
    assert.equal(
      retarget('ALTER TABLE sales.orders_v2 DROP COLUMN x', names),
      'ALTER TABLE sales.orders_v2 DROP COLUMN x',
    );
  });

  it('unwraps barrier-wrapped records and ignores plain barriers', () => {
    const wrapped = plan(BinlogType.BARRIER, {
      dbId: 1,
      tableId: 21040,
      binlogType: BinlogType.RENAME_COLUMN,
      binlog: JSON.stringify({ dbId: 1, tableId: 21040, colName: 'amt', newColName: 'amount' }),
    });
    assert.deepEqual(wrapped.kind === 'sql' && wrapped.statements, [
      'ALTER TABLE `dr_sales`.`orders_copy` RENAME COLUMN `amt` `amount`',
    ]);
    assert.equal(
      plan(BinlogType.BARRIER, {
        dbId: 1,
        dbName: 'sales',
        tableId: 21040,
        tableName: 'orders',
        binlogType: 0,
      }).kind,
      'ignore',
    );
  });

  it('tracks shadow indexes of schema changes and re-syncs the table when one finishes', () => {
    const pending = plan(BinlogType.ALTER_JOB, {
      type: 'SCHEMA_CHANGE',
      tableId: 21040,
      jobId: 9,
      jobState: 'PENDING',
      iim: { '22011': 21041 },
    });
    assert.equal(pending.kind, 'shadow_indexes');
    if (pending.kind === 'shadow_indexes') assert.deepEqual([...pending.add], [[22011n, 21041n]]);
    assert.equal(
      plan(BinlogType.ALTER_JOB, { type: 'SCHEMA_CHANGE', jobState: 'FINISHED', iim: {} }).kind,
      'partial_sync',
    );
    const cancelled = plan(BinlogType.ALTER_JOB, { type: 'ROLLUP', jobState: 'CANCELLED', iim: { '7': 1 } });
    assert.deepEqual(cancelled.kind === 'shadow_indexes' && cancelled.remove, [7n]);
  });

  it('does not forward target-local properties', () => {
    assert.equal(
      plan(BinlogType.MODIFY_TABLE_PROPERTY, {
        tableId: 1,
        properties: { 'binlog.enable': 'true', replication_num: '3' },
      }).kind,
      'ignore',
    );
    assert.equal(
      plan(BinlogType.MODIFY_TABLE_PROPERTY, {
        tableId: 1,
        properties: { 'dynamic_partition.end': '3', 'dynamic_partition.prefix': 'pp' },
      }).kind,
      'ignore',
    );
    const action = plan(BinlogType.MODIFY_TABLE_PROPERTY, {
      tableId: 1,
      properties: { compaction_policy: 'time_series', replication_num: '3' },
    });
    assert.deepEqual(action.kind === 'sql' && action.statements, [
      'ALTER TABLE `dr_sales`.`orders_copy` SET ("compaction_policy" = "time_series")',
    ]);
  });

  it('reports what a table job cannot follow, and re-syncs what replay cannot express', () => {
    assert.equal(
      plan(BinlogType.RENAME_TABLE, { db: 1, tb: 21040, nT: 'orders2', oT: 'orders' }).kind,
      'fail',
    );
    // REPLACE WITH TABLE: the job follows the table now under its name, by a full sync of that table id.
    assert.deepEqual(plan(BinlogType.REPLACE_TABLE, { origTblId: 21040, newTblName: 5 }), {
      kind: 'repoint',
      srcTableId: 5n,
      reason: 'source table replaced by 5 (REPLACE WITH TABLE)',
    });
    assert.equal(plan(BinlogType.DROP_TABLE, { tableId: 21040, tableName: 'orders' }).kind, 'fail');
    assert.equal(plan(BinlogType.DROP_TABLE, { tableId: 7, tableName: 'other' }).kind, 'ignore');
    assert.equal(plan(BinlogType.DUMMY, {}).kind, 'full_sync');
    const replace = plan(BinlogType.REPLACE_PARTITIONS, {
      partitions: ['p1'],
      tempPartitions: ['tp1'],
      strictRange: true,
    });
    assert.deepEqual(replace.kind === 'partial_sync' && replace.partitions, ['p1']);
    assert.equal(plan(BinlogType.TRUNCATE_TABLE, { rawSql: 'PARTITIONS (p1)' }).kind, 'sql');
  });

  it('escapes backticks in identifiers', () => {
    const action = plan(BinlogType.RENAME_COLUMN, { colName: 'a`b', newColName: 'c' });
    assert.deepEqual(action.kind === 'sql' && action.statements, [
      'ALTER TABLE `dr_sales`.`orders_copy` RENAME COLUMN `a``b` `c`',
    ]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BinlogType, parseBinlogPayload } from '../../src/binlog/index.js';
import * as fx from './fixtures.js';
import { parseAs } from './helpers.js';

describe('UPSERT (0)', () => {
  const rec = parseAs(BinlogType.UPSERT, fx.UPSERT, 'upsert');

  it('reads the txn members, ids as exact bigints', () => {
    assert.equal(rec.commitSeq, 58120n);
    assert.equal(rec.txnId, 9007199254740997n);
    assert.equal(rec.timeStamp, 1719990000456n);
    assert.equal(rec.label, 'insert_4b2f9e01aa7c4d11_9e3b2c77d0a14f02');
    assert.equal(rec.dbId, 21001n);
    assert.deepEqual(rec.stids, []);
  });

  it('keys tableRecords by bigint table id in ascending order, preserving ids above 2^53', () => {
    assert.deepEqual([...rec.tableRecords.keys()], [21090n, fx.BIG_ID]);
    const big = rec.tableRecords.get(fx.BIG_ID);
    assert.ok(big);
    assert.deepEqual(big.indexIds, [21041n, fx.INT64_MAX]);
    const [partition] = big.partitionRecords;
    assert.ok(partition);
    assert.equal(partition.partitionId, 9007199254740995n);
    assert.equal(partition.version, 12n);
    assert.equal(partition.stid, -1n);
    assert.equal(partition.isTempPartition, false);
  });

  it('keeps range strings verbatim and defaults a missing stid to 0', () => {
    const big = rec.tableRecords.get(fx.BIG_ID);
    assert.equal(
      big?.partitionRecords[0]?.range,
      '[types: [DATEV2]; keys: [2024-07-01]; ..types: [DATEV2]; keys: [2024-08-01]; )',
    );
    const small = rec.tableRecords.get(21090n)?.partitionRecords[0];
    assert.equal(small?.range, '');
    assert.equal(small?.isTempPartition, true);
    assert.equal(small?.stid, 0n);
  });

  it('reads 3.0 txn-insert sub-txn ids', () => {
    const r = parseAs(
      BinlogType.UPSERT,
      '{"commitSeq":5,"txnId":6,"dbId":1,"stids":[9007199254740993,70],"tableRecords":{}}',
      'upsert',
    );
    assert.deepEqual(r.stids, [fx.BIG_ID, 70n]);
    assert.equal(r.tableRecords.size, 0);
  });
});

describe('ADD_PARTITION (1)', () => {
  it('reads a 3.0 payload with distribution info under "di"', () => {
    const rec = parseAs(BinlogType.ADD_PARTITION, fx.ADD_PARTITION_3_0, 'addPartition');
    assert.equal(rec.commitSeq, 58300n);
    assert.equal(rec.tableId, fx.BIG_ID);
    assert.equal(rec.partition.id, 21077n);
    assert.equal(rec.partition.name, 'p202409');
    const di = rec.partition.distributionInfo;
    assert.ok(di);
    assert.equal(di.type, 'HASH');
    assert.equal(di.bucketNum, 4);
    assert.deepEqual(
      di.distributionColumns.map((c) => [c.name, c.type.type, c.isKey]),
      [['order_id', 'BIGINT', true]],
    );
    assert.equal(rec.isMutable, true);
    assert.equal(rec.isTempPartition, false);
    assert.ok(rec.sql.startsWith('ADD PARTITION `p202409` VALUES [("2024-09-01"), ("2024-10-01"))'));
    assert.deepEqual(rec.range, { lowerBound: ['2024-09-01'], upperBound: ['2024-10-01'] });
    assert.equal(rec.listPartitionItem, undefined);
    assert.deepEqual(rec.replicaAlloc, { allocMap: { 'tag.location.default': 3n } });
    // members not typed by the record stay in raw
    assert.equal(rec.partition.raw.visibleVersion, 1n);
  });

  it('reads a 2.x payload with distribution info under "distributionInfo"', () => {
    const rec = parseAs(BinlogType.ADD_PARTITION, fx.ADD_PARTITION_2_1, 'addPartition');
    const di = rec.partition.distributionInfo;
    assert.ok(di);
    assert.equal(di.type, 'RANDOM');
    assert.equal(di.bucketNum, 8);
    assert.deepEqual(di.distributionColumns, []);
    assert.equal(rec.isTempPartition, true);
    assert.deepEqual(rec.listPartitionItem, { items: [['北京'], ['上海']] });
    assert.ok(rec.sql.includes('VALUES IN (("北京"),("上海"))'));
    assert.equal(rec.range, undefined);
  });

  it('leaves distributionInfo undefined and partition empty when absent', () => {
    const rec = parseAs(
      BinlogType.ADD_PARTITION,
      '{"dbId":1,"tableId":2,"sql":"ADD PARTITION `p`"}',
      'addPartition',
    );
    assert.equal(rec.partition.distributionInfo, undefined);
    assert.equal(rec.partition.id, 0n);
    assert.equal(rec.partition.name, '');
    assert.equal(rec.commitSeq, 0n);
  });
});

describe('CREATE_TABLE (2)', () => {
  it('reads unicode names and multi-line DDL', () => {
    const rec = parseAs(BinlogType.CREATE_TABLE, fx.CREATE_TABLE, 'createTable');
    assert.equal(rec.commitSeq, 58410n);
    assert.equal(rec.tableId, fx.BIG_ID);
    assert.equal(rec.dbName, 'sales');
    assert.equal(rec.tableName, '订单_📦');
    assert.equal(rec.tableType, 'OLAP');
    assert.ok(rec.sql.startsWith('CREATE TABLE `订单_📦` (\n  `refund_id` bigint NOT NULL\n)'));
    assert.ok(rec.sql.includes('"binlog.enable" = "true"'));
  });

  it('treats members missing in old FEs as empty', () => {
    const rec = parseAs(
      BinlogType.CREATE_TABLE,
      '{"commitSeq":3,"dbId":-1,"tableId":4,"sql":""}',
      'createTable',
    );
    assert.equal(rec.dbId, -1n);
    assert.equal(rec.dbName, '');
    assert.equal(rec.tableName, '');
    assert.equal(rec.tableType, '');
  });
});

describe('DROP_PARTITION (3)', () => {
  it('reads every member', () => {
    const rec = parseAs(BinlogType.DROP_PARTITION, fx.DROP_PARTITION, 'dropPartition');
    assert.equal(rec.pid, fx.BIG_ID);
    assert.equal(rec.partitionName, 'p202407');
    assert.equal(rec.forceDrop, true);
    assert.equal(rec.isTempPartition, false);
    assert.equal(rec.recycleTime, 0n);
    assert.equal(rec.sql, 'DROP PARTITION `p202407` FORCE');
    assert.equal(rec.version, 17n);
    assert.equal(rec.versionTime, 1720000000123n);
  });

  it('reads a missing pid (old FE) as 0', () => {
    const rec = parseAs(
      BinlogType.DROP_PARTITION,
      '{"dbId":1,"tableId":2,"partitionName":"p1"}',
      'dropPartition',
    );
    assert.equal(rec.pid, 0n);
  });
});

describe('DROP_TABLE (4)', () => {
  it('reads every member', () => {
    const rec = parseAs(BinlogType.DROP_TABLE, fx.DROP_TABLE, 'dropTable');
    assert.equal(rec.commitSeq, 58500n);
    assert.equal(rec.tableId, 21090n);
    assert.equal(rec.tableName, 'refunds');
    assert.equal(rec.isView, true);
    assert.equal(rec.rawSql, 'DROP TABLE IF EXISTS `refunds`');
  });
});

describe('ALTER_JOB (5)', () => {
  it('reads a schema change with its shadow → origin index map', () => {
    const rec = parseAs(BinlogType.ALTER_JOB, fx.ALTER_JOB_SCHEMA_CHANGE, 'alterJob');
    assert.equal(rec.type, 'SCHEMA_CHANGE');
    assert.equal(rec.jobState, 'PENDING');
    assert.equal(rec.jobId, 22010n);
    assert.deepEqual(
      [...rec.iim],
      [
        [22012n, 9007199254740995n],
        [fx.BIG_ID, 21041n],
      ],
    );
    assert.equal(rec.rollUpIndexName, '');
  });

  it('reads a rollup job spelled rollUpIndexName (newer FEs)', () => {
    const rec = parseAs(BinlogType.ALTER_JOB, fx.ALTER_JOB_ROLLUP, 'alterJob');
    assert.equal(rec.type, 'ROLLUP');
    assert.equal(rec.rollupIndexId, 22021n);
    assert.equal(rec.rollUpIndexName, 'r_by_day');
    assert.equal(rec.baseIndexId, 21041n);
    assert.equal(rec.baseIndexName, 'orders');
    assert.equal(rec.iim.size, 0);
  });

  it('accepts rollupIndexName and other letter cases of the members', () => {
    const lower = parseAs(BinlogType.ALTER_JOB, '{"type":"ROLLUP","rollupIndexName":"r1"}', 'alterJob');
    assert.equal(lower.rollUpIndexName, 'r1');
    const odd = parseAs(
      BinlogType.ALTER_JOB,
      '{"TYPE":"ROLLUP","RollupIndexId":7,"JOBSTATE":"RUNNING"}',
      'alterJob',
    );
    assert.equal(odd.type, 'ROLLUP');
    assert.equal(odd.rollupIndexId, 7n);
    assert.equal(odd.jobState, 'RUNNING');
  });

  it('prefers the exact spelling when several letter cases are present', () => {
    const rec = parseAs(
      BinlogType.ALTER_JOB,
      '{"rollupindexname":"wrong","rollUpIndexName":"right"}',
      'alterJob',
    );
    assert.equal(rec.rollUpIndexName, 'right');
  });
});

describe('MODIFY_TABLE_ADD_OR_DROP_COLUMNS (6)', () => {
  const rec = parseAs(
    BinlogType.MODIFY_TABLE_ADD_OR_DROP_COLUMNS,
    fx.MODIFY_COLUMNS,
    'modifyTableAddOrDropColumns',
  );

  it('reads the schema map keyed by index id', () => {
    const columns = rec.indexSchemaMap.get(21041n);
    assert.ok(columns);
    assert.deepEqual(
      columns.map((c) => c.name),
      ['order_id', '备注😀'],
    );
    const [key, note] = columns;
    assert.equal(key?.isKey, true);
    assert.equal(key?.defaultValue, undefined);
    assert.equal(note?.type.type, 'VARCHAR');
    assert.equal(note?.type.len, 64);
    assert.equal(note?.isAllowNull, true);
    assert.equal(note?.defaultValue, 'none');
    assert.equal(note?.comment, '说明');
    assert.equal(note?.uniqueId, 7);
  });

  it('reads long-name index definitions and the raw SQL', () => {
    const [idx] = rec.indexes;
    assert.equal(idx?.indexId, 23001n);
    assert.equal(idx?.indexName, 'idx_note');
    assert.deepEqual(idx?.columns, ['备注😀']);
    assert.equal(idx?.indexType, 'INVERTED');
    assert.deepEqual([...(idx?.properties ?? [])], [['parser', 'unicode']]);
    assert.equal(rec.jobId, 22100n);
    assert.equal(
      rec.rawSql,
      'ALTER TABLE `sales`.`orders` ADD COLUMN `备注😀` varchar(64) NULL DEFAULT "none" COMMENT "说明"',
    );
  });
});

describe('DUMMY (7)', () => {
  it('needs no data', () => {
    const rec = parseBinlogPayload(BinlogType.DUMMY, undefined, -1n);
    assert.equal(rec.kind, 'dummy');
    assert.deepEqual(rec.raw, {});
  });
});

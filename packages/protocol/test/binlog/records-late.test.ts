import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BinlogType } from '../../src/binlog/index.js';
import * as fx from './fixtures.js';
import { parseAs } from './helpers.js';

describe('DROP_ROLLUP (23)', () => {
  it('reads every member; ctl/db absent in older builds', () => {
    const rec = parseAs(BinlogType.DROP_ROLLUP, fx.DROP_ROLLUP, 'dropRollup');
    assert.equal(rec.indexId, 22200n);
    assert.equal(rec.indexName, 'r_by_day');
    assert.equal(rec.recycleTime, 1720000000000n);
    assert.equal(rec.isView, false);
    assert.equal(rec.ctl, '');
    assert.equal(rec.db, '');
  });
});

describe('RECOVER_INFO (24)', () => {
  it('reads a table recovery with rename', () => {
    const rec = parseAs(BinlogType.RECOVER_INFO, fx.RECOVER_INFO, 'recoverInfo');
    assert.equal(rec.tableId, 21090n);
    assert.equal(rec.tableName, 'refunds');
    assert.equal(rec.newTableName, 'refunds_恢复');
    assert.equal(rec.partitionId, -1n);
    assert.equal(rec.partitionName, '');
  });
});

describe('MODIFY_DISTRIBUTION_BUCKET_NUM (25) / MODIFY_DISTRIBUTION_TYPE (26)', () => {
  it('reads the bucket number change', () => {
    const rec = parseAs(
      BinlogType.MODIFY_DISTRIBUTION_BUCKET_NUM,
      fx.MODIFY_DISTRIBUTION_BUCKET_NUM,
      'modifyDistributionBucketNum',
    );
    assert.deepEqual([rec.dbId, rec.tableId, rec.bucketNum], [21001n, 21040n, 16]);
  });

  it('reads the ids of a distribution type change and keeps the rest in raw', () => {
    const rec = parseAs(
      BinlogType.MODIFY_DISTRIBUTION_TYPE,
      fx.MODIFY_DISTRIBUTION_TYPE,
      'modifyDistributionType',
    );
    assert.equal(rec.tableId, fx.BIG_ID);
    assert.equal(rec.raw.distributionType, 'RANDOM');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BinlogRecordKind,
  BinlogType,
  binlogTypeName,
  describeBinlogType,
  isBinlogType,
} from '../../src/binlog/index.js';

describe('BinlogType', () => {
  it('has the exact TBinlogType values 0..26', () => {
    assert.deepEqual(Object.entries(BinlogType), [
      ['UPSERT', 0],
      ['ADD_PARTITION', 1],
      ['CREATE_TABLE', 2],
      ['DROP_PARTITION', 3],
      ['DROP_TABLE', 4],
      ['ALTER_JOB', 5],
      ['MODIFY_TABLE_ADD_OR_DROP_COLUMNS', 6],
      ['DUMMY', 7],
      ['ALTER_DATABASE_PROPERTY', 8],
      ['MODIFY_TABLE_PROPERTY', 9],
      ['BARRIER', 10],
      ['MODIFY_PARTITIONS', 11],
      ['REPLACE_PARTITIONS', 12],
      ['TRUNCATE_TABLE', 13],
      ['RENAME_TABLE', 14],
      ['RENAME_COLUMN', 15],
      ['MODIFY_COMMENT', 16],
      ['MODIFY_VIEW_DEF', 17],
      ['REPLACE_TABLE', 18],
      ['MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES', 19],
      ['INDEX_CHANGE_JOB', 20],
      ['RENAME_ROLLUP', 21],
      ['RENAME_PARTITION', 22],
      ['DROP_ROLLUP', 23],
      ['RECOVER_INFO', 24],
      ['MODIFY_DISTRIBUTION_BUCKET_NUM', 25],
      ['MODIFY_DISTRIBUTION_TYPE', 26],
    ]);
  });

  it('maps every value back to its name', () => {
    for (const [name, value] of Object.entries(BinlogType)) {
      assert.equal(binlogTypeName(value), name);
      assert.equal(isBinlogType(value), true);
    }
  });

  it('returns undefined for values it does not know', () => {
    for (const n of [-1, 27, 99, 116, 1.5, Number.NaN]) {
      assert.equal(binlogTypeName(n), undefined, `value ${n}`);
      assert.equal(isBinlogType(n), false);
    }
  });

  it('describes known and unknown values for messages', () => {
    assert.equal(describeBinlogType(15), 'RENAME_COLUMN (15)');
    assert.equal(describeBinlogType(99), '99 (unknown)');
  });

  it('has a distinct record kind for every type', () => {
    assert.deepEqual(Object.keys(BinlogRecordKind), Object.keys(BinlogType));
    assert.equal(new Set(Object.values(BinlogRecordKind)).size, 27);
    assert.equal(
      BinlogRecordKind.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES,
      'modifyTableAddOrDropInvertedIndices',
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asRecordOfKind, BinlogType, parseBinlog, unwrapBarrier } from '../../src/binlog/index.js';
import * as fx from './fixtures.js';
import { expectBinlogError, expectKind } from './helpers.js';

describe('parseBinlog', () => {
  it('normalises a full UPSERT envelope', () => {
    const b = parseBinlog({
      commit_seq: 58120n,
      timestamp: 1719990000456n,
      type: BinlogType.UPSERT,
      db_id: 21001n,
      table_ids: [fx.BIG_ID, 21090n],
      data: fx.UPSERT,
      table_ref: 3n,
      remove_enable_cache: false,
    });
    assert.equal(b.commitSeq, 58120n);
    assert.equal(b.timestamp, 1719990000456n);
    assert.equal(b.type, 0);
    assert.equal(b.dbId, 21001n);
    assert.deepEqual(b.tableIds, [fx.BIG_ID, 21090n]);
    assert.equal(b.belong, -1n);
    assert.equal(expectKind(b.record, 'upsert').tableRecords.size, 2);
  });

  it('reads a table DUMMY (no data, no table ids)', () => {
    const b = parseBinlog({ commit_seq: 58000n, type: BinlogType.DUMMY, db_id: 21001n, belong: 21040n });
    assert.equal(b.record.kind, 'dummy');
    assert.equal(b.belong, 21040n);
    assert.deepEqual(b.tableIds, []);
    assert.equal(b.timestamp, -1n);
  });

  it('accepts null fields the way thrift code generators leave them', () => {
    const b = parseBinlog({
      commit_seq: null,
      timestamp: null,
      type: BinlogType.DUMMY,
      db_id: null,
      table_ids: null,
      data: null,
      belong: null,
    });
    assert.deepEqual([b.commitSeq, b.timestamp, b.dbId, b.belong], [-1n, -1n, -1n, -1n]);
    assert.deepEqual(b.tableIds, []);
  });

  it('keeps the outer BARRIER type and exposes the wrapped record', () => {
    const b = parseBinlog({
      commit_seq: 60000n,
      type: BinlogType.BARRIER,
      db_id: 21001n,
      table_ids: [21040n],
      data: fx.wrapInBarrier(BinlogType.RENAME_PARTITION, fx.RENAME_PARTITION),
    });
    assert.equal(b.type, BinlogType.BARRIER);
    const barrier = expectKind(b.record, 'barrier');
    assert.equal(expectKind(barrier.wrapped, 'renamePartition').oP, 'p202407');
    assert.equal(asRecordOfKind(unwrapBarrier(b.record), 'renamePartition')?.nP, 'p_2024_07');
    assert.equal(asRecordOfKind(unwrapBarrier(b.record), 'renameTable'), undefined);
  });

  it('does not alias the caller’s table id array', () => {
    const ids = [1n, 2n];
    const b = parseBinlog({ commit_seq: 1n, type: BinlogType.DUMMY, table_ids: ids });
    ids.push(3n);
    assert.deepEqual(b.tableIds, [1n, 2n]);
  });

  it('rejects a binlog without type', () => {
    const err = expectBinlogError(() => parseBinlog({ commit_seq: 12n, data: '{}' }));
    assert.equal(err.commitSeq, 12n);
    assert.match(err.message, /commit seq 12/);
    assert.match(err.reason, /no type/);
  });

  it('rejects a non-DUMMY binlog without data', () => {
    const err = expectBinlogError(() => parseBinlog({ commit_seq: 13n, type: BinlogType.DROP_TABLE }));
    assert.equal(err.binlogType, BinlogType.DROP_TABLE);
    assert.match(err.message, /commit seq 13, type DROP_TABLE \(4\): binlog has no data/);
  });
});

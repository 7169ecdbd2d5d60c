import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BinlogType,
  type BinlogTypeName,
  parseBinlogPayload,
  unwrapBarrier,
} from '../../src/binlog/index.js';
import * as fx from './fixtures.js';
import { expectBinlogError, expectKind, parseAs } from './helpers.js';

/** Every type the doc lists as barrier-wrapped in 2.1, with an invented payload and its record kind. */
const WRAPPED_TYPES: ReadonlyArray<[BinlogTypeName, string, string]> = [
  ['RENAME_TABLE', fx.RENAME_TABLE, 'renameTable'],
  ['RENAME_ROLLUP', fx.RENAME_ROLLUP, 'renameRollup'],
  ['RENAME_PARTITION', fx.RENAME_PARTITION, 'renamePartition'],
  ['RENAME_COLUMN', fx.RENAME_COLUMN, 'renameColumn'],
  ['MODIFY_COMMENT', fx.MODIFY_COMMENT_COLUMN, 'modifyComment'],
  ['MODIFY_VIEW_DEF', fx.MODIFY_VIEW_DEF, 'modifyViewDef'],
  ['REPLACE_TABLE', fx.REPLACE_TABLE, 'replaceTable'],
  ['MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES', fx.INVERTED_INDICES, 'modifyTableAddOrDropInvertedIndices'],
  ['INDEX_CHANGE_JOB', fx.INDEX_CHANGE_JOB, 'indexChangeJob'],
  ['DROP_ROLLUP', fx.DROP_ROLLUP, 'dropRollup'],
];

describe('barrier-wrapped records', () => {
  for (const [name, payload, kind] of WRAPPED_TYPES) {
    it(`${name}: wrapped and direct forms give the same record`, () => {
      const type = BinlogType[name];
      const direct = parseBinlogPayload(type, payload, 777n);
      assert.equal(direct.kind, kind);

      const barrier = parseAs(BinlogType.BARRIER, fx.wrapInBarrier(type, payload), 'barrier', 777n);
      assert.equal(barrier.binlogType, type);
      assert.equal(barrier.binlog, payload);
      assert.equal(barrier.tableId, 21040n);
      assert.ok(barrier.wrapped);
      assert.deepEqual(barrier.wrapped, direct);
      assert.deepEqual(unwrapBarrier(barrier), direct);
    });
  }

  it('uses the wrapped payload exactly as the FE example in the doc (RENAME_COLUMN)', () => {
    const text =
      '{"dbId":21001,"tableId":21040,"binlogType":15,"binlog":"{\\"dbId\\":21001,\\"tableId\\":21040,\\"colName\\":\\"amt\\",\\"newColName\\":\\"amount\\",\\"indexIdToSchemaVersion\\":{\\"21041\\":4}}"}';
    const barrier = parseAs(BinlogType.BARRIER, text, 'barrier');
    const inner = expectKind(barrier.wrapped, 'renameColumn');
    assert.equal(inner.colName, 'amt');
    assert.equal(inner.newColName, 'amount');
    assert.equal(inner.indexIdToSchemaVersion.get(21041n), 4);
  });

  it('keeps ids above 2^53 exact through two levels of JSON', () => {
    const barrier = parseAs(
      BinlogType.BARRIER,
      fx.wrapInBarrier(BinlogType.REPLACE_TABLE, fx.REPLACE_TABLE, '9007199254740993'),
      'barrier',
    );
    assert.equal(barrier.tableId, fx.BIG_ID);
    assert.equal(expectKind(barrier.wrapped, 'replaceTable').newTblName, fx.BIG_ID);
  });

  it('parses a wrapped inner record with the outer commit seq (UPSERT keeps its own payload commitSeq)', () => {
    const barrier = parseAs(
      BinlogType.BARRIER,
      fx.wrapInBarrier(BinlogType.UPSERT, fx.UPSERT),
      'barrier',
      999n,
    );
    const upsert = expectKind(barrier.wrapped, 'upsert');
    assert.equal(upsert.commitSeq, 58120n);
    assert.equal(upsert.tableRecords.size, 2);
  });

  it('treats an empty binlog string as a plain barrier regardless of binlogType', () => {
    const barrier = parseAs(
      BinlogType.BARRIER,
      '{"dbId":1,"tableId":2,"binlogType":15,"binlog":""}',
      'barrier',
    );
    assert.equal(barrier.wrapped, undefined);
    assert.equal(barrier.binlogType, 15);
    assert.equal(unwrapBarrier(barrier), barrier);
  });

  it('unwraps nested barriers to the innermost record', () => {
    const inner = fx.wrapInBarrier(BinlogType.DROP_ROLLUP, fx.DROP_ROLLUP);
    const outer = fx.wrapInBarrier(BinlogType.BARRIER, inner);
    const barrier = parseAs(BinlogType.BARRIER, outer, 'barrier');
    expectKind(barrier.wrapped, 'barrier');
    assert.equal(expectKind(unwrapBarrier(barrier), 'dropRollup').indexName, 'r_by_day');
  });

  it('returns non-barrier records from unwrapBarrier unchanged', () => {
    const rec = parseBinlogPayload(BinlogType.TRUNCATE_TABLE, fx.TRUNCATE_TABLE, 1n);
    assert.equal(unwrapBarrier(rec), rec);
  });

  it('reports a broken wrapped payload as an error of the barrier naming the inner type', () => {
    const err = expectBinlogError(() =>
      parseBinlogPayload(BinlogType.BARRIER, fx.wrapInBarrier(BinlogType.RENAME_COLUMN, '{"dbId":'), 4242n),
    );
    assert.equal(err.commitSeq, 4242n);
    assert.equal(err.binlogType, BinlogType.BARRIER);
    assert.match(err.reason, /^wrapped RENAME_COLUMN \(15\) payload: malformed JSON/);
    assert.match(err.message, /commit seq 4242/);
  });

  it('reports a wrapped member of the wrong type with its path', () => {
    const err = expectBinlogError(() =>
      parseBinlogPayload(
        BinlogType.BARRIER,
        fx.wrapInBarrier(BinlogType.RENAME_TABLE, '{"db":21001,"tb":"21040"}'),
        5n,
      ),
    );
    assert.match(
      err.reason,
      /wrapped RENAME_TABLE \(14\) payload: member 'tb': expected an integer, got a string/,
    );
  });

  it('rejects a wrapper around an unknown type', () => {
    const err = expectBinlogError(() =>
      parseBinlogPayload(BinlogType.BARRIER, fx.wrapInBarrier(99, '{}'), 6n),
    );
    assert.match(err.reason, /wrapped 99 \(unknown\) payload: unknown binlog type 99/);
  });

  it('rejects a binlog member that is not a string', () => {
    const err = expectBinlogError(() =>
      parseBinlogPayload(BinlogType.BARRIER, '{"binlogType":15,"binlog":{"dbId":1}}', 7n),
    );
    assert.match(err.reason, /member 'binlog': expected a string, got an object/);
  });
});

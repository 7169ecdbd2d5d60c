import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BinlogType } from '../../src/binlog/index.js';
import * as fx from './fixtures.js';
import { parseAs } from './helpers.js';

describe('ALTER_DATABASE_PROPERTY (8)', () => {
  it('reads the changed properties as a map', () => {
    const rec = parseAs(
      BinlogType.ALTER_DATABASE_PROPERTY,
      fx.ALTER_DATABASE_PROPERTY,
      'alterDatabaseProperty',
    );
    assert.equal(rec.dbId, 21001n);
    assert.equal(rec.dbName, 'sales');
    assert.deepEqual(
      [...rec.properties],
      [
        ['binlog.ttl_seconds', '172800'],
        ['binlog.enable', 'true'],
      ],
    );
  });
});

describe('MODIFY_TABLE_PROPERTY (9)', () => {
  it('reads an internal-table payload', () => {
    const rec = parseAs(BinlogType.MODIFY_TABLE_PROPERTY, fx.MODIFY_TABLE_PROPERTY, 'modifyTableProperty');
    assert.equal(rec.tableId, 21040n);
    assert.equal(rec.tableName, 'orders');
    assert.equal(rec.properties.get('compaction_policy'), 'time_series');
    assert.equal(rec.sql, 'SET (compaction_policy=time_series)');
    assert.equal(rec.ctlName, '');
    assert.equal(rec.dbName, '');
  });

  it('keeps property keys that collide with Object.prototype names as plain entries', () => {
    const rec = parseAs(
      BinlogType.MODIFY_TABLE_PROPERTY,
      '{"properties":{"__proto__":"x","constructor":"y","toString":"z"}}',
      'modifyTableProperty',
    );
    assert.deepEqual(
      [...rec.properties],
      [
        ['__proto__', 'x'],
        ['constructor', 'y'],
        ['toString', 'z'],
      ],
    );
  });
});

describe('BARRIER (10) plain', () => {
  it('has no wrapped record', () => {
    const rec = parseAs(BinlogType.BARRIER, fx.PLAIN_BARRIER, 'barrier');
    assert.equal(rec.wrapped, undefined);
    assert.equal(rec.binlog, '');
    assert.equal(rec.binlogType, 0);
    assert.equal(rec.dbName, 'sales');
    assert.equal(rec.tableName, 'orders');
    assert.equal(rec.tableId, 21040n);
  });
});

describe('MODIFY_PARTITIONS (11)', () => {
  it('reads each partition info, keeping opaque members verbatim', () => {
    const rec = parseAs(BinlogType.MODIFY_PARTITIONS, fx.MODIFY_PARTITIONS, 'modifyPartitions');
    assert.equal(rec.dbId, 0n);
    assert.equal(rec.infos.length, 1);
    const [info] = rec.infos;
    assert.equal(info?.partitionId, 21055n);
    assert.equal(info?.tableId, 21040n);
    assert.deepEqual(info?.dataProperty, { storageMedium: 'SSD', cooldownTimeMs: fx.INT64_MAX });
    assert.equal(info?.tableProperties.get('storage_medium'), 'SSD');
    assert.equal(info?.storagePolicy, '');
  });
});

describe('REPLACE_PARTITIONS (12)', () => {
  it('reads every member', () => {
    const rec = parseAs(BinlogType.REPLACE_PARTITIONS, fx.REPLACE_PARTITIONS, 'replacePartitions');
    assert.equal(rec.tblId, 21040n);
    assert.equal(rec.tblName, 'orders');
    assert.equal(rec.dbName, 'sales');
    assert.deepEqual(rec.partitions, ['p202408']);
    assert.deepEqual(rec.tempPartitions, ['tp202408']);
    assert.equal(rec.strictRange, true);
    assert.equal(rec.useTempPartitionName, false);
    assert.equal(rec.version, 31n);
    assert.equal(rec.versionTime, 1720000000999n);
    assert.equal(rec.force, false);
  });
});

describe('TRUNCATE_TABLE (13)', () => {
  it('reads every member', () => {
    const rec = parseAs(BinlogType.TRUNCATE_TABLE, fx.TRUNCATE_TABLE, 'truncateTable');
    assert.equal(rec.db, 'sales');
    assert.equal(rec.table, 'orders');
    assert.equal(rec.tblId, 21040n);
    assert.equal(rec.isEntireTable, false);
    assert.equal(rec.rawSql, 'PARTITIONS (p202406)');
  });
});

describe('RENAME_TABLE (14) / RENAME_ROLLUP (21) / RENAME_PARTITION (22)', () => {
  it('reads a table rename', () => {
    const rec = parseAs(BinlogType.RENAME_TABLE, fx.RENAME_TABLE, 'renameTable');
    assert.deepEqual(
      [rec.db, rec.tb, rec.ind, rec.p, rec.nT, rec.oT],
      [21001n, 21040n, -1n, -1n, 'orders_v2', 'orders'],
    );
  });

  it('reads a rollup rename', () => {
    const rec = parseAs(BinlogType.RENAME_ROLLUP, fx.RENAME_ROLLUP, 'renameRollup');
    assert.deepEqual([rec.ind, rec.nR, rec.oR], [22200n, 'r_by_week', 'r_by_day']);
  });

  it('reads a partition rename, and missing old names (before 2.1.8) as empty', () => {
    const rec = parseAs(BinlogType.RENAME_PARTITION, fx.RENAME_PARTITION, 'renamePartition');
    assert.deepEqual([rec.p, rec.nP, rec.oP], [21055n, 'p_2024_07', 'p202407']);
    const old = parseAs(
      BinlogType.RENAME_PARTITION,
      '{"db":1,"tb":2,"ind":-1,"p":3,"nT":"","nR":"","nP":"p_new"}',
      'renamePartition',
    );
    assert.equal(old.nP, 'p_new');
    assert.equal(old.oP, '');
  });
});

describe('RENAME_COLUMN (15)', () => {
  it('reads unicode column names and the schema-version map', () => {
    const rec = parseAs(BinlogType.RENAME_COLUMN, fx.RENAME_COLUMN, 'renameColumn');
    assert.equal(rec.colName, '金额');
    assert.equal(rec.newColName, 'amount_💶');
    assert.deepEqual(
      [...rec.indexIdToSchemaVersion],
      [
        [21041n, 4],
        [fx.BIG_ID, 2],
      ],
    );
  });
});

describe('MODIFY_COMMENT (16)', () => {
  it('reads a column comment change, decoding Gson escapes and surrogate pairs', () => {
    const rec = parseAs(BinlogType.MODIFY_COMMENT, fx.MODIFY_COMMENT_COLUMN, 'modifyComment');
    assert.equal(rec.type, 'COLUMN');
    assert.equal(rec.tblId, 21040n);
    assert.equal(rec.colToComment.get('amount'), 'gross amount in EUR');
    assert.equal(rec.colToComment.get('金额'), '含税 < 100 🧾');
    assert.equal(rec.tblComment, '');
  });

  it('reads a table comment change', () => {
    const rec = parseAs(BinlogType.MODIFY_COMMENT, fx.MODIFY_COMMENT_TABLE, 'modifyComment');
    assert.equal(rec.type, 'TABLE');
    assert.equal(rec.tblComment, 'all orders & refunds');
    assert.equal(rec.colToComment.size, 0);
  });
});

describe('MODIFY_VIEW_DEF (17)', () => {
  it('reads the view definition and new schema', () => {
    const rec = parseAs(BinlogType.MODIFY_VIEW_DEF, fx.MODIFY_VIEW_DEF, 'modifyViewDef');
    assert.equal(rec.tableId, 21120n);
    assert.equal(rec.sqlMode, 0);
    assert.ok(rec.inlineViewDef.startsWith('SELECT `internal`.`sales`.`orders`.`order_id`'));
    assert.deepEqual(
      rec.newFullSchema.map((c) => [c.name, c.type.type, c.isAllowNull]),
      [['order_id', 'BIGINT', true]],
    );
  });
});

describe('REPLACE_TABLE (18)', () => {
  it('reads newTblName as the id of the new table', () => {
    const rec = parseAs(BinlogType.REPLACE_TABLE, fx.REPLACE_TABLE, 'replaceTable');
    assert.equal(rec.origTblId, 21040n);
    assert.equal(rec.origTblName, 'orders');
    assert.equal(rec.newTblName, fx.BIG_ID);
    assert.equal(rec.actualNewTblName, 'orders_rebuilt');
    assert.equal(rec.swapTable, false);
    assert.equal(rec.isForce, false);
  });

  it('reads a missing isForce (old FEs) as true', () => {
    const rec = parseAs(
      BinlogType.REPLACE_TABLE,
      '{"dbId":1,"origTblId":2,"newTblName":3,"swapTable":true}',
      'replaceTable',
    );
    assert.equal(rec.isForce, true);
    assert.equal(rec.swapTable, true);
  });
});

describe('MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES (19)', () => {
  it('reads short-name (3.0) index objects', () => {
    const rec = parseAs(
      BinlogType.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES,
      fx.INVERTED_INDICES,
      'modifyTableAddOrDropInvertedIndices',
    );
    assert.equal(rec.isDropInvertedIndex, false);
    assert.equal(rec.jobId, 23002n);
    assert.ok(rec.rawSql.includes('ADD INDEX idx_note'));
    const [idx] = rec.indexes;
    assert.equal(idx?.indexId, 23001n);
    assert.equal(idx?.indexName, 'idx_note');
    assert.deepEqual(idx?.columns, ['note']);
    assert.equal(idx?.indexType, 'INVERTED');
    assert.equal(idx?.properties.get('parser'), 'english');
    assert.deepEqual(idx?.columnUniqueIds, [3]);
    assert.equal(rec.alterInvertedIndexes[0]?.comment, 'first index');
    assert.equal(rec.indexSchemaMap.get(21041n)?.[0]?.name, 'note');
  });

  it('reads long-name index objects identically', () => {
    const short =
      '{"i":5,"in":"idx","c":["a","b"],"it":"NGRAM_BF","pt":{"gram_size":"3"},"ct":"c","cui":[1,2]}';
    const long =
      '{"indexId":5,"indexName":"idx","columns":["a","b"],"indexType":"NGRAM_BF","properties":{"gram_size":"3"},"comment":"c","columnUniqueIds":[1,2]}';
    const parse = (index: string) =>
      parseAs(
        BinlogType.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES,
        `{"isDropInvertedIndex":true,"alterInvertedIndexes":[${index}]}`,
        'modifyTableAddOrDropInvertedIndices',
      ).alterInvertedIndexes[0];
    const a = parse(short);
    const b = parse(long);
    assert.ok(a && b);
    const { raw: _ra, ...fieldsA } = a;
    const { raw: _rb, ...fieldsB } = b;
    assert.deepEqual(fieldsA, fieldsB);
    assert.equal(fieldsA.indexType, 'NGRAM_BF');
    assert.deepEqual(fieldsA.columns, ['a', 'b']);
  });
});

describe('INDEX_CHANGE_JOB (20)', () => {
  it('reads every member', () => {
    const rec = parseAs(BinlogType.INDEX_CHANGE_JOB, fx.INDEX_CHANGE_JOB, 'indexChangeJob');
    assert.equal(rec.jobId, 23100n);
    assert.equal(rec.jobState, 'FINISHED');
    assert.equal(rec.partitionName, 'p202407');
    assert.equal(rec.createTimeMs, 1720000000000n);
    assert.equal(rec.finishedTimeMs, 1720000009000n);
    assert.equal(rec.watershedTxnId, 7400n);
    assert.equal(rec.isDropOp, false);
    assert.equal(rec.originIndexId, 21041n);
    assert.equal(rec.timeoutMs, 2592000000n);
    assert.equal(rec.alterInvertedIndexes[0]?.indexName, 'idx_note');
    assert.deepEqual(rec.invertedIndexBatchTask, { batchTasks: [] });
    assert.equal(rec.failedTabletBackends, undefined);
  });
});

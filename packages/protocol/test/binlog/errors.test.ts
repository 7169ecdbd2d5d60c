import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BinlogRecordError, BinlogType, parseBinlogPayload } from '../../src/binlog/index.js';
import * as fx from './fixtures.js';
import { expectBinlogError, parseAs } from './helpers.js';

describe('BinlogRecordError', () => {
  it('is a real Error subclass with typed fields', () => {
    const err = new BinlogRecordError(5n, 3, 'boom');
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'BinlogRecordError');
    assert.equal(err.commitSeq, 5n);
    assert.equal(err.binlogType, 3);
    assert.equal(err.reason, 'boom');
    assert.equal(err.message, 'binlog commit seq 5, type DROP_PARTITION (3): boom');
  });
});

describe('unknown binlog types', () => {
  for (const type of [99, 27, -1, 116]) {
    it(`rejects type ${type}`, () => {
      const err = expectBinlogError(() => parseBinlogPayload(type, '{}', 31337n));
      assert.equal(err.binlogType, type);
      assert.equal(err.commitSeq, 31337n);
      assert.equal(err.reason, `unknown binlog type ${type}`);
      assert.match(err.message, new RegExp(`commit seq 31337, type ${type} \\(unknown\\)`));
    });
  }
});

describe('malformed payloads', () => {
  const cases: Array<[string, string]> = [
    ['truncated object', '{"dbId":21001,'],
    ['empty text', ''],
    ['trailing garbage', '{"dbId":1} x'],
    ['single quotes', "{'dbId':1}"],
    ['bare word', 'undefined'],
    ['NaN literal', '{"dbId":NaN}'],
    ['bad escape', '{"tableName":"\\x41"}'],
    ['unterminated string', '{"tableName":"abc'],
  ];
  for (const [label, text] of cases) {
    it(`rejects ${label} as malformed JSON`, () => {
      const err = expectBinlogError(() => parseBinlogPayload(BinlogType.CREATE_TABLE, text, 808n));
      assert.equal(err.binlogType, BinlogType.CREATE_TABLE);
      assert.match(err.reason, /^malformed JSON: /);
      assert.match(err.message, /^binlog commit seq 808, type CREATE_TABLE \(2\): malformed JSON/);
    });
  }

  it('rejects absurdly deep nesting without a stack overflow escaping', () => {
    const text = `{"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const err = expectBinlogError(() => parseBinlogPayload(BinlogType.DROP_TABLE, text, 9n));
    assert.match(err.reason, /malformed JSON/);
  });

  for (const [label, text, described] of [
    ['an array', '[1,2]', 'an array'],
    ['null', 'null', 'null'],
    ['a string', '"{}"', 'a string'],
    ['a number', '42', 'an integer'],
    ['a boolean', 'true', 'a boolean'],
  ]) {
    it(`rejects a payload that is ${label}`, () => {
      const err = expectBinlogError(() => parseBinlogPayload(BinlogType.UPSERT, text, 1n));
      assert.equal(err.reason, `payload is ${described}, not a JSON object`);
    });
  }
});

describe('members of the wrong JSON type', () => {
  const cases: Array<[string, number, string, RegExp]> = [
    [
      'string id',
      BinlogType.CREATE_TABLE,
      '{"dbId":"21001"}',
      /member 'dbId': expected an integer, got a string/,
    ],
    [
      'non-integer id',
      BinlogType.DROP_TABLE,
      '{"tableId":21040.5}',
      /member 'tableId': expected an integer, got a non-integer number/,
    ],
    ['exponent id', BinlogType.DROP_TABLE, '{"tableId":2.1e4}', /member 'tableId': expected an integer/],
    [
      'id beyond int64',
      BinlogType.DROP_TABLE,
      '{"tableId":9223372036854775808}',
      /outside the signed 64-bit range/,
    ],
    [
      'number name',
      BinlogType.CREATE_TABLE,
      '{"tableName":42}',
      /member 'tableName': expected a string, got an integer/,
    ],
    [
      'string boolean',
      BinlogType.DROP_TABLE,
      '{"isView":"true"}',
      /member 'isView': expected a boolean, got a string/,
    ],
    [
      'array for a map',
      BinlogType.UPSERT,
      '{"tableRecords":[]}',
      /member 'tableRecords': expected an object, got an array/,
    ],
    [
      'non-id map key',
      BinlogType.UPSERT,
      '{"tableRecords":{"orders":{}}}',
      /map key "orders" is not an integer id/,
    ],
    [
      'nested wrong type',
      BinlogType.UPSERT,
      '{"tableRecords":{"21040":{"partitionRecords":[{"partitionId":1,"version":"12"}]}}}',
      /member 'tableRecords\.21040\.partitionRecords\[0\]\.version': expected an integer, got a string/,
    ],
    ['string in id list', BinlogType.UPSERT, '{"stids":[1,"2"]}', /member 'stids\[1\]': expected an integer/],
    [
      'null in id list',
      BinlogType.UPSERT,
      '{"stids":[1,null]}',
      /member 'stids\[1\]': expected an integer, got null/,
    ],
    [
      'non-string property',
      BinlogType.ALTER_DATABASE_PROPERTY,
      '{"properties":{"binlog.enable":true}}',
      /member 'properties\.binlog\.enable': expected a string, got a boolean/,
    ],
    [
      'count beyond 2^53',
      BinlogType.MODIFY_DISTRIBUTION_BUCKET_NUM,
      '{"bucketNum":9007199254740993}',
      /too large for a JS number/,
    ],
    [
      'object for a partition',
      BinlogType.ADD_PARTITION,
      '{"partition":"p1"}',
      /member 'partition': expected an object, got a string/,
    ],
    [
      'short index member',
      BinlogType.INDEX_CHANGE_JOB,
      '{"alterInvertedIndexes":[{"i":"23001"}]}',
      /member 'alterInvertedIndexes\[0\]\.i': expected an integer/,
    ],
    [
      'column type not an object',
      BinlogType.MODIFY_VIEW_DEF,
      '{"newFullSchema":[{"name":"a","type":"INT"}]}',
      /member 'newFullSchema\[0\]\.type': expected an object/,
    ],
    [
      'schema version map value',
      BinlogType.RENAME_COLUMN,
      '{"indexIdToSchemaVersion":{"1":"4"}}',
      /member 'indexIdToSchemaVersion\.1': expected an integer/,
    ],
  ];
  for (const [label, type, text, pattern] of cases) {
    it(`rejects a ${label}`, () => {
      const err = expectBinlogError(() => parseBinlogPayload(type, text, 4711n));
      assert.equal(err.commitSeq, 4711n);
      assert.equal(err.binlogType, type);
      assert.match(err.reason, pattern);
      assert.match(err.message, /^binlog commit seq 4711, type [A-Z_]+ \(\d+\): member '/);
    });
  }
});

describe('lenient reading', () => {
  it('keeps unknown extra members in raw without failing', () => {
    const text = fx.DROP_TABLE.replace(
      '{',
      '{"futureFlag":true,"futureIds":[9007199254740993],"futureObj":{"a":"b"},"futureFloat":0.25,',
    );
    const rec = parseAs(BinlogType.DROP_TABLE, text, 'dropTable');
    assert.equal(rec.tableName, 'refunds');
    assert.equal(rec.raw.futureFlag, true);
    assert.deepEqual(rec.raw.futureIds, [fx.BIG_ID]);
    assert.deepEqual(rec.raw.futureObj, { a: 'b' });
    assert.equal(rec.raw.futureFloat, 0.25);
    assert.equal(rec.raw.tableName, 'refunds');
  });

  it('treats null members as absent', () => {
    const rec = parseAs(
      BinlogType.DROP_TABLE,
      '{"tableId":null,"tableName":null,"isView":null}',
      'dropTable',
    );
    assert.deepEqual([rec.tableId, rec.tableName, rec.isView], [0n, '', false]);
  });

  it('reads an empty object as all-zero members', () => {
    const rec = parseAs(BinlogType.INDEX_CHANGE_JOB, '{}', 'indexChangeJob');
    assert.deepEqual(
      [rec.jobId, rec.jobState, rec.isDropOp, rec.alterInvertedIndexes.length, rec.invertedIndexBatchTask],
      [0n, '', false, 0, undefined],
    );
  });

  it('keeps the last value of a duplicated member', () => {
    const rec = parseAs(BinlogType.DROP_TABLE, '{"tableId":1,"tableId":2}', 'dropTable');
    assert.equal(rec.tableId, 2n);
  });

  it('accepts the minimum and maximum signed 64-bit ids', () => {
    const rec = parseAs(
      BinlogType.DROP_TABLE,
      '{"dbId":-9223372036854775808,"tableId":9223372036854775807}',
      'dropTable',
    );
    assert.equal(rec.dbId, -(2n ** 63n));
    assert.equal(rec.tableId, fx.INT64_MAX);
  });
});

describe('deeply nested column children', () => {
  it('fails with a typed error, not a stack overflow, when readers run out of stack', () => {
    // Column `children` recurse; nest them as deep as the JSON parser itself still accepts.
    let depth = 1000;
    let lastError: BinlogRecordError | undefined;
    for (; depth <= 256_000; depth *= 2) {
      const text = `{"newFullSchema":[${'{"children":['.repeat(depth)}${']}'.repeat(depth)}]}`;
      try {
        parseBinlogPayload(BinlogType.MODIFY_VIEW_DEF, text, 3n);
      } catch (error) {
        assert.ok(error instanceof BinlogRecordError, String(error));
        lastError = error;
        break;
      }
    }
    assert.ok(lastError, 'expected some depth to exceed the stack');
    assert.match(lastError.reason, /nests too deeply/);
  });
});

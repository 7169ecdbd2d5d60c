import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  BinlogRecordError,
  BinlogRecordKind,
  BinlogType,
  binlogTypeName,
  parseBinlogPayload,
} from '../../src/binlog/index.js';
import { expectKind } from './helpers.js';

/** Member names the readers look at, so generated objects exercise the typed paths, not just `raw`. */
const KNOWN_MEMBERS = [
  'dbId',
  'tableId',
  'commitSeq',
  'txnId',
  'timeStamp',
  'tableRecords',
  'partitionRecords',
  'indexIds',
  'stids',
  'range',
  'version',
  'stid',
  'partition',
  'id',
  'name',
  'di',
  'distributionInfo',
  'distributionColumns',
  'bucketNum',
  'type',
  'len',
  'children',
  'defaultValue',
  'indexSchemaMap',
  'indexes',
  'alterInvertedIndexes',
  'i',
  'in',
  'c',
  'it',
  'pt',
  'ct',
  'cui',
  'indexId',
  'columns',
  'iim',
  'properties',
  'colToComment',
  'binlog',
  'binlogType',
  'infos',
  'tableProperties',
  'partitions',
  'newFullSchema',
  'indexIdToSchemaVersion',
  'db',
  'tb',
  'ind',
  'p',
  'nT',
  'oP',
  'sqlMode',
  'isForce',
  'rollUpIndexName',
  'ROLLUPINDEXNAME',
  'isView',
  'tableName',
  '__proto__',
  'constructor',
];

const { jsonText } = fc.letrec<{ jsonText: string; objectText: string; arrayText: string }>((tie) => ({
  jsonText: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    fc.json({ maxDepth: 2 }),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
    fc.constantFrom('1.5', '-0', '1e400', '""', '"\\ud800"'),
    tie('objectText'),
    tie('arrayText'),
  ),
  objectText: fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom(...KNOWN_MEMBERS), fc.string({ maxLength: 6 })), tie('jsonText')),
      {
        maxLength: 6,
      },
    )
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  arrayText: fc.array(tie('jsonText'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
}));

const garbage = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        '"',
        ':',
        ',',
        '1',
        '-',
        'e',
        '.',
        'true',
        'null',
        '\\',
        'u',
        ' ',
        '"dbId"',
      ),
      {
        maxLength: 30,
      },
    )
    .map((parts) => parts.join('')),
);

const anyType = fc.oneof(fc.integer({ min: -3, max: 30 }), fc.constantFrom(...Object.values(BinlogType)));

/** Runs a parse and checks the only possible outcomes: a record of the right kind or a BinlogRecordError. */
function parseOrTypedError(type: number, text: string, commitSeq: bigint): void {
  try {
    const record = parseBinlogPayload(type, text, commitSeq);
    const name = binlogTypeName(type);
    assert.ok(name !== undefined, `type ${type} should have been rejected`);
    assert.equal(record.kind, BinlogRecordKind[name]);
  } catch (error) {
    if (!(error instanceof BinlogRecordError)) throw error;
    assert.equal(error.commitSeq, commitSeq);
    assert.ok(error.message.includes(`commit seq ${commitSeq}`));
    // the catch-all for reader bugs must never be what produced the error
    assert.ok(!error.reason.includes('unexpected error'), error.reason);
  }
}

describe('property: parsing never throws anything but BinlogRecordError', () => {
  it('for arbitrary JSON-ish text of every type', () => {
    fc.assert(
      fc.property(
        anyType,
        fc.oneof(jsonText, garbage),
        fc.bigInt({ min: -1n, max: 2n ** 63n }),
        (type, text, seq) => parseOrTypedError(type, text, seq),
      ),
      { numRuns: 3000 },
    );
  });

  it('for arbitrary objects wrapped in a barrier', () => {
    fc.assert(
      fc.property(anyType, fc.oneof(jsonText, garbage), (inner, text) => {
        const outer = `{"dbId":1,"tableId":2,"binlogType":${inner},"binlog":${JSON.stringify(text)}}`;
        parseOrTypedError(BinlogType.BARRIER, outer, 77n);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('property: ids round-trip exactly', () => {
  it('every signed 64-bit integer comes back as the same bigint', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (id) => {
        const rec = expectKind(
          parseBinlogPayload(
            BinlogType.UPSERT,
            `{"dbId":${id},"tableRecords":{"${id}":{"indexIds":[${id}]}}}`,
            1n,
          ),
          'upsert',
        );
        assert.equal(rec.dbId, id);
        assert.deepEqual(rec.tableRecords.get(id)?.indexIds, [id]);
      }),
    );
  });

  it('integers outside the signed 64-bit range are rejected', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: 2n ** 63n, max: 2n ** 80n }),
          fc.bigInt({ min: -(2n ** 80n), max: -(2n ** 63n) - 1n }),
        ),
        (id) => {
          assert.throws(
            () => parseBinlogPayload(BinlogType.DROP_TABLE, `{"tableId":${id}}`, 1n),
            BinlogRecordError,
          );
        },
      ),
    );
  });
});

describe('property: unknown members are kept in raw', () => {
  it('for any extra member names and JSON values', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ maxLength: 8 }).map((k) => `x_${k}`),
          fc.json({ maxDepth: 2 }),
        ),
        (extra) => {
          const members = Object.entries(extra).map(([k, v]) => `${JSON.stringify(k)}:${v}`);
          const text = `{${[...members, '"dbId":5', '"tableName":"t"'].join(',')}}`;
          const rec = expectKind(parseBinlogPayload(BinlogType.CREATE_TABLE, text, 1n), 'createTable');
          assert.equal(rec.dbId, 5n);
          assert.equal(rec.tableName, 't');
          for (const key of Object.keys(extra)) assert.ok(Object.hasOwn(rec.raw, key), `raw lost ${key}`);
        },
      ),
    );
  });
});

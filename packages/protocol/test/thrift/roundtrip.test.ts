import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as protocol from '../../src/index.js';
import {
  decodeStruct,
  encodeStruct,
  opt,
  type StructDef,
  struct,
  TGetMetaResult,
  TGetSnapshotResult,
  ThriftProtocolError,
  t,
} from '../../src/index.js';
import { arbitraryStruct } from './arbitrary.js';

function isStructDef(value: unknown): value is StructDef {
  return (
    typeof value === 'object' && value !== null && 'ordered' in value && 'byId' in value && 'name' in value
  );
}

const allStructs = Object.entries(protocol as Record<string, unknown>).filter(
  (entry): entry is [string, StructDef] => isStructDef(entry[1]),
);

describe('round trip of every declared struct', () => {
  it('declares the CCR structs', () => {
    const names = allStructs.map(([name]) => name);
    for (const expected of ['TBinlog', 'TGetMetaDBMeta', 'TRestoreSnapshotRequest', 'TIngestBinlogRequest']) {
      assert.ok(names.includes(expected), `${expected} is exported`);
    }
    assert.ok(allStructs.length >= 40, `found ${allStructs.length} structs`);
  });

  for (const [name, def] of allStructs) {
    it(`${name}: decode(encode(v)) equals v`, () => {
      fc.assert(
        fc.property(arbitraryStruct(def), (value) => {
          assert.deepEqual(decodeStruct(def, encodeStruct(def, value)), value);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('forward compatibility', () => {
  // A "newer Doris" version of TGetSnapshotResult with extra fields of every shape.
  const NewerSnapshotResult = struct('TGetSnapshotResult', {
    ...TGetSnapshotResult.fields,
    extra_struct: opt(40, t.struct(TGetMetaResult)),
    extra_list: opt(41, t.list(t.list(t.string))),
    extra_map: opt(42, t.map(t.i64, t.struct(TGetSnapshotResult))),
    extra_bool: opt(43, t.bool),
    extra_double: opt(44, t.double),
  });

  it('skips fields it does not know and keeps the ones it does', () => {
    const value = {
      status: { status_code: 0 },
      commit_seq: 9223372036854775807n,
      compressed: true,
      extra_struct: { status: { status_code: 3, error_msgs: ['x'] } },
      extra_list: [['a', 'b'], []],
      extra_map: new Map([[1n, { commit_seq: 5n }]]),
      extra_bool: true,
      extra_double: 1.5,
      expiredAt: -1n,
    };
    const decoded = decodeStruct(TGetSnapshotResult, encodeStruct(NewerSnapshotResult, value));
    assert.deepEqual(decoded, {
      status: { status_code: 0 },
      commit_seq: 9223372036854775807n,
      compressed: true,
      expiredAt: -1n,
    });
  });

  it('skips a known field id that arrives with a different wire type', () => {
    const Changed = struct('TGetSnapshotResult', { compressed: opt(5, t.string), commit_seq: opt(7, t.i64) });
    const decoded = decodeStruct(
      TGetSnapshotResult,
      encodeStruct(Changed, { compressed: 'yes', commit_seq: 3n }),
    );
    assert.deepEqual(decoded, { commit_seq: 3n });
  });
});

describe('errors', () => {
  it('rejects a missing required field on decode', () => {
    assert.throws(() => decodeStruct(TGetMetaResult, Buffer.from([0])), {
      name: 'ThriftProtocolError',
      message: /required field 'status' was not present in struct TGetMetaResult/,
    });
  });

  it('rejects truncated bytes', () => {
    const bytes = encodeStruct(TGetSnapshotResult, {
      status: { status_code: 0 },
      meta: Buffer.alloc(100, 1),
    });
    assert.throws(() => decodeStruct(TGetSnapshotResult, bytes.subarray(0, 50)), ThriftProtocolError);
  });

  it('rejects values that do not fit their field when encoding', () => {
    assert.throws(
      () => encodeStruct(TGetSnapshotResult, { commit_seq: 1 as unknown as bigint }),
      /TGetSnapshotResult.commit_seq must be an i64 bigint/,
    );
    assert.throws(() => encodeStruct(TGetSnapshotResult, { commit_seq: 1n << 63n }), ThriftProtocolError);
    assert.throws(() => encodeStruct(TGetMetaResult, {} as never), /required field 'status'/);
  });

  it('never throws anything but ThriftProtocolError on garbage input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeStruct(TGetMetaResult, bytes);
        } catch (error) {
          assert.ok(error instanceof ThriftProtocolError, String(error));
        }
      }),
      { numRuns: 500 },
    );
  });
});

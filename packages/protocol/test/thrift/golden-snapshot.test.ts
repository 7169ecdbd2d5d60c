// Golden bytes of the full sync's RPCs — getSnapshot, getMasterToken, restoreSnapshot — written by hand
// from shared/doris/fe-thrift.md §6.6–6.8 and §2 (TBinaryProtocol: field header = type byte + i16 id;
// 08 i32, 0a i64, 0b string/binary with an i32 length, 02 bool, 0c struct ending in 00, 0f list = element
// type + i32 count, 0d map = key type + value type + i32 count).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeStruct,
  SnapshotType,
  StatusCode,
  TGetMasterTokenRequest,
  TGetMasterTokenResult,
  TGetSnapshotRequest,
  TGetSnapshotResult,
  TRestoreSnapshotRequest,
  TRestoreSnapshotResult,
} from '../../src/index.js';
import { assertGolden } from './golden-assert.js';
import { hex } from './hex.js';

const ROOT = '0b 0002 00000004 726f6f74'; // (2: user = "root")
const NO_PASSWORD = '0b 0003 00000000'; // (3: passwd = "")
const SALES = '0b 0004 00000005 73616c6573'; // (4: db = "sales")
const ORDERS = '0b 0005 00000006 6f7264657273'; // (5: table = "orders")

describe('golden bytes: getSnapshot', () => {
  it('encodes and decodes the request as the syncer sends it', () => {
    const request = {
      user: 'root',
      passwd: '',
      db: 'sales',
      table: 'orders',
      label_name: 'ccrs_orders_1',
      snapshot_name: '',
      snapshot_type: SnapshotType.LOCAL,
      enable_compress: true,
    };
    const bytes = hex(
      ROOT,
      NO_PASSWORD,
      SALES,
      ORDERS,
      '0b 0007 0000000d 636372735f6f72646572735f31', // (7: label_name = "ccrs_orders_1")
      '0b 0008 00000000', // (8: snapshot_name = "", must be present)
      '08 0009 00000001', // (9: snapshot_type = LOCAL)
      '02 000a 01', // (10: enable_compress = true)
      '00',
    );
    assertGolden(TGetSnapshotRequest, request, bytes);
  });

  it('encodes and decodes a result with both blobs, expiry and commit seq', () => {
    const result = {
      status: { status_code: StatusCode.OK },
      meta: Buffer.from([0x01, 0x02, 0xff]),
      job_info: Buffer.from('{}'),
      compressed: false,
      expiredAt: 1719990000456n,
      commit_seq: 58120n,
    };
    const bytes = hex(
      '0c 0001 | 08 0001 00000000 | 00', // (1: status OK)
      '0b 0002 00000003 0102ff', // (2: meta, binary)
      '0b 0003 00000002 7b7d', // (3: job_info = "{}", binary)
      '02 0005 00', // (5: compressed = false)
      '0a 0006 0000019077649b48', // (6: expiredAt = 1719990000456)
      '0a 0007 000000000000e308', // (7: commit_seq = 58120)
      '00',
    );
    assertGolden(TGetSnapshotResult, result, bytes);
  });

  it('decodes SNAPSHOT_EXPIRED', () => {
    const bytes = hex('0c 0001 | 08 0001 0000004b | 00', '00'); // (status_code = 75)
    assert.deepEqual(decodeStruct(TGetSnapshotResult, bytes), {
      status: { status_code: StatusCode.SNAPSHOT_EXPIRED },
    });
  });
});

describe('golden bytes: getMasterToken', () => {
  it('encodes and decodes the request (its password field is `password`)', () => {
    const request = { cluster: '', user: 'root', password: 'pw' };
    const bytes = hex(
      '0b 0001 00000000', // (1: cluster = "")
      '0b 0002 00000004 726f6f74', // (2: user)
      '0b 0003 00000002 7077', // (3: password = "pw")
      '00',
    );
    assertGolden(TGetMasterTokenRequest, request, bytes);
  });

  it('encodes and decodes the token and NOT_AUTHORIZED', () => {
    assertGolden(
      TGetMasterTokenResult,
      { status: { status_code: StatusCode.OK }, token: 'tok-1' },
      hex('0c 0001 | 08 0001 00000000 | 00', '0b 0002 00000005 746f6b2d31', '00'), // (2: token)
    );
    assertGolden(
      TGetMasterTokenResult,
      { status: { status_code: StatusCode.NOT_AUTHORIZED } },
      hex('0c 0001 | 08 0001 00000026 | 00', '00'), // (status_code = 38)
    );
  });
});

describe('golden bytes: restoreSnapshot', () => {
  it('encodes and decodes a request with an alias, properties, both blobs and the three flags', () => {
    const request = {
      user: 'root',
      passwd: '',
      db: 'sales',
      table: 'orders',
      label_name: 'snap_r_1',
      repo_name: '__keep_on_local__',
      table_refs: [{ table: 'orders', alias_name: '__ccr_orders_1' }],
      properties: new Map([['reserve_replica', 'true']]),
      meta: Buffer.from([0x01]),
      job_info: Buffer.from('{}'),
      clean_tables: false,
      clean_partitions: false,
      atomic_restore: true,
      compressed: false,
    };
    const bytes = hex(
      ROOT,
      NO_PASSWORD,
      SALES,
      ORDERS,
      '0b 0007 00000008 736e61705f725f31', // (7: label_name = "snap_r_1")
      '0b 0008 00000011 5f5f6b6565705f6f6e5f6c6f63616c5f5f', // (8: repo_name = "__keep_on_local__")
      '0f 0009 0c 00000001', // (9: table_refs, 1 struct)
      '0b 0001 00000006 6f7264657273', // (table = "orders")
      '0b 0003 0000000e 5f5f6363725f6f72646572735f31', // (3, not 2: alias_name = "__ccr_orders_1")
      '00',
      '0d 000a 0b 0b 00000001', // (10: properties, map<string,string> of 1)
      '0000000f 726573657276655f7265706c696361 | 00000004 74727565', // ("reserve_replica" → "true")
      '0b 000b 00000001 01', // (11: meta)
      '0b 000c 00000002 7b7d', // (12: job_info)
      '02 000d 00', // (13: clean_tables = false)
      '02 000e 00', // (14: clean_partitions = false)
      '02 000f 01', // (15: atomic_restore = true)
      '02 0010 00', // (16: compressed = false)
      '00',
    );
    assertGolden(TRestoreSnapshotRequest, request, bytes);
  });

  it('encodes and decodes NOT_MASTER with the master address at field 2', () => {
    const result = {
      status: { status_code: StatusCode.NOT_MASTER, error_msgs: ['FE is not master'] },
      master_address: { hostname: '10.0.0.2', port: 9020 },
    };
    const bytes = hex(
      '0c 0001 | 08 0001 00000049', // (1: status, status_code = 73)
      '0f 0002 0b 00000001 00000010 4645206973206e6f74206d6173746572 | 00', // (error_msgs)
      '0c 0002 | 0b 0001 00000008 31302e302e302e32 | 08 0002 0000233c | 00', // (2: master_address)
      '00',
    );
    assertGolden(TRestoreSnapshotResult, result, bytes);
  });
});

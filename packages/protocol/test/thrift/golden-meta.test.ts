// Golden bytes of the layout RPCs the syncer plans ingestion with — getMeta (a request by ids, a result
// down to one replica, with the dropped-object lists and a drop map) and getBackendMeta — written by hand
// from shared/doris/fe-thrift.md §6.9–6.10 and §2.6 (field header = type byte + i16 id; i32/i64 big-endian;
// strings with an i32 length; lists = element type + i32 count; maps = key and value types + i32 count).
import { describe, it } from 'node:test';
import {
  StatusCode,
  TGetBackendMetaRequest,
  TGetBackendMetaResult,
  TGetMetaRequest,
  TGetMetaResult,
} from '../../src/index.js';
import { assertGolden } from './golden-assert.js';
import { hex } from './hex.js';

describe('golden bytes: getMeta', () => {
  it('encodes and decodes a request for one table of a database, both by id', () => {
    const request = { user: 'root', passwd: '', db: { id: 21001n, tables: [{ id: 21040n }] } };
    const bytes = hex(
      '0b 0002 00000004 726f6f74', // (2: user)
      '0b 0003 00000000', // (3: passwd)
      '0c 0006', // (6: db, a TGetMetaDB struct — not a string as in the other requests)
      '0a 0001 0000000000005209', // (id = 21001)
      '0f 0004 0c 00000001 | 0a 0001 0000000000005230 | 00', // (4: tables = [{ id = 21040 }])
      '00',
      '00',
    );
    assertGolden(TGetMetaRequest, request, bytes);
  });

  it('encodes and decodes a result down to a replica, with dropped ids and a drop map', () => {
    const result = {
      status: { status_code: StatusCode.OK },
      db_meta: {
        id: 21001n,
        name: 'sales',
        tables: [
          {
            id: 21040n,
            name: 'orders',
            partitions: [
              {
                id: 21050n,
                name: 'p1',
                range: '[0, 100)',
                visible_version: 3n,
                indexes: [
                  {
                    id: 21041n,
                    name: 'orders',
                    tablets: [{ id: 21060n, replicas: [{ id: 21061n, backend_id: 10001n, version: 3n }] }],
                  },
                ],
              },
            ],
          },
        ],
        dropped_partitions: [21051n],
        dropped_tables: [],
        dropped_indexes: [21042n],
        dropped_partition_map: new Map([[21051n, 58000n]]),
      },
    };
    const bytes = hex(
      '0c 0001 | 08 0001 00000000 | 00', // (1: status OK)
      '0c 0002', // (2: db_meta)
      '0a 0001 0000000000005209', // (id = 21001)
      '0b 0002 00000005 73616c6573', // (name = "sales")
      '0f 0003 0c 00000001', // (3: tables, 1 struct)
      '0a 0001 0000000000005230', // (id = 21040)
      '0b 0002 00000006 6f7264657273', // (name = "orders")
      '0f 0004 0c 00000001', // (4: partitions, 1 struct)
      '0a 0001 000000000000523a', // (id = 21050)
      '0b 0002 00000002 7031', // (name = "p1")
      '0b 0004 00000008 5b302c2031303029', // (4: range = "[0, 100)")
      '0a 0005 0000000000000003', // (5: visible_version = 3)
      '0f 0007 0c 00000001', // (7: indexes, 1 struct)
      '0a 0001 0000000000005231', // (id = 21041)
      '0b 0002 00000006 6f7264657273', // (name = "orders": the base index)
      '0f 0003 0c 00000001', // (3: tablets, 1 struct)
      '0a 0001 0000000000005244', // (id = 21060)
      '0f 0002 0c 00000001', // (2: replicas, 1 struct)
      '0a 0001 0000000000005245', // (id = 21061)
      '0a 0002 0000000000002711', // (backend_id = 10001)
      '0a 0003 0000000000000003', // (version = 3)
      '00 | 00 | 00 | 00 | 00', // (end of replica, tablet, index, partition, table)
      '0f 0004 0a 00000001 000000000000523b', // (4: dropped_partitions = [21051])
      '0f 0005 0a 00000000', // (5: dropped_tables = [])
      '0f 0006 0a 00000001 0000000000005232', // (6: dropped_indexes = [21042])
      '0d 0007 0a 0a 00000001 000000000000523b 000000000000e290', // (7: {21051 → seq 58000})
      '00', // (end of db_meta)
      '00',
    );
    assertGolden(TGetMetaResult, result, bytes);
  });
});

describe('golden bytes: getBackendMeta', () => {
  it('encodes and decodes the request', () => {
    const bytes = hex('0b 0001 00000000', '0b 0002 00000004 726f6f74', '0b 0003 00000000', '00');
    assertGolden(TGetBackendMetaRequest, { cluster: '', user: 'root', passwd: '' }, bytes);
  });

  it('encodes and decodes a result with one backend and all six TBackend fields', () => {
    const result = {
      status: { status_code: StatusCode.OK },
      backends: [
        { host: '127.0.0.1', be_port: 9060, http_port: 8040, brpc_port: 8060, is_alive: true, id: 10001n },
      ],
    };
    const bytes = hex(
      '0c 0001 | 08 0001 00000000 | 00', // (1: status OK)
      '0f 0002 0c 00000001', // (2: backends, 1 struct)
      '0b 0001 00000009 3132372e302e302e31', // (host = "127.0.0.1")
      '08 0002 00002364', // (be_port = 9060)
      '08 0003 00001f68', // (http_port = 8040)
      '08 0004 00001f7c', // (brpc_port = 8060)
      '02 0005 01', // (is_alive = true)
      '0a 0006 0000000000002711', // (id = 10001, an i64)
      '00',
      '00',
    );
    assertGolden(TGetBackendMetaResult, result, bytes);
  });
});

// Byte-level golden vectors. Every vector below was written by hand from the field tables in
// shared/doris/fe-thrift.md and be-ingest.md (TBinaryProtocol: field header = type byte + i16 id; i32/i64
// big-endian; string = i32 length + UTF-8; list = elem type byte + i32 count; struct ends with 00).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BackendService,
  decodeStruct,
  encodeMessage,
  FrontendService,
  MessageType,
  StatusCode,
  TBeginTxnRequest,
  TBeginTxnResult,
  TCommitTxnRequest,
  TCommitTxnResult,
  TGetBinlogRequest,
  TGetBinlogResult,
  TIngestBinlogRequest,
  TIngestBinlogResult,
} from '../../src/index.js';
import { assertGolden } from './golden-assert.js';
import { hex } from './hex.js';

describe('golden bytes: getBinlog', () => {
  const request = {
    user: 'root',
    passwd: '',
    db: 'sales',
    table_id: 9007199254740993n,
    prev_commit_seq: 58120n,
  };
  const requestBytes = hex(
    '0b 0002 00000004 726f6f74', // (2: user = "root")
    '0b 0003 00000000', // (3: passwd = "")
    '0b 0004 00000005 73616c6573', // (4: db = "sales")
    '0a 0006 0020000000000001', // (6: table_id = 2^53 + 1)
    '0a 0009 000000000000e308', // (9: prev_commit_seq = 58120)
    '00',
  );

  it('encodes and decodes the request', () => {
    assertGolden(TGetBinlogRequest, request, requestBytes);
  });

  it('frames the request as a strict CALL message with the argument at field 1', () => {
    const method = FrontendService.methods.getBinlog;
    const message = encodeMessage({ name: 'getBinlog', type: MessageType.CALL, seqid: 7 }, method.args, {
      request,
    });
    const expected = hex(
      '80010001', // (version 1 | CALL)
      '00000009 67657442696e6c6f67', // ("getBinlog")
      '00000007', // (seqid)
      '0c 0001', // (args field 1: struct)
      requestBytes.toString('hex'),
      '00', // (end of args)
    );
    assert.equal(message.toString('hex'), expected.toString('hex'));
  });

  it('encodes and decodes a result with one UPSERT binlog', () => {
    const result = {
      status: { status_code: StatusCode.OK },
      binlogs: [
        {
          commit_seq: 58121n,
          timestamp: 1719990000456n,
          type: 0,
          db_id: 21001n,
          table_ids: [21040n],
          data: '{}',
        },
      ],
    };
    const bytes = hex(
      '0c 0001 | 08 0001 00000000 | 00', // (1: status { status_code = OK })
      '0f 0003 | 0c 00000001', // (3: binlogs: list of 1 struct)
      '0a 0001 000000000000e309', // (commit_seq = 58121)
      '0a 0002 0000019077649b48', // (timestamp = 1719990000456)
      '08 0003 00000000', // (type = UPSERT)
      '0a 0004 0000000000005209', // (db_id = 21001)
      '0f 0005 0a 00000001 0000000000005230', // (table_ids = [21040])
      '0b 0006 00000002 7b7d', // (data = "{}")
      '00', // (end of TBinlog)
      '00', // (end of result)
    );
    assertGolden(TGetBinlogResult, result, bytes);
  });

  it('decodes BINLOG_TOO_NEW_COMMIT_SEQ without binlogs', () => {
    const bytes = hex('0c 0001 | 08 0001 0000003e | 00', '00');
    assert.deepEqual(decodeStruct(TGetBinlogResult, bytes), {
      status: { status_code: StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ },
    });
  });
});

describe('golden bytes: beginTxn', () => {
  it('encodes and decodes the request', () => {
    const request = {
      user: 'root',
      passwd: '',
      db: 'sales',
      table_ids: [21040n],
      label: 'ccrj-1:58120',
      timeout: 3600n,
    };
    const bytes = hex(
      '0b 0002 00000004 726f6f74', // (2: user)
      '0b 0003 00000000', // (3: passwd)
      '0b 0004 00000005 73616c6573', // (4: db)
      '0f 0005 0a 00000001 0000000000005230', // (5: table_ids = [21040])
      '0b 0007 0000000c 6363726a2d313a3538313230', // (7: label = "ccrj-1:58120")
      '0a 0009 0000000000000e10', // (9: timeout = 3600)
      '00',
    );
    assertGolden(TBeginTxnRequest, request, bytes);
  });

  it('encodes and decodes OK and NOT_MASTER results', () => {
    const ok = { status: { status_code: StatusCode.OK }, txn_id: 7301n, db_id: 21001n };
    assertGolden(
      TBeginTxnResult,
      ok,
      hex(
        '0c 0001 | 08 0001 00000000 | 00', // (1: status OK)
        '0a 0002 0000000000001c85', // (2: txn_id = 7301)
        '0a 0004 0000000000005209', // (4: db_id = 21001)
        '00',
      ),
    );
    const notMaster = {
      status: { status_code: StatusCode.NOT_MASTER, error_msgs: ['FE is not master'] },
      master_address: { hostname: '10.0.0.2', port: 9020 },
    };
    assertGolden(
      TBeginTxnResult,
      notMaster,
      hex(
        '0c 0001', // (1: status)
        '08 0001 00000049', // (status_code = 73)
        '0f 0002 0b 00000001 00000010 4645206973206e6f74206d6173746572', // (error_msgs)
        '00',
        '0c 0005', // (5: master_address)
        '0b 0001 00000008 31302e302e302e32', // (hostname = "10.0.0.2")
        '08 0002 0000233c', // (port = 9020)
        '00',
        '00',
      ),
    );
  });
});

describe('golden bytes: commitTxn', () => {
  it('encodes and decodes the request with commit infos', () => {
    const request = {
      user: 'root',
      passwd: '',
      db: 'sales',
      txn_id: 7301n,
      commit_infos: [{ tabletId: 21060n, backendId: 10001n }],
      thrift_rpc_timeout_ms: 5000n,
    };
    const bytes = hex(
      '0b 0002 00000004 726f6f74',
      '0b 0003 00000000',
      '0b 0004 00000005 73616c6573',
      '0a 0006 0000000000001c85', // (6: txn_id)
      '0f 0007 0c 00000001', // (7: commit_infos, 1 struct)
      '0a 0001 0000000000005244', // (tabletId = 21060)
      '0a 0002 0000000000002711', // (backendId = 10001)
      '00',
      '0a 000a 0000000000001388', // (10: thrift_rpc_timeout_ms = 5000)
      '00',
    );
    assertGolden(TCommitTxnRequest, request, bytes);
  });

  it('encodes and decodes PUBLISH_TIMEOUT', () => {
    const result = { status: { status_code: StatusCode.PUBLISH_TIMEOUT, error_msgs: [] } };
    assertGolden(
      TCommitTxnResult,
      result,
      hex('0c 0001 | 08 0001 0000000e | 0f 0002 0b 00000000 | 00', '00'),
    );
  });
});

describe('golden bytes: ingest_binlog', () => {
  it('encodes and decodes the request with all eight fields', () => {
    const request = {
      txn_id: 7301n,
      remote_tablet_id: 21060n,
      binlog_version: 12n,
      remote_host: '127.0.0.1',
      remote_port: '8040',
      partition_id: 10100n,
      local_tablet_id: 9007199254740993n,
      load_id: { hi: -1n, lo: -1n },
    };
    const bytes = hex(
      '0a 0001 0000000000001c85', // (1: txn_id)
      '0a 0002 0000000000005244', // (2: remote_tablet_id)
      '0a 0003 000000000000000c', // (3: binlog_version = 12)
      '0b 0004 00000009 3132372e302e302e31', // (4: remote_host)
      '0b 0005 00000004 38303430', // (5: remote_port = "8040", a string)
      '0a 0006 0000000000002774', // (6: partition_id = 10100)
      '0a 0007 0020000000000001', // (7: local_tablet_id = 2^53 + 1)
      '0c 0008 | 0a 0001 ffffffffffffffff | 0a 0002 ffffffffffffffff | 00', // (8: load_id = {-1, -1})
      '00',
    );
    assertGolden(TIngestBinlogRequest, request, bytes);
  });

  it('frames the argument under the name ingest_binlog_request at field 1', () => {
    const method = BackendService.methods.ingest_binlog;
    assert.equal(method.args.byId.get(1)?.name, 'ingest_binlog_request');
  });

  it('encodes and decodes the result', () => {
    const result = {
      status: { status_code: StatusCode.TABLET_MISSING, error_msgs: ['tablet 5 not found'] },
      is_async: false,
    };
    const bytes = hex(
      '0c 0001 | 08 0001 00000048', // (status_code = 72)
      '0f 0002 0b 00000001 00000012', // (error_msgs: 1 string of 18 bytes)
      Buffer.from('tablet 5 not found').toString('hex'),
      '00',
      '02 0002 00', // (2: is_async = false)
      '00',
    );
    assertGolden(TIngestBinlogResult, result, bytes);
  });
});

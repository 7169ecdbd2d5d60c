// Golden bytes of getBinlogLag, lockBinlog and rollbackTxn, written by hand from shared/doris/fe-thrift.md
// §6.3, §6.5 and §6.11 (field header = type byte + i16 id; i32/i64 big-endian; strings with an i32 length),
// and of a REPLY message: the result travels at field 0 of the reply struct.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createReader,
  FrontendService,
  MessageType,
  readMessageBody,
  readMessageHeader,
  StatusCode,
  TGetBinlogLagRequest,
  TGetBinlogLagResult,
  TLockBinlogRequest,
  TLockBinlogResult,
  TRollbackTxnRequest,
  TRollbackTxnResult,
} from '../../src/index.js';
import { assertGolden } from './golden-assert.js';
import { hex } from './hex.js';

const ROOT = '0b 0002 00000004 726f6f74'; // (2: user = "root")
const NO_PASSWORD = '0b 0003 00000000'; // (3: passwd = "")
const SALES = '0b 0004 00000005 73616c6573'; // (4: db = "sales")
const ORDERS = '0b 0005 00000006 6f7264657273'; // (5: table = "orders")

describe('golden bytes: getBinlogLag', () => {
  it('encodes and decodes the request, table_id set even when still 0', () => {
    const request = {
      user: 'root',
      passwd: '',
      db: 'sales',
      table: 'orders',
      table_id: 0n,
      prev_commit_seq: 58120n,
    };
    const bytes = hex(
      ROOT,
      NO_PASSWORD,
      SALES,
      ORDERS,
      '0a 0006 0000000000000000', // (6: table_id = 0)
      '0a 0009 000000000000e308', // (9: prev_commit_seq = 58120)
      '00',
    );
    assertGolden(TGetBinlogLagRequest, request, bytes);
  });

  it('encodes and decodes a result with the Jan-2025 positions, a timestamp of −1 included', () => {
    const result = {
      status: { status_code: StatusCode.OK },
      lag: 3n,
      first_commit_seq: 100n,
      last_commit_seq: 58123n,
      first_binlog_timestamp: -1n,
      last_binlog_timestamp: 1719990000456n,
    };
    const bytes = hex(
      '0c 0001 | 08 0001 00000000 | 00', // (1: status OK)
      '0a 0002 0000000000000003', // (2: lag = 3)
      '0a 0004 0000000000000064', // (4: first_commit_seq = 100)
      '0a 0005 000000000000e30b', // (5: last_commit_seq = 58123)
      '0a 0006 ffffffffffffffff', // (6: first_binlog_timestamp = -1)
      '0a 0007 0000019077649b48', // (7: last_binlog_timestamp = 1719990000456)
      '00',
    );
    assertGolden(TGetBinlogLagResult, result, bytes);
  });
});

describe('golden bytes: lockBinlog', () => {
  it('encodes and decodes the request and the result', () => {
    const request = {
      user: 'root',
      passwd: '',
      db: 'sales',
      table: 'orders',
      table_id: 21040n,
      job_unique_id: 'job-1',
      lock_commit_seq: 58120n,
    };
    assertGolden(
      TLockBinlogRequest,
      request,
      hex(
        ROOT,
        NO_PASSWORD,
        SALES,
        ORDERS,
        '0a 0006 0000000000005230', // (6: table_id = 21040)
        '0b 0008 00000005 6a6f622d31', // (8: job_unique_id = "job-1"; 7 is token)
        '0a 0009 000000000000e308', // (9: lock_commit_seq = 58120)
        '00',
      ),
    );
    assertGolden(
      TLockBinlogResult,
      { status: { status_code: StatusCode.OK }, locked_commit_seq: 58120n },
      hex('0c 0001 | 08 0001 00000000 | 00', '0a 0002 000000000000e308', '00'),
    );
  });
});

describe('golden bytes: rollbackTxn', () => {
  it('encodes and decodes the request with its reason', () => {
    const request = { user: 'root', passwd: '', db: 'sales', txn_id: 7301n, reason: 'syncer restarted' };
    const bytes = hex(
      ROOT,
      NO_PASSWORD,
      SALES,
      '0a 0006 0000000000001c85', // (6: txn_id = 7301)
      '0b 0007 00000010 73796e63657220726573746172746564', // (7: reason = "syncer restarted")
      '00',
    );
    assertGolden(TRollbackTxnRequest, request, bytes);
  });

  it('encodes and decodes "transaction [id] not found"', () => {
    const message = 'transaction [7301] not found';
    const result = { status: { status_code: StatusCode.ANALYSIS_ERROR, error_msgs: [message] } };
    const bytes = hex(
      '0c 0001 | 08 0001 00000002', // (status_code = ANALYSIS_ERROR)
      '0f 0002 0b 00000001 0000001c', // (error_msgs: 1 string of 28 bytes)
      Buffer.from(message).toString('hex'),
      '00',
      '00',
    );
    assertGolden(TRollbackTxnResult, result, bytes);
  });
});

describe('golden bytes: a REPLY message', () => {
  it('reads the method result at field 0 of the reply struct', () => {
    const bytes = hex(
      '80010002', // (version 1 | REPLY)
      '0000000b 726f6c6c6261636b54786e', // ("rollbackTxn")
      '00000005', // (seqid)
      '0c 0000', // (field 0: success, a struct)
      '0c 0001 | 08 0001 00000000 | 00', // (status OK)
      '00', // (end of TRollbackTxnResult)
      '00', // (end of the reply struct)
    );
    const input = createReader(bytes);
    assert.deepEqual(readMessageHeader(input), { name: 'rollbackTxn', type: MessageType.REPLY, seqid: 5 });
    const reply = readMessageBody<{ success?: object }>(input, FrontendService.methods.rollbackTxn.reply);
    assert.deepEqual(reply, { success: { status: { status_code: StatusCode.OK } } });
  });
});

// Byte-level vectors for the response packets and the binary protocol, written by hand from the MySQL
// protocol documentation (OK_Packet, EOF_Packet, ERR_Packet, COM_STMT_PREPARE_OK, Binary Protocol Resultset
// Row, COM_STMT_EXECUTE) and from what Doris's MysqlOkPacket / MysqlErrPacket / MysqlEofPacket write.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { binaryRowPayload } from '../../src/fe/mysql/binary-row.js';
import { decodeExecute } from '../../src/fe/mysql/execute-params.js';
import {
  eofPayload,
  errPayload,
  okPayload,
  resultSetEndPayload,
  stmtPrepareOkPayload,
} from '../../src/fe/mysql/packets.js';
import type { ResultColumn } from '../../src/fe/mysql/session-types.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ascii = (s: string) => Buffer.from(s, 'utf8').toString('hex');

describe('response packets', () => {
  it('OK: header, affected rows, last insert id, status, warnings, then the info as a length-encoded string', () => {
    const info = "{'label':'l'}"; // 13 bytes
    assert.deepEqual(okPayload({ affectedRows: 1, info }), hex(`00 01 00 0200 0000 0d ${ascii(info)}`));
    // The bug the mariadb client reported as "malformed packet": the info must not start right after the
    // warnings, where libmariadb reads its length.
    assert.deepEqual(okPayload({}), hex('00 00 00 0200 0000'));
    assert.deepEqual(okPayload({ affectedRows: 70_000 }), hex('00 fd701101 00 0200 0000'));
    const long = 'x'.repeat(300);
    assert.deepEqual(okPayload({ info: long }), hex(`00 00 00 0200 0000 fc2c01 ${ascii(long)}`));
    assert.deepEqual(okPayload({ status: 0x000a, info: '中' }), hex('00 00 00 0a00 0000 03 e4b8ad'));
  });

  it('OK for a client with CLIENT_DEPRECATE_EOF carries an empty info, as Doris writes it', () => {
    assert.deepEqual(okPayload({ deprecateEof: true }), hex('00 00 00 0200 0000 00'));
    assert.deepEqual(okPayload({ deprecateEof: true, info: 'ab' }), hex('00 00 00 0200 0000 02 6162'));
  });

  it('EOF is five bytes; the end of a result set under CLIENT_DEPRECATE_EOF is an OK with header 0xfe', () => {
    assert.deepEqual(eofPayload(0x0002), hex('fe 0000 0200'));
    assert.deepEqual(eofPayload(0x000a), hex('fe 0000 0a00'));
    assert.deepEqual(resultSetEndPayload(0x0002), hex('fe 00 00 0200 0000 00'));
    assert.ok(resultSetEndPayload(0x0002).length > 5, 'longer than an EOF, so clients tell them apart');
  });

  it('ERR: 0xff, code, # and SQLSTATE, the message to the end; an empty message becomes "Unknown error"', () => {
    const message = 'errCode = 2, detailMessage = x';
    assert.deepEqual(
      errPayload(1105, 'HY000', message),
      hex(`ff 5104 23 ${ascii('HY000')} ${ascii(message)}`),
    );
    assert.deepEqual(
      errPayload(1045, '28000', ''),
      hex(`ff 1504 23 ${ascii('28000')} ${ascii('Unknown error')}`),
    );
    assert.deepEqual(errPayload(1064, 'bad', 'm'), hex(`ff 2804 23 ${ascii('HY000')} 6d`));
  });

  it('COM_STMT_PREPARE_OK: 0x00, statement id, columns, parameters, filler, warnings', () => {
    assert.deepEqual(stmtPrepareOkPayload(1, 2, 3), hex('00 01000000 0200 0300 00 0000'));
  });
});

describe('binary protocol', () => {
  it('encodes a row by the announced column types, NULLs in the bitmap (offset 2)', () => {
    const columns: ResultColumn[] = [
      { name: 'a', kind: 'tinyint' },
      { name: 'b', kind: 'smallint' },
      { name: 'c', kind: 'int' },
      { name: 'd', kind: 'bigint' },
      { name: 'e', kind: 'float' },
      { name: 'f', kind: 'double' },
      { name: 'g', kind: 'decimal' },
      { name: 'h', kind: 'date' },
      { name: 'i', kind: 'datetime' },
      { name: 'j', kind: 'datetime' },
      { name: 'k', kind: 'varchar' },
      { name: 'l', kind: 'largeint' },
      { name: 'm', kind: 'boolean' },
    ];
    const row = [
      '-1',
      '300',
      null,
      '9223372036854775807',
      '1.5',
      '0.1',
      '12.30',
      '2024-02-29',
      '2024-02-29 13:14:15.000123',
      '2024-02-29 00:00:00',
      '中',
      '-170141183460469231731687303715884105728',
      '1',
    ];
    const largeint = '-170141183460469231731687303715884105728'; // 40 characters
    assert.deepEqual(
      binaryRowPayload(columns, row),
      hex(
        [
          '00', // header
          '1000', // 13 columns + 2 → 2 bitmap bytes; column 2 (c) is NULL: bit 4 of the first byte
          'ff', // tinyint -1
          '2c01', // smallint 300
          'ffffffffffffff7f', // bigint 2^63-1
          '0000c03f', // float 1.5
          '9a9999999999b93f', // double 0.1
          `05 ${ascii('12.30')}`, // decimal as a length-encoded string
          '04 e807 02 1d', // date: length 4, year, month, day
          '0b e807 02 1d 0d 0e 0f 7b000000', // datetime with microseconds: length 11
          '04 e807 02 1d', // datetime at midnight: length 4
          '03 e4b8ad', // varchar
          `28 ${ascii(largeint)}`, // largeint as text
          '01', // boolean as tinyint
        ].join(''),
      ),
    );
  });

  it('decodes COM_STMT_EXECUTE parameters of every type, keeping the bound types for the next execution', () => {
    const body = hex(
      [
        '05000000', // statement id 5
        '00', // no cursor
        '01000000', // iteration count
        '2000', // null bitmap for 10 params: param 5 is NULL
        '01', // new params bound
        '0180 0800 0500 fd00 0c00 0600 0a00 f600 0b00 fe00', // tiny unsigned, longlong, double, var_string,
        // datetime, null, date, newdecimal, time, string
        'c8', // 200
        'fbffffffffffffff', // -5
        '0000000000000440', // 2.5
        `04 ${ascii("it's")}`,
        '07 e807 01 02 03 04 05', // 2024-01-02 03:04:05
        '04 e807 01 02', // 2024-01-02
        `04 ${ascii('1.50')}`,
        '08 01 01000000 02 03 04', // -(1 day 02:03:04)
        '06 e4b8ade69687', // 中文
      ].join(''),
    );
    const request = decodeExecute(body, 10, undefined, new Map([[9, Buffer.from('long')]]));
    assert.equal(request.statementId, 5);
    assert.deepEqual(request.params, [
      { kind: 'number', text: '200' },
      { kind: 'number', text: '-5' },
      { kind: 'number', text: '2.5' },
      { kind: 'string', value: "it's" },
      { kind: 'temporal', text: '2024-01-02 03:04:05' },
      null,
      { kind: 'temporal', text: '2024-01-02' },
      { kind: 'number', text: '1.50' },
      { kind: 'temporal', text: '-26:03:04' },
      { kind: 'string', value: 'long' }, // sent as long data: not in the packet
    ]);
    // A later execution without types reuses them.
    const values = '01 0100000000000000 0000000000000000 00 00 00 00 00 00'; // 1, 1, 0.0, '', zero dates…
    const again = decodeExecute(hex(`05000000 00 01000000 0000 00 ${values}`), 10, request.types, new Map());
    assert.equal(again.params[0]?.kind === 'number' && again.params[0].text, '1');
  });

  it('refuses a truncated COM_STMT_EXECUTE with a malformed-packet error instead of reading past its end', () => {
    assert.throws(
      () => decodeExecute(hex('05000000 00 01000000 00 01 0300'), 1, undefined, new Map()),
      (e: Error & { code?: number }) => e.message === 'Malformed communication packet.' && e.code === 1835,
    );
    assert.throws(
      () => decodeExecute(hex('05000000 00 01000000 00 00'), 1, undefined, new Map()),
      /Malformed/,
      'the first execution must bind the parameter types',
    );
  });
});

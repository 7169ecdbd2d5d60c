// Byte-level checks with a raw client: what mysql2's client would let pass but go-sql-driver would not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { ResultSet } from '../../src/fe/mysql/index.js';
import { dorisError } from '../../src/fe/mysql/index.js';
import { eventually, type Fixture, startFixture } from './helpers.js';
import { okStatus, parseColumnDefinition, RawClient, readLengthEncoded } from './raw-client.js';

const MORE_RESULTS = 0x0008;
const AUTOCOMMIT = 0x0002;

describe('wire format', () => {
  let fx: Fixture;
  let raw: RawClient;
  before(async () => {
    fx = await startFixture();
    fx.fe
      .on('select 1', { kind: 'resultSet', columns: [{ name: '1', kind: 'tinyint' }], rows: [['1']] })
      .on('ok', { kind: 'ok', affectedRows: 70000 })
      .on('fail', () => {
        throw dorisError('boom');
      })
      .on('slow', async () => {
        await delay(30);
        return { kind: 'ok', affectedRows: 1 };
      });
    raw = new RawClient();
    await raw.connect(fx.server.port, 'root', '');
  });
  after(async () => {
    raw.close();
    await fx.close();
  });

  it('numbers every answer from 1, whatever came before (checked on every packet read)', async () => {
    for (let i = 0; i < 3; i++) {
      const result = await raw.query('select 1');
      assert.equal(result.length, 5); // column count, definition, EOF, row, EOF
      assert.equal(raw.lastSequenceId, 5);
      const [ok] = await raw.query('ok');
      assert.equal(ok?.[0], 0x00);
      assert.deepEqual(readLengthEncoded(ok ?? Buffer.alloc(0), 1), [70000, 5]);
      assert.equal(raw.lastSequenceId, 1);
      const [err] = await raw.query('fail');
      assert.deepEqual(RawClient.parseError(err), {
        code: 1105,
        sqlState: 'HY000',
        message: 'errCode = 2, detailMessage = boom',
      });
      await raw.command(0x0e, Buffer.alloc(0));
    }
  });

  it('announces column types, collations and UTF-8 names', async () => {
    const kinds = [
      'tinyint',
      'smallint',
      'int',
      'bigint',
      'largeint',
      'float',
      'double',
      'decimal',
      'date',
    ] as const;
    const more = ['datetime', 'boolean', 'varchar', 'json'] as const;
    const resultSet: ResultSet = {
      kind: 'resultSet',
      columns: [...kinds, ...more].map((kind) => ({ name: `列_${kind}`, kind })),
      rows: [],
    };
    fx.fe.on('columns', resultSet);
    const packets = await raw.query('columns');
    const definitions = packets.slice(1, 14).map(parseColumnDefinition);
    assert.deepEqual(
      definitions.map((d) => [d.name, d.type, d.charset]),
      [
        ['列_tinyint', 1, 63],
        ['列_smallint', 2, 63],
        ['列_int', 3, 63],
        ['列_bigint', 8, 63],
        ['列_largeint', 254, 45],
        ['列_float', 4, 63],
        ['列_double', 5, 63],
        ['列_decimal', 246, 63],
        ['列_date', 10, 63],
        ['列_datetime', 12, 63],
        ['列_boolean', 1, 63],
        ['列_varchar', 254, 45],
        ['列_json', 245, 45],
      ],
    );
    // Numbers are flagged binary (mysql2 and go-sql-driver read them as numbers, not text).
    assert.ok(definitions.slice(0, 4).every((d) => d.flags & 0x80));
    assert.equal(packets.length, 16); // count, 13 definitions, EOF, final EOF (no rows)
  });

  it('chains multi-statement results with SERVER_MORE_RESULTS_EXISTS and ends with the failure', async () => {
    const packets = await raw.query('select 1; ok; fail; select 1');
    // select 1: count, definition, EOF, row, EOF (more) | ok (more) | ERR
    assert.equal(packets.length, 7);
    const [count, , columnsEof, row, rowsEof, ok, err] = packets;
    assert.equal(count?.[0], 1);
    assert.equal(columnsEof?.readUInt16LE(3), AUTOCOMMIT | MORE_RESULTS);
    assert.deepEqual(row, Buffer.from([1, 0x31]));
    assert.equal(rowsEof?.readUInt16LE(3), AUTOCOMMIT | MORE_RESULTS);
    assert.equal(okStatus(ok ?? Buffer.alloc(0)), AUTOCOMMIT | MORE_RESULTS);
    assert.equal(RawClient.parseError(err).message, 'errCode = 2, detailMessage = boom');
    assert.equal(raw.lastSequenceId, 7);

    const last = await raw.query('ok; select 1');
    assert.equal(okStatus(last[0] ?? Buffer.alloc(0)), AUTOCOMMIT | MORE_RESULTS);
    assert.equal(last.at(-1)?.readUInt16LE(3), AUTOCOMMIT);
  });

  it('answers pipelined commands one at a time, in order', async () => {
    // Three commands sent at once; the first takes a while. Each answer must come whole and in turn.
    raw.sendPacket(Buffer.from('\x03slow'), 0);
    raw.sendPacket(Buffer.from('\x03select 1'), 0);
    raw.sendPacket(Buffer.from('\x0e'), 0);
    const first = await raw.readAnswer();
    assert.deepEqual(readLengthEncoded(first[0] ?? Buffer.alloc(0), 1)[0], 1);
    const second = await raw.readAnswer();
    assert.equal(second.length, 5);
    const third = await raw.readAnswer();
    assert.equal(third[0]?.[0], 0x00);
  });

  it('answers every command of the command phase without hanging, in order', async () => {
    // A statement id never prepared: Doris's ERR_UNKNOWN_COM_ERROR with its own text.
    const executeBody = Buffer.alloc(9);
    executeBody.writeUInt32LE(7, 0);
    const [execute] = await raw.command(0x17, executeBody);
    assert.deepEqual(RawClient.parseError(execute), {
      code: 1047,
      sqlState: '08S01',
      message: 'msg: Not supported such prepared statement',
    });
    // COM_STMT_CLOSE has no answer: the next answer is the ping's, numbered from 1.
    raw.sendPacket(Buffer.from([0x19, 7, 0, 0, 0]), 0);
    const [pong] = await raw.command(0x0e, Buffer.alloc(0));
    assert.equal(pong?.[0], 0x00);
    // COM_STATISTICS: one bare string, no OK header.
    raw.sendPacket(Buffer.from([0x09]), 0);
    const statistics = await raw.readPacket();
    assert.match(
      statistics.toString(),
      /^Uptime: \d+ {2}Threads: \d+ {2}Questions: \d+ {2}.*Queries per second avg: [\d.]+$/,
    );
    const [fetch] = await raw.command(0x1c, executeBody);
    assert.equal(RawClient.parseError(fetch).code, 1047);
    const [setOption] = await raw.command(0x1b, Buffer.from([0, 0]));
    assert.equal(setOption?.[0], 0xfe);
    const [after] = await raw.query('select 1');
    assert.equal(after?.[0], 1);
  });

  it("lists a table's fields for COM_FIELD_LIST: definitions with origin and default, then EOF", async () => {
    fx.fe.tables.set('t', [
      { name: 'k', kind: 'int', defaultValue: null },
      { name: '名前', kind: 'varchar', defaultValue: 'x' },
    ]);
    const client = new RawClient();
    await client.connect(fx.server.port, 'root', '', 'db1');
    client.sendPacket(Buffer.from('\x04t\0'), 0);
    const packets = [await client.readPacket(), await client.readPacket(), await client.readPacket()];
    const [k, name, eof] = packets;
    assert.deepEqual(
      [k, name].map((p) => parseColumnDefinition(p ?? Buffer.alloc(0))).map((d) => [d.name, d.type]),
      [
        ['k', 3],
        ['名前', 254],
      ],
    );
    // schema and table are named; the default value follows the fixed fields (empty when there is none)
    assert.ok(k?.includes(Buffer.from('\x03db1\x01t\x01t')));
    assert.equal(k?.at(-1), 0x00);
    assert.deepEqual(name?.subarray(-2), Buffer.from('\x01x'));
    assert.deepEqual(eof, Buffer.from([0xfe, 0, 0, 2, 0]));
    const [unknown] = await client.command(0x04, Buffer.from('nope\0'));
    assert.equal(RawClient.parseError(unknown).message, "Unknown table 'nope'");
    client.close();
  });

  it('resets the session and forgets its prepared statements on COM_RESET_CONNECTION', async () => {
    const client = new RawClient();
    await client.connect(fx.server.port, 'root', '');
    const session = fx.fe.opened.at(-1);
    client.sendPacket(Buffer.from('\x16select 1'), 0);
    const [prepared] = await client.readPrepareResponse();
    assert.equal(prepared?.[0], 0x00);
    const id = prepared?.readUInt32LE(1) ?? -1;
    const [reset] = await client.command(0x1f, Buffer.alloc(0));
    assert.equal(reset?.[0], 0x00);
    assert.equal(session?.resetCount, 1);
    const body = Buffer.alloc(9);
    body.writeUInt32LE(id, 0);
    const [execute] = await client.command(0x17, body);
    assert.equal(RawClient.parseError(execute).message, 'msg: Not supported such prepared statement');
    client.close();
  });

  it('splits rows of 16 MB and more over several packets, and joins queries of that size', async () => {
    const exact = 'e'.repeat(0xff_ffff - 4); // 4-byte length prefix + value = exactly one full packet
    const longer = 'l'.repeat(0xff_ffff + 10);
    fx.fe.on('big rows', {
      kind: 'resultSet',
      columns: [{ name: 'v', kind: 'varchar' }],
      rows: [[exact], [longer], ['after']],
    });
    raw.physicalLengths.length = 0;
    const packets = await raw.query('big rows');
    assert.equal(packets.length, 7);
    assert.equal(packets[3]?.length, 0xff_ffff);
    assert.equal(packets[3]?.subarray(4).toString(), exact);
    assert.equal(packets[4]?.subarray(9).toString(), longer); // 0xfe + 8-byte length
    assert.equal(packets[5]?.subarray(1).toString(), 'after');
    // count, definition, EOF, full part + empty part, full part + rest, 'after', EOF
    assert.deepEqual(raw.physicalLengths.slice(3, 8), [0xff_ffff, 0, 0xff_ffff, 9 + 10, 6]);

    const bigSql = `select '${'q'.repeat(0xff_ffff)}'`;
    fx.fe.on(bigSql, { kind: 'ok', affectedRows: 9 });
    const [ok] = await raw.query(bigSql); // two packets in (ids 0 and 1), so the answer is numbered 2
    assert.equal(ok?.[0], 0x00);
    assert.equal(raw.lastSequenceId, 2);
  });

  it('closes the session once on COM_QUIT and once when a client just disconnects', async () => {
    const quitting = new RawClient();
    await quitting.connect(fx.server.port, 'root', '');
    const quitSession = fx.fe.opened.at(-1);
    quitting.sendPacket(Buffer.from([0x01]), 0);
    await quitting.waitClosed();
    await eventually(() => quitSession?.closeCount === 1);

    const leaving = new RawClient();
    await leaving.connect(fx.server.port, 'root', '');
    const leftSession = fx.fe.opened.at(-1);
    leaving.close();
    await eventually(() => leftSession?.closeCount === 1);
    await delay(20);
    assert.equal(quitSession?.closeCount, 1);
    assert.equal(leftSession?.closeCount, 1);
  });
});

// CLIENT_DEPRECATE_EOF, which Doris announces and honours for the clients that ask (Connector/J 8, among
// others): no EOF after column definitions, and an OK packet with header 0xfe where the EOF ended a result
// set. Clients that do not ask (mysql2, libmariadb) keep the EOF packets. Checked byte by byte.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dorisError } from '../../src/fe/mysql/index.js';
import { type Fixture, startFixture } from './helpers.js';
import { CLIENT_DEPRECATE_EOF, okStatus, parseColumnDefinition, RawClient } from './raw-client.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('CLIENT_DEPRECATE_EOF', () => {
  let fx: Fixture;
  let modern: RawClient;
  let classic: RawClient;
  before(async () => {
    fx = await startFixture();
    fx.fe
      .on('select two', {
        kind: 'resultSet',
        columns: [
          { name: 'a', kind: 'int' },
          { name: 'b', kind: 'varchar' },
        ],
        rows: [
          ['1', 'x'],
          ['2', null],
        ],
      })
      .on('insert', { kind: 'ok', affectedRows: 1, info: "{'label':'l'}" })
      .on('fail', () => {
        throw dorisError('boom');
      });
    modern = new RawClient();
    await modern.connect(fx.server.port, 'root', '', undefined, CLIENT_DEPRECATE_EOF);
    classic = new RawClient();
    await classic.connect(fx.server.port, 'root', '');
  });
  after(async () => {
    modern.close();
    classic.close();
    await fx.close();
  });

  it('ends result sets with an OK packet (header 0xfe) and sends no EOF after the definitions', async () => {
    const packets = await modern.query('select two');
    assert.equal(packets.length, 6); // count, 2 definitions, 2 rows, end
    assert.deepEqual(
      packets.slice(1, 3).map((p) => parseColumnDefinition(p).name),
      ['a', 'b'],
    );
    assert.deepEqual(packets[3], hex('01 31 01 78'));
    assert.deepEqual(packets[4], hex('01 32 fb'));
    assert.deepEqual(packets[5], hex('fe 00 00 0200 0000 00'));
    assert.equal(modern.lastSequenceId, 6);
    // Without the flag: EOF after the definitions and at the end.
    const old = await classic.query('select two');
    assert.equal(old.length, 7);
    assert.deepEqual(old[3], hex('fe 0000 0200'));
    assert.deepEqual(old[6], hex('fe 0000 0200'));
  });

  it('chains multi-statement results through the status of each closing OK', async () => {
    const packets = await modern.query('select two; insert; select two; fail');
    const ends = packets.filter((p) => p[0] === 0xfe || p[0] === 0x00);
    // end of the first result set, the insert's OK, end of the second result set: all say "more results"
    assert.deepEqual(
      ends.map((p) => okStatus(p) & 0x0008),
      [8, 8, 8],
    );
    assert.deepEqual(ends[1], hex(`00 01 00 0a00 0000 0d ${Buffer.from("{'label':'l'}").toString('hex')}`));
    assert.deepEqual(RawClient.parseError(packets.at(-1)).message, 'errCode = 2, detailMessage = boom');
  });

  it('answers ping, COM_INIT_DB and a plain OK with an empty info string', async () => {
    const [pong] = await modern.command(0x0e, Buffer.alloc(0));
    assert.deepEqual(pong, hex('00 00 00 0200 0000 00'));
    const [initDb] = await modern.command(0x02, Buffer.from('db1'));
    assert.deepEqual(initDb, hex('00 00 00 0200 0000 00'));
  });

  it('ends COM_FIELD_LIST with the OK that replaces the EOF', async () => {
    fx.fe.tables.set('t', [{ name: 'k', kind: 'int', defaultValue: null }]);
    modern.sendPacket(Buffer.from('\x04t\0'), 0);
    assert.equal(parseColumnDefinition(await modern.readPacket()).name, 'k');
    assert.deepEqual(await modern.readPacket(), hex('fe 00 00 0200 0000 00'));
  });

  it('prepares without EOF after parameter and column definitions', async () => {
    // The fake FE probes the statement with NULL parameters to learn its columns.
    fx.fe.on('select two where NULL and NULL', {
      kind: 'resultSet',
      columns: [{ name: 'a', kind: 'int' }],
      rows: [],
    });
    modern.sendPacket(Buffer.from('\x16select two where ? and ?'), 0);
    const packets = await modern.readPrepareResponse();
    assert.equal(packets[0]?.readUInt16LE(5), 1); // columns
    assert.equal(packets[0]?.readUInt16LE(7), 2); // parameters
    assert.equal(packets.length, 4); // OK, two parameter definitions, one column definition
    assert.deepEqual(
      packets.slice(1).map((p) => [parseColumnDefinition(p).name, parseColumnDefinition(p).type]),
      [
        ['?', 254],
        ['?', 254],
        ['a', 3],
      ],
    );
    // The classic client gets an EOF after each list.
    classic.sendPacket(Buffer.from('\x16select two where ? and ?'), 0);
    const old = await classic.readPrepareResponse();
    assert.equal(old.length, 6);
    assert.deepEqual(old[3], hex('fe 0000 0200'));
    assert.deepEqual(old[5], hex('fe 0000 0200'));
  });
});

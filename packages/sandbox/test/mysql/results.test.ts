import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FieldPacket, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { dorisError, type ResultSet, SqlError } from '../../src/fe/mysql/index.js';
import { clientError, type Fixture, startFixture } from './helpers.js';

/** One column of every kind, a row of typical values and a row of NULLs. */
const ALL_KINDS: ResultSet = {
  kind: 'resultSet',
  columns: [
    { name: 'tiny', kind: 'tinyint' },
    { name: 'small', kind: 'smallint' },
    { name: 'i', kind: 'int' },
    { name: 'big', kind: 'bigint' },
    { name: 'large', kind: 'largeint' },
    { name: 'f', kind: 'float' },
    { name: 'd', kind: 'double' },
    { name: 'dec', kind: 'decimal' },
    { name: 'day', kind: 'date' },
    { name: 'ts', kind: 'datetime' },
    { name: 'flag', kind: 'boolean' },
    { name: 's', kind: 'varchar' },
    { name: 'j', kind: 'json' },
  ],
  rows: [
    [
      '-128',
      '32767',
      '-2147483648',
      '9223372036854775807',
      '-170141183460469231731687303715884105728',
      '1.5',
      '2.25',
      '12345678901234567890.123456789',
      '2024-02-29',
      '2024-02-29 23:59:58.123456',
      '1',
      'plain',
      '{"k":[1,2],"s":"v"}',
    ],
    Array.from({ length: 13 }, () => null),
  ],
};

describe('query results', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
    fx.fe
      .on('select all kinds', ALL_KINDS)
      .on('select unicode', {
        kind: 'resultSet',
        columns: [
          { name: '名字', kind: 'varchar' },
          { name: '数量😀', kind: 'int' },
        ],
        rows: [
          ['数据库😀🚀', '7'],
          ['', '0'],
          ['x'.repeat(300) + '中'.repeat(100), null],
        ],
      })
      .on('insert into t values (1)', {
        kind: 'ok',
        affectedRows: 3,
        info: "{'label':'l1', 'status':'VISIBLE', 'txnId':'42'}",
      })
      .on('create database x', { kind: 'ok' })
      .on('fail', () => {
        throw dorisError("Unknown table 't'");
      })
      .on('fail specially', () => {
        throw new SqlError('No database selected', 1046, '3D000');
      })
      .on('crash', () => {
        throw new TypeError('cannot read properties of undefined');
      })
      .on('select 1', { kind: 'resultSet', columns: [{ name: '1', kind: 'tinyint' }], rows: [['1']] })
      .on('select 2', { kind: 'resultSet', columns: [{ name: '2', kind: 'tinyint' }], rows: [['2']] })
      .on('bad row', { kind: 'resultSet', columns: [{ name: 'a', kind: 'int' }], rows: [['1'], ['1', '2']] });
  });
  after(async () => {
    await fx.close();
  });

  it('returns every column kind, NULLs included, with the client typing values from the column type', async () => {
    const client = await fx.connect({ dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
    const [rows, fields] = await client.query<RowDataPacket[]>('select all kinds');
    assert.deepEqual(rows[0], {
      tiny: -128,
      small: 32767,
      i: -2147483648,
      big: '9223372036854775807',
      large: '-170141183460469231731687303715884105728',
      f: 1.5,
      d: 2.25,
      dec: '12345678901234567890.123456789',
      day: '2024-02-29',
      ts: '2024-02-29 23:59:58.123456',
      flag: 1,
      s: 'plain',
      j: { k: [1, 2], s: 'v' },
    });
    assert.deepEqual(
      Object.values(rows[1] ?? {}),
      Array.from({ length: 13 }, () => null),
    );
    const types = (fields as FieldPacket[]).map((f) => [f.name, f.type, f.characterSet]);
    assert.deepEqual(types, [
      ['tiny', 1, 63],
      ['small', 2, 63],
      ['i', 3, 63],
      ['big', 8, 63],
      ['large', 254, 45],
      ['f', 4, 63],
      ['d', 5, 63],
      ['dec', 246, 63],
      ['day', 10, 63],
      ['ts', 12, 63],
      ['flag', 1, 63],
      ['s', 254, 45],
      ['j', 245, 45],
    ]);
  });

  it('reads a 64-bit value exactly only as a big-number string, as with MySQL', async () => {
    const plain = await fx.connect({ dateStrings: true });
    const [rows] = await plain.query<RowDataPacket[]>('select all kinds');
    // Without supportBigNumbers mysql2 makes it a JS number, which cannot hold it exactly.
    assert.equal(typeof rows[0]?.big, 'number');
    assert.notEqual(String(rows[0]?.big), '9223372036854775807');
    const exact = await fx.connect({ supportBigNumbers: true, bigNumberStrings: true });
    const [again] = await exact.query<RowDataPacket[]>({ sql: 'select all kinds', rowsAsArray: true });
    assert.equal((again as unknown as unknown[][])[0]?.[3], '9223372036854775807');
  });

  it('keeps UTF-8 column names and values intact (Chinese, emoji, long values)', async () => {
    const client = await fx.connect();
    const [rows] = await client.query<RowDataPacket[]>('select unicode');
    assert.deepEqual(rows, [
      { 名字: '数据库😀🚀', '数量😀': 7 },
      { 名字: '', '数量😀': 0 },
      { 名字: 'x'.repeat(300) + '中'.repeat(100), '数量😀': null },
    ]);
  });

  it('reports OK results with affected rows and the info message', async () => {
    const client = await fx.connect();
    const [ok] = await client.query<ResultSetHeader>('insert into t values (1)');
    assert.equal(ok.affectedRows, 3);
    // Doris writes the info as a length-encoded string but does not announce CLIENT_SESSION_TRACK, so mysql2
    // reads the rest of the packet: the message behind its length byte (48, '0'), as it does with Doris.
    assert.equal(ok.info, "0{'label':'l1', 'status':'VISIBLE', 'txnId':'42'}");
    const [plain] = await client.query<ResultSetHeader>('create database x');
    assert.equal(plain.affectedRows, 0);
    assert.equal(plain.info, '');
  });

  it('passes SqlErrors on with their code, SQLSTATE and message', async () => {
    const client = await fx.connect();
    await assert.rejects(
      client.query('fail'),
      clientError({
        errno: 1105,
        sqlState: 'HY000',
        sqlMessage: "errCode = 2, detailMessage = Unknown table 't'",
      }),
    );
    await assert.rejects(
      client.query('fail specially'),
      clientError({ errno: 1046, sqlState: '3D000', sqlMessage: 'No database selected' }),
    );
    // The connection is still usable afterwards.
    const [rows] = await client.query<RowDataPacket[]>('select 1');
    assert.deepEqual(rows, [{ 1: 1 }]);
  });

  it('turns unexpected failures into ERR 1105 and reports them through onError', async () => {
    const client = await fx.connect();
    const before = fx.errors.length;
    await assert.rejects(
      client.query('crash'),
      clientError({
        errno: 1105,
        sqlState: 'HY000',
        sqlMessage: 'errCode = 2, detailMessage = cannot read properties of undefined',
      }),
    );
    assert.equal(fx.errors.length, before + 1);
    assert.ok(fx.errors.at(-1) instanceof TypeError);
    // A row that does not match its columns fails the statement instead of confusing the client.
    await assert.rejects(client.query('bad row'), clientError({ errno: 1105 }));
    const [rows] = await client.query<RowDataPacket[]>('select 2');
    assert.deepEqual(rows, [{ 2: 2 }]);
  });

  it('returns one result per statement of a multi-statement query', async () => {
    const client = await fx.connect({ multipleStatements: true });
    const [answer] = await client.query('select 1; insert into t values (1); select unicode');
    const results = answer as unknown as [RowDataPacket[], ResultSetHeader, RowDataPacket[]];
    assert.equal(results.length, 3);
    assert.deepEqual(results[0], [{ 1: 1 }]);
    assert.equal(results[1].affectedRows, 3);
    assert.equal(results[2].length, 3);
    const [two] = await client.query<RowDataPacket[][]>('select 1;select 2');
    assert.deepEqual(two, [[{ 1: 1 }], [{ 2: 2 }]]);
  });

  it('sends the results before a failing statement, then its error', async () => {
    const client = await fx.connect({ multipleStatements: true });
    const session = fx.fe.opened.at(-1);
    await assert.rejects(
      client.query('select 1; fail; select 2'),
      clientError({ errno: 1105, sqlMessage: "errCode = 2, detailMessage = Unknown table 't'" }),
    );
    assert.deepEqual(session?.executed, ['select 1; fail; select 2']);
    // The answer was complete: the connection is in step for the next query.
    const [rows] = await client.query<RowDataPacket[]>('select 2');
    assert.deepEqual(rows, [{ 2: 2 }]);
  });

  it('passes SET, EXECUTE and USE statements to execute() as text', async () => {
    fx.fe.on('EXECUTE stmt1', { kind: 'ok', affectedRows: 1 });
    const client = await fx.connect();
    const session = fx.fe.opened.at(-1);
    await client.query('SET NAMES utf8mb4');
    await client.query('SET x = 1');
    await client.query('set @@session.time_zone = "+08:00"');
    const [executed] = await client.query<ResultSetHeader>('EXECUTE stmt1');
    assert.equal(executed.affectedRows, 1);
    await client.query('use db2');
    assert.deepEqual(session?.executed, [
      'SET NAMES utf8mb4',
      'SET x = 1',
      'set @@session.time_zone = "+08:00"',
      'EXECUTE stmt1',
      'use db2',
    ]);
    assert.equal(session?.database, 'db2');
  });

  it('answers ping', async () => {
    const client = await fx.connect();
    await client.ping();
    await client.ping();
  });
});

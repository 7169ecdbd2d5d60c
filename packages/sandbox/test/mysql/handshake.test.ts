import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RowDataPacket } from 'mysql2/promise';
import { verifyNativePassword } from '../../src/fe/mysql/native-password.js';
import { clientError, eventually, type Fixture, startFixture } from './helpers.js';
import { RawClient } from './raw-client.js';

describe('handshake and authentication', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
  });
  after(async () => {
    await fx.close();
  });

  it('accepts a user without a password', async () => {
    const client = await fx.connect({ user: 'root' });
    const [rows] = await client.query<RowDataPacket[]>('select database()');
    assert.deepEqual(rows, [{ 'database()': null }]);
    const auth = fx.fe.authRequests.at(-1);
    assert.equal(auth?.user, 'root');
    assert.equal(auth?.remoteHost, '127.0.0.1');
    await client.end();
  });

  it('accepts the right password and rejects a wrong one with 1045', async () => {
    const client = await fx.connect({ user: 'alice', password: 'secret' });
    await client.ping();
    await client.end();
    await assert.rejects(
      fx.connect({ user: 'alice', password: 'wrong' }),
      clientError({
        errno: 1045,
        sqlState: '28000',
        sqlMessage: "Access denied for user 'alice'@'127.0.0.1' (using password: YES)",
      }),
    );
    await assert.rejects(
      fx.connect({ user: 'alice' }),
      clientError({
        errno: 1045,
        sqlMessage: "Access denied for user 'alice'@'127.0.0.1' (using password: NO)",
      }),
    );
    await assert.rejects(fx.connect({ user: 'root', password: 'x' }), clientError({ errno: 1045 }));
    await assert.rejects(fx.connect({ user: 'nobody' }), clientError({ errno: 1045 }));
  });

  it('handles non-ASCII user names and passwords', async () => {
    const client = await fx.connect({ user: '李雷', password: 'pässwörd' });
    await client.ping();
    await client.end();
    await assert.rejects(fx.connect({ user: '李雷', password: 'passwort' }), clientError({ errno: 1045 }));
  });

  it('gives each connection a larger id than the one before, as the client sees it', async () => {
    const a = await fx.connect();
    const b = await fx.connect();
    assert.ok(b.threadId > a.threadId, `${b.threadId} > ${a.threadId}`);
    assert.deepEqual(fx.fe.connectionIds.slice(-2), [a.threadId, b.threadId]);
    await a.end();
    await b.end();
  });

  it('uses a database named in the handshake, and refuses an unknown one', async () => {
    const client = await fx.connect({ database: 'db1' });
    const [rows] = await client.query<RowDataPacket[]>('select database()');
    assert.deepEqual(rows, [{ 'database()': 'db1' }]);
    await client.end();

    const unicode = await fx.connect({ database: 'ccr_测试' });
    const [again] = await unicode.query<RowDataPacket[]>('select database()');
    assert.deepEqual(again, [{ 'database()': 'ccr_测试' }]);
    await unicode.end();

    const before = fx.fe.opened.length;
    await assert.rejects(
      fx.connect({ database: 'nope' }),
      clientError({ errno: 1049, sqlState: '42000', sqlMessage: "Unknown database 'nope'" }),
    );
    // The session opened for the refused connection is closed again.
    const refused = fx.fe.opened[before];
    assert.ok(refused);
    await eventually(() => refused.closeCount === 1);
  });

  it('switches databases with COM_INIT_DB', async () => {
    const raw = new RawClient();
    await raw.connect(fx.server.port, 'root', '');
    const ok = await raw.command(0x02, Buffer.from('db2'));
    assert.equal(ok[0]?.[0], 0x00);
    const err = await raw.command(0x02, Buffer.from('missing'));
    assert.deepEqual(RawClient.parseError(err[0]), {
      code: 1049,
      sqlState: '42000',
      message: "Unknown database 'missing'",
    });
    const session = fx.fe.opened.at(-1);
    assert.equal(session?.database, 'db2');
    raw.close();
  });

  it('answers an auth switch for clients that start with another plugin', async () => {
    const raw = new RawClient();
    const greeting = await raw.open(fx.server.port);
    // Answer as if for caching_sha2_password: the server must ask again for mysql_native_password.
    raw.sendHandshakeResponse({
      user: 'alice',
      token: Buffer.alloc(32, 1),
      plugin: 'caching_sha2_password',
      sequenceId: 1,
    });
    const [switchRequest] = await raw.readResponse();
    assert.ok(switchRequest);
    assert.equal(switchRequest[0], 0xfe);
    const pluginEnd = switchRequest.indexOf(0, 1);
    assert.equal(switchRequest.subarray(1, pluginEnd).toString(), 'mysql_native_password');
    const scramble = switchRequest.subarray(pluginEnd + 1, pluginEnd + 21);
    assert.deepEqual(scramble, greeting.scramble);
    assert.equal(raw.lastSequenceId, 2);
    raw.sendPacket(RawClient.token('secret', scramble), 3);
    const [ok] = await raw.readResponse();
    assert.equal(ok?.[0], 0x00);
    assert.equal(raw.lastSequenceId, 4);
    const [result] = await raw.command(0x0e, Buffer.alloc(0));
    assert.equal(result?.[0], 0x00);
    raw.close();
  });

  it('greets like Doris: protocol 10, version 5.7.99, native password, a printable 20-byte scramble', async () => {
    const raw = new RawClient();
    const greeting = await raw.open(fx.server.port);
    assert.equal(greeting.protocolVersion, 10);
    assert.equal(greeting.serverVersion, '5.7.99');
    assert.equal(greeting.plugin, 'mysql_native_password');
    assert.equal(greeting.scramble.length, 20);
    for (const byte of greeting.scramble) assert.ok(byte > 0x20 && byte < 0x7f, `printable byte ${byte}`);
    // ... | PLUGIN_AUTH | DEPRECATE_EOF (Doris announces it and honours it for the clients that ask)
    const required = [0x1, 0x4, 0x8, 0x200, 0x2000, 0x8000, 0x10000, 0x20000, 0x80000, 0x0100_0000];
    for (const flag of required) assert.ok(greeting.capabilities & flag, `capability 0x${flag.toString(16)}`);
    // Not CLIENT_SESSION_TRACK, as with Doris: clients then read OK packets as Doris writes them.
    assert.equal(greeting.capabilities & 0x0080_0000, 0, 'no CLIENT_SESSION_TRACK');

    const other = new RawClient();
    const second = await other.open(fx.server.port);
    assert.notDeepEqual(second.scramble, greeting.scramble);
    assert.ok(second.connectionId > greeting.connectionId);
    raw.close();
    other.close();
  });

  it('verifies native-password tokens', () => {
    const scramble = Buffer.from('abcdefghijklmnopqrst');
    const token = RawClient.token('secret', scramble);
    assert.equal(verifyNativePassword('secret', scramble, token), true);
    assert.equal(verifyNativePassword('Secret', scramble, token), false);
    assert.equal(verifyNativePassword('', scramble, token), false);
    assert.equal(verifyNativePassword('', scramble, Buffer.alloc(0)), true);
    assert.equal(verifyNativePassword('secret', scramble, Buffer.alloc(0)), false);
    assert.equal(verifyNativePassword('secret', scramble, token.subarray(0, 19)), false);
  });
});

// A client and a server built from the protocol package talk over a real loopback socket.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  type CallContext,
  createFrontendClient,
  createThriftClient,
  createThriftServer,
  DorisStatusError,
  expectStatus,
  FrontendService,
  method,
  type ServiceHandlers,
  StatusCode,
  service,
  type TGetBinlogRequest,
  ThriftApplicationError,
  ThriftTransportError,
} from '../../src/index.js';

const seen: Array<{ method: string; remote: string; request: unknown }> = [];
const BIG_META = Buffer.alloc(3 * 1024 * 1024 + 17, 7);

function notImplemented(name: string) {
  return () => {
    throw new Error(`${name} is not implemented by this test server`);
  };
}

const handlers: ServiceHandlers<typeof FrontendService> = {
  getBinlog: (request: TGetBinlogRequest, ctx: CallContext) => {
    seen.push({ method: 'getBinlog', remote: ctx.remoteAddress, request });
    const prev = request.prev_commit_seq ?? -1n;
    return {
      status: { status_code: StatusCode.OK },
      binlogs: [{ commit_seq: prev + 1n, type: 0, db_id: 9223372036854775807n, data: '{"k":"值"}' }],
    };
  },
  beginTxn: (request, ctx) => {
    seen.push({ method: 'beginTxn', remote: ctx.remoteAddress, request });
    return {
      status: { status_code: StatusCode.NOT_MASTER, error_msgs: ['FE is not master'] },
      master_address: { hostname: '127.0.0.9', port: 9020 },
    };
  },
  getSnapshot: async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { status: { status_code: StatusCode.OK }, meta: BIG_META, job_info: Buffer.from('{}') };
  },
  getMasterToken: async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return { status: { status_code: StatusCode.OK }, token: 'late' };
  },
  commitTxn: notImplemented('commitTxn'),
  rollbackTxn: notImplemented('rollbackTxn'),
  getBinlogLag: notImplemented('getBinlogLag'),
  restoreSnapshot: notImplemented('restoreSnapshot'),
  getMeta: notImplemented('getMeta'),
  getBackendMeta: notImplemented('getBackendMeta'),
  lockBinlog: notImplemented('lockBinlog'),
};

describe('thrift client and server over loopback', () => {
  const server = createThriftServer(FrontendService, handlers);
  let port = 0;
  before(async () => {
    port = await server.listen(0);
  });
  after(() => server.close());

  it('runs several calls on one connection, in order, with exact i64 values', async () => {
    const client = createFrontendClient({ host: '127.0.0.1', port, maxConnections: 1 });
    try {
      seen.length = 0;
      for (let i = 0n; i < 5n; i++) {
        const result = await client.getBinlog({
          user: 'root',
          passwd: '',
          db: 'd',
          prev_commit_seq: 1n << (50n + i),
        });
        assert.equal(result.binlogs?.[0]?.commit_seq, (1n << (50n + i)) + 1n);
        assert.equal(result.binlogs?.[0]?.db_id, 9223372036854775807n);
        assert.equal(result.binlogs?.[0]?.data, '{"k":"值"}');
      }
      const remotes = new Set(seen.map((s) => s.remote));
      assert.equal(seen.length, 5);
      assert.equal(remotes.size, 1, 'all calls used one connection');
    } finally {
      client.close();
    }
  });

  it('carries multi-megabyte binary replies that arrive in many chunks', async () => {
    const client = createFrontendClient({ host: '127.0.0.1', port, maxConnections: 2 });
    try {
      const results = await Promise.all([
        client.getSnapshot({}),
        client.getSnapshot({}),
        client.getSnapshot({}),
      ]);
      for (const result of results) assert.ok(Buffer.from(result.meta!).equals(BIG_META));
    } finally {
      client.close();
    }
  });

  it('turns NOT_MASTER into a DorisStatusError with the master address', async () => {
    const client = createFrontendClient({ host: '127.0.0.1', port });
    try {
      const result = await client.beginTxn({ label: 'l', db: 'd', table_ids: [1n] });
      const error = (() => {
        try {
          expectStatus('beginTxn', result);
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof DorisStatusError);
      assert.equal(error.isNotMaster, true);
      assert.deepEqual(error.masterAddress, { hostname: '127.0.0.9', port: 9020 });
      assert.match(error.message, /NOT_MASTER: FE is not master/);
    } finally {
      client.close();
    }
  });

  it('answers a handler failure with an INTERNAL_ERROR exception and keeps the connection usable', async () => {
    const client = createFrontendClient({ host: '127.0.0.1', port, maxConnections: 1 });
    try {
      await assert.rejects(client.getMeta({}), (error: unknown) => {
        assert.ok(error instanceof ThriftApplicationError);
        assert.equal(error.type, 6);
        assert.match(error.message, /getMeta is not implemented/);
        return true;
      });
      const result = await client.getBinlog({ prev_commit_seq: 1n });
      assert.equal(result.binlogs?.[0]?.commit_seq, 2n);
    } finally {
      client.close();
    }
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    const Other = service('Other', {
      noSuchMethod: method(
        'noSuchMethod',
        FrontendService.methods.getMeta.request,
        FrontendService.methods.getMeta.result,
      ),
    });
    const client = createThriftClient(Other, { host: '127.0.0.1', port });
    try {
      await assert.rejects(client.noSuchMethod({ user: 'x' }), (error: unknown) => {
        assert.ok(error instanceof ThriftApplicationError);
        assert.equal(error.type, 1);
        return true;
      });
    } finally {
      client.close();
    }
  });

  it('times out a slow call and closes that connection', async () => {
    const client = createFrontendClient({ host: '127.0.0.1', port, maxConnections: 1, rpcTimeoutMs: 100 });
    try {
      await assert.rejects(client.getMasterToken({}), (error: unknown) => {
        assert.ok(error instanceof ThriftTransportError);
        assert.equal(error.code, 'TIMEOUT');
        return true;
      });
      // The next call gets a fresh connection and is not confused by the late reply.
      const result = await client.getBinlog({ prev_commit_seq: 10n });
      assert.equal(result.binlogs?.[0]?.commit_seq, 11n);
    } finally {
      client.close();
    }
  });

  it('reports a refused connection as a CONNECT transport error', async () => {
    const probe = net.createServer();
    const freePort = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)),
    );
    await new Promise((resolve) => probe.close(resolve));
    const client = createFrontendClient({ host: '127.0.0.1', port: freePort });
    await assert.rejects(client.getBinlog({}), (error: unknown) => {
      assert.ok(error instanceof ThriftTransportError);
      assert.equal(error.code, 'CONNECT');
      return true;
    });
    client.close();
  });

  it('drops a connection that sends garbage', async () => {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(Buffer.from([0x80, 0x01, 0x00, 0x07, 0, 0, 0, 1, 0x41, 0, 0, 0, 1, 0x0c, 0, 1, 0x63]));
    socket.write(Buffer.alloc(16, 0xff));
    await closed;
  });
});

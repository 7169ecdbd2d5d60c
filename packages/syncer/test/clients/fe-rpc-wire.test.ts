// What FeRpc puts on the wire and how it walks FEs, checked against scripted FrontendService servers
// (the sandbox always names its master, so the address-less NOT_MASTER case needs a scripted FE).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createThriftServer,
  FrontendService,
  type ServiceHandlers,
  StatusCode,
  type ThriftServer,
} from '@doris-ccr/protocol';
import { type FeRouteEvent, FeRpc, FeUnavailableError } from '../../src/clients/index.js';
import type { Spec } from '../../src/model/spec.js';

type Behaviour = 'ok' | 'no-master' | { redirectTo: () => number };

interface ScriptedFe {
  readonly port: number;
  readonly requests: Array<{ method: string; request: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function scriptedFe(behaviour: Behaviour): Promise<ScriptedFe> {
  const requests: ScriptedFe['requests'] = [];
  const handlers: Record<string, unknown> = {};
  for (const method of Object.keys(FrontendService.methods)) {
    handlers[method] = (request: Record<string, unknown>) => {
      requests.push({ method, request });
      if (behaviour === 'ok') {
        return method === 'getMasterToken'
          ? { status: { status_code: StatusCode.OK }, token: 'tok' }
          : { status: { status_code: StatusCode.OK }, backends: [] };
      }
      const status = { status_code: StatusCode.NOT_MASTER, error_msgs: ['FE is not master'] };
      if (behaviour === 'no-master') return { status };
      return { status, master_address: { hostname: '127.0.0.1', port: behaviour.redirectTo() } };
    };
  }
  const server: ThriftServer = createThriftServer(
    FrontendService,
    handlers as ServiceHandlers<typeof FrontendService>,
  );
  const port = await server.listen(0, '127.0.0.1');
  return { port, requests, close: () => server.close() };
}

function specFor(port: number, others: number[] = []): Spec {
  return {
    host: '127.0.0.1',
    port: '9030',
    thrift_port: String(port),
    user: 'ccr',
    password: 'wire-secret',
    database: 'db1',
    table: '',
    cluster: '',
    frontends: [port, ...others].map((p) => ({
      host: '127.0.0.1',
      port: '9030',
      thrift_port: String(p),
      is_master: false,
    })),
  };
}

describe('FeRpc on the wire', () => {
  test('every call carries user and password from the spec and never a token', async () => {
    const fe = await scriptedFe('ok');
    const rpc = new FeRpc(specFor(fe.port));
    try {
      // A caller that smuggles credentials in at runtime does not get them through.
      const smuggled = { token: 'evil', user: 'mallory', passwd: 'x' } as object;
      await rpc.beginTxn({ ...smuggled, label: 'l', table_ids: [1n] });
      await rpc.commitTxn({ ...smuggled, txn_id: 1n, commit_infos: [] });
      await rpc.rollbackTxn({ ...smuggled, txn_id: 1n });
      await rpc.getBinlog({ ...smuggled, prev_commit_seq: 0n });
      await rpc.getBinlogLag({ prev_commit_seq: 0n, db: 'other_db' });
      await rpc.getSnapshot({ label_name: 's', snapshot_name: '', snapshot_type: 1 });
      await rpc.restoreSnapshot({ label_name: 'r', repo_name: '__keep_on_local__' });
      await rpc.getMasterToken();
      await rpc.getMeta({ ...smuggled, db: { id: 1n } } as Parameters<FeRpc['getMeta']>[0]);
      await rpc.getBackendMeta();
      assert.equal(fe.requests.length, 10);
      for (const { method, request } of fe.requests) {
        assert.equal(request.token, undefined, method);
        assert.equal(request.user, 'ccr', method);
        const secret = method === 'getMasterToken' ? request.password : request.passwd;
        assert.equal(secret, 'wire-secret', method);
        if (method === 'getMeta') assert.deepEqual(request.db, { id: 1n });
        else if (method === 'getBinlogLag') assert.equal(request.db, 'other_db');
        else if (method !== 'getMasterToken' && method !== 'getBackendMeta') assert.equal(request.db, 'db1');
      }
    } finally {
      rpc.close();
      await fe.close();
    }
  });

  test('NOT_MASTER without an address moves on to the next known FE', async () => {
    const follower = await scriptedFe('no-master');
    const master = await scriptedFe('ok');
    const events: FeRouteEvent[] = [];
    const rpc = new FeRpc(specFor(follower.port, [master.port]), {
      noMasterDelayMs: 1,
      onEvent: (e) => events.push(e),
    });
    try {
      assert.equal(await rpc.masterToken(), 'tok');
      assert.equal(rpc.master, `127.0.0.1:${master.port}`);
      assert.equal(follower.requests.length, 1);
      assert.deepEqual(
        events.map((e) => [e.kind, e.reason]),
        [['failover', 'NOT_MASTER without a master address']],
      );
    } finally {
      rpc.close();
      await Promise.all([follower.close(), master.close()]);
    }
  });

  test('FEs that keep pointing at each other exhaust the attempt budget', async () => {
    let portA = 0;
    let portB = 0;
    const a = await scriptedFe({ redirectTo: () => portB });
    const b = await scriptedFe({ redirectTo: () => portA });
    portA = a.port;
    portB = b.port;
    const rpc = new FeRpc(specFor(a.port), { maxAttempts: 5 });
    try {
      const error = await rpc.getBackendMeta().then(
        () => assert.fail('expected FeUnavailableError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof FeUnavailableError);
      assert.equal(error.attempts.length, 5);
      assert.equal(a.requests.length + b.requests.length, 5);
      assert.ok(!error.message.includes('wire-secret'));
    } finally {
      rpc.close();
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('every known FE answering NOT_MASTER without an address is a clear failure', async () => {
    const a = await scriptedFe('no-master');
    const b = await scriptedFe('no-master');
    const rpc = new FeRpc(specFor(a.port, [b.port]), { noMasterDelayMs: 1 });
    try {
      const error = await rpc.getMasterToken().then(
        () => assert.fail('expected FeUnavailableError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof FeUnavailableError);
      assert.deepEqual(
        error.attempts.map((x) => x.address),
        [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`],
      );
      assert.match(error.message, /getMasterToken: no master FE answered after 2 attempt/);
    } finally {
      rpc.close();
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('commitTxn has its own timeout', async () => {
    // A server that accepts connections but never answers.
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const rpc = new FeRpc(specFor(port), { rpcTimeoutMs: 5000, commitTxnTimeoutMs: 150 });
    try {
      const started = Date.now();
      const error = await rpc.commitTxn({ txn_id: 1n, commit_infos: [] }).then(
        () => assert.fail('expected a timeout'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof FeUnavailableError);
      assert.match(error.message, /timed out after 150 ms/);
      assert.ok(Date.now() - started < 3000);
    } finally {
      rpc.close();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

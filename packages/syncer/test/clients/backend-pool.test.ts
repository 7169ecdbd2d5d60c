import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StatusCode, type TBackend, type TIngestBinlogRequest } from '@doris-ccr/protocol';
import { BackendPool, FeRpc } from '../../src/clients/index.js';
import { type Sandbox, startSandbox } from './cluster-binary.js';
import { type CountingProxy, startCountingProxy } from './counting-proxy.js';

// A complete request for a tablet the BE does not have: the real BE answers TABLET_MISSING at once.
const REQUEST: TIngestBinlogRequest = {
  txn_id: 1n,
  remote_tablet_id: 1n,
  binlog_version: 2n,
  remote_host: '127.0.0.1',
  remote_port: '1',
  partition_id: 1n,
  local_tablet_id: 424242n,
  load_id: { hi: -1n, lo: -1n },
};

describe('BackendPool against a real BE', () => {
  let sandbox: Sandbox;
  let proxy: CountingProxy;
  let backend: TBackend;

  before(async () => {
    sandbox = await startSandbox({ backends: 1 });
    const be = sandbox.backends[0]!;
    proxy = await startCountingProxy('127.0.0.1', be.bePort, 40);
    // The BE as getBackendMeta would report it, but reached through the counting proxy.
    backend = { id: BigInt(be.id), host: '127.0.0.1', be_port: proxy.port, http_port: be.httpPort };
  });
  after(async () => {
    await proxy?.close();
    await sandbox?.stop();
  });

  test('refresh() loads the BEs from the master FE', async () => {
    const rpc = new FeRpc(sandbox.spec());
    const pool = new BackendPool(sandbox.spec());
    try {
      const backends = await pool.refresh(rpc);
      const be = sandbox.backends[0]!;
      assert.deepEqual(
        backends.map((b) => [b.id, b.host, b.be_port]),
        [[BigInt(be.id), '127.0.0.1', be.bePort]],
      );
      const direct = await pool.ingestBinlog(BigInt(be.id), REQUEST);
      assert.equal(direct.status?.status_code, StatusCode.TABLET_MISSING);
    } finally {
      rpc.close();
      pool.close();
    }
  });

  for (const [limit, calls] of [
    [4, 40],
    [undefined, 100],
  ] as const) {
    test(`never more than ${limit ?? 'the default 48'} ingest calls in flight on one BE`, async () => {
      const pool = new BackendPool(sandbox.spec(), limit ? { maxIngestConcurrencyPerBackend: limit } : {});
      const max = limit ?? 48;
      const before = proxy.calls;
      proxy.resetPeak();
      let maxQueued = 0;
      let maxActive = 0;
      const sampler = setInterval(() => {
        const stats = pool.stats(backend.id!);
        maxQueued = Math.max(maxQueued, stats.queued);
        maxActive = Math.max(maxActive, stats.active);
      }, 5);
      try {
        pool.setBackends([backend]);
        const results = await Promise.all(
          Array.from({ length: calls }, () => pool.ingestBinlog(backend.id!, REQUEST)),
        );
        for (const r of results) assert.equal(r.status?.status_code, StatusCode.TABLET_MISSING);
        assert.equal(proxy.calls - before, calls);
        assert.equal(proxy.maxInFlight, max, 'the BE saw exactly the window');
        assert.ok(maxActive <= max);
        assert.ok(maxQueued > 0, 'calls beyond the window waited');
        assert.deepEqual(pool.stats(backend.id!), { active: 0, queued: 0 });
      } finally {
        clearInterval(sampler);
        pool.close();
      }
    });
  }

  test('close() fails queued calls and refuses new ones', async () => {
    const pool = new BackendPool(sandbox.spec(), { maxIngestConcurrencyPerBackend: 1 });
    pool.setBackends([backend]);
    const running = pool.ingestBinlog(backend.id!, REQUEST);
    const queued = pool.ingestBinlog(backend.id!, REQUEST);
    const before = proxy.calls;
    while (proxy.calls === before) await new Promise((resolve) => setTimeout(resolve, 1));
    // The first call is on the wire now, the second waits for its slot.
    pool.close();
    await assert.rejects(queued, /backend pool closed/);
    assert.equal((await running).status?.status_code, StatusCode.TABLET_MISSING);
    await assert.rejects(pool.ingestBinlog(backend.id!, REQUEST), /closed/);
  });

  test('an unknown backend id is an error', async () => {
    const pool = new BackendPool(sandbox.spec());
    try {
      await assert.rejects(pool.ingestBinlog(7n, REQUEST), /unknown backend id 7/);
    } finally {
      pool.close();
    }
  });
});

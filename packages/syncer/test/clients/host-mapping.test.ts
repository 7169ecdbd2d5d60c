import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StatusCode } from '@doris-ccr/protocol';
import { BackendPool, ClusterSql, FeRpc, HostMapper, HostMappingError } from '../../src/clients/index.js';
import type { Spec } from '../../src/model/spec.js';
import { type Sandbox, startSandbox } from './cluster-binary.js';

// The sandbox listens on every address and reports its FEs and BEs as 0.0.0.0: the "private" address of
// these tests. The mapping sends 0.0.0.0 to 127.0.0.1, which is where the syncer must connect.
const MAPPED = { '0.0.0.0': '127.0.0.1' };
const UNRELATED = { '10.255.0.1': '127.0.0.1' };

describe('host_mapping against a sandbox that reports 0.0.0.0', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ backends: 2, frontends: 2, host: '0.0.0.0' });
  });
  after(async () => {
    await sandbox?.stop();
  });

  const followerSpec = (mapping?: Record<string, string>): Spec =>
    sandbox.spec(mapping ? { host_mapping: mapping } : {}, 1);

  test('the NOT_MASTER address is translated through the mapping', async () => {
    const rpc = new FeRpc(followerSpec(MAPPED));
    try {
      assert.equal((await rpc.getBackendMeta()).status.status_code, StatusCode.OK);
      assert.equal(rpc.master, `127.0.0.1:${sandbox.frontends[0]!.rpcPort}`);
    } finally {
      rpc.close();
    }
  });

  test('a mapping that lacks the master host fails clearly', async () => {
    const rpc = new FeRpc(followerSpec(UNRELATED));
    try {
      const error = await rpc.getBackendMeta().then(
        () => assert.fail('expected HostMappingError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof HostMappingError);
      assert.equal(error.host, '0.0.0.0');
      assert.match(error.message, /host_mapping has no entry for 0\.0\.0\.0/);
    } finally {
      rpc.close();
    }
  });

  test('discovered FEs are mapped, unmappable ones left out', async () => {
    const sql = new ClusterSql(followerSpec(MAPPED));
    const mapped = await FeRpc.discover(followerSpec(MAPPED), sql);
    const unmapped = await FeRpc.discover(followerSpec(UNRELATED), sql);
    try {
      const [fe0, fe1] = sandbox.frontends;
      assert.deepEqual(mapped.frontends, [`127.0.0.1:${fe1!.rpcPort}`, `127.0.0.1:${fe0!.rpcPort}`]);
      assert.equal(mapped.master, `127.0.0.1:${fe0!.rpcPort}`);
      assert.deepEqual(unmapped.frontends, [`127.0.0.1:${fe1!.rpcPort}`]);
    } finally {
      mapped.close();
      unmapped.close();
      await sql.close();
    }
  });

  test('BE clients and the BE binlog check use mapped hosts', async () => {
    const rpc = new FeRpc(followerSpec(MAPPED));
    const pool = new BackendPool(followerSpec(MAPPED));
    const strict = new BackendPool(followerSpec(UNRELATED));
    const sql = new ClusterSql(followerSpec(MAPPED));
    const strictSql = new ClusterSql(followerSpec(UNRELATED));
    try {
      const backends = await pool.refresh(rpc);
      assert.equal(backends.length, 2);
      for (const [i, be] of sandbox.backends.entries()) {
        assert.equal(backends[i]?.host, '0.0.0.0');
        assert.equal(pool.address(BigInt(be.id)), `127.0.0.1:${be.bePort}`);
      }
      const first = BigInt(sandbox.backends[0]!.id);
      const answer = await pool.ingestBinlog(first, { txn_id: 1n, local_tablet_id: 1n });
      assert.equal(answer.status?.status_code, StatusCode.ANALYSIS_ERROR);

      await strict.refresh(rpc);
      assert.throws(() => strict.address(first), HostMappingError);
      await assert.rejects(strict.ingestBinlog(first, {}), HostMappingError);

      await sql.checkBinlogEnabled();
      await assert.rejects(strictSql.checkBinlogEnabled(), HostMappingError);
    } finally {
      rpc.close();
      pool.close();
      strict.close();
      await Promise.all([sql.close(), strictSql.close()]);
    }
  });
});

describe('HostMapper', () => {
  test('without a mapping every host is used as reported', () => {
    assert.equal(new HostMapper(undefined).map('10.0.0.1', 'x'), '10.0.0.1');
    assert.equal(new HostMapper({}).active, false);
  });
  test('empty public values do not count, the spec host maps to itself', () => {
    const mapper = HostMapper.forSpec({ host: 'fe.example', host_mapping: { '10.0.0.1': '', a: 'b' } });
    assert.equal(mapper.map('a', 'x'), 'b');
    assert.equal(mapper.map('fe.example', 'x'), 'fe.example');
    assert.equal(mapper.tryMap('10.0.0.1'), undefined);
    assert.throws(() => mapper.map('10.0.0.1', 'BE 1'), /no entry for 10\.0\.0\.1 \(BE 1\)/);
  });
});

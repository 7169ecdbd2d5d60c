// `--frontends 2`: followers answer CCR RPCs with NOT_MASTER and the master's address, SQL works through
// any FE, and killing the master promotes a follower — so syncer failover and redirects are testable.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFrontendClient, DorisStatusError, expectStatus, StatusCode } from '@doris-ccr/protocol';
import { query, SandboxProcess } from './sandbox-process.js';

describe('several frontends', () => {
  let sandbox: SandboxProcess;
  before(async () => {
    sandbox = await SandboxProcess.start({ args: ['--frontends', '2'] });
  });
  after(() => sandbox?.destroy());

  it('lists every FE in frontends() with its ports and the master', async () => {
    const conn = await sandbox.connect();
    try {
      const rows = await query<{ Host: string; QueryPort: string; RpcPort: string; IsMaster: string }>(
        conn,
        'select Host, QueryPort, RpcPort, IsMaster from frontends();',
      );
      assert.deepEqual(
        rows.map((r) => [Number(r.RpcPort), r.IsMaster]),
        sandbox.ready.frontends.map((f, i) => [f.rpcPort, i === 0 ? 'true' : 'false']),
      );
    } finally {
      await conn.end();
    }
  });

  it('answers NOT_MASTER with the master address on a follower, and SQL works there', async () => {
    const follower = sandbox.ready.frontends[1]!;
    const client = createFrontendClient({ host: '127.0.0.1', port: follower.rpcPort });
    try {
      const result = await client.getBinlog({ user: 'root', passwd: '', db: 'x', prev_commit_seq: 0n });
      assert.equal(result.status?.status_code, StatusCode.NOT_MASTER);
      const error = (() => {
        try {
          expectStatus('getBinlog', result);
        } catch (e) {
          return e as DorisStatusError;
        }
      })();
      assert.ok(error instanceof DorisStatusError);
      assert.deepEqual(error.masterAddress, { hostname: '127.0.0.1', port: sandbox.ready.rpcPort });
    } finally {
      client.close();
    }
    const conn = await (await import('mysql2/promise')).default.createConnection({
      host: '127.0.0.1',
      port: follower.queryPort,
      user: 'root',
    });
    try {
      await conn.query('CREATE DATABASE via_follower');
      const dbs = await query<{ Database: string }>(conn, "SHOW DATABASES LIKE 'via_follower'");
      assert.equal(dbs.length, 1);
    } finally {
      await conn.end();
    }
  });

  it('promotes a follower when the master is killed', async () => {
    const response = await fetch(
      `http://127.0.0.1:${sandbox.ready.frontends[1]!.httpPort}/api/_sandbox/kill_frontend?index=0`,
      {
        method: 'POST',
      },
    );
    assert.deepEqual(await response.json(), { killed: 'fe_0', master: 'fe_1' });
    const newMaster = createFrontendClient({ host: '127.0.0.1', port: sandbox.ready.frontends[1]!.rpcPort });
    const oldMaster = createFrontendClient({
      host: '127.0.0.1',
      port: sandbox.ready.rpcPort,
      connectTimeoutMs: 1000,
    });
    try {
      const r = await newMaster.getBackendMeta({ user: 'root', passwd: '' });
      assert.equal(r.status?.status_code, StatusCode.OK);
      await assert.rejects(oldMaster.getBackendMeta({ user: 'root', passwd: '' }), /connect/);
    } finally {
      newMaster.close();
      oldMaster.close();
    }
  });
});

// `--frontends 3`: SHOW FRONTENDS lists every FE with IsMaster/Alive as Doris does, followers answer CCR
// RPCs with NOT_MASTER and the master's address, SQL works through any FE, and a test in another process
// kills the master through the sandbox admin endpoint (its ports close, a follower becomes master) and
// starts it again (it comes back on its ports as a follower).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFrontendClient, DorisStatusError, expectStatus, StatusCode } from '@doris-ccr/protocol';
import mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';
import { portRefused } from './topology-helpers.js';

interface FrontendRow {
  Name: string;
  QueryPort: string;
  RpcPort: string;
  IsMaster: string;
  Alive: string;
  CurrentConnected: string;
}

function connectTo(port: number) {
  return mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
}

async function showFrontends(port: number): Promise<FrontendRow[]> {
  const conn = await connectTo(port);
  try {
    return await query<FrontendRow>(conn, 'SHOW FRONTENDS');
  } finally {
    await conn.end();
  }
}

async function notMasterAnswer(rpcPort: number) {
  const client = createFrontendClient({ host: '127.0.0.1', port: rpcPort });
  try {
    const result = await client.getBinlog({ user: 'root', passwd: '', db: 'x', prev_commit_seq: 0n });
    try {
      expectStatus('getBinlog', result);
    } catch (e) {
      return e as DorisStatusError;
    }
    return undefined;
  } finally {
    client.close();
  }
}

describe('several frontends', () => {
  let sandbox: SandboxProcess;
  before(async () => {
    sandbox = await SandboxProcess.start({ args: ['--frontends', '3'] });
  });
  after(() => sandbox?.destroy());

  it('lists every FE in SHOW FRONTENDS and frontends() with its ports, the master and the asking FE', async () => {
    const fes = sandbox.ready.frontends;
    for (const [i, fe] of fes.entries()) {
      const rows = await showFrontends(fe.queryPort);
      assert.deepEqual(
        rows.map((r) => [
          r.Name,
          Number(r.QueryPort),
          Number(r.RpcPort),
          r.IsMaster,
          r.Alive,
          r.CurrentConnected,
        ]),
        fes.map((f, j) => [f.name, f.queryPort, f.rpcPort, String(j === 0), 'true', j === i ? 'Yes' : 'No']),
      );
    }
    const conn = await connectTo(fes[2]!.queryPort);
    try {
      const rows = await query<{ IsMaster: string }>(conn, 'select IsMaster from frontends()');
      assert.deepEqual(
        rows.map((r) => r.IsMaster),
        ['true', 'false', 'false'],
      );
    } finally {
      await conn.end();
    }
  });

  it('answers NOT_MASTER with the master address on a follower, and SQL works there', async () => {
    const follower = sandbox.ready.frontends[1]!;
    const error = await notMasterAnswer(follower.rpcPort);
    assert.ok(error instanceof DorisStatusError);
    assert.equal(error.code, StatusCode.NOT_MASTER);
    assert.deepEqual(error.masterAddress, { hostname: '127.0.0.1', port: sandbox.ready.rpcPort });
    const conn = await connectTo(follower.queryPort);
    try {
      await conn.query('CREATE DATABASE via_follower');
      const dbs = await query<{ Database: string }>(conn, "SHOW DATABASES LIKE 'via_follower'");
      assert.equal(dbs.length, 1);
    } finally {
      await conn.end();
    }
  });

  it('kills the master from outside: its ports close, a follower becomes master, SHOW FRONTENDS says so', async () => {
    const [fe0, fe1, fe2] = sandbox.ready.frontends as [
      (typeof sandbox.ready.frontends)[0],
      (typeof sandbox.ready.frontends)[0],
      (typeof sandbox.ready.frontends)[0],
    ];
    const open = await connectTo(fe0.queryPort);
    const killed = await sandbox.admin('kill_frontend?index=0', 0);
    assert.deepEqual(killed, { status: 200, body: { killed: 'fe_0', master: 'fe_1' } });
    await assert.rejects(open.query('SELECT 1'), 'a session on the killed FE is cut');
    open.destroy();
    for (const port of [fe0.queryPort, fe0.rpcPort, fe0.httpPort])
      assert.ok(await portRefused(port), `port ${port} closed`);
    const rows = await showFrontends(fe2.queryPort);
    assert.deepEqual(
      rows.map((r) => [r.Name, r.IsMaster, r.Alive]),
      [
        ['fe_0', 'false', 'false'],
        ['fe_1', 'true', 'true'],
        ['fe_2', 'false', 'true'],
      ],
    );
    const redirect = await notMasterAnswer(fe2.rpcPort);
    assert.deepEqual(redirect?.masterAddress, { hostname: '127.0.0.1', port: fe1.rpcPort });
    const master = createFrontendClient({ host: '127.0.0.1', port: fe1.rpcPort });
    try {
      const r = await master.getBackendMeta({ user: 'root', passwd: '' });
      assert.equal(r.status?.status_code, StatusCode.OK);
    } finally {
      master.close();
    }
  });

  it('starts the killed FE again on its ports, as a follower of the new master', async () => {
    const [fe0, fe1] = sandbox.ready.frontends;
    const started = await sandbox.admin('start_frontend?index=0', 1);
    assert.deepEqual(started, { status: 200, body: { started: 'fe_0', master: 'fe_1' } });
    const rows = await showFrontends(fe0!.queryPort);
    assert.deepEqual(
      rows.map((r) => [r.Name, r.IsMaster, r.Alive, r.CurrentConnected]),
      [
        ['fe_0', 'false', 'true', 'Yes'],
        ['fe_1', 'true', 'true', 'No'],
        ['fe_2', 'false', 'true', 'No'],
      ],
    );
    const redirect = await notMasterAnswer(fe0!.rpcPort);
    assert.deepEqual(redirect?.masterAddress, { hostname: '127.0.0.1', port: fe1!.rpcPort });
  });

  it('answers the admin endpoints with 400 naming the mistake, and never kills the last FE', async () => {
    assert.deepEqual(await sandbox.admin('kill_frontend?index=7'), {
      status: 400,
      body: { error: "index must be a frontend index from 0 to 2, got '7'" },
    });
    assert.deepEqual(await sandbox.admin('start_frontend?index=1'), {
      status: 400,
      body: { error: 'frontend 1 is already running' },
    });
    assert.equal((await sandbox.admin('kill_frontend?index=1', 0)).status, 200);
    assert.equal((await sandbox.admin('kill_frontend?index=2', 0)).status, 200);
    assert.deepEqual(await sandbox.admin('kill_frontend?index=0', 0), {
      status: 400,
      body: { error: 'cannot kill the last live frontend' },
    });
    const topology = await sandbox.admin<{
      frontends: Array<{ name: string; alive: boolean; isMaster: boolean }>;
    }>('topology');
    assert.deepEqual(
      topology.body.frontends.map((f) => [f.name, f.alive, f.isMaster]),
      [
        ['fe_0', true, true],
        ['fe_1', false, false],
        ['fe_2', false, false],
      ],
    );
  });
});

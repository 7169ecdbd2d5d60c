// A restarted sandbox listens where it did before: every FE's and BE's ports (spares included) are kept in
// the data dir, as a real cluster's configs keep them, unless the command line names new ones.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { query, SandboxProcess } from './sandbox-process.js';
import { portRefused } from './topology-helpers.js';

async function showBackends(sandbox: SandboxProcess) {
  const conn = await sandbox.connect();
  try {
    const rows = await query<Record<string, string>>(conn, 'SHOW BACKENDS');
    return rows.map((r) => ({
      id: r.BackendId,
      heartbeatPort: Number(r.HeartbeatPort),
      bePort: Number(r.BePort),
      httpPort: Number(r.HttpPort),
      alive: r.Alive,
    }));
  } finally {
    await conn.end();
  }
}

describe('ports kept across restarts', () => {
  let sandbox: SandboxProcess | undefined;
  after(() => sandbox?.destroy());

  it('gives every FE and BE the same ports after a restart of the same data dir', async () => {
    sandbox = await SandboxProcess.start({
      backends: 2,
      args: ['--spare-backends', '1', '--frontends', '2'],
    });
    const first = sandbox.ready;
    assert.equal(first.backends.length, 2);
    assert.equal(first.spareBackends.length, 1);
    const before = await showBackends(sandbox);
    assert.deepEqual(
      before.map((b) => [b.id, b.heartbeatPort, b.bePort, b.httpPort, b.alive]),
      first.backends.map((b) => [b.id, b.heartbeatPort, b.bePort, b.httpPort, 'true']),
    );
    await sandbox.kill('SIGTERM');
    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir });
    assert.deepEqual(sandbox.ready.frontends, first.frontends);
    assert.deepEqual(sandbox.ready.backends, first.backends);
    assert.deepEqual(sandbox.ready.spareBackends, first.spareBackends);
    assert.deepEqual(await showBackends(sandbox), before);
    const client = sandbox.thrift();
    try {
      const meta = await client.getBackendMeta({ user: 'root', passwd: '' });
      assert.deepEqual(
        meta.backends?.map((b) => [b.id?.toString(), b.be_port, b.http_port]),
        first.backends.map((b) => [b.id, b.bePort, b.httpPort]),
      );
    } finally {
      client.close();
    }
  });

  it('takes new BE ports from --be-port-base 0 and keeps those from then on', async () => {
    const old = sandbox!.ready;
    await sandbox!.kill('SIGTERM');
    sandbox = await SandboxProcess.start({ dataDir: sandbox!.dataDir, args: ['--be-port-base', '0'] });
    const moved = sandbox.ready;
    assert.deepEqual(moved.frontends, old.frontends, 'FE ports are kept');
    assert.deepEqual(
      moved.backends.map((b) => b.id),
      old.backends.map((b) => b.id),
    );
    for (const [i, b] of moved.backends.entries()) assert.notEqual(b.bePort, old.backends[i]!.bePort);
    assert.deepEqual(
      (await showBackends(sandbox)).map((b) => [b.bePort, b.httpPort]),
      moved.backends.map((b) => [b.bePort, b.httpPort]),
    );
    await sandbox.kill('SIGTERM');
    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir });
    assert.deepEqual(sandbox.ready.backends, moved.backends);
  });

  it('refuses to start, naming the port and the option, when a kept BE port is taken', async () => {
    const taken = sandbox!.ready.backends[0]!.bePort;
    await sandbox!.kill('SIGTERM');
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(taken, '127.0.0.1', resolve));
    try {
      await assert.rejects(
        SandboxProcess.start({ dataDir: sandbox!.dataDir }),
        new RegExp(`be_port cannot listen on port ${taken}.*address in use.*--be-port-base`),
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    sandbox = await SandboxProcess.start({ dataDir: sandbox!.dataDir });
    assert.equal(sandbox.ready.backends[0]!.bePort, taken);
  });

  it('keeps a backend added from a spare, and a decommission in progress, across a restart', async () => {
    const spare = sandbox!.ready.spareBackends[0]!;
    const conn = await sandbox!.connect();
    let decommissioned: string;
    try {
      await conn.query('ADMIN SET FRONTEND CONFIG ("disable_tablet_scheduler" = "true")');
      await conn.query(`ALTER SYSTEM ADD BACKEND "127.0.0.1:${spare.heartbeatPort}"`);
      decommissioned = sandbox!.ready.backends[0]!.id;
      await conn.query(`ALTER SYSTEM DECOMMISSION BACKEND "${decommissioned}"`);
    } finally {
      await conn.end();
    }
    const before = await showBackends(sandbox!);
    await sandbox!.kill('SIGTERM');
    // The scheduler setting is not kept (ADMIN SET FRONTEND CONFIG is not persisted in Doris either).
    // --backends is a minimum: the backend added from a spare runs again too.
    sandbox = await SandboxProcess.start({
      dataDir: sandbox!.dataDir,
      backends: 2,
      args: ['--fe-config', 'disable_tablet_scheduler=true'],
    });
    assert.deepEqual(await showBackends(sandbox), before);
    assert.equal(before.length, 3);
    assert.ok(before.every((b) => b.alive === 'true'));
    assert.deepEqual(sandbox.ready.spareBackends, []);
    const conn2 = await sandbox.connect();
    try {
      const rows = await query<{ BackendId: string; SystemDecommissioned: string }>(conn2, 'SHOW BACKENDS');
      assert.deepEqual(
        rows.map((r) => [r.BackendId, r.SystemDecommissioned]),
        before.map((b) => [b.id, String(b.id === decommissioned)]),
      );
    } finally {
      await conn2.end();
    }
  });

  it('stops and starts one BE process from outside: its ports close and SHOW BACKENDS says it is not alive', async () => {
    const conn = await sandbox!.connect();
    try {
      await conn.query(`CREATE DATABASE d; CREATE TABLE d.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
        PROPERTIES ("replication_num" = "2"); INSERT INTO d.t VALUES (1), (2), (3)`);
      const be = sandbox!.ready.backends[1]!;
      assert.deepEqual(await sandbox!.admin(`stop_backend?id=${be.id}`), {
        status: 200,
        body: { backend: be.id, running: false },
      });
      assert.ok(await portRefused(be.bePort), 'be_port closed');
      assert.equal((await showBackends(sandbox!)).find((b) => b.id === be.id)?.alive, 'false');
      // Reads go to the other replica meanwhile.
      assert.deepEqual(await query(conn, 'SELECT count(*) AS n FROM d.t'), [{ n: '3' }]);
      const client = sandbox!.thrift();
      try {
        const meta = await client.getBackendMeta({ user: 'root', passwd: '' });
        assert.equal(meta.backends?.find((b) => b.id?.toString() === be.id)?.is_alive, false);
      } finally {
        client.close();
      }
      assert.deepEqual((await sandbox!.admin(`stop_backend?id=${be.id}`)).status, 400);
      assert.deepEqual(await sandbox!.admin(`start_backend?id=${be.id}`), {
        status: 200,
        body: { backend: be.id, running: true },
      });
      assert.equal((await showBackends(sandbox!)).find((b) => b.id === be.id)?.alive, 'true');
      assert.deepEqual(await query(conn, 'SELECT count(*) AS n FROM d.t'), [{ n: '3' }]);
      assert.deepEqual(await sandbox!.admin('stop_backend?id=1'), {
        status: 400,
        body: { error: "id must be the backend id of a BE this sandbox runs, got '1'" },
      });
    } finally {
      await conn.end();
    }
  });
});

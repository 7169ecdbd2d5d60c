// ClusterSql moves to another FE of the cluster when the one it uses stops answering, against a real
// three-FE sandbox whose first FE is killed, and against a port that accepts connections but never answers.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ClusterSql, DorisSqlError } from '../../src/clients/index.js';
import { type Sandbox, startSandbox } from './cluster-binary.js';

describe('ClusterSql FE failover', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ frontends: 3, backends: 1 });
  });
  after(async () => {
    await sandbox?.stop();
  });

  test('learns every FE and keeps running statements after the one it used is killed', async () => {
    const sql = new ClusterSql(sandbox.spec());
    const moves: string[] = [];
    sql.onFailover = (from, to) => moves.push(`${from} -> ${to}`);
    try {
      sql.setFrontends(await sql.frontends());
      assert.equal(sql.frontendAddresses.length, 3);
      await sql.execute('CREATE DATABASE failover_db');
      await sql.execute(
        'CREATE TABLE failover_db.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")',
      );
      await sql.execute('INSERT INTO failover_db.t VALUES (1)');
      await sandbox.killFrontend(0, 1);
      // A write whose FE refuses the connection was never sent: it goes to the next FE.
      await sql.execute('INSERT INTO failover_db.t VALUES (2)');
      const rows = await sql.query('SELECT k FROM failover_db.t ORDER BY k');
      assert.deepEqual(
        rows.map((r) => r.string('k')),
        ['1', '2'],
      );
      assert.equal(moves.length, 1, moves.join(', '));
      assert.match(moves[0]!, new RegExp(`:${sandbox.frontends[0]!.queryPort} -> `));
      assert.notEqual(sql.address, `127.0.0.1:${sandbox.frontends[0]!.queryPort}`);
    } finally {
      await sql.close();
    }
  });
});

describe('ClusterSql against an FE that accepts but never answers', () => {
  let silent: Server;
  let port: number;
  const held: Socket[] = [];
  before(async () => {
    silent = createServer((s) => held.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  after(async () => {
    for (const s of held) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  test('a statement fails with a connection error naming the FE, or moves when another FE is known', async () => {
    const spec = {
      host: '127.0.0.1',
      port: String(port),
      thrift_port: '1',
      user: 'root',
      password: 'never-in-messages',
      database: 'db',
      table: '',
      cluster: '',
    };
    const alone = new ClusterSql(spec, { connectTimeoutMs: 300 });
    try {
      const error = await alone.query('SELECT 1').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof DorisSqlError, String(error));
      assert.ok(error.isConnectionError);
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.doesNotMatch(error.message, /never-in-messages/);
    } finally {
      await alone.close();
    }
    const sandbox = await startSandbox({ backends: 1 });
    const sql = new ClusterSql({ ...spec, password: '' }, { connectTimeoutMs: 300 });
    try {
      sql.setFrontends([
        {
          host: '127.0.0.1',
          port: String(sandbox.queryPort),
          thrift_port: String(sandbox.rpcPort),
          is_master: true,
        },
      ]);
      const rows = await sql.query('SELECT 1 AS one');
      assert.equal(rows[0]!.string('one'), '1');
      assert.equal(sql.address, `127.0.0.1:${sandbox.queryPort}`);
    } finally {
      await sql.close();
      await sandbox.stop();
    }
  });
});

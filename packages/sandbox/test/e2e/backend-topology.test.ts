// ALTER SYSTEM ADD / DROPP / DECOMMISSION BACKEND and CANCEL DECOMMISSION through the MySQL port, with the
// tablet scheduler moving replicas while rows flow: nothing lost, SHOW BACKENDS, SHOW PROC and getMeta
// follow the moves, and a spare BE process becomes a backend on its own ports.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FrontendClient } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';
import { backends, insertLoop, placement, waitUntil } from './topology-helpers.js';

const FAST = [
  '--fe-config',
  'tablet_schedule_interval_ms=100',
  // Replicas on a dropped BE are repaired after 2 × this many seconds, as in Doris.
  '--fe-config',
  'tablet_repair_delay_factor_second=1',
];

describe('backends: add, decommission, drop', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  let fe: FrontendClient;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 2, args: ['--spare-backends', '2', ...FAST] });
    conn = await sandbox.connect();
    fe = sandbox.thrift();
    await conn.query(`CREATE DATABASE d PROPERTIES ("binlog.enable" = "true"); USE d;
      CREATE TABLE t (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 8
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await conn.query(
      `INSERT INTO t VALUES ${Array.from({ length: 100 }, (_, i) => `(${i}, ${i * 10})`).join(',')}`,
    );
  });
  after(async () => {
    fe?.close();
    await conn?.end();
    await sandbox?.destroy();
  });

  it('refuses bad ALTER SYSTEM statements as Doris does, and needs the NODE privilege', async () => {
    const spare = sandbox.ready.spareBackends[0]!;
    const existing = sandbox.ready.backends[0]!;
    const cases: Array<[string, RegExp]> = [
      [
        `ALTER SYSTEM ADD BACKEND "127.0.0.1:${existing.heartbeatPort}"`,
        /Same backend already exists\[127\.0\.0\.1:\d+\]/,
      ],
      [
        `ALTER SYSTEM DROP BACKEND "127.0.0.1:${existing.heartbeatPort}"`,
        /NOT RECOMMENDED.*use DROPP BACKEND stmt \(double P\)/,
      ],
      ['ALTER SYSTEM DROPP BACKEND "127.0.0.1:1"', /backend does not exists\[127\.0\.0\.1:1\]/],
      ['ALTER SYSTEM DECOMMISSION BACKEND "127.0.0.1:1"', /Backend does not exist\[127\.0\.0\.1:1\]/],
      ['CANCEL DECOMMISSION BACKEND "127.0.0.1:1"', /Backend does not exist\[127\.0\.0\.1:1\]/],
      ['ALTER SYSTEM ADD BACKEND "127.0.0.1"', /Invalid host port: 127\.0\.0\.1/],
      ['ALTER SYSTEM ADD BACKEND "127.0.0.1:70000"', /Port is out of range: 70000/],
      [
        'ALTER SYSTEM ADD FOLLOWER "127.0.0.1:9010"',
        /ALTER SYSTEM ADD FOLLOWER is not supported by doris-sandbox/,
      ],
    ];
    for (const [sql, error] of cases) await assert.rejects(conn.query(sql), error, sql);
    await conn.query("CREATE USER plain IDENTIFIED BY 'pw'; GRANT SELECT_PRIV ON d.* TO plain");
    const plain = await sandbox.connect('plain', 'pw');
    try {
      await assert.rejects(
        plain.query(`ALTER SYSTEM ADD BACKEND "127.0.0.1:${spare.heartbeatPort}"`),
        /Access denied; you need \(at least one of\) the \(NODE\) privilege/,
      );
      await assert.rejects(
        plain.query(`ALTER SYSTEM DECOMMISSION BACKEND "127.0.0.1:${existing.heartbeatPort}"`),
        /\(NODE\) privilege/,
      );
    } finally {
      await plain.end();
    }
    assert.equal((await backends(conn)).length, 2, 'nothing changed');
  });

  it('adds a spare BE on its own ports and rebalances tablets onto it', async () => {
    const spare = sandbox.ready.spareBackends[0]!;
    await conn.query(`ALTER SYSTEM ADD BACKEND "127.0.0.1:${spare.heartbeatPort}"`);
    const added = (await backends(conn)).find((b) => b.heartbeatPort === spare.heartbeatPort);
    assert.ok(added, 'SHOW BACKENDS lists the new backend');
    assert.equal(added.alive, 'true');
    const meta = await fe.getBackendMeta({ user: 'root', passwd: '' });
    const be = meta.backends?.find((b) => b.id?.toString() === added.id);
    assert.deepEqual([be?.be_port, be?.http_port], [spare.bePort, spare.httpPort]);
    // 8 tablets on 2 BEs (4 + 4) → the balancer moves replicas until no BE has 2 more than another.
    const balanced = await waitUntil('a balanced cluster', async () => {
      const rows = await backends(conn);
      const nums = rows.map((r) => r.tabletNum);
      return Math.max(...nums) - Math.min(...nums) <= 1 && rows.every((r) => r.tabletNum > 0) && rows;
    });
    assert.equal(
      balanced.reduce((n, r) => n + r.tabletNum, 0),
      8,
    );
    const onNew = [...(await placement(fe, 'd')).values()].filter((ids) => ids.includes(added.id));
    assert.ok(onNew.length >= 2, 'getMeta places tablets on the new backend');
    assert.equal(Number((await query(conn, 'SELECT count(*) AS n FROM t'))[0]!.n), 100);
  });

  it('decommissions a BE while rows flow: its tablets move, it disappears, no row is lost', async () => {
    const victim = (await backends(conn))[0]!;
    const before = await placement(fe, 'd');
    const moving = [...before].filter(([, ids]) => ids.includes(victim.id)).map(([id]) => id);
    assert.ok(moving.length > 0);
    const writer = await sandbox.connect('root', '', 'd');
    const load = insertLoop(writer, 't', 1000);
    try {
      await waitUntil('some rows inserted', async () => load.inserted.length > 5);
      await conn.query(`ALTER SYSTEM DECOMMISSION BACKEND "127.0.0.1:${victim.heartbeatPort}"`);
      const during = (await backends(conn)).find((b) => b.id === victim.id);
      assert.equal(during?.decommissioned, 'true');
      await waitUntil('the decommissioned BE to be dropped', async () =>
        (await backends(conn)).every((b) => b.id !== victim.id),
      );
      await waitUntil('more rows after the move', async () => load.inserted.length > 20 + 5);
    } finally {
      await load.stop();
      await writer.end();
    }
    const after = await placement(fe, 'd');
    for (const id of moving) {
      assert.equal(after.get(id)?.length, 1, `tablet ${id} keeps one replica`);
      assert.notEqual(after.get(id)![0], victim.id, `tablet ${id} moved off ${victim.id}`);
    }
    const keys = (await query<{ k: number }>(conn, 'SELECT k FROM t WHERE k >= 1000 ORDER BY k')).map((r) =>
      Number(r.k),
    );
    assert.deepEqual(keys, load.inserted);
    assert.equal(Number((await query(conn, 'SELECT count(*) AS n FROM t WHERE k < 1000'))[0]!.n), 100);
  });

  it('shows a moved tablet on its new BE in SHOW PROC and the dropped BE process runs on as a spare', async () => {
    const [tabletId, [backendId]] = [...(await placement(fe, 'd'))][0]! as [string, string[]];
    const [db] = await query<{ DbId: string; DbName: string }>(conn, "SHOW PROC '/dbs'").then((rows) =>
      rows.filter((r) => r.DbName === 'd'),
    );
    const [table] = await query<{ TableId: string }>(conn, `SHOW PROC '/dbs/${db!.DbId}'`);
    const [partition] = await query<{ PartitionId: string }>(
      conn,
      `SHOW PROC '/dbs/${db!.DbId}/${table!.TableId}/partitions'`,
    );
    const [index] = await query<{ IndexId: string }>(
      conn,
      `SHOW PROC '/dbs/${db!.DbId}/${table!.TableId}/partitions/${partition!.PartitionId}'`,
    );
    const rows = await query<{ TabletId: string; BackendId: string; State: string }>(
      conn,
      `SHOW PROC '/dbs/${db!.DbId}/${table!.TableId}/partitions/${partition!.PartitionId}/${index!.IndexId}'`,
    );
    const row = rows.find((r) => r.TabletId === tabletId);
    assert.deepEqual([row?.BackendId, row?.State], [backendId, 'NORMAL']);
    const replicas = await query<{ BackendId: string; State: string; IsBad: string; IsUserDrop: string }>(
      conn,
      `SHOW PROC '/dbs/${db!.DbId}/${table!.TableId}/partitions/${partition!.PartitionId}/${index!.IndexId}/${tabletId}'`,
    );
    assert.deepEqual(
      replicas.map((r) => [r.BackendId, r.State, r.IsBad, r.IsUserDrop]),
      [[backendId, 'NORMAL', 'false', 'false']],
    );
    const topology = await sandbox.admin<{ backends: Array<{ id: string | null; registered: boolean }> }>(
      'topology',
    );
    assert.equal(topology.status, 200);
    assert.equal(
      topology.body.backends.filter((b) => !b.registered).length,
      2,
      'the unused spare and the dropped BE',
    );
  });

  it('CANCEL DECOMMISSION BACKEND stops a decommission and keeps the BE', async () => {
    await conn.query('ADMIN SET FRONTEND CONFIG ("disable_tablet_scheduler" = "true")');
    try {
      const be = (await backends(conn))[0]!;
      await conn.query(`ALTER SYSTEM DECOMMISSION BACKEND "${be.id}"`);
      assert.equal((await backends(conn)).find((b) => b.id === be.id)?.decommissioned, 'true');
      // New tablets avoid a BE being decommissioned.
      await conn.query(`CREATE TABLE t3 (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 4
        PROPERTIES ("replication_num" = "1")`);
      const t3 = [...(await placement(fe, 'd', 't3')).values()];
      assert.ok(t3.length === 4 && t3.every((ids) => !ids.includes(be.id)));
      await conn.query(`CANCEL DECOMMISSION BACKEND "localhost:${be.heartbeatPort}"`);
      assert.equal((await backends(conn)).find((b) => b.id === be.id)?.decommissioned, 'false');
    } finally {
      await conn.query('ADMIN SET FRONTEND CONFIG ("disable_tablet_scheduler" = "false")');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await backends(conn)).length, 2, 'the BE stays');
  });

  it('DROPP BACKEND discards its replicas; tablets with a replica elsewhere are repaired, SHOW BACKENDS drops it', async () => {
    await conn.query(`CREATE TABLE t2 (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 4
      PROPERTIES ("replication_num" = "2")`);
    await conn.query('INSERT INTO t2 VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)');
    const spare = sandbox.ready.spareBackends[1]!;
    await conn.query(`ALTER SYSTEM ADD BACKEND "127.0.0.1:${spare.heartbeatPort}"`);
    const onT = new Set([...(await placement(fe, 'd', 't')).values()].flat());
    const victim = (await backends(conn)).find((b) => onT.has(b.id))!;
    await conn.query(`ALTER SYSTEM DROPP BACKEND "127.0.0.1:${victim.heartbeatPort}"`);
    assert.ok((await backends(conn)).every((b) => b.id !== victim.id));
    await waitUntil('t2 repaired to two replicas per tablet off the dropped BE', async () => {
      const t2 = [...(await placement(fe, 'd', 't2')).values()];
      return t2.length === 4 && t2.every((ids) => ids.length === 2 && !ids.includes(victim.id));
    });
    // t has one replica per tablet: those on the dropped BE are gone with their data, as Doris warns.
    await assert.rejects(conn.query('SELECT count(*) FROM t'), /no queryable replica found in tablet/);
    assert.deepEqual(
      (await query<{ k: number }>(conn, 'SELECT k FROM t2 ORDER BY k')).map((r) => Number(r.k)),
      [1, 2, 3, 4, 5],
    );
  });

  it('replaces a replica set bad from a healthy one; a dropped BE process is added again under a new id', async () => {
    const topology = await sandbox.admin<{ backends: Array<{ id: string | null; heartbeatPort: number }> }>(
      'topology',
    );
    const dropped = topology.body.backends.find((b) => b.id === null)!;
    await conn.query(`ALTER SYSTEM ADD BACKEND "127.0.0.1:${dropped.heartbeatPort}"`);
    const rows = await backends(conn);
    assert.equal(rows.length, 3);
    const readded = rows.find((b) => b.heartbeatPort === dropped.heartbeatPort)!;
    assert.equal(readded.alive, 'true');
    await conn.query(`CREATE TABLE t4 (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "2")`);
    await conn.query('INSERT INTO t4 VALUES (1, 1), (2, 2), (3, 3), (4, 4)');
    const [tabletId, replicas] = [...(await placement(fe, 'd', 't4'))][0]! as [string, string[]];
    const bad = replicas[0]!;
    await conn.query('ADMIN SET FRONTEND CONFIG ("disable_tablet_scheduler" = "true")');
    await conn.query(
      `ADMIN SET REPLICA STATUS PROPERTIES ("tablet_id" = "${tabletId}", "backend_id" = "${bad}", "status" = "bad")`,
    );
    // A bad replica is neither read nor written: reads use the healthy one; a load into its tablet misses
    // the quorum of two (of two replicas) and fails, as in Doris.
    assert.equal(Number((await query(conn, 'SELECT count(*) AS n FROM t4'))[0]!.n), 4);
    await assert.rejects(
      conn.query(
        `INSERT INTO t4 VALUES ${Array.from({ length: 20 }, (_, i) => `(${100 + i}, 0)`).join(',')}`,
      ),
      /succ replica num 1 < quorum replica num 2/,
    );
    await conn.query('ADMIN SET FRONTEND CONFIG ("disable_tablet_scheduler" = "false")');
    const repaired = await waitUntil('the bad replica replaced', async () => {
      const ids = (await placement(fe, 'd', 't4')).get(tabletId);
      return ids?.length === 2 && !ids.includes(bad) && ids;
    });
    assert.ok(repaired.includes(replicas[1]!), 'the healthy replica stays');
    assert.deepEqual(
      (await query<{ k: number }>(conn, 'SELECT k FROM t4 ORDER BY k')).map((r) => Number(r.k)),
      [1, 2, 3, 4],
    );
    await conn.query('INSERT INTO t4 VALUES (5, 5)');
    assert.equal(Number((await query(conn, 'SELECT count(*) AS n FROM t4'))[0]!.n), 5);
  });
});

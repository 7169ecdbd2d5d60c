import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { DorisStatusError, SnapshotType, StatusCode } from '@doris-ccr/protocol';
import {
  ClusterSql,
  type FeRouteEvent,
  FeRpc,
  FeUnavailableError,
  quoteString,
} from '../../src/clients/index.js';
import { type Sandbox, startSandbox } from './cluster-binary.js';

const PASSWORD = 'Rpc-Secret-2468';

describe('FeRpc against a two-FE sandbox', () => {
  let sandbox: Sandbox;
  let root: ClusterSql;
  let dbId: bigint;
  let tableId: bigint;

  before(async () => {
    sandbox = await startSandbox({ backends: 1, frontends: 2 });
    root = new ClusterSql(sandbox.spec());
    await root.execute(`CREATE USER 'ccr_rpc'@'%' IDENTIFIED BY ${quoteString(PASSWORD)}`);
    await root.execute(
      "GRANT ADMIN_PRIV, SELECT_PRIV, LOAD_PRIV, ALTER_PRIV, CREATE_PRIV, DROP_PRIV ON *.* TO 'ccr_rpc'@'%'",
    );
    await root.execute('CREATE DATABASE `ccr_rpc_db` PROPERTIES ("binlog.enable" = "true")');
    await root.execute(
      'CREATE TABLE `ccr_rpc_db`.`t` (`k` INT, `v` INT) DUPLICATE KEY(`k`) DISTRIBUTED BY HASH(`k`) ' +
        'BUCKETS 2 PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")',
    );
    dbId = (await root.dbId('ccr_rpc_db'))!;
    tableId = (await root.tableIds(dbId)).find((t) => t.name === 't')!.id;
  });
  after(async () => {
    await root?.close();
    await sandbox?.stop();
  });

  /** A spec for the password user, pointing at the follower fe_1. */
  const followerSpec = (password = PASSWORD) =>
    sandbox.spec({ user: 'ccr_rpc', password, database: 'ccr_rpc_db' }, 1);

  test('a call sent to a follower follows NOT_MASTER to the master', async () => {
    const events: FeRouteEvent[] = [];
    const rpc = new FeRpc(followerSpec(), { onEvent: (e) => events.push(e) });
    try {
      const master = `127.0.0.1:${sandbox.frontends[0]!.rpcPort}`;
      const follower = `127.0.0.1:${sandbox.frontends[1]!.rpcPort}`;
      assert.equal(rpc.master, follower);
      const result = await rpc.getBackendMeta();
      assert.equal(result.status.status_code, StatusCode.OK);
      assert.equal(rpc.master, master);
      assert.deepEqual(events, [
        { kind: 'redirect', method: 'getBackendMeta', from: follower, to: master, reason: 'NOT_MASTER' },
      ]);
      // The master is remembered: the next call goes straight there.
      await rpc.getBackendMeta();
      assert.equal(events.length, 1);
    } finally {
      rpc.close();
    }
  });

  test('discover() learns every FE and starts at the master', async () => {
    const sql = new ClusterSql(followerSpec());
    const rpc = await FeRpc.discover(followerSpec(), sql);
    try {
      const [fe0, fe1] = sandbox.frontends;
      assert.equal(rpc.master, `127.0.0.1:${fe0!.rpcPort}`);
      assert.deepEqual(rpc.frontends, [`127.0.0.1:${fe1!.rpcPort}`, `127.0.0.1:${fe0!.rpcPort}`]);
    } finally {
      rpc.close();
      await sql.close();
    }
  });

  test('every typed call authenticates with the spec credentials and returns its status', async () => {
    const rpc = new FeRpc(followerSpec());
    try {
      assert.ok((await rpc.masterToken()).length > 0);

      const backends = await rpc.backendList();
      assert.deepEqual(
        backends.map((b) => [b.id, b.be_port]),
        sandbox.backends.map((b) => [BigInt(b.id), b.bePort]),
      );

      const meta = await rpc.dbMeta({ id: dbId, tables: [{ id: tableId }] });
      assert.equal(meta?.tables?.[0]?.name, 't');

      const begin = await rpc.beginTxn({ table_ids: [tableId], label: `ccr_client_test_${Date.now()}` });
      assert.equal(begin.status?.status_code, StatusCode.OK, JSON.stringify(begin.status));
      assert.equal(typeof begin.txn_id, 'bigint');
      const rollback = await rpc.rollbackTxn({ txn_id: begin.txn_id!, reason: 'client test' });
      assert.equal(rollback.status?.status_code, StatusCode.OK);

      // Non-OK statuses come back as results: the caller decides what they mean.
      const commit = await rpc.commitTxn({ txn_id: 987654321n, commit_infos: [] });
      assert.notEqual(commit.status?.status_code, StatusCode.OK);
      assert.match(commit.status?.error_msgs?.join(' ') ?? '', /not found/);

      const binlog = await rpc.getBinlog({ prev_commit_seq: 0n });
      assert.equal(binlog.status?.status_code, StatusCode.OK, JSON.stringify(binlog.status));
      assert.ok((binlog.binlogs ?? []).length > 0);

      const lag = await rpc.getBinlogLag({ prev_commit_seq: 0n });
      assert.equal(lag.status?.status_code, StatusCode.OK);
      assert.ok((lag.lag ?? -1n) >= 0n);

      const snapshot = await rpc.getSnapshot({
        table: '',
        label_name: 'ccr_no_such_snapshot',
        snapshot_name: '',
        snapshot_type: SnapshotType.LOCAL,
      });
      assert.equal(snapshot.status?.status_code, StatusCode.SNAPSHOT_NOT_EXIST);

      const restore = await rpc.restoreSnapshot({ table: '', label_name: 'ccr_no_such_restore' });
      assert.equal(restore.status?.status_code, StatusCode.ANALYSIS_ERROR);
    } finally {
      rpc.close();
    }
  });

  test('a wrong password is a status, and no error text carries the password', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const rpc = new FeRpc(followerSpec(wrong));
    try {
      const meta = await rpc.getBackendMeta();
      assert.equal(meta.status.status_code, StatusCode.ANALYSIS_ERROR);
      const error = await rpc.backendList().then(
        () => assert.fail('expected DorisStatusError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof DorisStatusError);
      const token = await rpc.masterToken().then(
        () => assert.fail('expected DorisStatusError'),
        (e: unknown) => e,
      );
      assert.ok(token instanceof DorisStatusError);
      assert.equal(token.code, StatusCode.NOT_AUTHORIZED);
      for (const e of [error, token]) assert.ok(!inspect(e).includes(wrong));
      assert.ok(!inspect(rpc, { depth: 10 }).includes(wrong));
    } finally {
      rpc.close();
    }
  });

  test('attempts are bounded', async () => {
    const rpc = new FeRpc(followerSpec(), { maxAttempts: 1 });
    try {
      const error = await rpc.getBackendMeta().then(
        () => assert.fail('expected FeUnavailableError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof FeUnavailableError);
      assert.equal(error.attempts.length, 1);
      assert.match(error.attempts[0]!.outcome, /NOT_MASTER, master is 127\.0\.0\.1:\d+/);
    } finally {
      rpc.close();
    }
  });
});

describe('FeRpc failover when the master FE dies', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ backends: 1, frontends: 3 });
    const root = new ClusterSql(sandbox.spec());
    await root.execute(`CREATE USER 'ccr_fo'@'%' IDENTIFIED BY ${quoteString(PASSWORD)}`);
    await root.execute("GRANT ADMIN_PRIV ON *.* TO 'ccr_fo'@'%'");
    await root.close();
  });
  after(async () => {
    await sandbox?.stop();
  });

  test('moves to the promoted FE; without other known FEs it fails clearly', async () => {
    const spec = sandbox.spec({ user: 'ccr_fo', password: PASSWORD });
    const sql = new ClusterSql(spec);
    const events: FeRouteEvent[] = [];
    const rpc = await FeRpc.discover(spec, sql, { onEvent: (e) => events.push(e) });
    const lonely = new FeRpc(spec, { connectTimeoutMs: 2000 });
    await sql.close();
    try {
      const [fe0, fe1] = sandbox.frontends;
      const oldMaster = `127.0.0.1:${fe0!.rpcPort}`;
      const newMaster = `127.0.0.1:${fe1!.rpcPort}`;
      assert.equal((await rpc.getMasterToken()).status?.status_code, StatusCode.OK);
      assert.equal((await lonely.getMasterToken()).status?.status_code, StatusCode.OK);
      assert.equal(rpc.master, oldMaster);

      await sandbox.killFrontend(0, 1);

      const result = await rpc.getMasterToken();
      assert.equal(result.status?.status_code, StatusCode.OK);
      assert.equal(rpc.master, newMaster);
      assert.equal(events[0]?.kind, 'failover');
      assert.equal(events[0]?.from, oldMaster);
      assert.equal(events[0]?.to, newMaster);

      // Only the dead FE is known: the call fails with the trail of what was tried.
      const error = await lonely.getMasterToken().then(
        () => assert.fail('expected FeUnavailableError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof FeUnavailableError);
      assert.equal(error.attempts.length, 1);
      assert.equal(error.attempts[0]?.address, oldMaster);
      assert.ok(!inspect(error).includes(PASSWORD));
    } finally {
      rpc.close();
      lonely.close();
    }
  });
});

// Users and privileges are enforced on every statement and RPC, so the syncer's privilege checks are testable.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatusCode } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';

describe('users and privileges', () => {
  let sandbox: SandboxProcess;
  let root: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    root = await sandbox.connect();
    await root.query(`CREATE DATABASE app; CREATE TABLE app.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)
      BUCKETS 1 PROPERTIES ("replication_num" = "1"); INSERT INTO app.t VALUES (1)`);
    await root.query(
      `CREATE USER 'reader'@'%' IDENTIFIED BY 'secret'; GRANT SELECT_PRIV ON app.* TO 'reader'@'%'`,
    );
  });
  after(async () => {
    await root?.end();
    await sandbox?.destroy();
  });

  it('authenticates with the password and rejects a wrong one', async () => {
    await assert.rejects(sandbox.connect('reader', 'wrong'), (e: { errno?: number }) => e.errno === 1045);
    const reader = await sandbox.connect('reader', 'secret');
    try {
      assert.deepEqual(await query(reader, 'SELECT k FROM app.t'), [{ k: 1 }]);
      await assert.rejects(reader.query('INSERT INTO app.t VALUES (2)'), /LOAD/);
      await assert.rejects(reader.query('DROP TABLE app.t'), /DROP/);
      await assert.rejects(reader.query('SHOW BACKENDS'), /ADMIN/);
    } finally {
      await reader.end();
    }
  });

  it('GRANT and REVOKE take effect at once and show in SHOW GRANTS', async () => {
    await root.query(`GRANT LOAD_PRIV ON app.t TO 'reader'@'%'`);
    const reader = await sandbox.connect('reader', 'secret');
    try {
      await reader.query('INSERT INTO app.t VALUES (2)');
      const grants = await query<{ TablePrivs: string; DatabasePrivs: string }>(reader, 'SHOW GRANTS');
      assert.match(grants[0]!.DatabasePrivs, /internal\.app: Select_priv/);
      assert.match(grants[0]!.TablePrivs, /internal\.app\.t: Load_priv/);
      await root.query(`REVOKE LOAD_PRIV ON app.t FROM 'reader'@'%'`);
      await assert.rejects(reader.query('INSERT INTO app.t VALUES (3)'), /LOAD/);
    } finally {
      await reader.end();
    }
  });

  it('checks thrift RPCs too', async () => {
    const fe = sandbox.thrift();
    try {
      const token = await fe.getMasterToken({ cluster: '', user: 'reader', password: 'bad' });
      assert.equal(token.status?.status_code, StatusCode.NOT_AUTHORIZED);
      const dbs = await query<{ DbId: string; DbName: string }>(root, `SHOW PROC '/dbs/'`);
      const dbId = dbs.find((d) => d.DbName === 'app')!.DbId;
      const tables = await query<{ TableId: string }>(root, `SHOW PROC '/dbs/${dbId}/'`);
      const tableId = BigInt(tables[0]!.TableId);
      const txn = await fe.beginTxn({
        user: 'reader',
        passwd: 'secret',
        db: 'app',
        table_ids: [tableId],
        label: 'x',
      });
      assert.equal(txn.status?.status_code, StatusCode.ANALYSIS_ERROR);
      assert.match(txn.status?.error_msgs?.[0] ?? '', /LOAD/);
      const ok = await fe.beginTxn({ user: 'root', passwd: '', db: 'app', table_ids: [tableId], label: 'x' });
      assert.equal(ok.status?.status_code, StatusCode.OK);
      const again = await fe.beginTxn({
        user: 'root',
        passwd: '',
        db: 'app',
        table_ids: [tableId],
        label: 'x',
      });
      assert.equal(again.status?.status_code, StatusCode.LABEL_ALREADY_EXISTS);
      await fe.rollbackTxn({ user: 'root', passwd: '', db: 'app', txn_id: ok.txn_id! });
    } finally {
      fe.close();
    }
  });
});

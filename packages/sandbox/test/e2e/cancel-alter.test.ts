// CANCEL ALTER TABLE COLUMN | ROLLUP | MATERIALIZED VIEW: a job held in WAITING_TXN by a load that began
// before it (here a transaction begun over thrift, as the CCR syncer begins them) is cancelled — shadow
// or rollup index gone, table NORMAL and writable, schema unchanged, ALTER_JOB records ending CANCELLED —
// and a finished job cannot be cancelled, with Doris's messages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FrontendClient, StatusCode } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { expectError, lastSeq, readBinlogs, showCreate, waitForAlterJobs } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('CANCEL ALTER TABLE', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  let fe: FrontendClient;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    fe = sandbox.thrift();
    await conn.query(`CREATE DATABASE ca PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`CREATE TABLE ca.t (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await conn.query('INSERT INTO ca.t VALUES (1, 10), (2, 20)');
  });
  after(async () => {
    fe?.close();
    await conn?.end();
    await sandbox?.destroy();
  });

  /** Begins a load transaction on ca.t that stays open: alter jobs started after it wait for it. */
  async function holdTable(): Promise<bigint> {
    const meta = await fe.getMeta({ user: 'root', passwd: '', db: { name: 'ca' } });
    const tableId = meta.db_meta!.tables!.find((t) => t.name === 't')!.id!;
    const begin = await fe.beginTxn({
      user: 'root',
      passwd: '',
      db: 'ca',
      table_ids: [tableId],
      label: `hold_${Date.now()}`,
    });
    assert.equal(begin.status?.status_code, StatusCode.OK, JSON.stringify(begin.status));
    return begin.txn_id!;
  }

  /** The table's first alter job of `kind` once it waits for the held load (the FE gets there on its own). */
  async function waitingJob(
    kind: 'COLUMN' | 'ROLLUP',
  ): Promise<{ JobId: string; State: string } | undefined> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [job] = await query<{ JobId: string; State: string }>(conn, `SHOW ALTER TABLE ${kind} FROM ca`);
      if (job?.State === 'WAITING_TXN' || Date.now() > deadline) return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const release = (txnId: bigint) =>
    fe.rollbackTxn({ user: 'root', passwd: '', db: 'ca', txn_id: txnId, reason: 'test' });

  it('cancels a schema change job that waits for an older load', async () => {
    const before = await showCreate(conn, 'ca.t');
    const txnId = await holdTable();
    const from = await lastSeq(sandbox, 'ca');
    await conn.query('ALTER TABLE ca.t MODIFY COLUMN v BIGINT SUM');
    const running = await waitingJob('COLUMN');
    assert.equal(running?.State, 'WAITING_TXN');
    await conn.query('CANCEL ALTER TABLE COLUMN FROM ca.t');
    await release(txnId);
    const [cancelled] = await waitForAlterJobs(conn, 'ca', 'COLUMN');
    assert.equal(cancelled?.State, 'CANCELLED');
    assert.equal(await showCreate(conn, 'ca.t'), before, 'the schema is unchanged');
    const states = (await readBinlogs(sandbox, 'ca', from))
      .filter((b) => b.type === 'ALTER_JOB')
      .map((b) => (b.record.kind === 'alterJob' ? b.record.jobState : ''));
    assert.deepEqual(states, ['PENDING', 'WAITING_TXN', 'CANCELLED']);
    // v is still an INT column: the MODIFY never happened
    await conn.query('INSERT INTO ca.t VALUES (1, 1)');
    assert.deepEqual(await query(conn, 'SELECT k, v FROM ca.t ORDER BY k'), [
      { k: 1, v: 11 },
      { k: 2, v: 20 },
    ]);
  });

  it('cancels a rollup job, by job id too', async () => {
    const txnId = await holdTable();
    await conn.query('ALTER TABLE ca.t ADD ROLLUP r_v (k, v)');
    const job = await waitingJob('ROLLUP');
    assert.equal(job?.State, 'WAITING_TXN');
    await conn.query(`CANCEL ALTER TABLE ROLLUP FROM ca.t (${job!.JobId})`);
    await release(txnId);
    const [after] = await waitForAlterJobs(conn, 'ca', 'ROLLUP');
    assert.equal(after?.State, 'CANCELLED');
    assert.doesNotMatch(await showCreate(conn, 'ca.t'), /r_v/);
    await conn.query('ALTER TABLE ca.t ADD ROLLUP r_v (k, v)');
    await waitForAlterJobs(conn, 'ca', 'ROLLUP');
  });

  it('refuses to cancel what is not running', async () => {
    await expectError(conn, 'CANCEL ALTER TABLE COLUMN FROM ca.t', 'Table[t] is not under SCHEMA_CHANGE.');
    await expectError(
      conn,
      'CANCEL ALTER TABLE MATERIALIZED VIEW FROM ca.t',
      "Table[t] is not under ROLLUP. Use 'ALTER TABLE DROP ROLLUP' if you want to.",
    );
  });
});

// Alter jobs are durable: a schema change and a rollup interrupted by SIGKILL right after the ALTER
// returned are resumed by the restarted FE and finish with the same records a never-interrupted job writes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { readBinlogs, showCreate, waitForAlterJobs } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('alter jobs across a restart', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 2 });
    conn = await sandbox.connect();
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('resumes unfinished jobs after SIGKILL', async () => {
    await conn.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`CREATE TABLE src.t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(v) BUCKETS 4
      PROPERTIES ("replication_num" = "2")`);
    const values = Array.from({ length: 500 }, (_, i) => `(${i}, ${i})`).join(', ');
    await conn.query(`INSERT INTO src.t VALUES ${values}`);
    await conn.query(`CREATE TABLE src.r (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO src.r VALUES (1, 1), (2, 2)`);
    await conn.query('ALTER TABLE src.t MODIFY COLUMN k BIGINT KEY');
    await conn.query('ALTER TABLE src.r ADD ROLLUP r_v (v)');
    const before = await query<{ State: string }>(conn, 'SHOW ALTER TABLE COLUMN FROM src');
    assert.notEqual(before[0]?.State, 'FINISHED');
    await conn.end();
    await sandbox.kill('SIGKILL');

    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir, backends: 2 });
    conn = await sandbox.connect();
    const columns = await waitForAlterJobs(conn, 'src', 'COLUMN');
    const rollups = await waitForAlterJobs(conn, 'src', 'ROLLUP');
    assert.deepEqual(
      columns.map((j) => j.State),
      ['FINISHED'],
    );
    assert.deepEqual(
      rollups.map((j) => j.State),
      ['FINISHED'],
    );
    assert.match(await showCreate(conn, 'src.t'), /`k` bigint NULL/);
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n, SUM(v) AS s FROM src.t'), [
      { n: '500', s: '124750' },
    ]);
    const jobs = (await readBinlogs(sandbox, 'src')).filter((b) => b.type === 'ALTER_JOB');
    const states = (type: string) =>
      jobs
        .filter((b) => b.record.kind === 'alterJob' && b.record.type === type)
        .map((b) => (b.record.kind === 'alterJob' ? b.record.jobState : ''));
    assert.deepEqual(states('SCHEMA_CHANGE'), ['PENDING', 'WAITING_TXN', 'FINISHED']);
    assert.deepEqual(states('ROLLUP'), ['PENDING', 'WAITING_TXN', 'FINISHED']);
  });
});

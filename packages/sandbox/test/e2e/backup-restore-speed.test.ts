// Restore throughput: ~200k rows backed up on one sandbox and restored on another, timed from the
// restoreSnapshot call to SHOW RESTORE FINISHED (reported as a test diagnostic).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { backup, getSnapshot, restore } from './backup-restore-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

const ROWS = 200_000;

async function streamLoad(sandbox: SandboxProcess, db: string, table: string, body: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${sandbox.ready.httpPort}/api/${db}/${table}/_stream_load`, {
    method: 'PUT',
    headers: { Authorization: `Basic ${Buffer.from('root:').toString('base64')}`, column_separator: ',' },
    body,
  });
  const result = (await response.json()) as Record<string, unknown>;
  assert.equal(result.Status, 'Success', JSON.stringify(result));
}

describe('restore speed', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: 2 }),
      SandboxProcess.start({ backends: 2 }),
    ]);
    src = await source.connect();
    dst = await target.connect();
    await src.query(`CREATE DATABASE big; CREATE TABLE big.events (id BIGINT, ts DATETIME, user VARCHAR(32), amount DECIMAL(12,2))
      UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 8 PROPERTIES ("replication_num" = "1")`);
    const lines: string[] = [];
    for (let i = 0; i < ROWS; i++)
      lines.push(`${i},2024-05-01 10:${String(i % 60).padStart(2, '0')}:00,user_${i % 997},${i % 1000}.25`);
    await streamLoad(source, 'big', 'events', lines.join('\n'));
    await dst.query('CREATE DATABASE big');
  });

  after(async () => {
    await src?.end();
    await dst?.end();
    await source?.destroy();
    await target?.destroy();
  });

  it(`restores ${ROWS} rows`, async (t) => {
    const backupStart = performance.now();
    await backup(src, 'big', 'snap_big');
    const backupMs = performance.now() - backupStart;
    const snapshot = await getSnapshot(source, 'big', 'snap_big', true);
    const start = performance.now();
    const row = await restore(source, target, dst, snapshot, {
      db: 'big',
      label_name: 'r_big',
      atomic_restore: true,
    });
    const ms = performance.now() - start;
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.deepEqual(
      await query(dst, 'SELECT count(*) AS n, sum(amount) AS s FROM big.events'),
      await query(src, 'SELECT count(*) AS n, sum(amount) AS s FROM big.events'),
    );
    const rate = Math.round(ROWS / (ms / 1000));
    t.diagnostic(`backup ${Math.round(backupMs)} ms; restore ${Math.round(ms)} ms = ${rate} rows/s`);
  });
});

// Restore speed: a table backed up on one sandbox and restored on another, timed from the restoreSnapshot
// call to SHOW RESTORE FINISHED. Two checks that hold on a slow, shared machine: 200k rows restore at no
// less than a tenth of the rate measured when this was written (~150k rows/s on 2 cores), and ten times
// the rows cost less than fifty times the time (a cost that grows with the square of the rows, e.g. a
// per-row scan of what was already restored, shows up as ~100×).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { backup, getSnapshot, restore } from './backup-restore-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

const ROWS = 200_000;
const SMALL = ROWS / 10;
const MIN_ROWS_PER_S = 10_000;
const MAX_TIME_RATIO = 50;

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

  /** A database `db` with one table of `rows` rows on the source, and the empty database on the target. */
  async function load(db: string, rows: number): Promise<void> {
    await src.query(`CREATE DATABASE ${db}; CREATE TABLE ${db}.events (id BIGINT, ts DATETIME, user VARCHAR(32),
      amount DECIMAL(12,2)) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 8 PROPERTIES ("replication_num" = "1")`);
    const lines: string[] = [];
    for (let i = 0; i < rows; i++)
      lines.push(`${i},2024-05-01 10:${String(i % 60).padStart(2, '0')}:00,user_${i % 997},${i % 1000}.25`);
    await streamLoad(source, db, 'events', lines.join('\n'));
    await dst.query(`CREATE DATABASE ${db}`);
  }

  /** Backs `db` up, restores it on the target, checks the rows arrived; returns the restore's time in ms. */
  async function restoreMs(db: string): Promise<number> {
    await backup(src, db, `snap_${db}`);
    const snapshot = await getSnapshot(source, db, `snap_${db}`, true);
    const start = performance.now();
    const row = await restore(source, target, dst, snapshot, {
      db,
      label_name: `r_${db}`,
      atomic_restore: true,
    });
    const ms = performance.now() - start;
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    const summary = `SELECT count(*) AS n, sum(id) AS ids, count(DISTINCT user) AS users, sum(amount) AS s,
      min(ts) AS first, max(ts) AS last FROM ${db}.events`;
    assert.deepEqual(await query(dst, summary), await query(src, summary));
    return ms;
  }

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: 2 }),
      SandboxProcess.start({ backends: 2 }),
    ]);
    src = await source.connect();
    dst = await target.connect();
    await load('small', SMALL);
    await load('big', ROWS);
  });

  after(async () => {
    await src?.end();
    await dst?.end();
    await source?.destroy();
    await target?.destroy();
  });

  it(`restores ${ROWS} rows at ${MIN_ROWS_PER_S} rows/s or more, in time linear in the rows`, async (t) => {
    const smallMs = await restoreMs('small');
    const bigMs = await restoreMs('big');
    const rate = Math.round(ROWS / (bigMs / 1000));
    t.diagnostic(
      `restore of ${SMALL} rows ${Math.round(smallMs)} ms; of ${ROWS} rows ${Math.round(bigMs)} ms`,
    );
    t.diagnostic(`${rate} rows/s`);
    assert.ok(rate >= MIN_ROWS_PER_S, `${rate} rows/s`);
    assert.ok(
      bigMs / smallMs < MAX_TIME_RATIO,
      `10× the rows took ${(bigMs / smallMs).toFixed(1)}× the time (${Math.round(smallMs)} → ${Math.round(bigMs)} ms)`,
    );
  });
});

// download_binlog_rate_limit_kbs of the source BEs also throttles the snapshot files a restore pulls from
// them (Doris hands both downloads one rate limit group): the same restore takes measurably longer with
// the limit set, and still restores every row.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { backup, getSnapshot, restore } from './backup-restore-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

async function setRateLimit(sandbox: SandboxProcess, kbs: number): Promise<void> {
  for (const be of sandbox.ready.backends) {
    const r = await fetch(
      `http://127.0.0.1:${be.httpPort}/api/update_config?download_binlog_rate_limit_kbs=${kbs}`,
      {
        method: 'POST',
      },
    );
    assert.equal(r.status, 200);
  }
}

describe('restore download rate limit', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;
  before(async () => {
    [source, target] = await Promise.all([SandboxProcess.start(), SandboxProcess.start()]);
    [src, dst] = await Promise.all([source.connect(), target.connect()]);
    await src.query(`CREATE DATABASE rl; CREATE TABLE rl.t (k INT, v VARCHAR(64)) DUPLICATE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    const rows = Array.from({ length: 3000 }, (_, i) => `(${i}, '${'x'.repeat(40)}')`).join(',');
    await src.query(`INSERT INTO rl.t VALUES ${rows}`);
    await dst.query('CREATE DATABASE a; CREATE DATABASE b');
    await backup(src, 'rl', 'snap');
  });
  after(async () => {
    await Promise.all([src?.end(), dst?.end()]);
    await Promise.all([source?.destroy(), target?.destroy()]);
  });

  async function timedRestore(db: string): Promise<number> {
    const snapshot = await getSnapshot(source, 'rl', 'snap');
    const started = performance.now();
    const row = await restore(source, target, dst, snapshot, { db, label_name: `r_${db}` });
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    const ms = performance.now() - started;
    assert.deepEqual(await query(dst, `SELECT COUNT(*) AS n FROM ${db}.t`), [{ n: '3000' }]);
    return ms;
  }

  it('a throttled restore takes measurably longer and restores every row', async () => {
    const fastMs = await timedRestore('a');
    // two tablets of ~75 KB each, pulled side by side at 40 KB/s, take about two seconds; unthrottled, far less
    await setRateLimit(source, 40);
    const slowMs = await timedRestore('b');
    await setRateLimit(source, 0);
    assert.ok(
      slowMs > 1500 && slowMs > fastMs * 3,
      `throttled ${slowMs.toFixed(0)} ms vs ${fastMs.toFixed(0)} ms`,
    );
  });
});

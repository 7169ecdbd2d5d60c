// download_binlog_rate_limit_kbs of the source BEs also throttles the snapshot files a restore pulls from
// them (Doris hands both downloads one rate limit group): the same restore takes measurably longer with
// the limit set, and still restores every row.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { backup, getSnapshot, restore, sleep, startRestore } from './backup-restore-helpers.js';
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
    await dst.query('CREATE DATABASE a; CREATE DATABASE b; CREATE DATABASE c');
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

  it('SHOW RESTORE lists the running download tasks, their progress and then the dir moves, as Doris does', async () => {
    const snapshot = await getSnapshot(source, 'rl', 'snap');
    await setRateLimit(source, 40);
    const seen: Array<Record<string, unknown>> = [];
    try {
      await startRestore(source, target, snapshot, { db: 'c', label_name: 'r_c' });
      for (;;) {
        const [row] = await query(dst, 'SHOW RESTORE FROM c WHERE Label = "r_c"');
        if (row) seen.push(row);
        if (row?.State === 'FINISHED' || row?.State === 'CANCELLED') break;
        await sleep(20);
      }
    } finally {
      await setRateLimit(source, 0);
    }
    const last = seen.at(-1)!;
    assert.equal(last.State, 'FINISHED', JSON.stringify(last));
    // Tasks are listed from the first DOWNLOADING row on; once all have finished the job shows
    // DOWNLOADING without tasks until it commits, as Doris does between its scheduler's runs.
    const first = seen.findIndex((r) => r.State === 'DOWNLOADING');
    assert.ok(first >= 0 && seen[first]!.UnfinishedTasks !== '', JSON.stringify(seen[first]));
    for (const r of seen.filter((x) => x.State === 'DOWNLOADING' && x.UnfinishedTasks === ''))
      assert.equal(r.Progress, '', JSON.stringify(r));
    const downloading = seen.filter((r) => r.State === 'DOWNLOADING' && r.UnfinishedTasks !== '');
    // One download task per target BE holding new replicas: `signature=backendId` while it runs, its
    // progress as `[signature: tablets done/tablets]`; a finished task leaves both columns.
    const backends = new Set(target.ready.backends.map((b) => b.id));
    for (const r of downloading) {
      const tasks = String(r.UnfinishedTasks)
        .split(', ')
        .map((e) => e.split('='));
      assert.ok(
        tasks.length > 0 && tasks.every(([sig, be]) => /^\d+$/.test(sig!) && backends.has(be!)),
        JSON.stringify(r),
      );
      const progress = [...String(r.Progress).matchAll(/\[(\d+): (\d+)\/(\d+)\]/g)];
      assert.ok(progress.length > 0, JSON.stringify(r));
      for (const [, sig, done, total] of progress) {
        assert.ok(
          tasks.some(([s]) => s === sig),
          `progress of a listed task: ${JSON.stringify(r)}`,
        );
        assert.ok(Number(done) < Number(total) && Number(total) <= 2, JSON.stringify(r));
      }
      assert.equal(r.TaskErrMsg, '');
    }
    assert.equal(last.UnfinishedTasks, '');
    assert.equal(last.Progress, '');
  });
});

// A target BE retries a snapshot data file whose download failed, with a pause that doubles from 1 s, as
// Doris's BE does: two failed tries (the source BE's TabletDownload.fail debug point) cost the restore about
// 1 + 2 s and no more; the target logs each failed try. Debug points answer as Doris's BE does: refused
// unless enable_debug_points is set.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { backup, getSnapshot, restore } from './backup-restore-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

async function debugPoint(sandbox: SandboxProcess, path: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`http://127.0.0.1:${sandbox.ready.backends[0]!.httpPort}/api/debug_point/${path}`, {
    method: 'POST',
  });
  return { status: r.status, body: await r.json() };
}

describe('restore download retries', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ args: ['--be-config', 'enable_debug_points=true'] }),
      SandboxProcess.start(),
    ]);
    src = await source.connect();
    dst = await target.connect();
    await src.query(`CREATE DATABASE d; CREATE TABLE d.t (k INT, v VARCHAR(10)) DUPLICATE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    await src.query(
      `INSERT INTO d.t VALUES ${Array.from({ length: 100 }, (_, k) => `(${k}, 'v')`).join(',')}`,
    );
    await dst.query('CREATE DATABASE d');
  });
  after(async () => {
    await src?.end();
    await dst?.end();
    await Promise.all([source?.destroy(), target?.destroy()]);
  });

  it('refuses debug points unless enable_debug_points is set', async () => {
    const refused = await debugPoint(target, 'add/TabletDownload.fail');
    assert.equal(refused.status, 500);
    assert.deepEqual(refused.body, {
      status: 'Internal error',
      msg: 'Disable debug points. please check config::enable_debug_points',
    });
    assert.deepEqual(await debugPoint(source, 'add/TabletDownload.fail?execute=x'), {
      status: 500,
      body: { status: 'Internal error', msg: 'invalid execute x' },
    });
    assert.deepEqual((await debugPoint(source, 'clear')).body, { status: 'OK', msg: '' });
  });

  it('retries a failed file with a doubling pause and finishes the restore', async () => {
    await backup(src, 'd', 'snap');
    const snapshot = await getSnapshot(source, 'd', 'snap');
    assert.equal((await debugPoint(source, 'add/TabletDownload.fail?execute=2')).status, 200);
    const started = performance.now();
    const job = await restore(source, target, dst, snapshot, { db: 'd', label_name: 'r1' });
    const seconds = (performance.now() - started) / 1000;
    assert.equal(job.State, 'FINISHED', JSON.stringify(job));
    assert.ok(seconds >= 3, `two pauses of 1 s and 2 s: ${seconds.toFixed(1)} s`);
    const [count] = await query<{ n: string }>(dst, 'SELECT COUNT(*) AS n FROM d.t');
    assert.equal(count?.n, '100');
    const tries = target.stderr.filter((l) => /snapshot download failed/.test(l));
    assert.equal(tries.length, 2, tries.join('\n'));
    assert.match(tries[0]!, /WARN snapshot download failed, retrying in 1000 ms: .*HTTP 500 debug point/);
    assert.match(tries[1]!, /retrying in 2000 ms/);
    assert.match(tries[0]!, /attempt=1 attempts=4/);
  });
});

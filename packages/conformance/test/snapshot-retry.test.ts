// Full syncs that meet trouble: a restore whose snapshot download fails (a source BE debug point makes
// every try of one data file fail) is restored again from the same snapshot instead of a new backup, and
// says why in the syncer's log, the job's last error and its sync history; the target sandbox logs each
// failed try. And the scaled-down scale scenario: a table full-synced while the source answers a full-table
// aggregate every second needs no second restore and arrives exact.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { query, SandboxProcess } from '@doris-ccr/sandbox';
import type mysql from 'mysql2/promise';
import { measureScale } from '../bench/scale.js';
import { jobSpec, sandboxAddress } from '../src/clusters.js';
import { until } from '../src/converge.js';
import { SyncerProcess } from '../src/syncer-process.js';

interface Progress {
  position: { state: string };
  lastError?: { message: string };
  history: Array<{ retries?: Array<{ action: string; snapshot: string; reason: string }> }>;
}

describe('full sync: a failed restore is retried with the same snapshot', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let syncer: SyncerProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: 1, args: ['--be-config', 'enable_debug_points=true'] }),
      SandboxProcess.start({ backends: 1 }),
    ]);
    syncer = await SyncerProcess.start();
    src = await source.connect();
    dst = await target.connect();
  });
  after(async () => {
    await src?.end();
    await dst?.end();
    await syncer?.destroy();
    await Promise.all([source?.destroy(), target?.destroy()]);
  });

  it('restores the same snapshot again after its download failed, and says why', async () => {
    await src.query('CREATE DATABASE r PROPERTIES ("binlog.enable" = "true")');
    await src.query(
      `CREATE TABLE r.t (k BIGINT, v VARCHAR(32)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
       PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`,
    );
    const values = Array.from({ length: 5000 }, (_, k) => `(${k}, 'v${k}')`).join(',');
    await src.query(`INSERT INTO r.t VALUES ${values}`);
    // One data file, and every one of the target BE's tries at it fails: the first restore is cancelled.
    const be = source.ready.backends[0]!;
    const added = await fetch(
      `http://127.0.0.1:${be.httpPort}/api/debug_point/add/TabletDownload.fail?execute=4`,
      { method: 'POST' },
    );
    assert.equal(added.status, 200, await added.text());

    const created = await syncer.call('create_ccr', {
      name: 'retry_job',
      src: jobSpec(sandboxAddress(source), 'r', 't'),
      dest: jobSpec(sandboxAddress(target), 'r', 't'),
    });
    assert.equal(created.success, true, JSON.stringify(created));
    const progress = async () =>
      (await syncer.call<{ job_progress: Progress }>('job_progress', { name: 'retry_job' })).job_progress;
    await until(
      'the full sync to finish',
      async () => /IncrementalSync$/.test((await progress()).position.state) || 'not yet',
      60_000,
    );

    const [count] = await query<{ n: string }>(dst, 'SELECT COUNT(*) AS n FROM r.t');
    assert.equal(count?.n, '5000');
    const backups = await query<{ SnapshotName: string }>(src, 'SHOW BACKUP FROM r');
    assert.equal(backups.length, 1, `one backup only: ${JSON.stringify(backups)}`);
    const restores = await query<{ State: string; Status: string }>(dst, 'SHOW RESTORE FROM r');
    assert.deepEqual(
      restores.map((r) => r.State),
      ['CANCELLED', 'FINISHED'],
    );
    assert.match(
      restores[0]!.Status,
      /download snapshot failed: .*HTTP 500 debug point TabletDownload\.fail/,
    );

    const p = await progress();
    const retries = p.history[p.history.length - 1]?.retries ?? [];
    assert.equal(retries.length, 1, JSON.stringify(p.history));
    assert.equal(retries[0]!.action, 'retry_restore');
    assert.equal(retries[0]!.snapshot, backups[0]!.SnapshotName);
    assert.match(retries[0]!.reason, /download snapshot failed/);
    assert.match(p.lastError?.message ?? '', /restoring the same snapshot .* again in 2 s \(retry 1 of 3\)/);
    assert.ok(
      syncer.output.some((l) => /WARN .*restoring the same snapshot/.test(l)),
      'the syncer logs the retry',
    );
    // The target BE logged every failed try of the file, in the syncer's log format.
    const tries = target.stderr.filter((l) => /WARN snapshot download failed/.test(l));
    assert.equal(tries.length, 4, tries.join('\n'));
    assert.match(tries[0]!, /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] {2}WARN .*retrying in 1000 ms/);
    assert.match(tries[3]!, /giving up/);
    assert.ok(!tries.some((l) => /token/i.test(l)), 'no token in the log');
  });
});

describe('full sync under a full-table aggregate every second', () => {
  it('copies 300,000 rows exactly with one backup and no failed restore', async () => {
    const r = await measureScale('aggload', { rows: 300_000, withAggregates: true });
    assert.equal(r.failedRestores, 0);
    assert.equal(r.backups, 1);
    assert.ok(r.aggregatesRun >= 1, 'the aggregate ran during the full sync');
  });
});

// Crash sweep: the real ccr-syncer is killed (SIGKILL from a named failpoint) at every progress step of a
// full sync and of an incremental transaction, then restarted on the same SQLite file. The target must
// converge to exactly the source's rows — a DUPLICATE KEY table shows any binlog applied twice or skipped.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { query, SandboxProcess } from '@doris-ccr/sandbox';
import type mysql from 'mysql2/promise';
import { jobSpec, sandboxAddress } from '../src/clusters.js';
import { converge, until } from '../src/converge.js';
import { SyncerProcess } from '../src/syncer-process.js';

const FAILPOINTS = [
  'after_backup',
  'after_restore_snapshot',
  'before_persist_restore',
  'after_begin_txn',
  'before_ingest',
  'after_ingest',
  'before_commit_txn',
  'after_commit_txn',
  'after_upsert_persisted',
];

const SNAPSHOT_POINTS = new Set(['after_backup', 'after_restore_snapshot', 'before_persist_restore']);

describe('crash sweep', () => {
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
  });
  after(async () => {
    await src?.end();
    await dst?.end();
    await Promise.all([source?.destroy(), target?.destroy()]);
  });

  const spec = (c: SandboxProcess, db: string) => jobSpec(sandboxAddress(c), db, 't');

  for (const [i, point] of FAILPOINTS.entries()) {
    it(`converges exactly after a kill at ${point}`, async () => {
      const db = `sweep_${i}`;
      await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
      await src.query(`CREATE TABLE ${db}.t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
        PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
      await src.query(`INSERT INTO ${db}.t VALUES (1, 1), (2, 2)`);
      const first = await SyncerProcess.start({
        args: ['--enable_failpoints'],
        env: { CCR_FAILPOINTS: `${point}=kill` },
      });
      try {
        const created = await first.call('create_ccr', {
          name: `job_${i}`,
          src: spec(source, db),
          dest: spec(target, db),
        });
        assert.equal(created.success, true, JSON.stringify(created));
        // Data after the snapshot makes the incremental failpoints reachable: wait for the full sync first.
        if (!SNAPSHOT_POINTS.has(point)) {
          await until(
            'the full sync',
            async () => (await query(dst, `SELECT k FROM ${db}.t`)).length === 2 || 'not yet',
            60_000,
          );
        }
        await src.query(`INSERT INTO ${db}.t VALUES (3, 3), (3, 3)`);
        await src.query(`INSERT INTO ${db}.t VALUES (4, 4)`);
        await until(
          `the kill at ${point}`,
          async () => first.child.exitCode !== null || first.child.signalCode !== null || 'still running',
          60_000,
        );
        assert.equal(first.child.signalCode, 'SIGKILL', `syncer output:\n${first.output.join('\n')}`);
        const second = await SyncerProcess.start({ dir: first.dir });
        try {
          const read = (c: mysql.Connection) => query(c, `SELECT k, v FROM ${db}.t ORDER BY k, v`);
          await converge(
            `convergence after ${point}`,
            () => read(src),
            () => read(dst),
            60_000,
          );
          await src.query(`INSERT INTO ${db}.t VALUES (5, 5)`);
          await converge(
            'replay after restart',
            () => read(src),
            () => read(dst),
            60_000,
          );
          const [count] = await query<{ n: string }>(dst, `SELECT COUNT(*) AS n FROM ${db}.t`);
          assert.equal(Number(count!.n), 6, 'every row exactly once');
        } finally {
          await second.kill('SIGTERM');
        }
      } finally {
        await first.destroy();
      }
    });
  }
});

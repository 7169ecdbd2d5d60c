// Crash sweep of a database job: the real ccr-syncer is killed (SIGKILL from a named failpoint) at every
// progress step — of the database's full sync, of a transaction, of DDL replay while a new table is being
// created, and of one table's partial sync (an overwritten partition) — then restarted on the same SQLite
// file. Every table must end with exactly the source's rows (DUPLICATE KEY tables show any binlog applied
// twice or skipped), and a kill after the full sync must not be repaired by copying the database again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { query, SandboxProcess } from '@doris-ccr/sandbox';
import type mysql from 'mysql2/promise';
import { jobSpec, sandboxAddress } from '../src/clusters.js';
import { converge, until } from '../src/converge.js';
import { runningTransactions, unfinishedJobs } from '../src/inspect.js';
import { SyncerProcess } from '../src/syncer-process.js';

type When = 'full_sync' | 'replay' | 'partial_sync';

const CASES: Array<{ point: string; when: When }> = [
  ...['after_backup', 'after_restore_snapshot', 'before_persist_restore'].map((point) => ({
    point,
    when: 'full_sync' as const,
  })),
  ...[
    'before_ddl',
    'after_ddl',
    'after_begin_txn',
    'before_ingest',
    'after_ingest',
    'before_commit_txn',
    'after_commit_txn',
    'after_upsert_persisted',
  ].map((point) => ({ point, when: 'replay' as const })),
  ...['after_backup', 'after_restore_snapshot', 'before_persist_restore'].map((point) => ({
    point,
    when: 'partial_sync' as const,
  })),
];

const PROPS = `PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`;

describe('crash sweep of a database job', () => {
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

  for (const [i, { point, when }] of CASES.entries()) {
    it(`converges exactly after a kill at ${point} during the ${when.replace('_', ' ')}`, async () => {
      const db = `dbsweep_${i}`;
      const tables = ['t', 'u', 'n'];
      await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
      await src.query(`CREATE TABLE ${db}.t (k INT, v INT) DUPLICATE KEY(k)
        PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"))
        DISTRIBUTED BY HASH(k) BUCKETS 2 ${PROPS}`);
      await src.query(
        `CREATE TABLE ${db}.u (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3 ${PROPS}`,
      );
      await src.query(`INSERT INTO ${db}.t VALUES (1, 1), (150, 2)`);
      await src.query(`INSERT INTO ${db}.u VALUES (1, 1)`);
      const name = `dbjob_${i}`;
      const first = await SyncerProcess.start({
        args: ['--enable_failpoints'],
        env: when === 'partial_sync' ? {} : { CCR_FAILPOINTS: `${point}=kill` },
      });
      try {
        const created = await first.call('create_ccr', {
          name,
          src: jobSpec(sandboxAddress(source), db, ''),
          dest: jobSpec(sandboxAddress(target), db, ''),
        });
        assert.equal(created.success, true, JSON.stringify(created));
        if (when !== 'full_sync') {
          await until(
            'the full sync',
            async () => (await query(dst, `SELECT k FROM ${db}.u`).catch(() => [])).length === 1 || 'not yet',
            60_000,
          );
        }
        if (when === 'partial_sync') {
          const armed = await first.call('failpoint', { name, failpoint: point, value: 'kill' });
          assert.equal(armed.success, true, JSON.stringify(armed));
          // The overwrite makes partition p0 of t unreplayable: that partition alone is copied again.
          await src.query(`INSERT OVERWRITE TABLE ${db}.t PARTITION (p0) VALUES (2, 2), (3, 3)`);
          await src.query(`INSERT INTO ${db}.t VALUES (151, 5), (4, 4)`);
          await src.query(`INSERT INTO ${db}.u VALUES (2, 2), (2, 2)`);
        }
        // A new table (its CREATE is the first DDL replayed), then loads into every table.
        await src.query(
          `CREATE TABLE ${db}.n (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 ${PROPS}`,
        );
        await src.query(`INSERT INTO ${db}.n VALUES (1, 1), (1, 1)`);
        await src.query(`INSERT INTO ${db}.t VALUES (3, 3), (3, 3)`);
        await src.query(`INSERT INTO ${db}.u VALUES (4, 4)`);
        await until(
          `the kill at ${point}`,
          async () => first.child.exitCode !== null || first.child.signalCode !== null || 'still running',
          60_000,
        );
        assert.equal(first.child.signalCode, 'SIGKILL', `syncer output:\n${first.output.join('\n')}`);
        const second = await SyncerProcess.start({ dir: first.dir });
        try {
          const read = async (c: mysql.Connection) => {
            const all: unknown[] = [];
            for (const t of tables)
              for (const row of await query(c, `SELECT k, v FROM ${db}.${t} ORDER BY k, v`).catch(() => []))
                all.push({ t, ...row });
            return all;
          };
          // Generous: a full sync restarted after the kill, with the suite's other processes on 2 cores.
          await converge(
            `convergence after ${point}`,
            () => read(src),
            () => read(dst),
            120_000,
          );
          await src.query(`INSERT INTO ${db}.n VALUES (9, 9)`);
          await src.query(`INSERT INTO ${db}.t VALUES (9, 9)`);
          await converge(
            'replay after restart',
            () => read(src),
            () => read(dst),
            60_000,
          );
          const progress = await second.call<{
            job_progress: { history: Array<{ kind: string; tables?: string[] }> };
          }>('job_progress', { name });
          const fulls = progress.job_progress.history.filter((h) => h.kind === 'full').length;
          // A kill during the first full sync may take a new backup, but never a second database copy after it.
          assert.equal(
            fulls,
            1,
            `the database was copied once: ${JSON.stringify(progress.job_progress.history)}`,
          );
          // Only the overwritten partition's sync, and no other: a kill is not repaired by copying a table.
          const partials = progress.job_progress.history.filter((h) => h.kind === 'partial');
          assert.deepEqual(
            partials.map((h) => h.tables),
            when === 'partial_sync' ? [['t']] : [],
            `partial syncs: ${JSON.stringify(progress.job_progress.history)}`,
          );
          assert.equal(await runningTransactions(dst, db), 0, 'no transaction left open on the target');
          assert.deepEqual(await unfinishedJobs(dst, db, 'RESTORE'), [], 'no restore left running');
          assert.deepEqual(await unfinishedJobs(src, db, 'BACKUP'), [], 'no backup left running');
        } finally {
          await second.kill('SIGTERM');
        }
      } finally {
        await first.destroy();
      }
    });
  }
});

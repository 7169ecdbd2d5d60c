// Crash sweep: the real ccr-syncer is killed (SIGKILL from a named failpoint) at every progress step of a
// full sync and of an incremental transaction, then restarted on the same SQLite file. The target must
// converge to exactly the source's rows — a DUPLICATE KEY table shows any binlog applied twice or skipped.
// The shared full sync (two jobs of one database created together) is swept at its own points.
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

/** Points of the full sync that two jobs of one database share. */
const SHARED_POINTS = ['shared_sync_after_backup', 'shared_sync_after_restore'];

const SNAPSHOT_POINTS = new Set([
  'after_backup',
  'after_restore_snapshot',
  'before_persist_restore',
  ...SHARED_POINTS,
]);

const CASES = [
  ...FAILPOINTS.map((point) => ({ point, tables: ['t'] })),
  ...SHARED_POINTS.map((point) => ({ point, tables: ['t', 'u'] })),
];

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

  const spec = (c: SandboxProcess, db: string, table: string) => jobSpec(sandboxAddress(c), db, table);

  for (const [i, { point, tables }] of CASES.entries()) {
    it(`converges exactly after a kill at ${point}${tables.length > 1 ? ` (${tables.length} jobs)` : ''}`, async () => {
      const db = `sweep_${i}`;
      const each = async (statement: (t: string) => string) => {
        for (const t of tables) await src.query(statement(t));
      };
      await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
      await each(
        (t) => `CREATE TABLE ${db}.${t} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
        PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`,
      );
      await each((t) => `INSERT INTO ${db}.${t} VALUES (1, 1), (2, 2)`);
      const first = await SyncerProcess.start({
        args: ['--enable_failpoints'],
        env: { CCR_FAILPOINTS: `${point}=kill` },
      });
      try {
        // Created together, so that several jobs share one full sync.
        const created = await Promise.all(
          tables.map((t) =>
            first.call('create_ccr', {
              name: `job_${i}_${t}`,
              src: spec(source, db, t),
              dest: spec(target, db, t),
            }),
          ),
        );
        for (const answer of created) assert.equal(answer.success, true, JSON.stringify(answer));
        // Data after the snapshot makes the incremental failpoints reachable: wait for the full sync first.
        if (!SNAPSHOT_POINTS.has(point)) {
          await until(
            'the full sync',
            async () => {
              for (const t of tables)
                if ((await query(dst, `SELECT k FROM ${db}.${t}`)).length !== 2) return 'not yet';
              return true;
            },
            60_000,
          );
        }
        await each((t) => `INSERT INTO ${db}.${t} VALUES (3, 3), (3, 3)`);
        await each((t) => `INSERT INTO ${db}.${t} VALUES (4, 4)`);
        await until(
          `the kill at ${point}`,
          async () => first.child.exitCode !== null || first.child.signalCode !== null || 'still running',
          60_000,
        );
        assert.equal(first.child.signalCode, 'SIGKILL', `syncer output:\n${first.output.join('\n')}`);
        const second = await SyncerProcess.start({ dir: first.dir });
        try {
          // Every table's rows, tagged with the table, in one comparable list.
          const read = async (c: mysql.Connection) => {
            const all: unknown[] = [];
            for (const t of tables)
              for (const row of await query(c, `SELECT k, v FROM ${db}.${t} ORDER BY k, v`))
                all.push({ t, ...row });
            return all;
          };
          await converge(
            `convergence after ${point}`,
            () => read(src),
            () => read(dst),
            60_000,
          );
          await each((t) => `INSERT INTO ${db}.${t} VALUES (5, 5)`);
          await converge(
            'replay after restart',
            () => read(src),
            () => read(dst),
            60_000,
          );
          for (const t of tables) {
            const [count] = await query<{ n: string }>(dst, `SELECT COUNT(*) AS n FROM ${db}.${t}`);
            assert.equal(Number(count!.n), 6, `every row of ${t} exactly once`);
          }
        } finally {
          await second.kill('SIGTERM');
        }
      } finally {
        await first.destroy();
      }
    });
  }
});

// Crash sweep of table jobs: the real ccr-syncer is killed (SIGKILL from a named failpoint) at every
// progress step — of the full sync, of the full sync two jobs of one database share, of an incremental
// transaction, of DDL replay, and of a partial sync of one partition (INSERT OVERWRITE) and of the whole
// table (a heavy schema change) — then restarted on the same SQLite file. The target must end with exactly
// the rows written below (a DUPLICATE KEY table shows any binlog applied twice or skipped) and the source's
// columns; the job's history must show that recovery resumed the interrupted step instead of copying the
// table again (one full sync, and a partial sync only where one was interrupted); and the kill must leave
// no open transaction and no unfinished backup or restore behind.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { query, SandboxProcess } from '@doris-ccr/sandbox';
import type mysql from 'mysql2/promise';
import { jobSpec, sandboxAddress } from '../src/clusters.js';
import { converge, until } from '../src/converge.js';
import { columns, runningTransactions, unfinishedJobs } from '../src/inspect.js';
import { SyncerProcess } from '../src/syncer-process.js';

/** When the kill happens: which sync is running when the failpoint is reached. */
type When = 'full_sync' | 'shared_full_sync' | 'replay' | 'partition_sync' | 'table_sync';

const SNAPSHOT_POINTS = ['after_backup', 'after_restore_snapshot', 'before_persist_restore'];
const REPLAY_POINTS = [
  'before_ddl',
  'after_ddl',
  'after_begin_txn',
  'before_ingest',
  'after_ingest',
  'before_commit_txn',
  'after_commit_txn',
  'after_upsert_persisted',
];

const CASES: Array<{ point: string; when: When }> = [
  ...SNAPSHOT_POINTS.map((point) => ({ point, when: 'full_sync' as const })),
  ...['shared_sync_after_backup', 'shared_sync_after_restore'].map((point) => ({
    point,
    when: 'shared_full_sync' as const,
  })),
  ...REPLAY_POINTS.map((point) => ({ point, when: 'replay' as const })),
  ...SNAPSHOT_POINTS.map((point) => ({ point, when: 'partition_sync' as const })),
  ...SNAPSHOT_POINTS.map((point) => ({ point, when: 'table_sync' as const })),
];

/** What a user must see on the target in the end, whatever the kill: written here, not read from the source. */
function expectedRows(when: When): string[] {
  const overwritten = when === 'partition_sync' ? ['2 2 0', '3 3 0'] : ['1 1 0'];
  return [...overwritten, '3 3 0', '3 3 0', '4 4 0', '5 5 0', '150 2 0'];
}

/**
 * Cases that fail because of a syncer bug, skipped with the reason until it is fixed. after_ddl: the
 * restarted job replays the ADD COLUMN the killed one had applied; Doris (and the sandbox) answer "Can not
 * add column which already exists in base table: w", which the ADD/DROP COLUMN handler's `alreadyApplied`
 * (/Duplicate column name|Column .* does not exist|…/) does not recognise, so the job retries forever.
 */
const KNOWN_BUGS: Record<string, string> = {};

type History = Array<{ kind: string; reason: string; startedAt: number }>;

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

  for (const [i, { point, when }] of CASES.entries()) {
    const tables = when === 'shared_full_sync' ? ['t', 'u'] : ['t'];
    const skip = KNOWN_BUGS[`${when} ${point}`];
    const title = `converges exactly after a kill at ${point} during the ${when.replace(/_/g, ' ')}`;
    it(title, skip ? { skip } : {}, async () => {
      const db = `sweep_${i}`;
      const jobName = (t: string) => `job_${i}_${t}`;
      const each = async (statement: (t: string) => string) => {
        for (const t of tables) await src.query(statement(t));
      };
      await src.query(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
      await each(
        (t) => `CREATE TABLE ${db}.${t} (k INT, v INT) DUPLICATE KEY(k)
        PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"))
        DISTRIBUTED BY HASH(k) BUCKETS 3
        PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`,
      );
      await each((t) => `INSERT INTO ${db}.${t} VALUES (1, 1), (150, 2)`);
      const armedAtStart = when === 'full_sync' || when === 'shared_full_sync' || when === 'replay';
      const first = await SyncerProcess.start({
        args: ['--enable_failpoints'],
        env: armedAtStart ? { CCR_FAILPOINTS: `${point}=kill` } : {},
      });
      try {
        // Created together, so that several jobs share one full sync.
        const created = await Promise.all(
          tables.map((t) =>
            first.call('create_ccr', {
              name: jobName(t),
              src: spec(source, db, t),
              dest: spec(target, db, t),
            }),
          ),
        );
        for (const answer of created) assert.equal(answer.success, true, JSON.stringify(answer));
        // Data after the snapshot makes the later failpoints reachable: wait for the full sync first.
        if (when !== 'full_sync' && when !== 'shared_full_sync') {
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
        if (!armedAtStart) {
          // The rows are visible once the restore commits; the full sync is recorded a step later. Arming
          // before that would stop the full sync's last step instead of the partial sync's.
          await until(
            'the full sync recorded',
            async () => {
              for (const t of tables) {
                const p = await first.call<{ job_progress: { position: { state: string; step: string } } }>(
                  'job_progress',
                  { name: jobName(t) },
                );
                if (p.job_progress.position.state !== 'TableIncrementalSync') return p.job_progress.position;
              }
              return true;
            },
            60_000,
          );
          // Armed only now, so that the snapshot points stop the partial sync, not the first full sync.
          const armed = await first.call('failpoint', {
            name: jobName('t'),
            failpoint: point,
            value: 'kill',
          });
          assert.equal(armed.success, true, JSON.stringify(armed));
        }
        const killed = async () => {
          await until(
            `the kill at ${point}`,
            async () => first.child.exitCode !== null || first.child.signalCode !== null || 'still running',
            60_000,
          );
          assert.equal(first.child.signalCode, 'SIGKILL', `syncer output:\n${first.output.join('\n')}`);
        };
        if (when === 'partition_sync' || when === 'table_sync') {
          await src.query(
            when === 'partition_sync'
              ? `INSERT OVERWRITE TABLE ${db}.t PARTITION (p0) VALUES (2, 2), (3, 3)`
              : `ALTER TABLE ${db}.t MODIFY COLUMN v BIGINT`,
          );
          // The rest is written while the syncer is down: a partial sync whose snapshot raced with the
          // column added below would be redone for that reason, not for the kill.
          await killed();
        }
        // A transaction, a DDL replayed as SQL, then another transaction.
        await each((t) => `INSERT INTO ${db}.${t} VALUES (3, 3), (3, 3)`);
        await each((t) => `ALTER TABLE ${db}.${t} ADD COLUMN w INT DEFAULT "0"`);
        await each((t) => `INSERT INTO ${db}.${t} (k, v) VALUES (4, 4)`);
        if (when !== 'partition_sync' && when !== 'table_sync') await killed();
        const restartedAt = Date.now();
        const second = await SyncerProcess.start({ dir: first.dir });
        try {
          // Every table's rows and columns, tagged with the table, in one comparable list.
          const read = async (c: mysql.Connection) => {
            const all: string[] = [];
            for (const t of tables) {
              for (const row of await query(c, `SELECT k, v, w FROM ${db}.${t} ORDER BY k, v`))
                all.push(`${t}: ${Object.values(row).join(' ')}`);
              for (const column of await columns(c, db, t)) all.push(`${t} column: ${column}`);
            }
            return all;
          };
          // A failure to converge shows what the restarted syncer said.
          const same = (what: string) =>
            converge(
              what,
              () => read(src),
              () => read(dst),
              60_000,
            ).catch((error: Error) => {
              throw new Error(`${error.message}\nsyncer output:\n${second.output.join('\n')}`);
            });
          await same(`convergence after ${point}`);
          await each((t) => `INSERT INTO ${db}.${t} (k, v) VALUES (5, 5)`);
          await same('replay after restart');
          for (const t of tables) {
            const got = await query(dst, `SELECT k, v, w FROM ${db}.${t} ORDER BY k, v`);
            assert.deepEqual(
              got.map((row) => Object.values(row).join(' ')),
              expectedRows(when),
              `every row of ${t} exactly once`,
            );
            const answer = await second.call<{ job_progress: { history: History } }>('job_progress', {
              name: jobName(t),
            });
            const history = answer.job_progress.history;
            const count = (kind: string) => history.filter((h) => h.kind === kind).length;
            const shown = JSON.stringify(history);
            // A kill during the first full sync may take a new backup, but never records a second copy.
            assert.equal(count('full'), 1, `${t} was copied by one full sync: ${shown}`);
            // Recovery is never a new copy: nothing starts after the restart — except the whole-table copy a
            // partition restore turns into when the target refuses it for another schema (the target's
            // answer, met before or after the kill; the sandbox sometimes gives it after INSERT OVERWRITE,
            // see the session notes), which is not a fallback of the recovery.
            const since = history.filter(
              (h) => h.startedAt >= restartedAt && !/different schema/.test(h.reason),
            );
            assert.deepEqual(since, [], `${t}: no sync started after the restart: ${shown}`);
            if (when === 'partition_sync' || when === 'table_sync')
              assert.ok(count('partial') >= 1, `${t}: the interrupted partial sync is recorded: ${shown}`);
            else assert.equal(count('partial'), 0, `${t}: no partial sync: ${shown}`);
          }
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

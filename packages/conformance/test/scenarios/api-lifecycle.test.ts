// The job lifecycle through the syncer's HTTP API (test_ts_common, syncer/test_syncer_skip_binlog_*):
// pause stops replication and resume catches up, desync hands the target table back to its users,
// delete stops replication and leaves nothing open on either cluster, force_fullsync and job_skip_binlog
// do what they say and the job history records them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  rows,
  runningTransactions,
  type Scenario,
  ScenarioFixture,
  SyncerProcess,
  TABLE_PROPS,
  type TableJob,
  tableProperties,
  tableRows,
  unfinishedJobs,
  until,
} from '../../src/index.js';

const table = (name: string) =>
  `CREATE TABLE $db.${name} (k INT, v VARCHAR(16)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
   PROPERTIES (${TABLE_PROPS})`;

/**
 * A sibling job on another table of the same database is the clock of the negative checks: once it has
 * replicated two later loads, a job that was able to run has had every chance to replicate too.
 */
async function twoRoundsOf(s: Scenario, sibling: TableJob): Promise<void> {
  for (const round of [1, 2]) {
    await s.source(`INSERT INTO $db.${sibling.srcTable} VALUES (${1000 + round}, 'tick')`);
    await sibling.sameRows();
  }
}

/** The job's ccr_job_steps metric: how many steps it has run since the syncer started. */
async function stepsOf(syncer: SyncerProcess, job: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${syncer.port}/metrics`)).text();
  const m = new RegExp(`^ccr_job_steps\\{job="${job}"\\} (\\d+)$`, 'm').exec(text);
  if (!m) throw new Error(`no ccr_job_steps for ${job}`);
  return Number(m[1]);
}

describe('table sync: job lifecycle through the API', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('pause stops replication, resume catches up the backlog', async () => {
    await fx.run('api_pause', async (s) => {
      await s.source(table('t'), table('clock'), `INSERT INTO $db.t VALUES (1, 'before')`);
      const [job, clock] = [await s.createJob('t'), await s.createJob('clock')];
      await job.must('pause');
      assert.equal(((await job.must('job_status')).status as { state: string }).state, 'paused');
      const seen = await job.target(tableRows);
      const seq = (await job.progress()).prevCommitSeq;
      await s.source(
        `INSERT INTO $db.t VALUES (2, 'while paused')`,
        `ALTER TABLE $db.t ADD COLUMN w INT DEFAULT "0"`,
      );
      await twoRoundsOf(s, clock);
      assert.deepEqual(await job.target(tableRows), seen, 'nothing arrives while paused');
      assert.equal((await job.progress()).prevCommitSeq, seq);
      assert.ok(((await job.must('get_lag')).lag as number) > 0, 'the backlog shows as lag');
      await job.must('resume');
      await job.sameRows();
      await job.caughtUp();
    });
  });

  it('pause under a steady load stops replication while the load goes on', async () => {
    await fx.run('api_pause_load', async (s) => {
      await s.source(table('t'), `INSERT INTO $db.t VALUES (0, 'first')`);
      const job = await s.createJob('t');
      let writing = true;
      let written = 0;
      const writer = (async () => {
        for (let k = 1; writing; k++) {
          await s.source(`INSERT INTO $db.t VALUES (${k}, 'load')`);
          written = k;
        }
      })();
      try {
        const rows = async () => (await job.target(tableRows)).length;
        await until('rows arriving under the load', async () => ((await rows()) > 20 ? true : 'not yet'));
        await job.must('pause');
        // Pause lets the step in flight finish. A running job ends a step at least every STEP_BUDGET_MS
        // (2 s of applying, plus the commits already in its pipeline) and the metric counts each one, so
        // a count that stays put for twice that long means no step runs any more.
        let last = -1;
        await until(
          'the step in flight to end',
          async () => {
            const now = await stepsOf(s.syncer, job.name);
            if (now === last) return true;
            last = now;
            await new Promise((r) => setTimeout(r, 4000));
            return `${now} steps and counting`;
          },
          60_000,
        );
        const stopped = await rows();
        // The source's own loads are the clock: 20 more commits while the job stays paused.
        const from = written;
        await until('20 more loads on the source', async () => written >= from + 20 || `${written - from}`);
        assert.equal(await rows(), stopped, 'nothing arrives while paused');
        assert.equal(await stepsOf(s.syncer, job.name), last, 'no step ran while paused');
      } finally {
        writing = false;
        await writer;
      }
      await job.must('resume');
      await job.sameRows();
    });
  });

  it('desync turns is_being_synced off on the target table', async () => {
    await fx.run('api_desync', async (s) => {
      await s.source(table('t'), `INSERT INTO $db.t VALUES (1, 'a')`);
      const job = await s.createJob('t');
      assert.equal((await job.target(tableProperties)).get('is_being_synced'), 'true');
      await job.must('desync');
      await until('is_being_synced = false downstream', async () =>
        (await job.target(tableProperties)).get('is_being_synced') === 'false' ? true : 'still true',
      );
    });
  });

  it('delete stops replication and leaves no transaction, backup or restore open', async () => {
    // A syncer of its own, slowed down inside each target transaction, so the delete meets one in flight.
    const syncer = await SyncerProcess.start({
      args: ['--enable_failpoints'],
      env: { CCR_FAILPOINTS: 'before_commit_txn=sleep:1500' },
    });
    try {
      await fx.run(
        'api_delete',
        async (s) => {
          await s.source(table('t'), table('clock'), `INSERT INTO $db.t VALUES (1, 'a')`);
          const [job, clock] = [await s.createJob('t'), await s.createJob('clock')];
          await s.source(`INSERT INTO $db.t VALUES (2, 'in flight')`);
          await until('a target transaction in flight', async () =>
            (await job.progress()).txn ? true : 'none',
          );
          await job.must('delete');
          const answer = await s.syncer.call<{ jobs: string[] }>('list_jobs');
          assert.ok(!answer.jobs.includes(job.name), 'the job is gone');
          assert.equal((await job.call('job_status')).success, false);
          const seen = await job.target(tableRows);
          await s.source(`INSERT INTO $db.t VALUES (3, 'after delete')`);
          await twoRoundsOf(s, clock);
          assert.deepEqual(await job.target(tableRows), seen, 'nothing arrives after delete');
          await until('nothing left open', async () => {
            const open = {
              targetTxns: await runningTransactions(s.dest, s.destDb),
              backups: await unfinishedJobs(s.src, s.srcDb, 'BACKUP'),
              restores: await unfinishedJobs(s.dest, s.destDb, 'RESTORE'),
            };
            return open.targetTxns === 0 && open.backups.length === 0 && open.restores.length === 0
              ? true
              : open;
          });
        },
        { syncer },
      );
    } finally {
      await syncer.destroy();
    }
  });

  it('force_fullsync records a new full sync and the target converges', async () => {
    await fx.run('api_fullsync', async (s) => {
      await s.source(table('t'), `INSERT INTO $db.t VALUES (1, 'a')`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(`INSERT INTO $db.t VALUES (2, 'b')`);
      await job.must('force_fullsync');
      await job.caughtUp();
      const history = (await job.progress()).history;
      assert.equal(history.filter((h) => h.kind === 'full').length, fulls + 1);
      assert.match(history[history.length - 1]!.reason, /force_fullsync|operator/);
      await s.source(`INSERT INTO $db.t VALUES (3, 'after')`);
      await job.sameRows();
    });
  });

  it('job_skip_binlog silence skips exactly one load; fullsync re-copies the table', async () => {
    await fx.run('api_skip', async (s) => {
      await s.source(table('t'), `INSERT INTO $db.t VALUES (1, 'a')`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await job.must('pause');
      await s.source(`INSERT INTO $db.t VALUES (2, 'skipped')`);
      const skipped = (await job.must('get_lag')).last_commit_seq as number;
      await s.source(`INSERT INTO $db.t VALUES (3, 'kept')`);
      await job.must('job_skip_binlog', { skip_by: 'silence', skip_commit_seq: skipped });
      await job.must('resume');
      await job.caughtUp();
      const expected = (await rows(s.src, `SELECT k FROM ${job.srcName} WHERE k <> 2 ORDER BY k`)).map(
        (r) => r.k,
      );
      const actual = (await rows(s.dest, `SELECT k FROM ${job.destName} ORDER BY k`)).map((r) => r.k);
      assert.deepEqual(actual, expected, 'every row but the skipped one');
      assert.equal(await job.fullSyncs(), fulls, 'a silent skip needs no full sync');

      await job.must('job_skip_binlog', { skip_by: 'fullsync' });
      await job.caughtUp();
      assert.equal(await job.fullSyncs(), fulls + 1, 'skip by fullsync runs a full sync');
      await job.sameRows();
    });
  });
});

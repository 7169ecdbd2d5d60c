// Binlog GC end to end (the seed's ttl_seconds / max_bytes / max_history_nums limits): a job paused while
// the source's binlog for its table is garbage-collected past the job's position cannot replay when it is
// resumed; it copies the table again by a full sync that names the reason, and ends with the source's rows.
// GC runs on the source FE's own timer (binlog_gc_interval_second, 15 s by default), so this waits for it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFrontendClient, StatusCode } from '@doris-ccr/protocol';
import { type Scenario, ScenarioFixture, TABLE_PROPS, type TableJob } from '../../src/index.js';

/** Waits until the source answers BINLOG_TOO_OLD_COMMIT_SEQ for the job's position (GC has passed it). */
async function waitForGc(s: Scenario, job: TableJob, seq: bigint, timeoutMs = 40_000): Promise<void> {
  const cluster = s.fixture.clusters.source;
  const fe = createFrontendClient({ host: cluster.host, port: cluster.thriftPort });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await fe.getBinlog({
        user: cluster.user,
        passwd: cluster.password,
        db: s.srcDb,
        table: job.srcTable,
        prev_commit_seq: seq,
      });
      if (r.status?.status_code === StatusCode.BINLOG_TOO_OLD_COMMIT_SEQ) return;
      assert.ok(
        Date.now() < deadline,
        `binlog GC did not pass commit seq ${seq}: ${JSON.stringify(r.status)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    fe.close();
  }
}

describe('table sync: binlog GC', () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('a job paused past binlog expiry does a full sync with that reason', { timeout: 120_000 }, async () => {
    await fx.run('binlog_gc', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 1)`,
        // with the database's binlog on, its limits govern GC of every table's records (as in Doris)
        `ALTER DATABASE $db SET PROPERTIES ("binlog.max_history_nums" = "1")`,
      );
      const job = await s.createJob('t');
      await job.sameRows();
      const fulls = await job.fullSyncs();
      await job.must('pause');
      const seq = BigInt((await job.progress()).commitSeq);
      await s.source(
        `INSERT INTO $db.t VALUES (2, 2)`,
        `INSERT INTO $db.t VALUES (3, 3)`,
        `INSERT INTO $db.t VALUES (4, 4)`,
      );
      await waitForGc(s, job, seq);
      await job.must('resume');
      await job.sameRows(60_000);
      const history = (await job.progress()).history.filter((h) => h.kind === 'full');
      assert.equal(history.length, fulls + 1, 'one more full sync');
      assert.match(history.at(-1)?.reason ?? '', /garbage-collected/);
    });
  });
});

// A table job between two real sandbox processes: full sync, then data and DDL replay, partial syncs, then
// recovery of a transaction interrupted after commit (the job is restarted from its last persisted
// progress) — all checked through SQL on both clusters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClusterAccess } from '../../src/jobs/cluster-access.js';
import { clearFailpoints, enableFailpoints } from '../../src/jobs/failpoints.js';
import { JobRunner } from '../../src/jobs/job-runner.js';
import { initialProgress, type JobProgress } from '../../src/jobs/progress.js';
import { realSleeper, systemClock } from '../../src/jobs/runtime.js';
import { TableJob } from '../../src/jobs/table-sync/table-job.js';
import type { TableJobContext } from '../../src/jobs/table-sync/table-job-context.js';
import { clusterAccess, type SandboxCluster, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { until } from '../support/until.js';

describe('table job between two sandboxes', () => {
  let source: SandboxCluster;
  let target: SandboxCluster;
  let src: ClusterAccess;
  let dest: ClusterAccess;
  let runner: JobRunner;
  let progress: JobProgress;
  const saved: string[] = [];
  const logs: string[] = [];
  let srcDbId: bigint;
  let srcTableId: bigint;
  /** Set to simulate a crash: every later progress write hangs, so the job does nothing more. */
  let crashed = false;

  /** A runner as the daemon builds one; progress writes go to `saved` (the metadata store). */
  function startRunner(p: JobProgress): JobRunner {
    const ctx: TableJobContext = {
      jobName: 'orders job',
      src,
      dest,
      srcDb: 'shop',
      destDb: 'shop',
      followRecreated: false,
      repoint: async () => {
        throw new Error('the followed table is never replaced in this test');
      },
      names: { srcDb: 'shop', srcTable: 'orders', destDb: 'shop', destTable: 'orders', srcTableId },
      srcDbId,
      progress: p,
      clock: systemClock,
      persist: async () => {
        if (crashed) await new Promise(() => {});
        saved.push(JSON.stringify(p));
      },
      log: (level, message) => logs.push(`${level} ${message}`),
    };
    const started = new JobRunner(
      'orders job',
      new TableJob(ctx, async () => {}),
      systemClock,
      realSleeper,
      {
        pollIntervalMs: 50,
        retry: { initialMs: 50, maxMs: 500, multiplier: 2, jitter: 0.5, maxAttempts: 10 },
      },
      false,
    );
    started.start();
    return started;
  }

  before(async () => {
    [source, target] = await Promise.all([startSandboxCluster(), startSandboxCluster()]);
    src = await clusterAccess(specOf(source, 'shop', 'orders'));
    dest = await clusterAccess(specOf(target, 'shop', 'orders'));
    await src.sql.execute(`CREATE DATABASE shop PROPERTIES ("binlog.enable" = "true")`);
    await src.sql.execute(`CREATE TABLE shop.orders (id BIGINT, amount DECIMAL(10,2), note VARCHAR(20)) DUPLICATE KEY(id)
      PARTITION BY RANGE(id) (PARTITION p0 VALUES LESS THAN ("1000"), PARTITION p1 VALUES LESS THAN ("2000"))
      DISTRIBUTED BY HASH(id) BUCKETS 3 PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`);
    await src.sql.execute(`INSERT INTO shop.orders VALUES (1, 1.50, 'a'), (2, 2.50, 'b'), (1500, 9.99, 'c')`);
    await dest.sql.execute('CREATE DATABASE shop');
    const dbs = await src.sql.query<{ DbId: string; DbName: string }>(`show proc '/dbs/'`);
    srcDbId = BigInt(dbs.find((d) => d.DbName === 'shop')!.DbId);
    const tables = await src.sql.query<{ TableId: string }>(`show proc '/dbs/${srcDbId}/'`);
    srcTableId = BigInt(tables[0]!.TableId);
    progress = initialProgress(Date.now(), 'TableFullSync');
    runner = startRunner(progress);
  });

  after(async () => {
    // A crashed runner never finishes its step: stopping it would wait forever.
    if (!crashed) await runner?.stop();
    await src?.close();
    await dest?.close();
    await Promise.all([source?.stop(), target?.stop()]);
  });

  const rows = (c: ClusterAccess) => c.sql.query('SELECT id, amount, note FROM shop.orders ORDER BY id');

  it('copies the table by a full sync and keeps it equal as rows arrive', async () => {
    await until(
      // Rows become visible when the restore commits; the job enters replay one step later.
      async () =>
        progress.position.state === 'TableIncrementalSync' &&
        JSON.stringify(await rows(dest).catch(() => [])) === JSON.stringify(await rows(src)),
      'full sync',
    );
    await src.sql.execute(`INSERT INTO shop.orders VALUES (3, 3.00, 'd'), (1501, 1.00, 'e')`);
    await src.sql.execute(`INSERT INTO shop.orders VALUES (3, 3.00, 'd')`);
    await until(
      async () => JSON.stringify(await rows(dest)) === JSON.stringify(await rows(src)),
      'incremental rows',
    );
    assert.equal((await rows(dest)).length, 6, `duplicate rows kept exactly once each: ${logs.join('\n')}`);
  });

  it('records a backlog of transactions with far fewer progress writes, the last one complete', async () => {
    runner.pause();
    for (let i = 0; i < 40; i++)
      await src.sql.execute(`INSERT INTO shop.orders VALUES (${100 + i}, 1.00, 'x')`);
    const writesBefore = saved.length;
    runner.resume();
    await until(
      async () => JSON.stringify(await rows(dest)) === JSON.stringify(await rows(src)),
      'the backlog',
    );
    await until(async () => progress.position.step === 'idle', 'the step to end');
    const writes = saved.slice(writesBefore);
    assert.ok(writes.length < 20, `${writes.length} progress writes for 40 transactions`);
    assert.equal(
      (JSON.parse(writes[writes.length - 1]!) as JobProgress).prevCommitSeq,
      progress.prevCommitSeq,
      'the last applied transaction is recorded when the batch ends',
    );
  });

  it('replays DDL: partitions and columns', async () => {
    await src.sql.execute(`ALTER TABLE shop.orders ADD PARTITION p2 VALUES LESS THAN ("3000")`);
    await src.sql.execute(`ALTER TABLE shop.orders ADD COLUMN extra INT DEFAULT "7"`);
    await src.sql.execute(`INSERT INTO shop.orders VALUES (2500, 5.00, 'f', 8)`);
    const all = (c: ClusterAccess) =>
      c.sql.query('SELECT id, amount, note, extra FROM shop.orders ORDER BY id');
    await until(
      async () => JSON.stringify(await all(dest).catch(() => [])) === JSON.stringify(await all(src)),
      'DDL replay',
    );
    assert.ok(saved.length > 5, 'progress was persisted along the way');
    assert.equal(progress.history[0]?.kind, 'full');
    assert.ok(progress.history[0]?.finishedAt, 'the full sync is recorded as finished');
  });

  it('copies an overwritten partition by a partial sync of that partition, replaying the others exactly once', async () => {
    const all = (c: ClusterAccess) =>
      c.sql.query('SELECT id, amount, note, extra FROM shop.orders ORDER BY id, note');
    const before = progress.history.length;
    // Paused, so the rows below land between the overwrite's binlog and the partial backup.
    runner.pause();
    await src.sql.execute(`INSERT OVERWRITE TABLE shop.orders PARTITION (p0) VALUES (10, 1.00, 'o', 1)`);
    await src.sql.execute(`INSERT INTO shop.orders VALUES (1502, 2.00, 'g', 2), (11, 3.00, 'h', 3)`);
    await src.sql.execute(`INSERT INTO shop.orders VALUES (1502, 2.00, 'g', 2)`);
    runner.resume();
    await until(
      async () => JSON.stringify(await all(dest).catch(() => [])) === JSON.stringify(await all(src)),
      `partition overwrite replay: ${logs.slice(-5).join(' | ')}`,
    );
    const partial = progress.history.slice(before).filter((h) => h.kind === 'partial');
    assert.deepEqual(
      partial.map((h) => h.partitions),
      [['p0']],
      'one partial sync, of the overwritten partition only',
    );
    assert.ok(partial[0]!.finishedAt);
    assert.equal(progress.history.slice(before).filter((h) => h.kind === 'full').length, 0);
    // Later loads into the restored partition are applied normally once the snapshot is passed.
    await src.sql.execute(`INSERT INTO shop.orders VALUES (12, 4.00, 'i', 4)`);
    await until(
      async () => JSON.stringify(await all(dest)) === JSON.stringify(await all(src)),
      'rows after the partial sync',
    );
  });

  it('copies the whole table again after a heavy schema change and swaps it in under the same name', async () => {
    const before = progress.history.length;
    await src.sql.execute(`ALTER TABLE shop.orders MODIFY COLUMN extra BIGINT DEFAULT "7"`);
    await until(
      async () => {
        const columns = await dest.sql.query<{ Field: string; Type: string }>('DESC shop.orders');
        return /bigint/i.test(String(columns.find((c) => c.Field === 'extra')?.Type));
      },
      `schema change on the target: ${logs.slice(-5).join(' | ')}`,
    );
    await src.sql.execute(`INSERT INTO shop.orders VALUES (13, 5.00, 'j', 9000000000)`);
    const all = (c: ClusterAccess) =>
      c.sql.query('SELECT id, amount, note, extra FROM shop.orders ORDER BY id, note');
    await until(
      async () => JSON.stringify(await all(dest)) === JSON.stringify(await all(src)),
      'rows after the schema change',
    );
    const tables = await dest.sql.query<Record<string, string>>('SHOW TABLES FROM shop');
    assert.deepEqual(
      tables.map((t) => Object.values(t)[0]),
      ['orders'],
      'no restore alias left behind',
    );
    const partial = progress.history.slice(before).find((h) => h.kind === 'partial');
    assert.ok(partial && partial.partitions === undefined, JSON.stringify(progress.history.slice(before)));
  });

  it('recovers a transaction committed just before a crash: applied once, by its label, no new sync', async () => {
    const all = (c: ClusterAccess) =>
      c.sql.query('SELECT id, amount, note, extra FROM shop.orders ORDER BY id, note');
    await until(async () => progress.position.step === 'idle' && !progress.txn, 'an idle job');
    const history = progress.history.length;
    const recorded = progress.prevCommitSeq;
    // The crash: right after the target commits, the job stops for good (its progress writes never
    // return), so what the metadata store holds is whatever it persisted before the commit.
    enableFailpoints('after_commit_txn=error');
    crashed = true;
    await src.sql.execute(`INSERT INTO shop.orders VALUES (14, 6.00, 'k', 1), (14, 6.00, 'k', 1)`);
    const committed = async () => (await dest.sql.query('SELECT id FROM shop.orders WHERE id = 14')).length;
    await until(async () => (await committed()) === 2, 'the commit on the target');
    const stored = JSON.parse(saved[saved.length - 1]!) as JobProgress;
    assert.equal(stored.prevCommitSeq, recorded, 'the commit is not recorded');
    clearFailpoints();
    crashed = false;
    // The restart, from the stored progress; the crashed runner is never resumed.
    progress = stored;
    runner = startRunner(stored);
    await src.sql.execute(`INSERT INTO shop.orders VALUES (15, 7.00, 'l', 1)`);
    await until(
      async () => JSON.stringify(await all(dest)) === JSON.stringify(await all(src)),
      `rows after the restart: ${logs.slice(-5).join(' | ')}`,
    );
    assert.equal(await committed(), 2, 'the committed transaction was not applied again');
    assert.ok(
      logs.some((l) => /already committed on the target/.test(l)),
      `the restarted job asked the target about the interrupted transaction: ${logs.slice(-10).join(' | ')}`,
    );
    assert.equal(progress.history.length, history, 'no full or partial sync after the restart');
  });
});

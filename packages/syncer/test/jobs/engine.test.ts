// The job engine on a real SQLite store between two sandbox processes: create (with its checks), pause and
// resume, restart from the stored progress, lag, and delete — observed through SQL and the JobService API.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClusterAccess } from '../../src/jobs/cluster-access.js';
import { JobEngine } from '../../src/jobs/engine.js';
import { JobServiceError } from '../../src/model/job-service.js';
import { SqliteMetaStore } from '../../src/store/index.js';
import { clusterAccess, type SandboxCluster, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { until } from '../support/until.js';

describe('job engine', () => {
  let source: SandboxCluster;
  let target: SandboxCluster;
  let src: ClusterAccess;
  let dest: ClusterAccess;
  let dir: string;
  let store: SqliteMetaStore;
  let engine: JobEngine;
  const logs: string[] = [];
  const makeEngine = () =>
    new JobEngine({
      store,
      connect: clusterAccess,
      pollIntervalMs: 50,
      log: (l, m, j) => logs.push(`${l} ${j ?? ''} ${m}`),
    });

  before(async () => {
    [source, target] = await Promise.all([startSandboxCluster(), startSandboxCluster()]);
    src = await clusterAccess(specOf(source, 'app', 'events'));
    dest = await clusterAccess(specOf(target, 'app', 'events'));
    await src.sql.execute(`CREATE DATABASE app PROPERTIES ("binlog.enable" = "true")`);
    await src.sql.execute(`CREATE TABLE app.events (k INT, v VARCHAR(10)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 4
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await src.sql.execute(`CREATE DATABASE plain`);
    await src.sql.execute(`CREATE TABLE plain.nolsc (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    for (const c of [src, dest]) {
      await c.sql.execute(`CREATE USER 'ccr'@'%' IDENTIFIED BY 'sekret'`);
      await c.sql.execute(
        `GRANT SELECT_PRIV, LOAD_PRIV, ALTER_PRIV, CREATE_PRIV, DROP_PRIV, ADMIN_PRIV ON *.* TO 'ccr'@'%'`,
      );
    }
    await src.sql.execute(`INSERT INTO app.events VALUES (1, 'a'), (2, 'b')`);
    dir = mkdtempSync(join(tmpdir(), 'engine-'));
    store = new SqliteMetaStore({ path: join(dir, 'ccr.db') });
    await store.init();
    engine = makeEngine();
  });

  after(async () => {
    await engine?.stop();
    await store?.close();
    await src?.close();
    await dest?.close();
    await Promise.all([source?.stop(), target?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = (c: ClusterAccess) => c.sql.query('SELECT k, v FROM app.events ORDER BY k');
  const same = async () =>
    JSON.stringify(await rows(dest).catch(() => [])) === JSON.stringify(await rows(src));

  it('refuses a job whose source table lacks binlog, with the Go syncer message, and stores nothing', async () => {
    await assert.rejects(
      engine.createJob({
        name: 'bad',
        src: specOf(source, 'plain', 'nolsc'),
        dest: specOf(target, 'plain', 'nolsc'),
        allow_table_exists: false,
        reuse_binlog_label: false,
      }),
      (e: unknown) =>
        e instanceof JobServiceError && /only support property: "binlog.enable" = "true"/.test(e.message),
    );
    assert.deepEqual(await engine.listJobs(), []);
  });

  it('creates a job that copies and follows the table', async () => {
    await engine.createJob({
      name: 'ev',
      src: { ...specOf(source, 'app', 'events'), user: 'ccr', password: 'sekret' },
      dest: { ...specOf(target, 'app', 'events'), user: 'ccr', password: 'sekret' },
      allow_table_exists: false,
      reuse_binlog_label: false,
    });
    await until(same, 'full sync');
    await src.sql.execute(`INSERT INTO app.events VALUES (2, 'b2'), (3, 'c')`);
    await until(same, 'replay');
    // The rows are visible at commit; the job records the step as done right after.
    await until(async () => (await engine.jobStatus('ev')).step === 'idle', 'idle');
    const status = await engine.jobStatus('ev');
    assert.equal(status.state, 'running');
    assert.equal(status.progress_state, 'TableIncrementalSync');
    const lag = await engine.getLag('ev');
    assert.equal(lag.lag, 0);
    assert.equal(lag.delay_seconds, 0);
    // Caught up: no first unapplied binlog, so no first_* fields and no interval — never -1 or 1970.
    assert.equal(lag.first_commit_seq, undefined);
    assert.equal(lag.first_binlog_timestamp, undefined);
    assert.equal(lag.time_interval, undefined);
    assert.ok(BigInt(lag.last_commit_seq ?? '0') > 0n, `last_commit_seq ${lag.last_commit_seq}`);
    await assert.rejects(
      engine.createJob({
        name: 'ev',
        src: specOf(source, 'app', 'events'),
        dest: specOf(target, 'app', 'events'),
        allow_table_exists: true,
        reuse_binlog_label: false,
      }),
      /job ev already exist/,
    );
  });

  it('pauses without replaying, reports lag, and catches up after resume', async () => {
    await engine.pauseJob('ev');
    await src.sql.execute(`INSERT INTO app.events VALUES (4, 'd')`);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await rows(dest)).length, 3, 'nothing replayed while paused');
    assert.equal((await engine.jobStatus('ev')).state, 'paused');
    const lag = await engine.getLag('ev');
    assert.equal(lag.lag, 1);
    assert.ok((lag.delay_seconds ?? 0) >= 0.3, `delay ${lag.delay_seconds}`);
    // The one pending binlog is the first unapplied and the newest; its commit time is today's.
    assert.equal(lag.first_commit_seq, lag.last_commit_seq);
    assert.ok(BigInt(lag.first_commit_seq ?? '0') > 0n);
    assert.equal(lag.first_binlog_timestamp, lag.last_binlog_timestamp);
    assert.equal(lag.first_binlog_timestamp?.slice(0, 10), new Date().toISOString().slice(0, 10));
    assert.equal(lag.time_interval, 0);
    await engine.resumeJob('ev');
    await until(same, 'catch up after resume');
  });

  it('applies a backlog of updates to one key in commit order (the last write wins on the target)', async () => {
    await engine.pauseJob('ev');
    for (let i = 1; i <= 30; i++) await src.sql.execute(`INSERT INTO app.events VALUES (7, 'w${i}')`);
    await engine.resumeJob('ev');
    await until(same, 'backlog of updates');
    const [row] = await dest.sql.query<{ v: string }>('SELECT v FROM app.events WHERE k = 7');
    assert.equal(row?.v, 'w30');
  });

  it('resumes from the stored progress after a restart, without a new full sync', async () => {
    await engine.stop();
    await src.sql.execute(`INSERT INTO app.events VALUES (5, 'e')`);
    engine = makeEngine();
    await engine.start();
    await until(same, 'catch up after restart');
    const progress = (await engine.jobProgress('ev')) as { history: unknown[] };
    assert.equal(progress.history.length, 1, 'still the one full sync of job creation');
  });

  it('exposes Prometheus metrics with the job name as a label, and forgets them on delete', async () => {
    const text = await engine.metrics();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    assert.equal(value('ccr_job_state{job="ev",state="running"}'), 1);
    assert.equal(value('ccr_job_state{job="ev",state="paused"}'), 0);
    // Counters start with the engine (restarted above): the one insert replayed since then.
    assert.equal(value('ccr_binlogs_handled_total{job="ev",action="upsert"}'), 1, text);
    assert.equal(value('ccr_upsert_apply_seconds_count{job="ev"}'), 1);
    assert.ok((value('ccr_ingested_tablets_total{job="ev"}') ?? 0) >= 1);
    const seq = (await engine.jobProgress('ev')).prevCommitSeq;
    assert.equal(value('ccr_job_applied_commit_seq{job="ev"}'), Number(seq));
    assert.ok(value('ccr_syncer_process_resident_memory_bytes')! > 0, 'process metrics');
  });

  it('redacts passwords in job detail and deletes cleanly', async () => {
    const detail = await engine.jobDetail('ev');
    assert.equal(detail.src.password, '******');
    assert.ok(!JSON.stringify(detail).includes('sekret'));
    assert.ok(!logs.join('\n').includes('sekret'), 'no password in logs');
    await engine.deleteJob('ev');
    assert.deepEqual(await engine.listJobs(), []);
    await assert.rejects(engine.jobStatus('ev'), /job ev not exist/);
    assert.ok(!(await engine.metrics()).includes('job="ev"'), 'no series of a deleted job');
  });
});

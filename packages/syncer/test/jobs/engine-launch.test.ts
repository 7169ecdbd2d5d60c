// A job whose source cluster is down when the daemon starts is not dropped: the API lists it and answers
// for it (state failing, the connection error as last_error, a 409 for what needs the cluster), and once
// the cluster answers on its address the job connects and copies the table on its own.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ClusterAccess } from '../../src/jobs/cluster-access.js';
import { JobEngine } from '../../src/jobs/engine.js';
import { JobServiceError } from '../../src/model/job-service.js';
import { SqliteMetaStore } from '../../src/store/index.js';
import { clusterAccess, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { until } from '../support/until.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a job whose cluster is down when the daemon starts', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('is retried until the cluster answers, then replays what it missed', async () => {
    const target = await startSandboxCluster();
    cleanup.push(() => target.stop());
    // The source keeps its state in a directory of ours, so it can be stopped and started again.
    const sourceDir = mkdtempSync(join(tmpdir(), 'launch-src-'));
    cleanup.push(() => rmSync(sourceDir, { recursive: true, force: true }));
    const ports = [await freePort(), await freePort(), await freePort()];
    const sourceArgs = [
      '--data-dir',
      sourceDir,
      '--query-port',
      String(ports[0]),
      '--rpc-port',
      String(ports[1]),
      '--http-port',
      String(ports[2]),
    ];
    let source = await startSandboxCluster(sourceArgs);
    const sourceSpec = specOf(source, 'app', 't');
    let src: ClusterAccess = await clusterAccess(sourceSpec);
    await src.sql.execute(`CREATE DATABASE app PROPERTIES ("binlog.enable" = "true")`);
    await src.sql.execute(`CREATE TABLE app.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`);
    await src.sql.execute('INSERT INTO app.t VALUES (1), (2)');
    const dest = await clusterAccess(specOf(target, 'app', 't'));
    cleanup.push(() => dest.close());
    const dir = mkdtempSync(join(tmpdir(), 'launch-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = new SqliteMetaStore({ path: join(dir, 'ccr.db') });
    await store.init();
    cleanup.push(() => store.close());
    // Connecting checks that the cluster answers, as opening a real connection pool does.
    const connect = async (spec: Parameters<typeof clusterAccess>[0]) => {
      const access = await clusterAccess(spec);
      try {
        await access.sql.query('SELECT 1');
      } catch (error) {
        await access.close();
        throw error;
      }
      return access;
    };
    const makeEngine = () =>
      new JobEngine({
        store,
        connect,
        pollIntervalMs: 50,
        retry: { initialMs: 50, maxMs: 200, multiplier: 2, jitter: 0, maxAttempts: 3 },
        log: () => undefined,
      });
    let engine = makeEngine();
    await engine.createJob({
      name: 'late',
      src: sourceSpec,
      dest: specOf(target, 'app', 't'),
      allow_table_exists: false,
      reuse_binlog_label: false,
    });
    const rows = async () => (await dest.sql.query('SELECT k FROM app.t').catch(() => [])).length;
    await until(async () => (await rows()) === 2, 'the first full sync');
    await engine.stop();
    await src.close();
    await source.stop();

    // The daemon starts again while the source is down.
    engine = makeEngine();
    cleanup.push(() => engine.stop());
    await engine.start();
    assert.deepEqual(await engine.listJobs(), ['late']);
    await until(async () => (await engine.jobStatus('late')).state === 'failing', 'the failing state');
    assert.match((await engine.jobStatus('late')).last_error, /ECONNREFUSED|connect/i);
    // get_lag asks the source itself, and names where it could not reach it.
    await assert.rejects(
      engine.getLag('late'),
      (e: unknown) =>
        e instanceof JobServiceError &&
        e.httpStatus === 502 &&
        /^cannot reach src cluster 127\.0\.0\.1:\d+ \(thrift \d+\) as user root: /.test(e.message),
    );
    // Well past maxAttempts: connection failures are transient, so the job is still trying.
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal((await engine.jobStatus('late')).state, 'failing');

    source = await startSandboxCluster(sourceArgs);
    cleanup.push(() => source.stop());
    src = await clusterAccess(sourceSpec);
    cleanup.push(() => src.close());
    await src.sql.execute('INSERT INTO app.t VALUES (3)');
    await until(async () => (await rows()) === 3, 'the row inserted while the daemon waited');
    const progress = (await engine.jobProgress('late')) as { history: unknown[] };
    assert.equal(progress.history.length, 1, 'replayed, not copied again');
  });
});

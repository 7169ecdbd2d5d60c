// The real ccr-syncer daemon with its metadata on a MariaDB server, then on a PostgreSQL server
// (--db_type mysql|postgresql with the Go flags): the database is created, a table job replicates between
// two sandboxes, and after a kill -9 a new daemon on the same server resumes the job from its stored
// progress — the rows end exact, with no second full sync.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { freePort, SYNCER_BIN, start, tempDir, waitFor } from '../cli/process-helpers.js';
import { clusterAccess, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { type DbServer, startMariaDb, startPostgres, storeFlags } from './db-servers.js';

for (const [engine, startServer] of [
  ['mysql', startMariaDb],
  ['postgresql', startPostgres],
] as const) {
  describe(`ccr-syncer on --db_type ${engine}`, () => {
    const cleanup: Array<() => Promise<unknown> | unknown> = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('replicates a table job and resumes it in a new daemon after kill -9', async () => {
      const server: DbServer = await startServer();
      cleanup.push(() => server.stop());
      const [source, target] = await Promise.all([startSandboxCluster(), startSandboxCluster()]);
      cleanup.push(
        () => source.stop(),
        () => target.stop(),
      );
      const src = await clusterAccess(specOf(source, 'app', 't'));
      const dest = await clusterAccess(specOf(target, 'app', 't'));
      cleanup.push(
        () => src.close(),
        () => dest.close(),
      );
      await src.sql.execute(`CREATE DATABASE app PROPERTIES ("binlog.enable" = "true")`);
      await src.sql.execute(`CREATE TABLE app.t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
        PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`);
      await src.sql.execute('INSERT INTO app.t VALUES (1, 1), (2, 2)');

      const dir = tempDir('ccr-daemon-server');
      const port = await freePort();
      const daemon = () =>
        start(process.execPath, [
          SYNCER_BIN,
          `--port=${port}`,
          '--pid_dir',
          dir,
          ...storeFlags(server, 'ccr_meta'),
          '--log_level=warn',
        ]);
      const call = async (path: string, body: unknown) =>
        (await (
          await fetch(`http://127.0.0.1:${port}/${path}`, { method: 'POST', body: JSON.stringify(body) })
        ).json()) as Record<string, unknown>;
      const answers = async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/version`)).ok;
        } catch {
          return false;
        }
      };
      const rows = async () =>
        (await dest.sql.query('SELECT k, v FROM app.t ORDER BY k, v').catch(() => [])).length;

      let syncer = daemon();
      cleanup.push(() => syncer.child.kill('SIGKILL'));
      await waitFor('the API', answers, 30_000);
      const created = await call('create_ccr', {
        name: 'on_server',
        src: specOf(source, 'app', 't'),
        dest: specOf(target, 'app', 't'),
      });
      assert.equal(created.success, true, JSON.stringify(created));
      await waitFor('the full sync', async () => (await rows()) === 2, 30_000);
      await src.sql.execute('INSERT INTO app.t VALUES (3, 3), (3, 3)');
      await waitFor('replay', async () => (await rows()) === 4, 30_000);

      syncer.child.kill('SIGKILL');
      await syncer.finished;
      await src.sql.execute('INSERT INTO app.t VALUES (4, 4)');
      syncer = daemon();
      await waitFor('the API of the new daemon', answers, 30_000);
      assert.deepEqual((await call('list_jobs', {})).jobs, ['on_server']);
      await waitFor('replay after the restart', async () => (await rows()) === 5, 30_000);
      const progress = (await call('job_progress', { name: 'on_server' })).job_progress as {
        history: Array<{ kind: string }>;
      };
      assert.equal(progress.history.filter((h) => h.kind === 'full').length, 1, 'resumed, not copied again');
      syncer.child.kill('SIGTERM');
      await syncer.finished;
    });
  });
}

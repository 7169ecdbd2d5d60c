// What operating a group of syncers does to replication, under a steady load between two sandboxes: the
// metadata server restarted mid-stream (jobs wait and go on), a syncer joining (it takes a share of the
// jobs), and a rolling restart of every syncer — each time every table ends with exactly the source's rows.
// The group runs six table jobs and one database job.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type Running, SYNCER_BIN, start, startServing, tempDir, waitFor } from '../cli/process-helpers.js';
import { clusterAccess, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { type DbServer, startMariaDb, startPostgres, storeFlags } from './db-servers.js';

const LEASE_SECONDS = 3;
const TABLES = ['t0', 't1', 't2', 't3', 't4', 't5'];
/** The tables of the database job's database. */
const DB_TABLES = ['d0', 'd1'];

for (const [engine, startServer] of [
  ['mysql', startMariaDb],
  ['postgresql', startPostgres],
] as const) {
  describe(`operating a syncer group on --db_type ${engine}`, () => {
    const cleanup: Array<() => Promise<unknown> | unknown> = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('survives a metadata-server restart, shares with a joining syncer and a rolling restart, rows exact', async () => {
      const server: DbServer = await startServer();
      cleanup.push(() => server.stop());
      const [source, target] = await Promise.all([startSandboxCluster(), startSandboxCluster()]);
      cleanup.push(
        () => source.stop(),
        () => target.stop(),
      );
      const src = await clusterAccess(specOf(source, 'app', ''));
      const dest = await clusterAccess(specOf(target, 'app', ''));
      cleanup.push(
        () => src.close(),
        () => dest.close(),
      );
      await src.sql.execute(`CREATE DATABASE app PROPERTIES ("binlog.enable" = "true")`);
      for (const t of TABLES)
        await src.sql.execute(`CREATE TABLE app.${t} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
          PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`);

      await src.sql.execute(`CREATE DATABASE app2 PROPERTIES ("binlog.enable" = "true")`);
      for (const t of DB_TABLES)
        await src.sql.execute(`CREATE TABLE app2.${t} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
          PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`);
      const dir = tempDir('ccr-group-ops');
      const ports: number[] = [];
      const launch = (port: number): Running =>
        start(process.execPath, [
          SYNCER_BIN,
          `--port=${port}`,
          '--pid_dir',
          dir,
          ...storeFlags(server, 'ccr_ops'),
          `--lease_seconds=${LEASE_SECONDS}`,
          '--log_level=warn',
        ]);
      const running = new Map<number, Running>();
      cleanup.push(() => [...running.values()].map((r) => r.child.kill('SIGKILL')));
      const answers = (port: number) => async () =>
        (await fetch(`http://127.0.0.1:${port}/version`).catch(() => undefined))?.ok === true;
      const call = async (port: number, path: string, body: unknown = {}) =>
        (await (
          await fetch(`http://127.0.0.1:${port}/${path}`, { method: 'POST', body: JSON.stringify(body) })
        ).json()) as Record<string, unknown>;
      const up = async (port: number) => {
        running.set(port, launch(port));
        await waitFor('a syncer API', answers(port), 30_000);
      };
      // First starts on ports found free (retried when another process takes one first); restarts reuse them.
      const join = async () => {
        const started = await startServing(launch);
        ports.push(started.port);
        running.set(started.port, started.process);
      };
      for (let i = 0; i < 2; i++) await join();
      for (const t of TABLES) {
        const created = await call(ports[0]!, 'create_ccr', {
          name: `ops_${t}`,
          src: specOf(source, 'app', t),
          dest: specOf(target, 'app', t),
        });
        assert.equal(created.success, true, JSON.stringify(created));
      }
      const dbJob = await call(ports[1]!, 'create_ccr', {
        name: 'ops_db',
        src: specOf(source, 'app2', ''),
        dest: specOf(target, 'app2', ''),
      });
      assert.equal(dbJob.success, true, JSON.stringify(dbJob));
      const ALL = [...TABLES.map((t) => `app.${t}`), ...DB_TABLES.map((t) => `app2.${t}`)];
      const jobsOf = async (via: number) => {
        const syncers = (await call(via, 'list_syncers')).syncers as Array<{
          id: string;
          jobs: number;
          alive: boolean;
        }>;
        return new Map(syncers.filter((s) => s.alive).map((s) => [s.id, s.jobs]));
      };
      const sameRows = async () => {
        for (const t of ALL) {
          const q = `SELECT k, v FROM ${t} ORDER BY k, v`;
          if (
            JSON.stringify(await src.sql.query(q)) !== JSON.stringify(await dest.sql.query(q).catch(() => []))
          )
            return false;
        }
        return true;
      };

      let k = 0;
      let loading = true;
      const load = (async () => {
        while (loading) {
          k++;
          for (const t of ALL) await src.sql.execute(`INSERT INTO ${t} VALUES (${k}, ${k}), (${k}, ${k})`);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();

      // The metadata server goes away for a few seconds: jobs wait, then go on.
      await new Promise((r) => setTimeout(r, 1_000));
      await server.restart(3_000);
      await waitFor(
        'replication after the store restart',
        async () => (await call(ports[0]!, 'list_jobs')).success === true,
        30_000,
      );

      // A third syncer joins: it gets a share.
      await join();
      await waitFor(
        'the joining syncer takes a share',
        async () => ((await jobsOf(ports[0]!)).get(`127.0.0.1:${ports[2]}`) ?? 0) >= 1,
        30_000,
      );

      // A rolling restart: each syncer stopped (SIGTERM) and started again in turn.
      for (const port of ports) {
        const r = running.get(port)!;
        r.child.kill('SIGTERM');
        await r.finished;
        await up(port);
      }
      await waitFor(
        'every job owned after the rolling restart',
        async () => [...(await jobsOf(ports[0]!)).values()].reduce((a, b) => a + b, 0) === TABLES.length + 1,
        30_000,
      );
      loading = false;
      await load;
      await waitFor('every row exactly once', sameRows, 60_000);
      for (const t of ALL) {
        const [row] = await dest.sql.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t}`);
        const [mine] = await src.sql.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t}`);
        assert.equal(Number(row?.n), 2 * k, `${t}: every row once (source has ${mine?.n})`);
      }
      const history = (await call(ports[1]!, 'job_progress', { name: 'ops_t0' })).job_progress as {
        history: unknown[];
      };
      assert.equal(history.history.length, 1, 'no job was copied again');
    });
  });
}

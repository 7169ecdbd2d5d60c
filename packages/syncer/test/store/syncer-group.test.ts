// Three real ccr-syncer daemons sharing a metadata store on MariaDB, then on PostgreSQL, replicating four
// table jobs under a steady load between two sandboxes: the jobs spread over the syncers; kill -9 of an
// owner moves its jobs to the others within the lease; a syncer stopped (SIGSTOP) for twice the lease
// writes nothing once it resumes (its jobs were taken over and its writes are fenced); every table ends
// with exactly the source's rows (DUPLICATE KEY tables show anything applied twice or lost).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { freePort, type Running, SYNCER_BIN, start, tempDir, waitFor } from '../cli/process-helpers.js';
import { clusterAccess, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { type DbServer, startMariaDb, startPostgres } from './db-servers.js';

const LEASE_SECONDS = 3;
const TABLES = ['t0', 't1', 't2', 't3'];

interface Daemon {
  readonly port: number;
  process: Running;
}

for (const [engine, startServer] of [
  ['mysql', startMariaDb],
  ['postgresql', startPostgres],
] as const) {
  describe(`three syncers on --db_type ${engine}`, () => {
    const cleanup: Array<() => Promise<unknown> | unknown> = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('spread jobs, take over from a killed or stopped owner within the lease, and lose or double nothing', async () => {
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
      for (const t of TABLES) {
        await src.sql.execute(`CREATE TABLE app.${t} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
          PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`);
        await src.sql.execute(`INSERT INTO app.${t} VALUES (0, 0)`);
      }

      const dir = tempDir('ccr-group');
      const launch = (port: number): Running =>
        start(process.execPath, [
          SYNCER_BIN,
          `--port=${port}`,
          '--pid_dir',
          dir,
          `--db_type=${engine}`,
          `--db_host=${server.host}`,
          `--db_port=${server.port}`,
          `--db_user=${server.user}`,
          `--db_password=${server.password}`,
          '--db_name=ccr_group',
          `--lease_seconds=${LEASE_SECONDS}`,
          '--log_level=warn',
        ]);
      const daemons: Daemon[] = [];
      for (let i = 0; i < 3; i++) {
        const port = await freePort();
        daemons.push({ port, process: launch(port) });
      }
      cleanup.push(() => Promise.all(daemons.map((d) => d.process.child.kill('SIGKILL'))));
      const call = async (d: Daemon, path: string, body: unknown = {}) =>
        (await (
          await fetch(`http://127.0.0.1:${d.port}/${path}`, { method: 'POST', body: JSON.stringify(body) })
        ).json()) as Record<string, unknown>;
      const answers = (d: Daemon) => async () => {
        try {
          return (await fetch(`http://127.0.0.1:${d.port}/version`)).ok;
        } catch {
          return false;
        }
      };
      for (const d of daemons) await waitFor('a syncer API', answers(d), 30_000);

      // Jobs created through different syncers; each runs wherever the group puts it.
      for (const [i, t] of TABLES.entries()) {
        const created = await call(daemons[i % 3]!, 'create_ccr', {
          name: `job_${t}`,
          src: specOf(source, 'app', t),
          dest: specOf(target, 'app', t),
        });
        assert.equal(created.success, true, JSON.stringify(created));
      }
      const owners = async (via: Daemon) => {
        const out: Record<string, string> = {};
        for (const t of TABLES)
          out[t] = String(
            ((await call(via, 'job_status', { name: `job_${t}` })).status as { owner?: string })?.owner ?? '',
          );
        return out;
      };
      const sameRows = async () => {
        for (const t of TABLES) {
          const q = `SELECT k, v FROM app.${t} ORDER BY k, v`;
          const [a, b] = [await src.sql.query(q), await dest.sql.query(q).catch(() => [])];
          if (JSON.stringify(a) !== JSON.stringify(b)) return false;
        }
        return true;
      };
      await waitFor('every job copied', sameRows, 60_000);
      await waitFor(
        'the jobs spread over the syncers',
        async () => new Set(Object.values(await owners(daemons[0]!))).size >= 2,
        30_000,
      );
      const syncers = (await call(daemons[1]!, 'list_syncers')).syncers as Array<{
        id: string;
        alive: boolean;
      }>;
      assert.equal(syncers.filter((s) => s.alive).length, 3, JSON.stringify(syncers));

      // A steady load: a row into every table every 100 ms, duplicates included.
      let k = 1;
      let loading = true;
      const load = (async () => {
        while (loading) {
          for (const t of TABLES)
            await src.sql.execute(`INSERT INTO app.${t} VALUES (${k}, ${k}), (${k}, ${k})`);
          k++;
          await new Promise((r) => setTimeout(r, 100));
        }
      })();

      // kill -9 of the owner of job_t0: its jobs continue elsewhere within the lease (plus a tick).
      const before = await owners(daemons[0]!);
      const victim = daemons.find((d) => before.t0 === `127.0.0.1:${d.port}`)!;
      victim.process.child.kill('SIGKILL');
      await victim.process.finished;
      const survivor = daemons.find((d) => d !== victim)!;
      const killedAt = Date.now();
      await waitFor(
        'the killed owner’s jobs taken over',
        async () => {
          const now = await owners(survivor);
          return Object.values(now).every((o) => o !== '' && o !== `127.0.0.1:${victim.port}`);
        },
        30_000,
      );
      const takeover = Date.now() - killedAt;
      assert.ok(takeover <= (LEASE_SECONDS + 2) * 1000, `taken over after ${takeover} ms`);

      // SIGSTOP of another owner for twice the lease: its jobs move; after SIGCONT it writes nothing.
      const stopped =
        daemons.find((d) => d !== victim && Object.values(before).includes(`127.0.0.1:${d.port}`)) ??
        survivor;
      stopped.process.child.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 2 * LEASE_SECONDS * 1000 + 1000));
      const third = daemons.find((d) => d !== victim && d !== stopped)!;
      await waitFor(
        'the stopped owner’s jobs taken over',
        async () => Object.values(await owners(third)).every((o) => o === `127.0.0.1:${third.port}`),
        30_000,
      );
      stopped.process.child.kill('SIGCONT');
      await new Promise((r) => setTimeout(r, 2_000));
      const metrics = await (await fetch(`http://127.0.0.1:${stopped.port}/metrics`)).text();
      assert.match(
        metrics,
        /ccr_lease_lost_total\{[^}]*\} [1-9]/,
        'the resumed syncer counted its fenced-out jobs',
      );

      loading = false;
      await load;
      await waitFor('every row exactly once after the takeovers', sameRows, 60_000);
      for (const t of TABLES) {
        const [row] = await dest.sql.query<{ n: string }>(`SELECT COUNT(*) AS n FROM app.${t}`);
        assert.equal(Number(row?.n), 1 + 2 * (k - 1), `${t}: every row once`);
      }
    });
  });
}

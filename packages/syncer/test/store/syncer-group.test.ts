// Three real ccr-syncer daemons sharing a metadata store on MariaDB, then on PostgreSQL, replicating four
// table jobs under a steady load between two sandboxes: the jobs spread over the syncers; kill -9 of an
// owner moves its jobs to the others within the lease; a syncer stopped (SIGSTOP) for twice the lease
// writes nothing once it resumes (its jobs were taken over and its writes are fenced); every table ends
// with exactly the source's rows (DUPLICATE KEY tables show anything applied twice or lost).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { type Running, SYNCER_BIN, start, startServing, tempDir, waitFor } from '../cli/process-helpers.js';
import { clusterAccess, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { type DbServer, startMariaDb, startPostgres, storeFlags } from './db-servers.js';

const LEASE_SECONDS = 3;
const PASSWORD = 'Gr0up-Sekr3t';

/** The job records as the metadata server holds them. */
async function storedRecords(server: DbServer): Promise<string[]> {
  const c = { host: server.host, port: server.port, user: server.user, password: server.password };
  if (server.engine === 'mysql') {
    const conn = await mysql.createConnection({ ...c, database: 'ccr_group' });
    const [rows] = await conn.query('SELECT record FROM ccr_jobs');
    await conn.end();
    return (rows as Array<{ record: string }>).map((r) => r.record);
  }
  const client = new pg.Client({ ...c, database: 'ccr_group' });
  await client.connect();
  const result = await client.query('SELECT record FROM ccr_jobs');
  await client.end();
  return result.rows.map((r: { record: string }) => r.record);
}
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
      // The jobs use an account with a password: every syncer must read it after a takeover.
      for (const c of [src, dest]) {
        await c.sql.execute(`CREATE USER 'ccr_user'@'%' IDENTIFIED BY '${PASSWORD}'`);
        await c.sql.execute(
          `GRANT SELECT_PRIV, LOAD_PRIV, ALTER_PRIV, CREATE_PRIV, DROP_PRIV, ADMIN_PRIV ON *.* TO 'ccr_user'@'%'`,
        );
      }
      await src.sql.execute(`CREATE DATABASE app PROPERTIES ("binlog.enable" = "true")`);
      for (const t of TABLES) {
        await src.sql.execute(`CREATE TABLE app.${t} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
          PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`);
        await src.sql.execute(`INSERT INTO app.${t} VALUES (0, 0)`);
      }

      const dir = tempDir('ccr-group');
      const keyFile = join(dir, 'group.key');
      writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
      const as = (spec: ReturnType<typeof specOf>) => ({ ...spec, user: 'ccr_user', password: PASSWORD });
      const launch = (port: number): Running =>
        start(process.execPath, [
          SYNCER_BIN,
          `--port=${port}`,
          '--pid_dir',
          dir,
          ...storeFlags(server, 'ccr_group'),
          `--secret_key_file=${keyFile}`,
          `--lease_seconds=${LEASE_SECONDS}`,
          '--log_level=warn',
        ]);
      const daemons: Daemon[] = [];
      cleanup.push(() => Promise.all(daemons.map((d) => d.process.child.kill('SIGKILL'))));
      for (let i = 0; i < 3; i++) daemons.push(await startServing(launch));
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
          src: as(specOf(source, 'app', t)),
          dest: as(specOf(target, 'app', t)),
        });
        assert.equal(created.success, true, JSON.stringify(created));
      }
      const stored = await storedRecords(server);
      assert.ok(
        stored.length === TABLES.length && stored.every((r) => r.includes('enc:v1:')),
        'passwords sealed',
      );
      assert.ok(!stored.some((r) => r.includes(PASSWORD)), 'no password in clear text in the metadata store');
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
      // Within the lease and a couple of ownership rounds, with room for a loaded 2-core machine.
      assert.ok(takeover <= 10_000, `taken over after ${takeover} ms`);
      // The job's event log (in the shared store, so any syncer answers it) says who took it from whom.
      await waitFor(
        'the takeover in the event log',
        async () => {
          const { events } = (await call(survivor, 'job_events', { name: 'job_t0' })) as {
            events: Array<{ kind: string; from?: string; syncer?: string }>;
          };
          return events.some((e) => e.kind === 'takeover' && e.from === `127.0.0.1:${victim.port}`);
        },
        10_000,
      );

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

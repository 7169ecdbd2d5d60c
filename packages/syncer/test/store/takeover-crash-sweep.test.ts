// Crash sweep of the ownership code: a syncer is killed (SIGKILL from a named failpoint) while taking a
// job over (before and after it takes the lease, right after renewing), or while handing a job to a
// joining syncer (before and after it releases the lease). Another syncer then runs every job, and every
// table ends with exactly the source's rows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClusterAccess } from '../../src/jobs/cluster-access.js';
import { freePort, type Running, SYNCER_BIN, start, tempDir, waitFor } from '../cli/process-helpers.js';
import { clusterAccess, type SandboxCluster, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { type DbServer, startMariaDb, storeFlags } from './db-servers.js';

const TAKEOVER = ['before_take_lease', 'after_take_lease', 'after_renew_leases'];
const HANDOVER = ['before_release_lease', 'after_release_lease'];
const TABLES = ['a', 'b'];

describe('crash sweep of the takeover and handover paths (MariaDB store)', () => {
  let server: DbServer;
  let source: SandboxCluster;
  let target: SandboxCluster;
  let src: ClusterAccess;
  let dest: ClusterAccess;
  const alive = new Set<Running>();
  before(async () => {
    server = await startMariaDb();
    [source, target] = await Promise.all([startSandboxCluster(), startSandboxCluster()]);
    src = await clusterAccess(specOf(source, 'x', ''));
    dest = await clusterAccess(specOf(target, 'x', ''));
  });
  after(async () => {
    for (const r of alive) r.child.kill('SIGKILL');
    await src?.close();
    await dest?.close();
    await Promise.all([source?.stop(), target?.stop(), server?.stop()]);
  });

  for (const [i, point] of [...TAKEOVER, ...HANDOVER].entries()) {
    it(`another syncer runs every job exactly after a kill at ${point}`, async () => {
      const db = `sweep_${i}`;
      await src.sql.execute(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
      for (const t of TABLES) {
        await src.sql.execute(`CREATE TABLE ${db}.${t} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
          PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`);
        await src.sql.execute(`INSERT INTO ${db}.${t} VALUES (1, 1)`);
      }
      const dir = tempDir('ccr-takeover-sweep');
      const launch = (port: number, failpoint?: string): Running => {
        const r = start(
          process.execPath,
          [
            SYNCER_BIN,
            `--port=${port}`,
            '--pid_dir',
            dir,
            ...storeFlags(server, `ccr_${db}`),
            '--lease_seconds=2',
            '--log_level=warn',
            ...(failpoint ? ['--enable_failpoints'] : []),
          ],
          failpoint ? { CCR_FAILPOINTS: `${failpoint}=kill` } : {},
        );
        alive.add(r);
        return r;
      };
      const answers = (port: number) => async () =>
        (await fetch(`http://127.0.0.1:${port}/version`).catch(() => undefined))?.ok === true;
      const call = async (port: number, path: string, body: unknown = {}) =>
        (await (
          await fetch(`http://127.0.0.1:${port}/${path}`, { method: 'POST', body: JSON.stringify(body) })
        ).json()) as Record<string, unknown>;
      const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
      const handover = HANDOVER.includes(point);
      // The first syncer runs both jobs (armed itself when the kill belongs to the handover).
      const first = launch(p1, handover ? point : undefined);
      await waitFor('the first syncer', answers(p1), 30_000);
      for (const t of TABLES) {
        const created = await call(p1, 'create_ccr', {
          name: `${db}_${t}`,
          src: specOf(source, db, t),
          dest: specOf(target, db, t),
        });
        assert.equal(created.success, true, JSON.stringify(created));
      }
      await waitFor(
        'both tables copied',
        async () => {
          for (const t of TABLES)
            if ((await dest.sql.query(`SELECT k FROM ${db}.${t}`).catch(() => [])).length !== 1) return false;
          return true;
        },
        30_000,
      );
      await src.sql.execute(`INSERT INTO ${db}.a VALUES (2, 2), (2, 2)`);
      let second: Running;
      if (handover) {
        // A joining syncer makes the first hand a job over, and the first dies doing so.
        second = launch(p2);
      } else {
        first.child.kill('SIGKILL');
        await first.finished;
        // The second dies while taking the jobs over.
        second = launch(p2, point);
      }
      const dying = handover ? first : second;
      await waitFor(
        `the kill at ${point}`,
        async () => dying.child.exitCode !== null || dying.child.signalCode !== null,
        30_000,
      );
      assert.equal(dying.child.signalCode, 'SIGKILL', dying.output().stderr);
      await src.sql.execute(`INSERT INTO ${db}.b VALUES (3, 3), (3, 3)`);
      const survivor = handover ? p2 : p3;
      if (!handover) launch(p3);
      await waitFor('the survivor', answers(survivor), 30_000);
      await waitFor(
        'every row exactly once',
        async () => {
          for (const t of TABLES) {
            const q = `SELECT k, v FROM ${db}.${t} ORDER BY k, v`;
            if (JSON.stringify(await src.sql.query(q)) !== JSON.stringify(await dest.sql.query(q)))
              return false;
          }
          return true;
        },
        30_000,
      );
      const status = (await call(survivor, 'job_status', { name: `${db}_a` })).status as { owner: string };
      assert.equal(status.owner, `127.0.0.1:${survivor}`, 'the survivor runs the job');
      for (const r of alive) {
        r.child.kill('SIGTERM');
        await r.finished;
      }
      alive.clear();
    });
  }
});

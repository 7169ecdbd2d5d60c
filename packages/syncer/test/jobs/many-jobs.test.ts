// Many table jobs of one database created at once: Doris keeps only the last few backups' snapshots per
// database, so unco-ordinated jobs evict each other's snapshots before restoring them. Each job must
// finish with one full sync and the target must hold every table.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClusterAccess } from '../../src/jobs/cluster-access.js';
import { JobEngine } from '../../src/jobs/engine.js';
import { clearFailpoints, enableFailpoints } from '../../src/jobs/failpoints.js';
import { SqliteMetaStore } from '../../src/store/index.js';
import { clusterAccess, type SandboxCluster, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { until } from '../support/until.js';

const TABLES = 14; // more than the 10 backups a database keeps (max_backup_restore_job_num_per_db)

describe('many table jobs of one database', () => {
  let source: SandboxCluster;
  let target: SandboxCluster;
  let src: ClusterAccess;
  let dest: ClusterAccess;
  let dir: string;
  let store: SqliteMetaStore;
  let engine: JobEngine;
  const logs: string[] = [];

  before(async () => {
    [source, target] = await Promise.all([startSandboxCluster(), startSandboxCluster()]);
    src = await clusterAccess(specOf(source, 'many', 't0'));
    dest = await clusterAccess(specOf(target, 'many', 't0'));
    await src.sql.execute(`CREATE DATABASE many PROPERTIES ("binlog.enable" = "true")`);
    for (let i = 0; i < TABLES; i++) {
      await src.sql.execute(`CREATE TABLE many.t${i} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
        PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
      // Enough rows that a restore takes longer than the backups of all the other tables.
      const lines = Array.from({ length: 30_000 }, (_, k) => `${k * TABLES + i}\t${k}`).join('\n');
      const load = await fetch(`http://127.0.0.1:${source.httpPort}/api/many/t${i}/_stream_load`, {
        method: 'PUT',
        headers: { Authorization: `Basic ${Buffer.from('root:').toString('base64')}` },
        body: lines,
      });
      assert.equal(((await load.json()) as { Status: string }).Status, 'Success');
    }
    dir = mkdtempSync(join(tmpdir(), 'many-'));
    store = new SqliteMetaStore({ path: join(dir, 'ccr.db') });
    await store.init();
    engine = new JobEngine({
      store,
      connect: clusterAccess,
      pollIntervalMs: 1000, // the daemon default: jobs waiting for a slot poll this slowly
      log: (l, m, j) => logs.push(`${l} ${j ?? ''} ${m}`),
    });
  });

  after(async () => {
    await engine?.stop();
    await store?.close();
    await src?.close();
    await dest?.close();
    await Promise.all([source?.stop(), target?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A binlog-enabled database with tables a, b, c of two rows each; returns the table names. */
  async function smallTables(db: string): Promise<string[]> {
    await src.sql.execute(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
    const names = ['a', 'b', 'c'];
    for (const t of names) {
      await src.sql.execute(`CREATE TABLE ${db}.${t} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)
        BUCKETS 2 PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
      await src.sql.execute(`INSERT INTO ${db}.${t} VALUES (1, 1), (2, 2)`);
    }
    return names;
  }

  /** The rows of a table as `k v` strings in key order, for exact comparison. */
  async function rowsOf(c: ClusterAccess, table: string): Promise<string[]> {
    const rows = await c.sql.query<{ k: string; v: string }>(`SELECT k, v FROM ${table} ORDER BY k, v`);
    return rows.map((r) => `${r.k} ${r.v}`);
  }

  /** Waits until every named job has finished its full sync and replays (idle). */
  async function fullSyncsDone(jobs: readonly string[], what: string): Promise<void> {
    await until(
      async () => {
        for (const job of jobs) if ((await engine.jobStatus(job)).step !== 'idle') return false;
        return true;
      },
      `${what}: ${logs.slice(-5).join(' | ')}`,
    );
  }

  /** Table jobs `<db>_<table>`, created together as an operator's script would. */
  async function createJobs(db: string, names: readonly string[]): Promise<void> {
    await Promise.all(
      names.map((t) =>
        engine.createJob({
          name: `${db}_${t}`,
          src: specOf(source, db, t),
          dest: specOf(target, db, t),
          allow_table_exists: false,
          reuse_binlog_label: false,
        }),
      ),
    );
  }

  it('syncs every table once, one database snapshot at a time', async () => {
    await Promise.all(
      Array.from({ length: TABLES }, (_, i) =>
        engine.createJob({
          name: `j${i}`,
          src: specOf(source, 'many', `t${i}`),
          dest: specOf(target, 'many', `t${i}`),
          allow_table_exists: false,
          reuse_binlog_label: false,
        }),
      ),
    );
    await fullSyncsDone(
      Array.from({ length: TABLES }, (_, i) => `j${i}`),
      'all full syncs',
    );
    for (let i = 0; i < TABLES; i++) {
      // The rows loaded in before(), in key order.
      const expected = Array.from({ length: 30_000 }, (_, k) => `${k * TABLES + i} ${k}`);
      assert.deepEqual(await rowsOf(dest, `many.t${i}`), expected, `rows of t${i}`);
      const progress = (await engine.jobProgress(`j${i}`)) as { history: unknown[] };
      assert.equal(progress.history.length, 1, `job j${i} synced once`);
    }
    assert.ok(!logs.some((l) => /taking a new snapshot/.test(l)), 'no snapshot was lost and retaken');
    // Jobs created together share backups: far fewer than one per table.
    const backups = await src.sql.query<{ SnapshotName: string }>(`SHOW BACKUP FROM many`);
    assert.ok(backups.length <= 3, `${backups.length} backups for ${TABLES} tables`);
    assert.ok(backups.every((b) => b.SnapshotName.startsWith('ccrb_many_many_')));
  });

  it('jobs whose shared full sync fails go on alone and still sync', async () => {
    const names = await smallTables('other');
    enableFailpoints('shared_sync_after_backup=error');
    try {
      await createJobs('other', names);
      await fullSyncsDone(
        names.map((t) => `other_${t}`),
        'full syncs alone',
      );
    } finally {
      clearFailpoints();
    }
    for (const t of names) assert.deepEqual(await rowsOf(dest, `other.${t}`), ['1 1', '2 2'], t);
    assert.ok(logs.some((l) => /3 of 3 job\(s\) sync alone \(.*failpoint shared_sync_after_backup/.test(l)));
    const backups = await src.sql.query<{ SnapshotName: string }>(`SHOW BACKUP FROM other`);
    assert.equal(backups.length, 4, 'the shared backup, then one per job');
  });

  it('a job deleted during a shared full sync leaves the others to finish it, without its table', async () => {
    const names = await smallTables('third');
    enableFailpoints('shared_sync_after_backup=sleep:1500');
    try {
      await createJobs('third', names);
      await until(
        async () => logs.some((l) => /ccrb_third_third_\w+: backup of 3 table/.test(l)),
        'shared backup',
      );
      await engine.deleteJob('third_a');
      await fullSyncsDone(['third_b', 'third_c'], "the others' full syncs");
    } finally {
      clearFailpoints();
    }
    await assert.rejects(engine.jobStatus('third_a'), /not exist/);
    // Deleted before the shared restore began: its table is left out of it, as a deleted job's own restore
    // would have been cancelled.
    const tables = await dest.sql.query<Record<string, string>>('SHOW TABLES FROM third');
    assert.deepEqual(tables.map((t) => Object.values(t)[0]).sort(), ['b', 'c']);
    for (const t of ['b', 'c']) {
      const progress = (await engine.jobProgress(`third_${t}`)) as { history: Array<{ snapshot?: string }> };
      assert.match(
        String(progress.history[0]?.snapshot),
        /^ccrb_third_third_/,
        'synced by the shared snapshot',
      );
      await src.sql.execute(`INSERT INTO third.${t} VALUES (3, 3)`);
    }
    await until(async () => {
      for (const t of ['b', 'c'])
        if ((await rowsOf(dest, `third.${t}`)).join() !== '1 1,2 2,3 3') return false;
      return true;
    }, 'replay after the shared sync');
  });
});

// Refusals of BACKUP, SHOW/CANCEL, SQL RESTORE, getSnapshot and restoreSnapshot, with Doris's messages;
// snapshot expiry; and what a restart does to finished and interrupted jobs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SnapshotType, StatusCode } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import {
  backup,
  extraInfo,
  getSnapshot,
  restore,
  restoreSnapshot,
  type Snapshot,
  sleep,
  startRestore,
  waitJob,
  withExtraInfo,
} from './backup-restore-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

async function rejects(conn: mysql.Connection, sql: string, message: string | RegExp): Promise<void> {
  await assert.rejects(conn.query(sql), (error: Error) => {
    if (typeof message === 'string') assert.ok(error.message.includes(message), error.message);
    else assert.match(error.message, message);
    return true;
  });
}

describe('backup and restore refusals', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;
  let snapshot: Snapshot;

  before(async () => {
    [source, target] = await Promise.all([SandboxProcess.start(), SandboxProcess.start()]);
    src = await source.connect();
    dst = await target.connect();
    await src.query(`CREATE DATABASE e; CREATE TABLE e.t (k INT, v VARCHAR(10)) DUPLICATE KEY(k)
      PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (10), PARTITION p2 VALUES LESS THAN (20))
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await src.query(`INSERT INTO e.t VALUES (1, 'a'), (15, 'b')`);
    await dst.query('CREATE DATABASE d');
    await backup(src, 'e', 'snap_ok');
    snapshot = await getSnapshot(source, 'e', 'snap_ok');
  });

  after(async () => {
    await src?.end();
    await dst?.end();
    await source?.destroy();
    await target?.destroy();
  });

  it('rejects bad BACKUP statements with Doris messages', async () => {
    const base = 'BACKUP SNAPSHOT e.x TO `__keep_on_local__`';
    await rejects(src, `${base} ON (nope) PROPERTIES ("type" = "full")`, "Unknown table 'nope'");
    await rejects(src, `${base} ON (t PARTITION (p9))`, 'Unknown partition p9 in tablet');
    await rejects(src, 'BACKUP SNAPSHOT e.x TO repo1', 'Repository repo1 does not exist');
    await rejects(src, `${base} PROPERTIES ("foo" = "1")`, 'Unknown backup job properties: [foo]');
    await rejects(
      src,
      `${base} PROPERTIES ("type" = "incremental")`,
      'Currently does not support incremental backup',
    );
    await rejects(
      src,
      'SHOW BACKUP FROM e WHERE State = "FINISHED"',
      'Where clause should like: SnapshotName =',
    );
    await rejects(src, 'SHOW RESTORE FROM e WHERE SnapshotName = "x"', 'Where clause should like: Label =');
    await rejects(
      src,
      'RESTORE SNAPSHOT e.snap_ok FROM `__keep_on_local__`',
      'restore from the local repo via SQL call is not supported',
    );
    await src.query('ALTER TABLE e.t ADD TEMPORARY PARTITION tp VALUES LESS THAN (30)');
    await rejects(src, `${base} ON (t)`, 'Do not support backup table with temp partitions');
    await src.query('ALTER TABLE e.t DROP TEMPORARY PARTITION tp');
  });

  it('runs one job per database at a time and cancels on request', async () => {
    await src.query('BACKUP SNAPSHOT e.snap_cancel TO `__keep_on_local__` PROPERTIES ("type" = "full")');
    await rejects(
      src,
      'BACKUP SNAPSHOT e.snap_2 TO `__keep_on_local__`',
      'Can only run one backup or restore job of a database at same time',
    );
    await rejects(src, 'CANCEL RESTORE FROM e', 'No restore is currently running');
    await src.query('CANCEL BACKUP FROM e');
    const [row] = await query(src, 'SHOW BACKUP FROM e WHERE SnapshotName = "snap_cancel"');
    assert.equal(row!.State, 'CANCELLED');
    assert.equal(row!.Status, '[COMMON_ERROR, msg: user cancelled]');
    await rejects(src, 'CANCEL BACKUP FROM e', 'can not be cancelled. state: CANCELLED');
    const like = await query(src, 'SHOW BACKUP FROM e WHERE SnapshotName LIKE "snap%"');
    assert.deepEqual(
      like.map((r) => [r.SnapshotName, r.State]),
      [
        ['snap_ok', 'FINISHED'],
        ['snap_cancel', 'CANCELLED'],
      ],
    );
  });

  it('answers getSnapshot with SNAPSHOT_NOT_EXIST for unknown or cancelled snapshots', async () => {
    const fe = source.thrift();
    try {
      for (const label of ['nope', 'snap_cancel']) {
        const r = await fe.getSnapshot({
          user: 'root',
          passwd: '',
          db: 'e',
          table: '',
          label_name: label,
          snapshot_name: '',
          snapshot_type: SnapshotType.LOCAL,
        });
        assert.equal(r.status?.status_code, StatusCode.SNAPSHOT_NOT_EXIST);
        assert.deepEqual(r.status?.error_msgs, [`snapshot ${label} not exist`]);
      }
    } finally {
      fe.close();
    }
  });

  it('serves snapshot files only with the cluster token', async () => {
    const info = JSON.parse(snapshot.jobInfo) as { tablet_snapshot_path_map: Record<string, string> };
    const [tabletId, root] = Object.entries(info.tablet_snapshot_path_map)[0]!;
    const fe = source.thrift();
    const token = (await fe.getMasterToken({ cluster: '', user: 'root', password: '' })).token!;
    fe.close();
    const be = source.ready.backends[0]!;
    const url = (t: string, file: string) =>
      `http://127.0.0.1:${be.httpPort}/api/_tablet/_download?token=${t}&file=${encodeURIComponent(file)}`;
    const bad = await fetch(url('bad', root));
    assert.equal(bad.status, 401);
    assert.equal(await bad.text(), 'invalid token.');
    const listing = await fetch(url(token, root));
    assert.equal(listing.status, 200);
    assert.ok((await listing.text()).split('\n').includes(tabletId));
    const missing = await fetch(url(token, `${root}/0/0`));
    assert.equal(missing.status, 404);
  });

  it('checks the password of restoreSnapshot callers', async () => {
    const r = await restoreSnapshot(target, {
      db: 'd',
      label_name: 'x',
      passwd: 'wrong',
      meta: snapshot.meta,
      job_info: Buffer.from('{}'),
    });
    assert.equal(r.status?.status_code, StatusCode.ANALYSIS_ERROR);
    assert.match(r.status?.error_msgs?.[0] ?? '', /Access denied/);
  });

  it('validates restoreSnapshot requests', async () => {
    const jobInfo = Buffer.from(withExtraInfo(snapshot.jobInfo, await extraInfo(source)));
    const request = { db: 'd', label_name: 'r1', meta: snapshot.meta, job_info: jobInfo };
    const missing = await restoreSnapshot(target, { db: 'd', label_name: 'r1', job_info: jobInfo });
    assert.equal(missing.status?.status_code, StatusCode.ANALYSIS_ERROR);
    assert.deepEqual(missing.status?.error_msgs, ['meta is not set']);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ properties: new Map([['foo', 'x']]) }, 'Unknown restore job properties: [foo]'],
      [
        { properties: new Map([['reserve_replica', 'yes']]) },
        'Invalid boolean property reserve_replica value: yes',
      ],
      [{ table_refs: [{ table: 'nope' }] }, 'Table nope does not exist in snapshot snap_ok'],
      // two jobs copying one source table into two target tables cannot share one restore
      [
        {
          table_refs: [
            { table: 't', alias_name: 'a' },
            { table: 't', alias_name: 'b' },
          ],
        },
        'Duplicated restore table: t',
      ],
      [{ job_info: Buffer.from(snapshot.jobInfo) }, 'Invalid job extra info empty'],
      [{ compressed: true }, 'failed to decompress'],
      [{ db: 'nodb' }, 'unknown database, database=nodb'],
    ];
    for (const [extra, message] of cases) {
      const r = await restoreSnapshot(target, { ...request, ...extra });
      assert.equal(r.status?.status_code, StatusCode.ANALYSIS_ERROR, message);
      assert.ok(r.status?.error_msgs?.[0]?.includes(message), `${r.status?.error_msgs?.[0]} ~ ${message}`);
    }
    assert.deepEqual(await query(dst, 'SHOW RESTORE FROM d'), []);
  });

  it('fails a restore into a table of another schema with the message the syncer matches', async () => {
    await dst.query(`CREATE TABLE d.t (k INT, v VARCHAR(10), extra INT) DUPLICATE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await dst.query(`INSERT INTO d.t VALUES (100, 'keep', 1)`);
    const row = await restore(source, target, dst, snapshot, { db: 'd', label_name: 'r_schema' });
    assert.equal(row.State, 'CANCELLED');
    assert.equal(row.Status, '[COMMON_ERROR, msg: Table t already exist but with different schema]');
    assert.deepEqual(await query(dst, 'SELECT * FROM d.t'), [{ k: 100, v: 'keep', extra: 1 }]);
    await dst.query('DROP TABLE d.t FORCE');
  });

  it('expires a snapshot after its timeout: EXPIRED, and its files are gone', async () => {
    await src.query(
      'BACKUP SNAPSHOT e.snap_short TO `__keep_on_local__` PROPERTIES ("type" = "full", "timeout" = "1")',
    );
    const row = await waitJob(src, 'BACKUP', 'e', 'snap_short');
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.equal(row.Timeout, '1');
    const early = await getSnapshot(source, 'e', 'snap_short');
    await sleep(2500);
    const fe = source.thrift();
    try {
      const r = await fe.getSnapshot({
        user: 'root',
        passwd: '',
        db: 'e',
        table: '',
        label_name: 'snap_short',
        snapshot_name: '',
        snapshot_type: SnapshotType.LOCAL,
      });
      assert.equal(r.status?.status_code, StatusCode.SNAPSHOT_EXPIRED);
      assert.deepEqual(r.status?.error_msgs, ['snapshot snap_short is expired']);
    } finally {
      fe.close();
    }
    const restored = await restore(source, target, dst, early, { db: 'd', label_name: 'r_expired' });
    assert.equal(restored.State, 'CANCELLED');
    assert.match(String(restored.Status), /file not exist/);
    assert.deepEqual(
      await query(dst, "SHOW TABLES FROM d LIKE 't'"),
      [],
      'the cancelled restore left nothing',
    );
  });

  it('keeps finished jobs and snapshots across a restart, and cancels an interrupted restore', async () => {
    await startRestore(source, target, snapshot, { db: 'd', label_name: 'r_killed' });
    await target.kill('SIGKILL');
    target = await SandboxProcess.start({ dataDir: target.dataDir });
    await dst.end().catch(() => {});
    dst = await target.connect();
    const [row] = await query(dst, 'SHOW RESTORE FROM d WHERE Label = "r_killed"');
    assert.equal(row!.State, 'CANCELLED');
    assert.match(
      String(row!.Status),
      /^\[COMMON_ERROR, msg: FE restarted while the job was in state \w+; the job is cancelled\]$/,
    );
    assert.deepEqual(await query(dst, 'SHOW TABLES FROM d'), []);

    await source.kill('SIGKILL');
    source = await SandboxProcess.start({ dataDir: source.dataDir });
    await src.end().catch(() => {});
    src = await source.connect();
    const [kept] = await query(src, 'SHOW BACKUP FROM e WHERE SnapshotName = "snap_ok"');
    assert.equal(kept!.State, 'FINISHED');
    const again = await getSnapshot(source, 'e', 'snap_ok');
    assert.equal(again.jobInfo, snapshot.jobInfo);
    const restored = await restore(source, target, dst, again, { db: 'd', label_name: 'r_after_restart' });
    assert.equal(restored.State, 'FINISHED', JSON.stringify(restored));
    assert.deepEqual(await query(dst, 'SELECT * FROM d.t ORDER BY k'), [
      { k: 1, v: 'a' },
      { k: 15, v: 'b' },
    ]);
  });
});

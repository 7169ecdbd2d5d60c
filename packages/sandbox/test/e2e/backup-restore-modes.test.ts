// How a restore lands on existing target objects: atomic restore (the old table answers until the swap),
// an alias from table_refs, overwriting the snapshot's partitions of a same-schema table, clean_tables /
// clean_partitions, and a replica allocation of the request's own instead of the source's.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { SnapshotType, StatusCode } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import {
  backup,
  extraInfo,
  getSnapshot,
  partitionVersions,
  restore,
  restoreSnapshot,
  type Snapshot,
  startRestore,
  waitJob,
  withExtraInfo,
} from './backup-restore-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

const DDL = (db: string, name: string) => `CREATE TABLE ${db}.${name} (k INT, v VARCHAR(12)) UNIQUE KEY(k)
  PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (100000), PARTITION p2 VALUES LESS THAN (200000))
  DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES ("replication_num" = "1")`;

/**
 * Sets download_binlog_rate_limit_kbs on every BE of `sandbox` (0: unlimited). The atomic restore tests
 * throttle the source's snapshot downloads so the restore lasts seconds on any machine: they observe the
 * target while it runs, which an unthrottled restore of this size may not leave time for.
 */
async function throttle(sandbox: SandboxProcess, kbs: number): Promise<void> {
  for (const be of sandbox.ready.backends) {
    const url = `http://127.0.0.1:${be.httpPort}/api/update_config?download_binlog_rate_limit_kbs=${kbs}`;
    assert.equal((await fetch(url, { method: 'POST' })).status, 200);
  }
}

/** About a second per 200 KB of snapshot files: the atomic restore below lasts 1–2 s. */
const THROTTLE_KBS = 200;

function values(from: number, to: number, tag: string): string {
  const rows: string[] = [];
  for (let k = from; k < to; k++) rows.push(`(${k}, '${tag}${k % 100}')`);
  return rows.join(',');
}

describe('restore onto existing objects', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;
  let snapshot: Snapshot;
  const ROWS = 20_000;

  before(async () => {
    [source, target] = await Promise.all([SandboxProcess.start(), SandboxProcess.start({ backends: 2 })]);
    src = await source.connect();
    dst = await target.connect();
    await src.query(`CREATE DATABASE m; ${DDL('m', 't')}`);
    await src.query(`INSERT INTO m.t VALUES ${values(0, ROWS / 2, 'a')}`);
    await src.query(`INSERT INTO m.t VALUES ${values(100_000, 100_000 + ROWS / 2, 'b')}`);
    await backup(src, 'm', 'snap');
    snapshot = await getSnapshot(source, 'm', 'snap');
    await dst.query(
      'CREATE DATABASE atomic_db; CREATE DATABASE alias_db; CREATE DATABASE over_db; CREATE DATABASE atomic_cancel',
    );
  });

  afterEach(() => throttle(source, 0));

  after(async () => {
    await src?.end();
    await dst?.end();
    await source?.destroy();
    await target?.destroy();
  });

  it('keeps the old table readable during an atomic restore and swaps it in at the commit', async () => {
    await dst.query(DDL('atomic_db', 't'));
    await dst.query(`INSERT INTO atomic_db.t VALUES (1, 'old'), (2, 'old')`);
    await throttle(source, THROTTLE_KBS);
    await startRestore(source, target, snapshot, {
      db: 'atomic_db',
      label_name: 'r_atomic',
      atomic_restore: true,
    });
    let observed = 0;
    let refusedAlters = 0;
    let sawShadow = false;
    for (;;) {
      const [count] = await query(dst, 'SELECT count(*) AS n FROM atomic_db.t');
      const tables = await query(dst, 'SHOW TABLES FROM atomic_db');
      const [row] = await query(dst, 'SHOW RESTORE FROM atomic_db WHERE Label = "r_atomic"');
      if (row!.State === 'FINISHED') break;
      assert.notEqual(row!.State, 'CANCELLED', JSON.stringify(row));
      assert.equal(String(count!.n), '2', `old data while ${row!.State}`);
      if (tables.some((t) => Object.values(t)[0] === '__doris_atomic_restore_prefix__t')) sawShadow = true;
      observed++;
      // Loads and reads go on, but no ALTER may change a table the restore is about to replace (unless
      // the restore had not prepared its metadata yet, or finished between the two statements).
      const altered = await dst.query(`ALTER TABLE atomic_db.t MODIFY COMMENT 'during'`).then(
        () => undefined,
        (error: Error) => error,
      );
      if (altered) {
        assert.match(altered.message, /Table\[t\] is in atomic restore state\. Do not allow doing ALTER ops/);
        refusedAlters++;
      } else {
        // As in Doris, the mark comes with the metadata preparation that ends PENDING.
        const [after] = await query(dst, 'SHOW RESTORE FROM atomic_db WHERE Label = "r_atomic"');
        assert.ok(
          row!.State === 'PENDING' || after!.State === 'FINISHED',
          `an ALTER succeeded while the atomic restore was ${row!.State}`,
        );
      }
    }
    assert.ok(observed > 0, 'reads happened while the restore ran');
    assert.ok(refusedAlters > 0, 'an ALTER was tried while the restore ran');
    assert.ok(sawShadow, 'the data went into the shadow table');
    // The table swapped in carries no mark: ALTER works again.
    await dst.query(`ALTER TABLE atomic_db.t MODIFY COMMENT 'after'`);
    assert.deepEqual(await query(dst, 'SELECT count(*) AS n FROM atomic_db.t'), [{ n: String(ROWS) }]);
    assert.deepEqual(await query(dst, 'SELECT * FROM atomic_db.t WHERE k IN (1, 100001) ORDER BY k'), [
      { k: 1, v: 'a1' },
      { k: 100001, v: 'b1' },
    ]);
    assert.deepEqual(
      (await query(dst, 'SHOW TABLES FROM atomic_db')).map((t) => Object.values(t)[0]),
      ['t'],
    );
  });

  it('gives the old table back untouched and alterable when an atomic restore is cancelled', async () => {
    await dst.query(DDL('atomic_cancel', 't'));
    await dst.query(`INSERT INTO atomic_cancel.t VALUES (1, 'old')`);
    await throttle(source, THROTTLE_KBS);
    await startRestore(source, target, snapshot, {
      db: 'atomic_cancel',
      label_name: 'r_cancel',
      atomic_restore: true,
    });
    // Cancel once the metadata is prepared (the table is marked), before the restore can finish.
    for (;;) {
      const [row] = await query(dst, 'SHOW RESTORE FROM atomic_cancel WHERE Label = "r_cancel"');
      assert.ok(row!.State !== 'FINISHED' && row!.State !== 'CANCELLED', `restore ended: ${row!.State}`);
      if (row!.State !== 'PENDING') break;
    }
    await assert.rejects(
      dst.query(`ALTER TABLE atomic_cancel.t MODIFY COMMENT 'during'`),
      /atomic restore state/,
    );
    await dst.query('CANCEL RESTORE FROM atomic_cancel');
    const [row] = await query(dst, 'SHOW RESTORE FROM atomic_cancel WHERE Label = "r_cancel"');
    assert.equal(row!.State, 'CANCELLED');
    assert.deepEqual(await query(dst, 'SELECT k, v FROM atomic_cancel.t'), [{ k: 1, v: 'old' }]);
    assert.deepEqual(
      (await query(dst, 'SHOW TABLES FROM atomic_cancel')).map((t) => Object.values(t)[0]),
      ['t'],
    );
    await dst.query(`ALTER TABLE atomic_cancel.t MODIFY COMMENT 'after'`);
  });

  it('restores under an alias from table_refs, leaving a same-named table of another schema alone', async () => {
    await dst.query(`CREATE TABLE alias_db.t (x INT) DUPLICATE KEY(x) DISTRIBUTED BY HASH(x) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    const row = await restore(source, target, dst, snapshot, {
      db: 'alias_db',
      label_name: 'r_alias',
      table_refs: [{ table: 't', alias_name: '__ccr_t_1' }],
    });
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.match(
      String(row.RestoreObjs),
      /"olap_table_list":\[\{"name":"t","partition_names":\["p1","p2"\]\}\]/,
    );
    assert.deepEqual(await query(dst, 'SELECT count(*) AS n FROM alias_db.__ccr_t_1'), [{ n: String(ROWS) }]);
    assert.deepEqual(await query(dst, 'SELECT count(*) AS n FROM alias_db.t'), [{ n: '0' }]);
  });

  it('overwrites the snapshot partitions of a same-schema table and keeps the others', async () => {
    await dst.query(DDL('over_db', 't'));
    await dst.query('ALTER TABLE over_db.t ADD PARTITION p3 VALUES LESS THAN (300000)');
    await dst.query(`INSERT INTO over_db.t VALUES (5, 'target'), (250000, 'p3 row')`);
    await dst.query(`CREATE TABLE over_db.junk (x INT) DUPLICATE KEY(x) DISTRIBUTED BY HASH(x) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    const row = await restore(source, target, dst, snapshot, { db: 'over_db', label_name: 'r_over' });
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.deepEqual(await query(dst, 'SELECT * FROM over_db.t WHERE k IN (5, 250000) ORDER BY k'), [
      { k: 5, v: 'a5' },
      { k: 250000, v: 'p3 row' },
    ]);
    const sourceVersions = await partitionVersions(src, 'm.t');
    const versions = await partitionVersions(dst, 'over_db.t');
    assert.equal(versions.p1, sourceVersions.p1);
    assert.equal(versions.p2, sourceVersions.p2);

    const again = await restore(source, target, dst, snapshot, {
      db: 'over_db',
      label_name: 'r_clean',
      clean_tables: true,
      clean_partitions: true,
    });
    assert.equal(again.State, 'FINISHED', JSON.stringify(again));
    assert.deepEqual(Object.keys(await partitionVersions(dst, 'over_db.t')).sort(), ['p1', 'p2']);
    assert.deepEqual(
      (await query(dst, 'SHOW TABLES FROM over_db')).map((t) => Object.values(t)[0]),
      ['t'],
    );
    assert.deepEqual(await query(dst, 'SELECT count(*) AS n FROM over_db.t'), [{ n: String(ROWS) }]);
  });

  it('uses the requested replica allocation without reserve_replica (gzip request)', async () => {
    await dst.query('CREATE DATABASE repl_db');
    const jobInfo = Buffer.from(withExtraInfo(snapshot.jobInfo, await extraInfo(source)));
    const started = await restoreSnapshot(target, {
      db: 'repl_db',
      label_name: 'r_repl',
      meta: gzipSync(snapshot.meta),
      job_info: gzipSync(jobInfo),
      compressed: true,
      properties: new Map([['replication_num', '2']]),
    });
    assert.equal(started.status?.status_code, 0, JSON.stringify(started.status));
    const row = await waitJob(dst, 'RESTORE', 'repl_db', 'r_repl');
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.equal(row.ReplicationNum, '2');
    assert.equal(row.ReserveReplica, 'false');
    const [ddl] = await query(dst, 'SHOW CREATE TABLE repl_db.t');
    assert.match(String(ddl!['Create Table']), /"replication_allocation" = "tag.location.default: 2"/);
    assert.deepEqual(await query(dst, 'SELECT count(*) AS n FROM repl_db.t'), [{ n: String(ROWS) }]);
  });

  it('keeps only max_backup_restore_job_num_per_db jobs per database', async () => {
    await src.query('ADMIN SET FRONTEND CONFIG ("max_backup_restore_job_num_per_db" = "2")');
    await backup(src, 'm', 'snap2');
    await backup(src, 'm', 'snap3');
    const rows = await query(src, 'SHOW BACKUP FROM m');
    assert.deepEqual(
      rows.map((r) => r.SnapshotName),
      ['snap2', 'snap3'],
    );
    const fe = source.thrift();
    try {
      const r = await fe.getSnapshot({
        user: 'root',
        passwd: '',
        db: 'm',
        table: '',
        label_name: 'snap',
        snapshot_name: '',
        snapshot_type: SnapshotType.LOCAL,
      });
      assert.equal(r.status?.status_code, StatusCode.SNAPSHOT_NOT_EXIST);
    } finally {
      fe.close();
    }
  });
});

// The full sync of a database CCR job between two sandbox processes: BACKUP of the whole database (no ON
// clause) with its views, getSnapshot's job_info, restoreSnapshot of every table and view with
// is_being_synced, of some of them through table_refs, and the conflicts a target database can hold (a table
// of another schema, a view where the snapshot has a table, a table where it has a view).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinlogType, parseJson } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { backup, getSnapshot, type Row, restore, type Snapshot } from './backup-restore-helpers.js';
import { lastCommitSeq, readBinlogs } from './binlog-reader.js';
import { dbIdOf, tableIdsOf } from './catalog-ids.js';
import { query, SandboxProcess } from './sandbox-process.js';

const SOURCE_ID_BASE = 9007199254740993n;
const TABLES = ['t_range', 't_uniq', 't_agg'];
const VIEWS = ['v_range', 'v_join'];

describe('whole-database backup and restore (database job full sync)', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;
  let snapshot: Snapshot;
  let backupRow: Row;
  const rowsAt: Record<string, Row[]> = {};

  async function restoreInto(db: string, label: string, extra: object = {}): Promise<Row> {
    return restore(source, target, dst, snapshot, { db, label_name: label, ...extra });
  }

  const names = async (db: string) =>
    (await query(dst, `SHOW TABLES FROM ${db}`)).map((r) => String(Object.values(r)[0])).sort();

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: 1, args: ['--id-base', String(SOURCE_ID_BASE)] }),
      SandboxProcess.start({ backends: 1 }),
    ]);
    src = await source.connect();
    dst = await target.connect();
    await src.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
    await src.query('USE src');
    await src.query(`CREATE TABLE t_range (k INT, dt DATE, v VARCHAR(8)) DUPLICATE KEY(k, dt)
      PARTITION BY RANGE(dt) (PARTITION p1 VALUES LESS THAN ('2024-02-01'), PARTITION p2 VALUES LESS THAN ('2024-03-01'))
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await src.query(`CREATE TABLE t_uniq (id BIGINT, name VARCHAR(16)) UNIQUE KEY(id)
      DISTRIBUTED BY HASH(id) BUCKETS 3 PROPERTIES ("replication_num" = "1")`);
    await src.query(`CREATE TABLE t_agg (k INT, s BIGINT SUM) AGGREGATE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    await src.query(`INSERT INTO t_range VALUES (1, '2024-01-03', 'a'), (2, '2024-02-03', 'b')`);
    await src.query(`INSERT INTO t_uniq VALUES (1, 'one'), (2, 'two'), (1, 'uno')`);
    await src.query(`INSERT INTO t_agg VALUES (1, 5), (1, 6), (2, 1)`);
    await src.query('CREATE VIEW v_range AS SELECT k, v FROM t_range WHERE k > 1');
    await src.query('CREATE VIEW v_join AS SELECT u.name, a.s FROM t_uniq u JOIN t_agg a ON u.id = a.k');
    for (const t of [...TABLES, ...VIEWS]) rowsAt[t] = await query(src, `SELECT * FROM ${t} ORDER BY 1, 2`);
    backupRow = await backup(src, 'src', 'db_snap');
    await src.query(`INSERT INTO t_agg VALUES (3, 3)`);
    snapshot = await getSnapshot(source, 'src', 'db_snap');
  });
  after(async () => {
    await src?.end();
    await dst?.end();
    await Promise.all([source?.destroy(), target?.destroy()]);
  });

  it('backs up every table and view of the database and lists them in job_info', async () => {
    assert.equal(
      backupRow.BackupObjs,
      '[src.t_range], [src.t_uniq], [src.t_agg], [src.v_range], [src.v_join]',
    );
    const info = parseJson(snapshot.jobInfo) as {
      backup_objects: Record<string, { id: bigint }>;
      new_backup_objects: { views: Array<{ id: bigint; name: string }> };
      table_commit_seq_map: Record<string, bigint>;
    };
    const ids = await tableIdsOf(src, 'src');
    assert.deepEqual(Object.keys(info.backup_objects).sort(), [...TABLES].sort());
    for (const t of TABLES) assert.equal(info.backup_objects[t]!.id, ids.get(t));
    assert.deepEqual(
      info.new_backup_objects.views,
      VIEWS.map((name) => ({ id: ids.get(name), name })),
    );
    // One commit seq per table (its backup barrier); views have none.
    assert.deepEqual(
      Object.keys(info.table_commit_seq_map).sort(),
      TABLES.map((t) => String(ids.get(t))).sort(),
    );
    for (const seq of Object.values(info.table_commit_seq_map)) assert.ok(seq > 0n);
  });

  it('restores every table and view, each table marked is_being_synced, views reading the target db', async () => {
    await dst.query(`CREATE DATABASE dst PROPERTIES ("replication_allocation" = "tag.location.default: 1")`);
    const [created] = await query<{ 'Create Database': string }>(dst, 'SHOW CREATE DATABASE dst');
    assert.equal(
      created!['Create Database'],
      'CREATE DATABASE `dst`\nPROPERTIES (\n"replication_allocation" = "tag.location.default: 1"\n)',
    );
    const row = await restoreInto('dst', 'r_all', { atomic_restore: true });
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.deepEqual(await names('dst'), [...TABLES, ...VIEWS].sort());
    for (const t of [...TABLES, ...VIEWS]) {
      assert.deepEqual(await query(dst, `SELECT * FROM dst.${t} ORDER BY 1, 2`), rowsAt[t], t);
    }
    const [view] = await query<{ 'Create View': string }>(dst, 'SHOW CREATE VIEW dst.v_join');
    assert.doesNotMatch(view!['Create View'], /`src`/);
    assert.match(view!['Create View'], /`internal`\.`dst`\.`t_uniq`/);

    // show proc lists tables and views with the columns the syncer reads, under target ids.
    const listed = await query<{ TableId: string; TableName: string; Type: string }>(
      dst,
      `SHOW PROC '/dbs/${await dbIdOf(dst, 'dst')}/'`,
    );
    assert.deepEqual(
      listed.map((r) => [r.TableName, r.Type]).sort(),
      [...TABLES.map((t) => [t, 'OLAP']), ...VIEWS.map((v) => [v, 'VIEW'])].sort(),
    );
    for (const r of listed) assert.ok(BigInt(r.TableId) < SOURCE_ID_BASE, 'target ids');
    const sorted = listed.map((r) => BigInt(r.TableId));
    assert.deepEqual(
      sorted,
      [...sorted].sort((a, b) => (a < b ? -1 : 1)),
      'rows sorted by table id',
    );

    for (const t of TABLES) {
      const [ddl] = await query<{ 'Create Table': string }>(dst, `SHOW CREATE TABLE dst.${t}`);
      assert.match(ddl!['Create Table'], /"is_being_synced" = "true"/, t);
      await dst.query(`ALTER TABLE dst.${t} SET ("is_being_synced" = "false")`);
      const [after] = await query<{ 'Create Table': string }>(dst, `SHOW CREATE TABLE dst.${t}`);
      assert.match(after!['Create Table'], /"is_being_synced" = "false"/, t);
    }
  });

  it('restores the same snapshot again over the restored objects (a second full sync)', async () => {
    await dst.query(`INSERT INTO dst.t_agg VALUES (9, 9)`);
    const row = await restoreInto('dst', 'r_again', { atomic_restore: true });
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.deepEqual(await query(dst, 'SELECT * FROM dst.t_agg ORDER BY 1, 2'), rowsAt.t_agg);
    assert.deepEqual(await names('dst'), [...TABLES, ...VIEWS].sort());
  });

  it('restores only the tables and views named in table_refs', async () => {
    await dst.query('CREATE DATABASE part');
    const row = await restoreInto('part', 'r_part', {
      table_refs: [{ table: 't_uniq' }, { table: 't_agg' }, { table: 'v_join' }],
    });
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.deepEqual(await names('part'), ['t_agg', 't_uniq', 'v_join']);
    assert.deepEqual(await query(dst, 'SELECT * FROM part.v_join ORDER BY 1, 2'), rowsAt.v_join);
  });

  it('drops what the snapshot lacks with clean_tables, recording DROP_TABLE for tables and views alike', async () => {
    await dst.query(`CREATE DATABASE cleaned PROPERTIES ("binlog.enable" = "true")`);
    assert.equal((await restoreInto('cleaned', 'r_c1')).State, 'FINISHED');
    const ids = await tableIdsOf(dst, 'cleaned');
    ids.set('__db__', await dbIdOf(dst, 'cleaned'));
    const from = await lastCommitSeq(target, 'cleaned');
    const row = await restoreInto('cleaned', 'r_c2', {
      table_refs: [{ table: 't_uniq' }, { table: 't_agg' }],
      clean_tables: true,
    });
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.deepEqual(await names('cleaned'), ['t_agg', 't_uniq']);
    const drops = (await readBinlogs(target, 'cleaned', from)).filter(
      (b) => b.type === BinlogType.DROP_TABLE,
    );
    assert.deepEqual(
      drops.map((b) => b.record.raw).sort((a, b) => String(a.tableName).localeCompare(String(b.tableName))),
      ['t_range', 'v_join', 'v_range'].map((name) => ({
        commitSeq: drops.find((b) => b.record.kind === 'dropTable' && b.record.tableName === name)?.commitSeq,
        dbId: ids.get('__db__'),
        tableId: ids.get(name),
        tableName: name,
        isView: name.startsWith('v_'),
        rawSql: `DROP TABLE IF EXISTS \`${name}\``,
      })),
    );
  });

  it('refuses a target table of another schema with the message the syncer matches', async () => {
    await dst.query(`CREATE DATABASE other; CREATE TABLE other.t_uniq (x INT) DUPLICATE KEY(x)
      DISTRIBUTED BY HASH(x) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    const row = await restoreInto('other', 'r_other');
    assert.equal(row.State, 'CANCELLED');
    assert.equal(row.Status, '[COMMON_ERROR, msg: Table t_uniq already exist but with different schema]');
    assert.deepEqual(await names('other'), ['t_uniq'], 'a refused restore leaves nothing behind');
  });

  it('refuses a view where the snapshot has a table, and a table where it has a view', async () => {
    await dst.query(`CREATE DATABASE vt; CREATE TABLE vt.base (x INT) DUPLICATE KEY(x)
      DISTRIBUTED BY HASH(x) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    await dst.query('CREATE VIEW vt.t_agg AS SELECT x FROM vt.base');
    const viewOverTable = await restoreInto('vt', 'r_vt', { table_refs: [{ table: 't_agg' }] });
    assert.equal(viewOverTable.State, 'CANCELLED');
    assert.equal(
      viewOverTable.Status,
      '[COMMON_ERROR, msg: The type of local table should be same as type of remote table: t_agg]',
    );
    await dst.query(`CREATE TABLE vt.v_range (x INT) DUPLICATE KEY(x)
      DISTRIBUTED BY HASH(x) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    const tableOverView = await restoreInto('vt', 'r_tv', { table_refs: [{ table: 'v_range' }] });
    assert.equal(tableOverView.State, 'CANCELLED');
    assert.match(
      String(tableOverView.Status),
      /v_range with the same name but a different type of backup meta/,
    );
    // A view of the same name but another definition.
    await dst.query('CREATE VIEW vt.v_join AS SELECT x FROM vt.base');
    const otherView = await restoreInto('vt', 'r_vv', { table_refs: [{ table: 'v_join' }] });
    assert.equal(otherView.State, 'CANCELLED');
    assert.equal(
      otherView.Status,
      '[COMMON_ERROR, msg: View v_join already exist but with different schema]',
    );
  });
});

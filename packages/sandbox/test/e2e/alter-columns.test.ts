// Column changes through ALTER TABLE, checked the way CCR sees them: SHOW CREATE TABLE / SELECT on the
// source and the binlog records (light schema change records with executable rawSql, schema change jobs
// with their ALTER_JOB states and shadow → origin index map).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, readBinlogs, showCreate, waitForAlterJobs } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('ALTER TABLE columns', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 2, args: ['--id-base', '9007199254740993'] });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function seqNow(): Promise<bigint> {
    const all = await readBinlogs(sandbox, 'src');
    return all[all.length - 1]?.commitSeq ?? -1n;
  }

  it('adds and drops value columns as a light schema change', async () => {
    await conn.query(`CREATE TABLE src.light (k INT, v VARCHAR(8)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO src.light VALUES (1, 'a'), (2, 'b')`);
    const from = await seqNow();
    await conn.query(`ALTER TABLE src.light ADD COLUMN note VARCHAR(16) NULL DEFAULT "none" AFTER k`);
    assert.match(
      await showCreate(conn, 'src.light'),
      /`k` int NULL,\n {2}`note` varchar\(16\) NULL DEFAULT "none",\n {2}`v` varchar\(8\) NULL/,
    );
    assert.deepEqual(await query(conn, 'SELECT k, note, v FROM src.light ORDER BY k'), [
      { k: 1, note: 'none', v: 'a' },
      { k: 2, note: 'none', v: 'b' },
    ]);
    await conn.query(`INSERT INTO src.light VALUES (3, 'x', 'c')`);
    await conn.query('ALTER TABLE src.light DROP COLUMN v');
    assert.deepEqual(await query(conn, 'SELECT * FROM src.light ORDER BY k'), [
      { k: 1, note: 'none' },
      { k: 2, note: 'none' },
      { k: 3, note: 'x' },
    ]);

    const records = (await readBinlogs(sandbox, 'src', from)).filter((b) => b.type !== 'UPSERT');
    assert.deepEqual(
      records.map((b) => b.type),
      ['MODIFY_TABLE_ADD_OR_DROP_COLUMNS', 'MODIFY_TABLE_ADD_OR_DROP_COLUMNS'],
    );
    const [add, drop] = records;
    assert.equal(add!.record.kind, 'modifyTableAddOrDropColumns');
    assert.equal(drop!.record.kind, 'modifyTableAddOrDropColumns');
    if (
      add!.record.kind === 'modifyTableAddOrDropColumns' &&
      drop!.record.kind === 'modifyTableAddOrDropColumns'
    ) {
      assert.equal(
        add!.record.rawSql,
        'ALTER TABLE `src`.`light` ADD COLUMN `note` varchar(16) NULL DEFAULT "none" COMMENT "" AFTER `k`',
      );
      const [schema] = [...add!.record.indexSchemaMap.values()];
      assert.deepEqual(
        schema!.map((c) => [c.name, c.type.type, c.defaultValue]),
        [
          ['k', 'INT', undefined],
          ['note', 'VARCHAR', 'none'],
          ['v', 'VARCHAR', undefined],
        ],
      );
      assert.ok(add!.record.jobId > 0n);
      assert.equal(drop!.record.rawSql, 'ALTER TABLE `src`.`light` DROP COLUMN `v`');
      assert.deepEqual(
        [...drop!.record.indexSchemaMap.values()][0]!.map((c) => c.name),
        ['k', 'note'],
      );
    }
    const jobs = await query<Record<string, string>>(conn, 'SHOW ALTER TABLE COLUMN FROM src');
    assert.deepEqual(
      jobs.map((j) => [j.TableName, j.IndexName, j.State, j.Timeout]),
      [
        ['light', 'light', 'FINISHED', '1'],
        ['light', 'light', 'FINISHED', '1'],
      ],
    );
  });

  it('rewrites data in a schema change job for a key type change, with ALTER_JOB records', async () => {
    await conn.query(`CREATE TABLE src.heavy (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
      PROPERTIES ("replication_num" = "2")`);
    await conn.query('INSERT INTO src.heavy VALUES (1, 10), (2, 20), (1, 5)');
    const from = await seqNow();
    await conn.query('ALTER TABLE src.heavy MODIFY COLUMN v BIGINT SUM');
    await expectError(
      conn,
      'ALTER TABLE src.heavy ADD COLUMN w INT SUM DEFAULT "0"',
      "Table[heavy]'s state(SCHEMA_CHANGE) is not NORMAL. Do not allow doing ALTER ops",
    );
    await conn.query('INSERT INTO src.heavy VALUES (2, 1), (3, 7)');
    const jobs = await waitForAlterJobs(conn, 'src', 'COLUMN');
    const job = jobs.find((j) => (j as Record<string, string>).TableName === 'heavy') as Record<
      string,
      string
    >;
    assert.equal(job.State, 'FINISHED');
    assert.equal(job.IndexName, 'heavy');
    assert.notEqual(job.IndexId, job.OriginIndexId);
    assert.match(await showCreate(conn, 'src.heavy'), /`v` bigint SUM NULL/);
    assert.deepEqual(await query(conn, 'SELECT k, v FROM src.heavy ORDER BY k'), [
      { k: 1, v: '15' },
      { k: 2, v: '21' },
      { k: 3, v: '7' },
    ]);
    await conn.query('INSERT INTO src.heavy VALUES (3, 3)');
    assert.deepEqual(await query(conn, 'SELECT v FROM src.heavy WHERE k = 3'), [{ v: '10' }]);

    const records = (await readBinlogs(sandbox, 'src', from)).filter((b) => b.type === 'ALTER_JOB');
    const states = records.map((b) => (b.record.kind === 'alterJob' ? b.record.jobState : ''));
    assert.deepEqual(states, ['PENDING', 'WAITING_TXN', 'FINISHED']);
    for (const r of records) {
      assert.equal(r.record.kind, 'alterJob');
      if (r.record.kind !== 'alterJob') continue;
      assert.equal(r.record.type, 'SCHEMA_CHANGE');
      assert.equal(r.record.tableName, 'heavy');
      assert.equal(r.record.rawSql, 'ALTER TABLE `src`.`heavy` MODIFY COLUMN `v` bigint SUM NULL COMMENT ""');
      assert.deepEqual(
        [...r.record.iim].map(([s, o]) => [s.toString(), o.toString()]),
        [[job.IndexId, job.OriginIndexId]],
      );
    }
  });

  it('adds a key column with a job and fills old rows with its default', async () => {
    await conn.query(`CREATE TABLE src.keys (k INT, v VARCHAR(4)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO src.keys VALUES (1, 'a'), (2, 'b')`);
    await conn.query('ALTER TABLE src.keys ADD COLUMN k2 INT KEY DEFAULT "7" AFTER k');
    await waitForAlterJobs(conn, 'src', 'COLUMN');
    assert.match(await showCreate(conn, 'src.keys'), /UNIQUE KEY\(`k`, `k2`\)/);
    assert.deepEqual(await query(conn, 'SELECT k, k2, v FROM src.keys ORDER BY k'), [
      { k: 1, k2: 7, v: 'a' },
      { k: 2, k2: 7, v: 'b' },
    ]);
    await conn.query(`INSERT INTO src.keys VALUES (1, 8, 'c')`);
    assert.equal((await query(conn, 'SELECT * FROM src.keys')).length, 3);
  });

  it('reorders columns with ORDER BY in a schema change job', async () => {
    await conn.query(`CREATE TABLE src.ordered (a INT, b INT, c VARCHAR(4)) DUPLICATE KEY(a) DISTRIBUTED BY HASH(a) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO src.ordered VALUES (1, 2, 'x')`);
    await conn.query('ALTER TABLE src.ordered ORDER BY (a, c, b)');
    await waitForAlterJobs(conn, 'src', 'COLUMN');
    assert.match(
      await showCreate(conn, 'src.ordered'),
      /`a` int NULL,\n {2}`c` varchar\(4\) NULL,\n {2}`b` int NULL/,
    );
    assert.deepEqual(await query(conn, 'SELECT * FROM src.ordered'), [{ a: 1, c: 'x', b: 2 }]);
    await expectError(
      conn,
      'ALTER TABLE src.ordered ORDER BY (a, b)',
      'Reorder stmt should contains all columns',
    );
  });

  it('renames and comments columns with barrier-wrapped records', async () => {
    await conn.query(`CREATE TABLE src.names (k INT, amt INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    await conn.query('INSERT INTO src.names VALUES (1, 5)');
    const from = await seqNow();
    await conn.query('ALTER TABLE src.names RENAME COLUMN amt amount');
    await conn.query(
      `ALTER TABLE src.names MODIFY COLUMN amount COMMENT 'gross amount', MODIFY COLUMN k COMMENT 'id'`,
    );
    await conn.query(`ALTER TABLE src.names MODIFY COMMENT 'names table'`);
    const ddl = await showCreate(conn, 'src.names');
    assert.match(ddl, /`k` int NULL COMMENT 'id',\n {2}`amount` int NULL COMMENT 'gross amount'/);
    assert.match(ddl, /COMMENT 'names table'/);
    assert.deepEqual(await query(conn, 'SELECT amount FROM src.names'), [{ amount: 5 }]);
    const records = await readBinlogs(sandbox, 'src', from);
    assert.deepEqual(
      records.map((b) => [b.type, b.effective]),
      [
        ['BARRIER', 'RENAME_COLUMN'],
        ['BARRIER', 'MODIFY_COMMENT'],
        ['BARRIER', 'MODIFY_COMMENT'],
      ],
    );
    const [rename, columns, table] = records.map((b) => b.record);
    assert.ok(rename?.kind === 'renameColumn' && rename.colName === 'amt' && rename.newColName === 'amount');
    if (rename?.kind === 'renameColumn') assert.deepEqual([...rename.indexIdToSchemaVersion.values()], [1]);
    assert.ok(columns?.kind === 'modifyComment' && columns.type === 'COLUMN');
    if (columns?.kind === 'modifyComment') {
      assert.deepEqual(Object.fromEntries(columns.colToComment), { amount: 'gross amount', k: 'id' });
    }
    assert.ok(
      table?.kind === 'modifyComment' && table.type === 'TABLE' && table.tblComment === 'names table',
    );
  });

  it('widens a VARCHAR as a light change and lists jobs with WHERE / ORDER BY / LIMIT', async () => {
    await conn.query(`CREATE TABLE src.wide (k INT, s VARCHAR(3)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO src.wide VALUES (1, 'abc')`);
    const from = await seqNow();
    await conn.query('ALTER TABLE src.wide MODIFY COLUMN s VARCHAR(4)');
    await conn.query(`INSERT INTO src.wide VALUES (2, 'abcd')`);
    assert.deepEqual(await query(conn, 'SELECT s FROM src.wide ORDER BY k'), [{ s: 'abc' }, { s: 'abcd' }]);
    const [record] = (await readBinlogs(sandbox, 'src', from)).filter((b) => b.type !== 'UPSERT');
    assert.equal(record?.type, 'MODIFY_TABLE_ADD_OR_DROP_COLUMNS');
    assert.equal(record?.record.kind, 'modifyTableAddOrDropColumns');
    if (record?.record.kind === 'modifyTableAddOrDropColumns') {
      assert.equal(
        record.record.rawSql,
        'ALTER TABLE `src`.`wide` MODIFY COLUMN `s` varchar(4) NULL COMMENT ""',
      );
    }
    await expectError(
      conn,
      'ALTER TABLE src.wide MODIFY COLUMN s VARCHAR(2)',
      'Shorten type length is prohibited, srcType=varchar(4), dstType=varchar(2)',
    );
    const rows = await query<Record<string, string>>(
      conn,
      `SHOW ALTER TABLE COLUMN FROM src WHERE TableName = 'light' AND State = 'FINISHED' ORDER BY JobId DESC LIMIT 1`,
    );
    assert.equal(rows.length, 1);
    const all = await query<Record<string, string>>(
      conn,
      `SHOW ALTER TABLE COLUMN FROM src WHERE TableName = 'light' ORDER BY JobId`,
    );
    assert.equal(rows[0]!.JobId, all[all.length - 1]!.JobId);
    await expectError(
      conn,
      `SHOW ALTER TABLE COLUMN FROM src WHERE JobId = 1`,
      'The columns of TableName/CreateTime/FinishTime/State are supported.',
    );
  });

  it('writes loads into the shadow index while the job runs', async () => {
    await conn.query(`CREATE TABLE src.busy (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(v) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(
      `INSERT INTO src.busy VALUES ${Array.from({ length: 20000 }, (_, i) => `(${i}, ${i})`).join(', ')}`,
    );
    await conn.query('ALTER TABLE src.busy MODIFY COLUMN k BIGINT KEY');
    let job: Record<string, string> | undefined;
    for (let i = 0; i < 500 && job?.State !== 'WAITING_TXN' && job?.State !== 'RUNNING'; i++) {
      const jobs = await query<Record<string, string>>(
        conn,
        `SHOW ALTER TABLE COLUMN FROM src WHERE TableName = 'busy'`,
      );
      job = jobs[0];
      if (job?.State === 'FINISHED') break;
    }
    assert.ok(job && (job.State === 'WAITING_TXN' || job.State === 'RUNNING'), `job state ${job?.State}`);
    const from = await seqNow();
    await conn.query('INSERT INTO src.busy VALUES (-1, -1)');
    const [upsert] = await readBinlogs(sandbox, 'src', from);
    assert.equal(upsert?.record.kind, 'upsert');
    if (upsert?.record.kind === 'upsert') {
      const [tableRecord] = [...upsert.record.tableRecords.values()];
      assert.deepEqual(tableRecord!.indexIds.map(String).sort(), [job.IndexId, job.OriginIndexId].sort());
    }
    await waitForAlterJobs(conn, 'src', 'COLUMN');
    assert.deepEqual(await query(conn, 'SELECT k FROM src.busy WHERE v = -1'), [{ k: '-1' }]);
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n FROM src.busy'), [{ n: '20001' }]);
  });

  it('rejects what Doris rejects', async () => {
    await conn.query(`CREATE TABLE src.bad (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    await expectError(
      conn,
      'ALTER TABLE src.bad DROP COLUMN k',
      'Can not drop key column in Unique data model table',
    );
    await expectError(
      conn,
      'ALTER TABLE src.bad ADD COLUMN v INT',
      'Can not add column which already exists in base table: v',
    );
    await expectError(
      conn,
      'ALTER TABLE src.bad ADD COLUMN w INT NOT NULL',
      "Field 'w' doesn't have a default value",
    );
    await expectError(conn, 'ALTER TABLE src.bad DROP COLUMN nope', 'Column does not exists: nope');
    await expectError(conn, 'ALTER TABLE src.bad MODIFY COLUMN v DATE', 'Can not change int to date');
    await expectError(
      conn,
      'ALTER TABLE src.bad MODIFY COLUMN v INT NULL',
      'Nothing is changed. please check your alter stmt.',
    );
    await expectError(conn, 'ALTER TABLE src.bad RENAME COLUMN v k', 'Column name[k] is already used');
    await expectError(
      conn,
      'ALTER TABLE src.bad ADD COLUMN a INT, RENAME COLUMN v w',
      'Alter operation RENAME conflicts with operation SCHEMA_CHANGE',
    );
    await expectError(
      conn,
      'ALTER TABLE src.bad ORDER BY (v, k)',
      'Invalid column order. value should be after key. index[bad]',
    );
  });
});

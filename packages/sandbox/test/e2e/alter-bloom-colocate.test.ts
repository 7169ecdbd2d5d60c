// ALTER TABLE SET of bloom filter columns, their fpp and the colocation group, as CCR sees them: a bloom
// filter change is a schema change job over every index (ALTER_JOB records PENDING → WAITING_TXN →
// FINISHED with the statement as rawSql) and the property changes when it finishes; joining a colocation
// group changes the table at once and writes no binlog record.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, lastSeq, readBinlogs, showCreate, waitForAlterJobs } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('ALTER TABLE SET bloom filters and colocation', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE bf PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`CREATE TABLE bf.t (k INT, tag VARCHAR(16), title VARCHAR(64), f FLOAT)
      DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO bf.t VALUES (1, 'x', 'one', 1.5), (2, 'y', 'two', 2.5)`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('bloom_filter_columns is a schema change job; the property follows when it finishes', async () => {
    const from = await lastSeq(sandbox, 'bf');
    await conn.query(`ALTER TABLE bf.t SET ("bloom_filter_columns" = "tag, TITLE")`);
    const [job] = await waitForAlterJobs(conn, 'bf', 'COLUMN');
    assert.equal(job?.State, 'FINISHED');
    assert.match(await showCreate(conn, 'bf.t'), /"bloom_filter_columns" = "tag, title"/);
    const records = (await readBinlogs(sandbox, 'bf', from)).filter((b) => b.type === 'ALTER_JOB');
    assert.deepEqual(
      records.map((b) =>
        b.record.kind === 'alterJob' ? [b.record.type, b.record.jobState, b.record.rawSql] : [],
      ),
      ['PENDING', 'WAITING_TXN', 'FINISHED'].map((state) => [
        'SCHEMA_CHANGE',
        state,
        'ALTER TABLE `bf`.`t` SET ("bloom_filter_columns" = "tag, TITLE")',
      ]),
    );
    // the rows survive the rewrite and loads go on
    await conn.query(`INSERT INTO bf.t VALUES (3, 'z', 'three', 3.5)`);
    assert.deepEqual(await query(conn, 'SELECT k, tag FROM bf.t ORDER BY k'), [
      { k: 1, tag: 'x' },
      { k: 2, tag: 'y' },
      { k: 3, tag: 'z' },
    ]);
  });

  it('bloom_filter_fpp changes the same way, and what Doris refuses is refused', async () => {
    await conn.query(`ALTER TABLE bf.t SET ("bloom_filter_fpp" = "0.01")`);
    await waitForAlterJobs(conn, 'bf', 'COLUMN');
    assert.match(await showCreate(conn, 'bf.t'), /"bloom_filter_fpp" = "0.01"/);
    assert.equal((await query(conn, 'SHOW ALTER TABLE COLUMN FROM bf')).length, 2);
    await expectError(
      conn,
      `ALTER TABLE bf.t SET ("bloom_filter_columns" = "title,tag")`,
      'Nothing is changed',
    );
    await expectError(
      conn,
      `ALTER TABLE bf.t SET ("bloom_filter_columns" = "nope")`,
      'Bloom filter column does not exist in table. invalid column: nope',
    );
    await expectError(
      conn,
      `ALTER TABLE bf.t SET ("bloom_filter_columns" = "f")`,
      'FLOAT is not supported in bloom filter index. invalid column: f',
    );
    await expectError(
      conn,
      `ALTER TABLE bf.t SET ("bloom_filter_fpp" = "0.5")`,
      'Bloom filter fpp should in',
    );
  });

  it('an empty bloom_filter_columns removes them', async () => {
    await conn.query(`ALTER TABLE bf.t SET ("bloom_filter_columns" = "")`);
    await waitForAlterJobs(conn, 'bf', 'COLUMN');
    assert.doesNotMatch(await showCreate(conn, 'bf.t'), /bloom_filter_columns/);
  });

  it('colocate_with joins and leaves a group at once, without a binlog record', async () => {
    await conn.query(`CREATE TABLE bf.other (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
      PROPERTIES ("replication_num" = "1", "colocate_with" = "g1")`);
    const from = await lastSeq(sandbox, 'bf');
    await conn.query(`ALTER TABLE bf.t SET ("colocate_with" = "g2")`);
    assert.match(await showCreate(conn, 'bf.t'), /"colocate_with" = "g2"/);
    assert.deepEqual(await readBinlogs(sandbox, 'bf', from), []);
    await expectError(
      conn,
      `ALTER TABLE bf.t SET ("colocate_with" = "g1")`,
      'Colocate tables must have same bucket num: 3 with group g1',
    );
    await conn.query(`ALTER TABLE bf.t SET ("colocate_with" = "")`);
    assert.doesNotMatch(await showCreate(conn, 'bf.t'), /colocate_with/);
  });
});

// Stream load with `partial_columns: true` on a merge-on-write UNIQUE table: rows name some columns and
// keep the stored values of the others; a new key takes defaults (and fails without one for a NOT NULL
// column); Doris's refusals for other key models and missing key columns. The written rows are complete,
// so the UPSERT's rowset carries every column.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';

describe('stream load: partial_columns', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE pc; CREATE TABLE pc.u (k INT, a INT, b VARCHAR(8) NOT NULL, c INT DEFAULT "7")
      UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO pc.u VALUES (1, 10, 'x', 100), (2, 20, 'y', 200)`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function load(body: string, columns: string, table = 'u') {
    const response = await fetch(`http://127.0.0.1:${sandbox.ready.httpPort}/api/pc/${table}/_stream_load`, {
      method: 'PUT',
      headers: {
        Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
        column_separator: ',',
        partial_columns: 'true',
        columns,
      },
      body,
    });
    return (await response.json()) as { Status: string; Message: string };
  }
  const rows = () => query(conn, 'SELECT * FROM pc.u ORDER BY k');

  it('updates the named columns and keeps the others', async () => {
    assert.equal((await load('1,11\n2,21\n', 'k,a')).Status, 'Success');
    assert.equal((await load('2,yy\n', 'k,b')).Status, 'Success');
    assert.deepEqual(await rows(), [
      { k: 1, a: 11, b: 'x', c: 100 },
      { k: 2, a: 21, b: 'yy', c: 200 },
    ]);
  });

  it('gives a new key the defaults, and refuses one without a value for a NOT NULL column', async () => {
    assert.equal((await load('3,z\n', 'k,b')).Status, 'Success');
    assert.deepEqual((await rows())[2], { k: 3, a: null, b: 'z', c: 7 });
    const refused = await load('4,40\n', 'k,a');
    assert.equal(refused.Status, 'Fail');
    assert.match(refused.Message, /the unmentioned column `b` should have default value or be nullable/);
  });

  it('computes generated columns from the completed row', async () => {
    await conn.query(`CREATE TABLE pc.g (k INT, a INT, b INT, s INT AS (a + b)) UNIQUE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    await conn.query('INSERT INTO pc.g (k, a, b) VALUES (1, 10, 20)');
    assert.equal((await load('1,5\n', 'k,b', 'g')).Status, 'Success');
    assert.deepEqual(await query(conn, 'SELECT * FROM pc.g'), [{ k: 1, a: 10, b: 5, s: 15 }]);
  });

  it('refuses what Doris refuses', async () => {
    const noKey = await load('50\n', 'a');
    assert.match(noKey.Message, /Partial update should include all key columns, missing: k/);
    await conn.query(`CREATE TABLE pc.mor (k INT, a INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1", "enable_unique_key_merge_on_write" = "false")`);
    const mor = await load('1,1\n', 'k,a', 'mor');
    assert.match(mor.Message, /Only unique key merge on write support partial update/);
  });
});

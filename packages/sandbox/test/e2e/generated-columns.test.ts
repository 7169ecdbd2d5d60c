// Generated columns (`c type [GENERATED ALWAYS] AS (expr)`): computed from the row on every INSERT and stream
// load (reading earlier generated columns too), never given, shown by SHOW CREATE TABLE with the expression
// as written, kept by a restore, and guarded against DROP COLUMN of what they read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, showCreate } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('generated columns', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query('CREATE DATABASE gc');
    await conn.query(`CREATE TABLE gc.t (a INT, b INT AS (a + 1) NOT NULL,
        c VARCHAR(20) GENERATED ALWAYS AS (concat('x', b)), d INT)
      DUPLICATE KEY(a) DISTRIBUTED BY HASH(a) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('computes the values of INSERT and stream load rows', async () => {
    await conn.query('INSERT INTO gc.t (a, d) VALUES (1, 10), (2, 20)');
    await conn.query('INSERT INTO gc.t VALUES (3, DEFAULT, DEFAULT, 30)');
    const response = await fetch(`http://127.0.0.1:${sandbox.ready.httpPort}/api/gc/t/_stream_load`, {
      method: 'PUT',
      headers: {
        Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
        columns: 'a,d',
        column_separator: ',',
      },
      body: '4,40\n',
    });
    assert.equal(((await response.json()) as { Status: string }).Status, 'Success');
    assert.deepEqual(await query(conn, 'SELECT * FROM gc.t ORDER BY a'), [
      { a: 1, b: 2, c: 'x2', d: 10 },
      { a: 2, b: 3, c: 'x3', d: 20 },
      { a: 3, b: 4, c: 'x4', d: 30 },
      { a: 4, b: 5, c: 'x5', d: 40 },
    ]);
  });

  it('shows the expression in SHOW CREATE TABLE and refuses what Doris refuses', async () => {
    assert.match(
      await showCreate(conn, 'gc.t'),
      /`b` int AS \(a \+ 1\) NOT NULL,\n {2}`c` varchar\(20\) AS \(concat\('x', b\)\) NULL,/,
    );
    await expectError(
      conn,
      'INSERT INTO gc.t VALUES (5, 6, DEFAULT, 50)',
      "The value specified for generated column 'b' in table 't' is not allowed.",
    );
    await expectError(
      conn,
      'ALTER TABLE gc.t DROP COLUMN a',
      "Column 'a' has a generated column dependency on :[b]",
    );
    await expectError(
      conn,
      'ALTER TABLE gc.t ADD COLUMN e INT AS (d * 2)',
      'Not supporting alter table add generated columns.',
    );
    await expectError(
      conn,
      'CREATE TABLE gc.bad (a INT, b INT AS (c + 1), c INT AS (a)) DUPLICATE KEY(a) DISTRIBUTED BY HASH(a) BUCKETS 1',
      'Generated column can refer only to generated columns occurring earlier in the table definition: b',
    );
    await expectError(
      conn,
      'CREATE TABLE gc.bad (a INT, b INT AS (nope)) DUPLICATE KEY(a) DISTRIBUTED BY HASH(a) BUCKETS 1',
      "Unknown column 'nope' in 'generated column function'",
    );
  });

  it('a column the expressions do not read can be dropped, and values keep being computed', async () => {
    await conn.query('ALTER TABLE gc.t DROP COLUMN d');
    await conn.query('INSERT INTO gc.t (a) VALUES (9)');
    assert.deepEqual(await query(conn, 'SELECT * FROM gc.t WHERE a = 9'), [{ a: 9, b: 10, c: 'x10' }]);
  });
});

// Names Doris refuses are refused: databases, tables, views and columns created or renamed with characters
// outside FeNameFormat's patterns (a path, a backquote, a leading digit, an over-long table name, a reserved
// column prefix), with Doris's error codes; ordinary names, hyphens and underscores included, are accepted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';

describe('identifiers', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query('CREATE DATABASE ids');
    await conn.query(`CREATE TABLE ids.t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  const table = (name: string) =>
    `CREATE TABLE ids.${name} (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`;

  async function refused(sql: string, message: string, errno: number): Promise<void> {
    await assert.rejects(conn.query(sql), (error: Error & { errno?: number }) => {
      assert.ok(error.message.includes(message), `${error.message} ~ ${message}`);
      assert.equal(error.errno, errno, sql);
      return true;
    });
  }

  it('refuses table and view names outside the pattern', async () => {
    const pattern = "Table name regex is '^[a-zA-Z][a-zA-Z0-9-_]*$'";
    await refused(table('`../x`'), `Incorrect table name '../x'. ${pattern}`, 1103);
    await refused(table('`x``y`'), "Incorrect table name 'x`y'", 1103);
    await refused(table('`1abc`'), "Incorrect table name '1abc'", 1103);
    await refused(table(`t${'x'.repeat(64)}`), 'Table name length must be less than or equal to 64', 1105);
    await refused('CREATE VIEW ids.`v/1` AS SELECT 1', "Incorrect table name 'v/1'", 1103);
    await refused('ALTER TABLE ids.t RENAME `t 2`', "Incorrect table name 't 2'", 1103);
    await refused('CREATE TABLE ids.`a.b` LIKE ids.t', "Incorrect table name 'a.b'", 1103);
  });

  it('refuses database and column names outside their patterns', async () => {
    await refused('CREATE DATABASE `a/b`', "Incorrect database name 'a/b'", 1102);
    await refused(`CREATE DATABASE d${'x'.repeat(64)}`, 'Incorrect database name', 1102);
    await refused(
      'CREATE TABLE ids.c (`bad(col)` INT) DUPLICATE KEY(`bad(col)`) DISTRIBUTED BY HASH(`bad(col)`) BUCKETS 1',
      "Incorrect column name 'bad(col)'",
      1166,
    );
    await refused('ALTER TABLE ids.t ADD COLUMN mv_x INT', "column name can't start with 'mv_'/'mva_'", 1105);
    await refused('ALTER TABLE ids.t RENAME COLUMN v `v;2`', "Incorrect column name 'v;2'", 1166);
  });

  it('accepts the names Doris accepts', async () => {
    await conn.query('CREATE DATABASE `sales-2024_eu`');
    await conn.query(table('`orders-2024_v2`'));
    await conn.query('ALTER TABLE ids.t ADD COLUMN `net amount` INT');
    assert.deepEqual(
      (await query<Record<string, string>>(conn, 'SHOW TABLES FROM ids'))
        .map((r) => Object.values(r)[0])
        .sort(),
      ['orders-2024_v2', 't'],
    );
  });
});

// PyMySQL (pure Python, its own protocol code) against a real sandbox process through the statement families
// of the e2e suites: DDL, INSERT/UPDATE/DELETE with their info, SELECT of every type with NULLs and unicode,
// SHOW, errors, multi-statement texts with several results, COM_INIT_DB and COM_PING.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { PYTHON, type PyResult, runPySteps } from './python-driver.js';
import { SandboxProcess } from './sandbox-process.js';

const COLUMNS = 'k, b, ti, si, bi, li, f, d, de, dt, dtm, dtm6, c, v, s, j, a';
const LABEL_INFO = /^\{'label':'\w+', 'status':'VISIBLE', 'txnId':'\d+'\}$/;

function rowsOf(result: PyResult | undefined) {
  assert.ok(result && 'rows' in result, JSON.stringify(result));
  return result;
}

/** PyMySQL keeps the OK packet's info with its length byte in front, as it does with Doris. */
function infoOf(result: PyResult | undefined): string {
  const { message } = rowsOf(result);
  assert.equal(message.charCodeAt(0), Buffer.byteLength(message.slice(1)));
  return message.slice(1);
}

describe('PyMySQL', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  let port: number;

  before(async () => {
    const probe = spawnSync(PYTHON, ['-c', 'import pymysql'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      throw new Error(`PyMySQL is not installed: apt-get install python3-pymysql (${probe.stderr})`);
    }
    sandbox = await SandboxProcess.start();
    port = sandbox.ready.queryPort;
    conn = await sandbox.connect();
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it("runs DDL and DML with affected rows and Doris's info message", async () => {
    const results = await runPySteps(port, [
      { sql: 'CREATE DATABASE py' },
      {
        sql: `CREATE TABLE py.types (
          k INT, b BOOLEAN, ti TINYINT, si SMALLINT, bi BIGINT, li LARGEINT, f FLOAT, d DOUBLE, de DECIMAL(10, 2),
          dt DATE, dtm DATETIME, dtm6 DATETIME(6), c CHAR(5), v VARCHAR(20), s STRING, j JSON, a ARRAY<INT>
        ) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`,
      },
      {
        // PyMySQL escapes the arguments itself and sends one text.
        sql: `INSERT INTO py.types VALUES (%s, true, -1, 300, 9223372036854775807,
          -170141183460469231731687303715884105728, 1.5, 0.1, 12.3, '2024-02-29', '2024-02-29 13:14:15',
          '2024-02-29 13:14:15.000123', 'ab', %s, %s, '{"a":[1,2]}', '[1,2,null]'),
          (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
        args: [1, '中文😀', "it's \\ tab\there"],
      },
      {
        sql: `CREATE TABLE py.u (k INT, v VARCHAR(10)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
          PROPERTIES ("replication_num" = "1")`,
      },
      { sql: "INSERT INTO py.u VALUES (1, 'a'), (2, 'b'), (3, 'c')" },
      { sql: "UPDATE py.u SET v = 'x' WHERE k = 1" },
      { sql: 'DELETE FROM py.u WHERE k = 2' },
    ]);
    for (const ddl of [results[0], results[1], results[3]]) {
      assert.deepEqual(ddl, { columns: null, rows: [], rowcount: 0, message: '', more: [] });
    }
    assert.equal(rowsOf(results[2]).rowcount, 2);
    assert.match(infoOf(results[2]), LABEL_INFO);
    assert.equal(rowsOf(results[4]).rowcount, 3);
    for (const dml of results.slice(4)) assert.match(infoOf(dml), LABEL_INFO);
    assert.equal(rowsOf(results[5]).rowcount, 1);
    assert.equal(rowsOf(results[6]).rowcount, 1);
  });

  it('reads every column type, NULLs and unicode as the text protocol carries them', async () => {
    const [result] = await runPySteps(port, [{ sql: `SELECT ${COLUMNS} FROM py.types ORDER BY k` }]);
    const { columns, rows } = rowsOf(result);
    assert.deepEqual(
      columns?.map(([, type]) => type),
      [3, 1, 1, 2, 8, 254, 4, 5, 246, 10, 12, 12, 254, 254, 254, 245, 254],
    );
    assert.deepEqual(rows, [
      [
        '1',
        '1',
        '-1',
        '300',
        '9223372036854775807',
        '-170141183460469231731687303715884105728',
        '1.5',
        '0.1',
        '12.30',
        '2024-02-29',
        '2024-02-29 13:14:15',
        '2024-02-29 13:14:15.000123',
        'ab',
        '中文😀',
        "it's \\ tab\there",
        '{"a":[1,2]}',
        '[1, 2, null]',
      ],
      ['2', ...Array<null>(16).fill(null)],
    ]);
  });

  it('runs SHOW, USE (COM_INIT_DB) and multi-statement texts with one result each', async () => {
    const [tables, described, multi] = await runPySteps(port, [
      { sql: 'SHOW TABLES', selectDb: 'py' },
      { sql: 'DESC u' },
      { sql: "SELECT k, v FROM u ORDER BY k; SELECT COUNT(*) FROM types; SELECT '二'" },
    ]);
    assert.deepEqual(rowsOf(tables).rows, [['types'], ['u']]);
    assert.deepEqual(rowsOf(described).rows, [
      ['k', 'int', 'Yes', 'true', null, ''],
      ['v', 'varchar(10)', 'Yes', 'false', null, 'REPLACE'],
    ]);
    const first = rowsOf(multi);
    assert.deepEqual(first.rows, [
      ['1', 'x'],
      ['3', 'c'],
    ]);
    assert.deepEqual(first.more, [[['2']], [['二']]]);
  });

  it("reports errors with Doris's code and message, and keeps the connection usable", async () => {
    const [unknownDb, syntax, unknownTable, after] = await runPySteps(port, [
      { sql: 'SELECT * FROM nope.t' },
      { sql: 'SELEC 1' },
      { sql: 'SELECT * FROM py.missing' },
      { sql: 'SELECT 1' },
    ]);
    assert.deepEqual(unknownDb, { error: [1049, "errCode = 2, detailMessage = Unknown database 'nope'"] });
    assert.ok(syntax && 'error' in syntax);
    assert.equal(syntax.error[0], 1105);
    assert.match(syntax.error[1], /^errCode = 2, detailMessage = /);
    assert.deepEqual(unknownTable, {
      error: [1146, 'errCode = 2, detailMessage = Table [missing] does not exist in database [py].'],
    });
    assert.deepEqual(rowsOf(after).rows, [['1']]);
  });
});

// Server-side prepared statements (COM_STMT_PREPARE / EXECUTE / CLOSE, rows in the binary protocol) on a real
// sandbox process, through two independent drivers: mysql2's execute() and Perl's DBD::MariaDB on
// libmariadb. What a prepared statement returns must equal what the same query returns as text.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { requireProgram } from './cli-client.js';
import { type PerlResult, runPerlSteps, SqlType } from './perl-driver.js';
import { query, SandboxProcess } from './sandbox-process.js';

const COLUMNS = 'k, b, ti, si, bi, li, f, d, de, dt, dtm, dtm6, c, v, s, j, a';

describe('prepared statements', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;

  before(async () => {
    requireProgram('perl', 'perl');
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query('CREATE DATABASE ps');
    await conn.query(`CREATE TABLE ps.types (
      k INT, b BOOLEAN, ti TINYINT, si SMALLINT, bi BIGINT, li LARGEINT, f FLOAT, d DOUBLE, de DECIMAL(10, 2),
      dt DATE, dtm DATETIME, dtm6 DATETIME(6), c CHAR(5), v VARCHAR(20), s STRING, j JSON, a ARRAY<INT>
    ) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO ps.types VALUES
      (1, true, -1, 300, 9223372036854775807, -170141183460469231731687303715884105728, 1.5, 0.1, 12.3,
       '2024-02-29', '2024-02-29 13:14:15', '2024-02-29 13:14:15.000123', 'ab', '中文😀', 'tab\\there',
       '{"a":[1,2]}', '[1,2,null]'),
      (2, false, 127, -32768, -9223372036854775808, 170141183460469231731687303715884105727, -2.25, 1e300, -0.05,
       '0001-01-01', '9999-12-31 23:59:59', '2000-01-01 00:00:00.5', '', 'it''s \\\\ "q"', '', '[]', '[]'),
      (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    await conn.query(`CREATE TABLE ps.target (k INT, i BIGINT, d DOUBLE, de DECIMAL(9, 3), dt DATE,
      dtm DATETIME(3), v VARCHAR(30)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  describe('through mysql2 execute()', () => {
    it('returns every column type, NULLs and unicode exactly as the text protocol does', async () => {
      const text = await query(conn, `SELECT ${COLUMNS} FROM ps.types ORDER BY k`);
      const [binary] = await conn.execute(`SELECT ${COLUMNS} FROM ps.types WHERE k >= ? ORDER BY k`, [1]);
      assert.deepEqual(binary, text);
      // Spelled out for the first row, so that a wrong decoding on both sides cannot hide.
      assert.deepEqual((binary as unknown[])[0], {
        k: 1,
        b: 1,
        ti: -1,
        si: 300,
        bi: '9223372036854775807',
        li: '-170141183460469231731687303715884105728',
        f: 1.5,
        d: 0.1,
        de: '12.30',
        dt: '2024-02-29',
        dtm: '2024-02-29 13:14:15',
        dtm6: '2024-02-29 13:14:15.000123',
        c: 'ab',
        v: '中文😀',
        s: 'tab\there',
        j: '{"a":[1,2]}',
        a: '[1, 2, null]',
      });
    });

    it('binds parameters of every JavaScript type, re-executes with new values, and inserts', async () => {
      const sql = 'SELECT k FROM ps.types WHERE v = ? OR bi = ? OR d = ? OR dt = ? ORDER BY k';
      const [byString] = await conn.execute(sql, ['中文😀', null, null, null]);
      assert.deepEqual(byString, [{ k: 1 }]);
      const [byBigint] = await conn.execute(sql, [null, -9223372036854775808n, null, null]);
      assert.deepEqual(byBigint, [{ k: 2 }]);
      const [byDouble] = await conn.execute(sql, [null, null, 1e300, '2024-02-29']);
      assert.deepEqual(byDouble, [{ k: 1 }, { k: 2 }]);
      const [quoted] = await conn.execute('SELECT k FROM ps.types WHERE v = ?', ['it\'s \\ "q"']);
      assert.deepEqual(quoted, [{ k: 2 }]);
      // A negative number after a minus sign must not turn into a `--` comment.
      const [arithmetic] = await conn.execute('SELECT 5 -? AS r', [-1]);
      assert.deepEqual(arithmetic, [{ r: 6 }]);

      const insert = 'INSERT INTO ps.target VALUES (?, ?, ?, ?, ?, ?, ?)';
      const when = new Date(2024, 0, 2, 3, 4, 5, 678); // mysql2 sends a Date in local time
      const [ok] = await conn.execute(insert, [10, 2n ** 62n, 2.5, '1.125', '2024-01-02', when, '名前']);
      assert.equal((ok as mysql.ResultSetHeader).affectedRows, 1);
      await conn.execute(insert, [11, null, -0.5, null, null, null, null]);
      assert.deepEqual(await query(conn, 'SELECT * FROM ps.target ORDER BY k'), [
        {
          k: 10,
          i: '4611686018427387904',
          d: 2.5,
          de: '1.125',
          dt: '2024-01-02',
          dtm: '2024-01-02 03:04:05.678',
          v: '名前',
        },
        { k: 11, i: null, d: -0.5, de: null, dt: null, dtm: null, v: null },
      ]);
      await conn.query('TRUNCATE TABLE ps.target');
    });

    it('refuses what Doris does not prepare, and reports errors in the statement at prepare time', async () => {
      await assert.rejects(conn.execute('CREATE TABLE ps.x (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1'), {
        errno: 1105,
        sqlState: 'HY000',
        sqlMessage: 'errCode = 2, detailMessage = Only support prepare SelectStmt or InsertStmt now',
      });
      await assert.rejects(
        conn.execute("INSERT INTO ps.target WITH LABEL l1 VALUES (?, 1, 1, 1, '2024-01-01', NULL, 'x')", [1]),
        {
          sqlMessage: 'errCode = 2, detailMessage = Only support prepare InsertStmt without label now',
        },
      );
      const plain = await conn.query('SELECT nope FROM ps.types').catch((e: Error) => e.message);
      await assert.rejects(conn.execute('SELECT nope FROM ps.types WHERE k = ?', [1]), { message: plain });
      // The connection is still usable after the failures.
      const [rows] = await conn.execute('SELECT COUNT(*) AS n FROM ps.types WHERE k < ?', [3]);
      assert.deepEqual(rows, [{ n: '2' }]); // COUNT(*) is a BIGINT: a string with bigNumberStrings
    });
  });

  describe('through DBD::MariaDB (libmariadb)', () => {
    const expectRows = (result: PerlResult | undefined) => {
      assert.ok(result && 'rows' in result, JSON.stringify(result));
      return result;
    };

    it('returns every column type in the binary protocol, decoded by libmariadb, as the text protocol has it', async () => {
      const [result] = await runPerlSteps(sandbox.ready.queryPort, [
        { sql: `SELECT ${COLUMNS} FROM ps.types WHERE k >= ? ORDER BY k`, params: [[1, SqlType.INTEGER]] },
      ]);
      const { names, types, rows } = expectRows(result);
      assert.deepEqual(names, COLUMNS.split(', '));
      // TINY, TINY, TINY, SHORT, LONGLONG, STRING (largeint), FLOAT, DOUBLE, NEWDECIMAL, DATE, DATETIME,
      // DATETIME, STRING, STRING, STRING, JSON, STRING (array)
      assert.deepEqual(types, [3, 1, 1, 2, 8, 254, 4, 5, 246, 10, 12, 12, 254, 254, 254, 245, 254]);
      const [text] = await conn.query({
        sql: `SELECT ${COLUMNS} FROM ps.types ORDER BY k`,
        rowsAsArray: true,
      });
      const expected = (text as unknown[][]).map((row) =>
        row.map((v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v))),
      );
      assert.deepEqual(rows, expected);
    });

    it('binds integer, double, decimal, string and NULL parameters, and runs INSERT with its info', async () => {
      const results = await runPerlSteps(sandbox.ready.queryPort, [
        {
          sql: 'INSERT INTO ps.target (k, i, d, de, dt, dtm, v) VALUES (?, ?, ?, ?, ?, ?, ?)',
          executions: [
            [
              [20, SqlType.INTEGER],
              ['-9007199254740993', SqlType.BIGINT],
              [0.25, SqlType.DOUBLE],
              ['-4.5', SqlType.DECIMAL],
              ['2024-03-01'],
              ['2024-03-01 10:11:12.5'],
              ['ünïcødé 😀'],
            ],
            [[21, SqlType.INTEGER], [null], [null], [null], [null], [null], ["a'b\\c"]],
          ],
        },
        {
          sql: 'SELECT k, v FROM ps.target WHERE v = ? OR k = ? ORDER BY k',
          params: [["a'b\\c"], [20, SqlType.INTEGER]],
        },
        { sql: 'SELECT * FROM ps.missing WHERE k = ?', params: [[1]] },
        { sql: 'DROP TABLE ps.target' },
      ]);
      const [first, second, select, missing, drop] = results;
      for (const inserted of [first, second]) {
        assert.ok(inserted && 'affected' in inserted, JSON.stringify(inserted));
        assert.equal(inserted.affected, 1);
        assert.match(inserted.info ?? '', /^\{'label':'insert_\w+', 'status':'VISIBLE', 'txnId':'\d+'\}$/);
      }
      assert.deepEqual(expectRows(select).rows, [
        ['20', 'ünïcødé 😀'],
        ['21', "a'b\\c"],
      ]);
      assert.deepEqual(missing, {
        error: 'errCode = 2, detailMessage = Table [missing] does not exist in database [ps].',
        err: 1146,
        state: '42S02',
      });
      assert.deepEqual(drop, {
        error: 'errCode = 2, detailMessage = Only support prepare SelectStmt or InsertStmt now',
        err: 1105,
        state: 'HY000',
      });
      assert.deepEqual(await query(conn, 'SELECT k, i, d, de, dt, dtm FROM ps.target WHERE k = 20'), [
        {
          k: 20,
          i: '-9007199254740993',
          d: 0.25,
          de: '-4.500',
          dt: '2024-03-01',
          dtm: '2024-03-01 10:11:12.500',
        },
      ]);
    });
  });
});

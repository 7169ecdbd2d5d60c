// The `mariadb` command-line client (libmariadb, Debian's mariadb-client 10.11) against a real sandbox
// process, as a user runs it: every statement family, the output formats, errors and exit codes. It is
// stricter than mysql2 about packet layouts: an OK packet written the wrong way made it fail every INSERT,
// UPDATE and DELETE with "ERROR 2027 (HY000): Received malformed packet".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CliRun, mariadb, requireProgram, run } from './cli-client.js';
import { SandboxProcess } from './sandbox-process.js';

const ALL_TYPES_TABLE = `CREATE TABLE cli.types (
  k INT, b BOOLEAN, ti TINYINT, si SMALLINT, bi BIGINT, li LARGEINT, f FLOAT, d DOUBLE, de DECIMAL(10, 2),
  dt DATE, dtm DATETIME, dtm6 DATETIME(6), c CHAR(5), v VARCHAR(20), s STRING, j JSON, a ARRAY<INT>
) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`;

const FULL_ROW = `(1, true, -1, 300, 9223372036854775807, -170141183460469231731687303715884105728, 1.5, 0.1, 12.3,
  '2024-02-29', '2024-02-29 13:14:15', '2024-02-29 13:14:15.000123', 'ab', '中文😀', 'tab\\there',
  '{"a":[1,2]}', '[1,2,null]')`;
const NULL_ROW =
  '(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)';

/** `Query OK, n row(s) affected (t sec)` and, on the next line, Doris's info message. */
const QUERY_OK_WITH_LABEL =
  /Query OK, 1 row affected \([\d.]+ sec\)\n\{'label':'\w+', 'status':'VISIBLE', 'txnId':'\d+'\}\n/;

describe('the mariadb command-line client', () => {
  let sandbox: SandboxProcess;
  let port: number;
  const cli = (args: readonly string[], input = ''): Promise<CliRun> => mariadb(port, args, input);

  async function ok(args: readonly string[], input = ''): Promise<string> {
    const result = await cli(args, input);
    assert.equal(result.stderr, '', `stderr of mariadb ${args.join(' ')}`);
    assert.equal(result.code, 0);
    return result.stdout;
  }

  before(async () => {
    requireProgram('mariadb', 'mariadb-client');
    sandbox = await SandboxProcess.start();
    port = sandbox.ready.queryPort;
  });
  after(() => sandbox.destroy());

  it('runs DDL, several statements in one -e, and shows the result with SHOW', async () => {
    const ddl = [
      'CREATE DATABASE cli',
      ALL_TYPES_TABLE,
      `CREATE TABLE cli.u (k INT, v VARCHAR(10)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
        PROPERTIES ("replication_num" = "1")`,
      'ALTER TABLE cli.u ADD COLUMN n INT DEFAULT "7"',
    ].join(';\n');
    assert.equal(await ok(['-e', ddl]), '');
    assert.equal(await ok(['-e', 'SHOW TABLES FROM cli']), 'Tables_in_cli\ntypes\nu\n');
    assert.match(await ok(['-e', 'SHOW DATABASES']), /^Database\n(.*\n)*cli\n/);
    const described = await ok(['-e', 'DESC cli.u']);
    assert.equal(
      described,
      'Field\tType\tNull\tKey\tDefault\tExtra\nk\tint\tYes\ttrue\tNULL\t\nv\tvarchar(10)\tYes\tfalse\tNULL\tREPLACE\n' +
        'n\tint\tYes\tfalse\t7\tREPLACE\n',
    );
    assert.match(
      await ok(['-N', '-e', 'SHOW CREATE TABLE cli.u']),
      /^u\tCREATE TABLE `u` \(\\n {2}`k` int NULL,/,
    );
  });

  it("prints Doris's info message after INSERT, UPDATE and DELETE, and exits 0", async () => {
    const script = [
      `INSERT INTO cli.types VALUES ${FULL_ROW}, ${NULL_ROW}`,
      "INSERT INTO cli.u (k, v) VALUES (1, 'a'), (2, 'b')",
      "UPDATE cli.u SET v = 'x' WHERE k = 1",
      'DELETE FROM cli.u WHERE k = 2',
    ].join(';\n');
    const out = await ok(['-vvv', '-e', script]);
    assert.match(out, /Query OK, 2 rows affected \([\d.]+ sec\)\n\{'label':'insert_\w+', 'status':'VISIBLE'/);
    const [, , update, del] = out.split('--------------\n\n').slice(1);
    assert.match(update ?? '', QUERY_OK_WITH_LABEL);
    assert.match(del ?? '', QUERY_OK_WITH_LABEL);
    assert.equal(await ok(['-N', '-e', 'SELECT k, v, n FROM cli.u']), '1\tx\t7\n');
  });

  it('shows every column type, NULLs and unicode in batch, table and vertical output', async () => {
    const batch = await ok(['-e', 'SELECT * FROM cli.types ORDER BY k']);
    assert.equal(
      batch,
      'k\tb\tti\tsi\tbi\tli\tf\td\tde\tdt\tdtm\tdtm6\tc\tv\ts\tj\ta\n' +
        '1\t1\t-1\t300\t9223372036854775807\t-170141183460469231731687303715884105728\t1.5\t0.1\t12.30\t' +
        '2024-02-29\t2024-02-29 13:14:15\t2024-02-29 13:14:15.000123\tab\t中文😀\ttab\\there\t{"a":[1,2]}\t[1, 2, null]\n' +
        `2${'\tNULL'.repeat(16)}\n`,
    );
    const table = await ok(['-t', '-e', 'SELECT k, v, s FROM cli.types ORDER BY k']);
    // The client pads by its own count of characters (a tab and an emoji count as one).
    assert.equal(
      table,
      [
        '+------+------------+----------+',
        '| k    | v          | s        |',
        '+------+------------+----------+',
        '|    1 | 中文😀       | tab\there |',
        '|    2 | NULL       | NULL     |',
        '+------+------------+----------+',
        '',
      ].join('\n'),
    );
    const vertical = await ok(['-e', 'SELECT k, v, dtm6, j FROM cli.types WHERE k IN (1, 2) ORDER BY k\\G']);
    assert.equal(
      vertical,
      [
        '*************************** 1. row ***************************',
        '   k: 1',
        '   v: 中文😀',
        'dtm6: 2024-02-29 13:14:15.000123',
        '   j: {"a":[1,2]}',
        '*************************** 2. row ***************************',
        '   k: 2',
        '   v: NULL',
        'dtm6: NULL',
        '   j: NULL',
        '',
      ].join('\n'),
    );
  });

  it("reports errors with code, SQLSTATE and Doris's message, and exits 1", async () => {
    const unknown = await cli(['-e', 'SELECT * FROM nope.t']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stdout, '');
    // In batch mode the client repeats the failing statement before the error.
    assert.equal(
      unknown.stderr,
      '--------------\nSELECT * FROM nope.t\n--------------\n\n' +
        "ERROR 1049 (42000) at line 1: errCode = 2, detailMessage = Unknown database 'nope'\n",
    );
    // The statements before the failing one ran; the ones after it did not.
    const partial = await cli(['-N', '-e', "SELECT 'before'; SELECT nosuchfunction(1); SELECT 'after'"]);
    assert.equal(partial.code, 1);
    assert.equal(partial.stdout, 'before\n');
    assert.match(
      partial.stderr,
      /\nERROR 1105 \(HY000\) at line 1: errCode = 2, detailMessage = .*nosuchfunction/,
    );
    const login = await cli(['-unobody', '-e', 'SELECT 1']); // the last -u wins
    assert.equal(login.code, 1);
    assert.match(login.stderr, /^ERROR 1045 \(28000\): Access denied for user 'nobody'@'127\.0\.0\.1'/);
  });

  it('sends a script of several statements in one COM_QUERY and reads every result', async () => {
    // With a custom delimiter the client sends `SELECT …; SELECT …` as one text (CLIENT_MULTI_STATEMENTS)
    // and prints each result set in turn (CLIENT_MULTI_RESULTS).
    const script =
      "DELIMITER //\nSELECT 1 AS a; SELECT '二' AS b; INSERT INTO cli.u (k, v) VALUES (5, 'e')//\n";
    assert.equal(await ok([], script), 'a\n1\nb\n二\n');
    assert.equal(await ok(['-N', '-e', 'SELECT v FROM cli.u WHERE k = 5']), 'e\n');
  });

  it('changes database with `use` (COM_INIT_DB), pings and reports status (COM_STATISTICS)', async () => {
    // Doris's DATABASE() is an empty string, not NULL, before a database is chosen.
    assert.equal(await ok(['-N', '-e', 'SELECT DATABASE(); USE cli; SELECT DATABASE()']), '\ncli\n');
    assert.equal(await ok(['-N', 'cli', '-e', 'SELECT COUNT(*) FROM types']), '2\n');
    const useUnknown = await cli(['-e', 'USE nope']);
    assert.equal(useUnknown.code, 1);
    assert.match(useUnknown.stderr, /ERROR 1049 \(42000\) at line 1: .*Unknown database 'nope'/);
    const status = await ok(['-e', 'status']);
    assert.match(status, /Server version:\s+5\.7\.99/);
    assert.match(status, /Uptime:\s+\d+ (sec|min)/);
    const admin = await run('mariadb-admin', ['-h127.0.0.1', `-P${port}`, '-uroot', 'ping', 'status']);
    assert.equal(admin.code, 0);
    assert.match(admin.stdout, /^mysqld is alive\nUptime: \d+ {2}Threads: \d+ {2}Questions: \d+ {2}/);
  });
});

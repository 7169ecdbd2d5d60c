// LOAD DATA LOCAL INFILE (Doris's MySQL load) from real clients: the server asks for the file over the MySQL
// protocol (CLIENT_LOCAL_FILES), loads it like a stream load — separators, IGNORE n LINES, a column list,
// a partition — as one transaction with its UPSERT record, and answers with Doris's OK info.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { lastSeq, readBinlogs } from './alter-helpers.js';
import { requireProgram, run } from './cli-client.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('LOAD DATA LOCAL INFILE', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  const dir = mkdtempSync(join(tmpdir(), 'load-data-'));
  before(async () => {
    requireProgram('mariadb', 'mariadb-client');
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE ld PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`CREATE TABLE ld.t (k INT, v VARCHAR(8), n INT DEFAULT "5") DUPLICATE KEY(k)
      PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"))
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  const mariadb = (sql: string) =>
    run('mariadb', [
      '-h127.0.0.1',
      `-P${sandbox.ready.queryPort}`,
      '-uroot',
      '--skip-ssl',
      '--local-infile=1',
      '-vvv',
      '-e',
      sql,
    ]);

  it("loads a file sent by the mariadb client, with Doris's OK info and one UPSERT record", async () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'header line\n1|a|10\n2|b|20\n150|c|30\n');
    const from = await lastSeq(sandbox, 'ld');
    const out = await mariadb(
      `LOAD DATA LOCAL INFILE '${file}' INTO TABLE ld.t COLUMNS TERMINATED BY '|' LINES TERMINATED BY '\\n' IGNORE 1 LINES (k, v, n)`,
    );
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Query OK, 3 rows affected/);
    assert.match(out.stdout, /Records: 3 {2}Deleted: 0 {2}Skipped: 0 {2}Warnings: 0/);
    assert.deepEqual(await query(conn, 'SELECT * FROM ld.t ORDER BY k'), [
      { k: 1, v: 'a', n: 10 },
      { k: 2, v: 'b', n: 20 },
      { k: 150, v: 'c', n: 30 },
    ]);
    const records = (await readBinlogs(sandbox, 'ld', from)).map((b) => b.type);
    assert.deepEqual(records, ['UPSERT']);
  });

  it('loads from mysql2 (a stream as the file), into a partition, columns left out taking defaults', async () => {
    const [result] = await conn.query({
      sql: "LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE ld.t PARTITION (p1) (k, v)",
      // mysql2 sends what the stream yields as it comes: Buffers, one packet each
      infileStreamFactory: () => Readable.from([Buffer.from('160\td\n'), Buffer.from('170\te\n')]),
    } as mysql.QueryOptions);
    assert.equal((result as mysql.ResultSetHeader).affectedRows, 2);
    assert.deepEqual(await query(conn, 'SELECT k, v, n FROM ld.t WHERE k > 155 ORDER BY k'), [
      { k: 160, v: 'd', n: 5 },
      { k: 170, v: 'e', n: 5 },
    ]);
  });

  it('refuses bad rows, a file on the FE, and a load sharing its query', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '3,ok\nx,notanint\n');
    const out = await mariadb(
      `LOAD DATA LOCAL INFILE '${bad}' INTO TABLE ld.t COLUMNS TERMINATED BY ',' (k, v)`,
    );
    assert.notEqual(out.code, 0);
    assert.match(out.stderr, /too many filtered rows/);
    await assert.rejects(
      conn.query("LOAD DATA INFILE '/etc/passwd' INTO TABLE ld.t"),
      /Load local data from fe local is not enabled/,
    );
    // (the mariadb client splits scripts itself; mysql2 sends both statements in one query)
    await assert.rejects(
      conn.query({
        sql: "SELECT 1; LOAD DATA LOCAL INFILE 'x.csv' INTO TABLE ld.t",
        infileStreamFactory: () => Readable.from([Buffer.from('9\tz\n')]),
      } as mysql.QueryOptions),
      /LOAD DATA LOCAL INFILE must be the only statement of its query/,
    );
    assert.equal((await query(conn, 'SELECT * FROM ld.t')).length, 5, 'nothing more was loaded');
  });
});

// Sequence columns and batch delete through stream load, as Doris merges them: the row with the highest
// sequence value wins whatever the load order, `merge_type: DELETE` deletes the loaded keys, `MERGE` deletes
// the rows matching its `delete` condition and upserts the rest, a table with only a sequence type takes the
// ordering column from `function_column.sequence_col`; every load is one UPSERT binlog record.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, readBinlogs, showCreate, waitForAlterJobs } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('stream load: sequence columns and batch delete', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  let n = 0;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE sq PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`CREATE TABLE sq.mapped (k INT, v VARCHAR(8), s INT) UNIQUE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1", "function_column.sequence_col" = "s")`);
    await conn.query(`CREATE TABLE sq.typed (k INT, v INT) UNIQUE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1", "function_column.sequence_type" = "int")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function load(table: string, csv: string, headers: Record<string, string> = {}) {
    const response = await fetch(`http://127.0.0.1:${sandbox.ready.httpPort}/api/sq/${table}/_stream_load`, {
      method: 'PUT',
      headers: {
        Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
        column_separator: ',',
        label: `sq_${++n}`,
        ...headers,
      },
      body: csv,
    });
    return (await response.json()) as Record<string, unknown>;
  }
  async function loaded(table: string, csv: string, headers: Record<string, string> = {}) {
    const result = await load(table, csv, headers);
    assert.equal(result.Status, 'Success', JSON.stringify(result));
  }
  const rowsOf = (table: string) => query(conn, `SELECT * FROM sq.${table} ORDER BY k`);

  it('keeps the highest sequence value of a key whatever the load order', async () => {
    await loaded('mapped', '1,a5,5\n2,b5,5\n3,c5,5\n');
    await loaded('mapped', '1,a4,4\n2,b6,6\n');
    await loaded('mapped', '3,c5again,5\n');
    assert.deepEqual(await rowsOf('mapped'), [
      { k: 1, v: 'a5', s: 5 },
      { k: 2, v: 'b6', s: 6 },
      // an equal sequence value replaces, as a later load of the same version does in Doris
      { k: 3, v: 'c5again', s: 5 },
    ]);
  });

  it('merge_type DELETE and MERGE delete through the delete sign, ordered by sequence too', async () => {
    // a delete with a lower sequence value than the row's loses, as in Doris
    await loaded('mapped', '1,x,1\n', { merge_type: 'DELETE' });
    assert.equal((await rowsOf('mapped')).length, 3);
    await loaded('mapped', '1,x,9\n', { merge_type: 'DELETE' });
    await loaded('mapped', '2,gone,9\n4,d,1\n', { merge_type: 'MERGE', delete: "v = 'gone'" });
    assert.deepEqual(await rowsOf('mapped'), [
      { k: 3, v: 'c5again', s: 5 },
      { k: 4, v: 'd', s: 1 },
    ]);
    // a deleted key comes back with a higher sequence value
    await loaded('mapped', '1,back,10\n');
    assert.deepEqual((await rowsOf('mapped'))[0], { k: 1, v: 'back', s: 10 });
  });

  it('a sequence type without a mapped column orders by the column the load names', async () => {
    await loaded('typed', '1,10\n', { 'function_column.sequence_col': 'v' });
    await loaded('typed', '1,8\n', { 'function_column.sequence_col': 'v' });
    assert.deepEqual(await rowsOf('typed'), [{ k: 1, v: 10 }]);
    const missing = await load('typed', '1,12\n');
    assert.equal(missing.Status, 'Fail');
    assert.match(
      String(missing.Message),
      /Table typed has sequence column, need to specify the sequence column/,
    );
  });

  it('refuses what Doris refuses', async () => {
    await conn.query(`CREATE TABLE sq.dup (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
      PROPERTIES ("replication_num" = "1")`);
    const cases: [string, Record<string, string>, RegExp][] = [
      ['mapped', { merge_type: 'MERGE' }, /Excepted DELETE ON clause when merge type is MERGE\./],
      [
        'mapped',
        { merge_type: 'DELETE', delete: 'k = 1' },
        /not support DELETE ON clause when merge type is not MERGE/,
      ],
      [
        'dup',
        { merge_type: 'DELETE' },
        /load by MERGE or DELETE need to upgrade table to support batch delete/,
      ],
      ['mapped', { merge_type: 'UPSERT' }, /unknown merge type UPSERT/],
    ];
    for (const [table, headers, message] of cases) {
      const result = await load(table, table === 'dup' ? '1,1\n' : '1,a,1\n', headers);
      assert.equal(result.Status, 'Fail', JSON.stringify(headers));
      assert.match(String(result.Message), message);
    }
  });

  it('ENABLE FEATURE "SEQUENCE_LOAD" is a schema change job that adds the sequence column', async () => {
    await conn.query(`CREATE TABLE sq.later (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await loaded('later', '1,1\n2,2\n');
    const from = (await readBinlogs(sandbox, 'sq')).at(-1)!.commitSeq;
    await conn.query(
      `ALTER TABLE sq.later ENABLE FEATURE "SEQUENCE_LOAD" WITH PROPERTIES ("function_column.sequence_type" = "int")`,
    );
    await waitForAlterJobs(conn, 'sq', 'COLUMN');
    const jobs = (await readBinlogs(sandbox, 'sq', from)).filter((b) => b.type === 'ALTER_JOB');
    assert.deepEqual(
      jobs.map((b) => (b.record.kind === 'alterJob' ? [b.record.jobState, b.record.rawSql] : [])),
      ['PENDING', 'WAITING_TXN', 'FINISHED'].map((state) => [
        state,
        'ALTER TABLE `sq`.`later` ENABLE FEATURE "SEQUENCE_LOAD" WITH PROPERTIES ("function_column.sequence_type" = "int")',
      ]),
    );
    assert.match(await showCreate(conn, 'sq.later'), /"function_column.sequence_type" = "int"/);
    // rows from before have no sequence value: any load with one replaces them, then the order holds
    await loaded('later', '1,10\n', { 'function_column.sequence_col': 'v' });
    await loaded('later', '1,5\n2,3\n', { 'function_column.sequence_col': 'v' });
    assert.deepEqual(await rowsOf('later'), [
      { k: 1, v: 10 },
      { k: 2, v: 3 },
    ]);
    await expectError(
      conn,
      `ALTER TABLE sq.later ENABLE FEATURE "SEQUENCE_LOAD" WITH PROPERTIES ("function_column.sequence_type" = "int")`,
      'Can not enable sequence column support, already supported sequence column.',
    );
    await expectError(
      conn,
      'ALTER TABLE sq.later ENABLE FEATURE "BATCH_DELETE"',
      'Can not enable batch delete support, already supported batch delete.',
    );
    await expectError(
      conn,
      'ALTER TABLE sq.dup ENABLE FEATURE "SEQUENCE_LOAD"',
      'Sequence load only supported in unique tables.',
    );
  });

  it('every load, deletes included, is one UPSERT record of the table', async () => {
    const before = (await readBinlogs(sandbox, 'sq')).filter((b) => b.type === 'UPSERT').length;
    await loaded('mapped', '3,x,20\n', { merge_type: 'DELETE' });
    const after = (await readBinlogs(sandbox, 'sq')).filter((b) => b.type === 'UPSERT');
    assert.equal(after.length, before + 1);
    assert.deepEqual(await rowsOf('mapped'), [
      { k: 1, v: 'back', s: 10 },
      { k: 4, v: 'd', s: 1 },
    ]);
  });
});

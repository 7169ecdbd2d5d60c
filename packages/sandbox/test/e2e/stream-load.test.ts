// Stream load over HTTP on the FE port: CSV and JSON, label idempotency, Doris's JSON result body.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';

async function streamLoad(
  sandbox: SandboxProcess,
  table: string,
  body: string,
  headers: Record<string, string>,
  auth = 'root:',
): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${sandbox.ready.httpPort}/api/sl/${table}/_stream_load`, {
    method: 'PUT',
    headers: { Authorization: `Basic ${Buffer.from(auth).toString('base64')}`, ...headers },
    body,
  });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, unknown>;
}

describe('stream load', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE sl; CREATE TABLE sl.t (k INT, name VARCHAR(20), amount DECIMAL(10,2))
      UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 4 PROPERTIES ("replication_num" = "1")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('loads CSV with a column separator and NULLs', async () => {
    const result = await streamLoad(sandbox, 't', '1,alice,10.5\n2,bob,\\N\n3,碳,0.125\n', {
      label: 'csv_1',
      column_separator: ',',
    });
    assert.equal(result.Status, 'Success', JSON.stringify(result));
    assert.equal(result.NumberLoadedRows, 3);
    assert.equal(result.Label, 'csv_1');
    assert.equal(typeof result.TxnId, 'number');
    assert.deepEqual(await query(conn, 'SELECT k, name, amount FROM sl.t ORDER BY k'), [
      { k: 1, name: 'alice', amount: '10.50' },
      { k: 2, name: 'bob', amount: null },
      { k: 3, name: '碳', amount: '0.13' },
    ]);
  });

  it('refuses a reused label and changes nothing', async () => {
    const result = await streamLoad(sandbox, 't', '1,changed,1\n', { label: 'csv_1', column_separator: ',' });
    assert.equal(result.Status, 'Label Already Exists');
    assert.equal(result.ExistingJobStatus, 'FINISHED');
    assert.deepEqual(await query(conn, 'SELECT name FROM sl.t WHERE k = 1'), [{ name: 'alice' }]);
  });

  it('loads JSON arrays with column names, and columns in another order', async () => {
    const result = await streamLoad(
      sandbox,
      't',
      JSON.stringify([
        { k: 4, name: 'dave', amount: 4 },
        { K: 5, NAME: 'eve' },
      ]),
      { format: 'json', strip_outer_array: 'true' },
    );
    assert.equal(result.Status, 'Success', JSON.stringify(result));
    const csv = await streamLoad(sandbox, 't', 'x|6\n', { column_separator: '|', columns: 'name,k' });
    assert.equal(csv.Status, 'Success', JSON.stringify(csv));
    assert.deepEqual(await query(conn, 'SELECT k, name, amount FROM sl.t WHERE k >= 4 ORDER BY k'), [
      { k: 4, name: 'dave', amount: '4.00' },
      { k: 5, name: 'eve', amount: null },
      { k: 6, name: 'x', amount: null },
    ]);
  });

  it('fails bad rows unless max_filter_ratio allows them', async () => {
    const strict = await streamLoad(sandbox, 't', '7,ok,1\nnot-a-number,x,1\n', { column_separator: ',' });
    assert.equal(strict.Status, 'Fail');
    assert.match(String(strict.Message), /too many filtered rows/);
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n FROM sl.t WHERE k = 7'), [{ n: '0' }]);
    const lenient = await streamLoad(sandbox, 't', '7,ok,1\nnot-a-number,x,1\n', {
      column_separator: ',',
      max_filter_ratio: '0.5',
    });
    assert.equal(lenient.Status, 'Success');
    assert.equal(lenient.NumberFilteredRows, 1);
    assert.equal(lenient.NumberLoadedRows, 1);
  });

  it('rejects a wrong password and an unknown table', async () => {
    assert.equal((await streamLoad(sandbox, 't', '8,a,1\n', {}, 'root:nope')).Status, 'Fail');
    assert.match(String((await streamLoad(sandbox, 'missing', '8,a,1\n', {})).Message), /unknown table/);
  });
});

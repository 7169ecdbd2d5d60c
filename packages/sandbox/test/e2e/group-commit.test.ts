// Group commit: with `group_commit` = async_mode or sync_mode, small INSERT … VALUES statements into one
// table — from any connection — share one transaction that commits after the table's
// group_commit_interval_ms (or sooner at group_commit_data_bytes), as one UPSERT binlog record. async_mode
// answers at once (status PREPARE, the group's label and txn id), sync_mode when the group is VISIBLE;
// other statements and off_mode commit on their own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { lastSeq, readBinlogs } from './alter-helpers.js';
import { okInfo } from './ok-info.js';
import { query, SandboxProcess } from './sandbox-process.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('group commit', () => {
  let sandbox: SandboxProcess;
  let a: mysql.Connection;
  let b: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    [a, b] = await Promise.all([sandbox.connect(), sandbox.connect()]);
    await a.query(`CREATE DATABASE gc PROPERTIES ("binlog.enable" = "true")`);
    await a.query(`CREATE TABLE gc.t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1", "group_commit_interval_ms" = "400")`);
  });
  after(async () => {
    await Promise.all([a?.end(), b?.end()]);
    await sandbox?.destroy();
  });

  const info = async (c: mysql.Connection, sql: string) =>
    okInfo((await c.query(sql))[0] as mysql.ResultSetHeader);
  const count = async () => Number((await query<{ n: string }>(a, 'SELECT COUNT(*) AS n FROM gc.t'))[0]!.n);

  it('async_mode: inserts of two connections share one transaction and one UPSERT record', async () => {
    const from = await lastSeq(sandbox, 'gc');
    await a.query('SET group_commit = async_mode');
    await b.query('SET group_commit = async_mode');
    const first = await info(a, 'INSERT INTO gc.t VALUES (1, 1)');
    const second = await info(b, 'INSERT INTO gc.t VALUES (2, 2), (3, 3)');
    assert.match(
      first,
      /^\{'label':'group_commit_[0-9a-f]+_[0-9a-f]+', 'status':'PREPARE', 'txnId':'\d+'\}$/,
    );
    assert.equal(second, first, 'the same group: label and txn id');
    assert.equal(await count(), 0, 'nothing is visible before the interval has passed');
    await sleep(700);
    assert.equal(await count(), 3);
    const upserts = (await readBinlogs(sandbox, 'gc', from)).filter((r) => r.type === 'UPSERT');
    assert.equal(upserts.length, 1, 'one record for the group');
    assert.equal(
      upserts[0]!.record.kind === 'upsert' ? upserts[0]!.record.label : '',
      /'label':'([^']+)'/.exec(first)![1],
    );
  });

  it('sync_mode answers once the group is visible', async () => {
    await a.query('SET group_commit = sync_mode');
    const started = performance.now();
    const answer = await info(a, 'INSERT INTO gc.t VALUES (4, 4)');
    assert.ok(performance.now() - started >= 300, 'waited for the interval');
    assert.match(answer, /'status':'VISIBLE'/);
    assert.equal(await count(), 4);
  });

  it('commits at once when the group holds group_commit_data_bytes', async () => {
    await a.query(`ALTER TABLE gc.t SET ("group_commit_data_bytes" = "10")`);
    await a.query('SET group_commit = async_mode');
    await a.query('INSERT INTO gc.t VALUES (5, 5)');
    assert.equal(await count(), 5);
    await a.query(`ALTER TABLE gc.t SET ("group_commit_data_bytes" = "134217728")`);
  });

  it('leaves INSERT … SELECT, labelled inserts and off_mode to their own transactions', async () => {
    await a.query('SET group_commit = async_mode');
    assert.match(
      await info(a, 'INSERT INTO gc.t SELECT k + 10, v FROM gc.t WHERE k = 1'),
      /'status':'VISIBLE'/,
    );
    assert.match(await info(a, 'INSERT INTO gc.t WITH LABEL own_label VALUES (20, 20)'), /own_label/);
    await a.query('SET group_commit = off_mode');
    assert.match(await info(a, 'INSERT INTO gc.t VALUES (21, 21)'), /'label':'insert_/);
    assert.equal(await count(), 8);
    await assert.rejects(
      a.query('SET group_commit = fast_mode').then(() => a.query('INSERT INTO gc.t VALUES (9, 9)')),
      /Invalid group_commit mode: fast_mode/,
    );
  });

  it('a stream load with the group_commit header joins the same group as inserts', async () => {
    const load = async (headers: Record<string, string>) => {
      const response = await fetch(`http://127.0.0.1:${sandbox.ready.httpPort}/api/gc/t/_stream_load`, {
        method: 'PUT',
        headers: {
          Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
          column_separator: ',',
          ...headers,
        },
        body: '30,30\n31,31\n',
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const start = await count();
    await a.query('SET group_commit = async_mode');
    const inserted = await info(a, 'INSERT INTO gc.t VALUES (29, 29)');
    const loaded = await load({ group_commit: 'async_mode' });
    assert.equal(loaded.Status, 'Success', JSON.stringify(loaded));
    assert.equal(loaded.GroupCommit, true);
    assert.equal(`'label':'${loaded.Label}'`, /'label':'[^']+'/.exec(inserted)![0]);
    const refused = await load({ group_commit: 'async_mode', label: 'mine' });
    assert.match(String(refused.Message), /label and group_commit can't be set at the same time/);
    await a.query('SET group_commit = off_mode');
    await sleep(700);
    assert.equal(await count(), start + 3, 'the insert and the load, committed together');
  });
});

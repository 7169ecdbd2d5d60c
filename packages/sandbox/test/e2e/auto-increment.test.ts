// AUTO_INCREMENT columns as Doris fills them: increasing from 1 (or AUTO_INCREMENT(n)) for rows that leave
// the column out or give NULL, a given value kept as given, stream loads filled the same way, and never a
// value twice — also after the FE is killed and restarted (a gap then, as after a Doris BE restart).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { showCreate } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('AUTO_INCREMENT columns', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query('CREATE DATABASE ai');
    await conn.query(`CREATE TABLE ai.u (id BIGINT NOT NULL AUTO_INCREMENT, v VARCHAR(8)) UNIQUE KEY(id)
      DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await conn.query(`CREATE TABLE ai.d (k INT, id BIGINT NOT NULL AUTO_INCREMENT(1000)) DUPLICATE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  const ids = async (table: string) =>
    (await query<{ id: string }>(conn, `SELECT id FROM ai.${table} ORDER BY id`)).map((r) => Number(r.id));

  it('numbers rows from the start value, in the order they are written', async () => {
    await conn.query(`INSERT INTO ai.u (v) VALUES ('a'), ('b')`);
    await conn.query(`INSERT INTO ai.u VALUES (NULL, 'c'), (100, 'given')`);
    await conn.query(`INSERT INTO ai.d (k) VALUES (1), (2), (3)`);
    assert.deepEqual(await query(conn, 'SELECT id, v FROM ai.u ORDER BY id'), [
      { id: '1', v: 'a' },
      { id: '2', v: 'b' },
      { id: '3', v: 'c' },
      { id: '100', v: 'given' },
    ]);
    assert.deepEqual(await ids('d'), [1000, 1001, 1002]);
    assert.match(await showCreate(conn, 'ai.u'), /`id` bigint NOT NULL AUTO_INCREMENT\(1\)/);
    assert.match(await showCreate(conn, 'ai.d'), /`id` bigint NOT NULL AUTO_INCREMENT\(1000\)/);
  });

  it('fills a stream load that leaves the column out', async () => {
    const response = await fetch(`http://127.0.0.1:${sandbox.ready.httpPort}/api/ai/u/_stream_load`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${Buffer.from('root:').toString('base64')}`, columns: 'v' },
      body: 'd\ne\n',
    });
    assert.equal(((await response.json()) as { Status: string }).Status, 'Success');
    assert.deepEqual(await ids('u'), [1, 2, 3, 4, 5, 100]);
  });

  it('never hands out a value twice, even after SIGKILL and a restart', async () => {
    await conn.end();
    await sandbox.kill('SIGKILL');
    sandbox = await SandboxProcess.start({ dataDir: sandbox.dataDir });
    conn = await sandbox.connect();
    await conn.query(`INSERT INTO ai.u (v) VALUES ('f'), ('g')`);
    const after = await ids('u');
    assert.equal(after.length, 8);
    assert.equal(new Set(after).size, 8, 'every id is unique');
    const fresh = after.filter((id) => ![1, 2, 3, 4, 5, 100].includes(id));
    assert.equal(fresh.length, 2);
    assert.ok(
      fresh.every((id) => id > 5),
      `new ids ${fresh} come after the old ones`,
    );
    assert.equal(fresh[1]! - fresh[0]!, 1, 'one statement takes consecutive ids');
  });
});

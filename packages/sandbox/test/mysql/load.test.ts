import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { createConnection } from 'mysql2';
import type { RowDataPacket } from 'mysql2/promise';
import type { ResultSet } from '../../src/fe/mysql/index.js';
import { clientError, eventually, type Fixture, startFixture } from './helpers.js';

function numbered(rowCount: number): ResultSet {
  return {
    kind: 'resultSet',
    columns: [
      { name: 'id', kind: 'bigint' },
      { name: 'name', kind: 'varchar' },
      { name: 'ts', kind: 'datetime' },
    ],
    rows: Array.from({ length: rowCount }, (_, i) => [String(i), `row-${i}-数据`, '2024-01-01 00:00:00']),
  };
}

describe('many queries, many connections, large results', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
    fx.fe
      .on('select 1', { kind: 'resultSet', columns: [{ name: '1', kind: 'tinyint' }], rows: [['1']] })
      .on('select connection_id()', (_sql, session) => ({
        kind: 'resultSet',
        columns: [{ name: 'connection_id()', kind: 'bigint' }],
        rows: [[String(session.connectionId)]],
      }))
      .on('select 100k', numbered(100_000))
      .on('select 200k', numbered(200_000));
  });
  after(async () => {
    await fx.close();
  });

  it('answers thousands of sequential queries on one connection', async (t) => {
    const client = await fx.connect();
    const count = 3000;
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const [rows] = await client.query<RowDataPacket[]>('select 1');
      assert.equal(rows[0]?.['1'], 1);
    }
    const seconds = (performance.now() - started) / 1000;
    t.diagnostic(`trivial query: ${Math.round(count / seconds)} queries/s on one connection`);
    assert.equal(fx.fe.opened.at(-1)?.executed.length, count);
  });

  it('keeps parallel connections apart', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => fx.connect()));
    await Promise.all(
      clients.map(async (client) => {
        for (let i = 0; i < 100; i++) {
          const [rows] = await client.query<RowDataPacket[]>('select connection_id()');
          assert.equal(rows[0]?.['connection_id()'], client.threadId);
        }
      }),
    );
    await Promise.all(clients.map((c) => c.end()));
  });

  it('returns a 100k-row result', async (t) => {
    const client = await fx.connect({ dateStrings: true });
    const started = performance.now();
    const [rows] = await client.query<RowDataPacket[]>('select 100k');
    const seconds = (performance.now() - started) / 1000;
    t.diagnostic(`100k-row result through mysql2: ${Math.round(rows.length / seconds)} rows/s`);
    assert.equal(rows.length, 100_000);
    assert.deepEqual(rows[0], { id: 0, name: 'row-0-数据', ts: '2024-01-01 00:00:00' });
    assert.deepEqual(rows[99_999], { id: 99_999, name: 'row-99999-数据', ts: '2024-01-01 00:00:00' });
  });

  it('streams a 200k-row result to a client that reads rows as they come', async (t) => {
    // The callback API hands rows over one by one instead of collecting them.
    const client = createConnection({
      host: '127.0.0.1',
      port: fx.server.port,
      user: 'root',
      dateStrings: true,
    });
    const started = performance.now();
    let seen = 0;
    let last: unknown;
    await new Promise<void>((resolve, reject) => {
      client
        .query('select 200k')
        .on('result', (row: unknown) => {
          seen++;
          last = row;
        })
        .on('error', reject)
        .on('end', () => resolve());
    });
    client.destroy();
    const seconds = (performance.now() - started) / 1000;
    t.diagnostic(`200k-row result, streamed: ${Math.round(seen / seconds)} rows/s`);
    assert.equal(seen, 200_000);
    assert.deepEqual(
      { ...(last as object) },
      { id: 199_999, name: 'row-199999-数据', ts: '2024-01-01 00:00:00' },
    );
  });
});

describe('server shutdown', () => {
  it('close() ends open client connections and closes their sessions once', async () => {
    const fx = await startFixture();
    fx.fe.on('select 1', { kind: 'resultSet', columns: [{ name: '1', kind: 'tinyint' }], rows: [['1']] });
    const clients = await Promise.all([fx.connect(), fx.connect(), fx.connect()]);
    const ended = clients.map((c) => new Promise<void>((resolve) => c.once('end', () => resolve())));
    await clients[0]?.query('select 1');
    await fx.server.close();
    await Promise.all(ended);
    await assert.rejects(clients[1]?.query('select 1') ?? Promise.resolve(), clientError({ fatal: true }));
    await eventually(() => fx.fe.opened.every((s) => s.closeCount === 1));
    assert.equal(fx.fe.opened.length, 3);
    await fx.close();
  });
});

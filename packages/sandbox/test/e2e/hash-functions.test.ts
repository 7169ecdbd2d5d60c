// Doris's murmur hash functions and SELECT … FROM t PARTITION (…), through the MySQL protocol of a real
// sandbox process: the values Doris's own regression suite expects (query_p0/sql_functions/
// hash_functions/test_hash_function.out), the result types Doris announces, NULL handling, and the
// order-independent checksum the syncer's verification computes (SUM of LARGEINT-cast row hashes).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';

/** mysql2's column type codes. */
const LONG = 3;
const LONGLONG = 8;
const STRING = 254;

async function typed(conn: mysql.Connection, sql: string) {
  const [rows, fields] = await conn.query({ sql, rowsAsArray: true });
  return {
    values: (rows as unknown[][])[0] ?? [],
    types: (fields as mysql.FieldPacket[]).map((f) => f.columnType),
  };
}

describe('hash functions and partition reads', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    await conn.query('CREATE DATABASE hf; USE hf');
    await conn.query(`CREATE TABLE t (k INT, d DATE, s VARCHAR(20) NULL) DUPLICATE KEY(k)
      PARTITION BY RANGE(d) (PARTITION p1 VALUES LESS THAN ('2024-02-01'),
                             PARTITION p2 VALUES LESS THAN ('2024-03-01'))
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO t VALUES (1, '2024-01-05', 'a'), (1, '2024-01-05', 'a'),
      (2, '2024-01-09', NULL), (3, '2024-02-02', 'c')`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('murmur_hash3_32 and murmur_hash3_64 answer what Doris answers, as INT and BIGINT', async () => {
    const r32 = await typed(
      conn,
      `SELECT murmur_hash3_32(NULL), murmur_hash3_32('hello'), murmur_hash3_32('hello', 'world')`,
    );
    assert.deepEqual(r32.values, [null, 1321743225, 984713481]);
    assert.deepEqual(r32.types, [LONG, LONG, LONG]);
    const r64 = await typed(
      conn,
      `SELECT murmur_hash3_64(NULL), murmur_hash3_64('hello'), murmur_hash3_64('hello', 'world')`,
    );
    assert.deepEqual(r64.values, [null, '-3215607508166160593', '3583109472027628045']);
    assert.deepEqual(r64.types, [LONGLONG, LONGLONG, LONGLONG]);
  });

  it('murmur_hash3_64_v2 is the first half of MurmurHash3_x64_128 (mmh3.hash64), as Doris tests it', async () => {
    const r = await typed(
      conn,
      `SELECT murmur_hash3_64_v2(NULL), murmur_hash3_64_v2('1000209601_1756808272'),
        murmur_hash3_64_v2('hello world'), murmur_hash3_64_v2('apache doris'), murmur_hash3_64_v2('')`,
    );
    assert.deepEqual(r.values, [
      null,
      '4038800892574899471',
      '5998619086395760910',
      '3669213779466221743',
      '0',
    ]);
  });

  it('a NULL argument anywhere gives NULL; other types are hashed as their text; names are case-blind', async () => {
    const r = await typed(
      conn,
      `SELECT murmur_hash3_64('hello', NULL), MURMUR_HASH3_64(NULL, 'x'),
        murmur_hash3_64(12) = murmur_hash3_64('12'), murmur_hash3_64(CAST('2024-01-05' AS DATE)) = murmur_hash3_64('2024-01-05'),
        murmur_hash3_64('ab', 'c') = murmur_hash3_64('a', 'bc')`,
    );
    assert.deepEqual(r.values, [null, null, 1, 1, 0]);
    await assert.rejects(conn.query('SELECT murmur_hash3_64()'), /murmur_hash3_64/);
  });

  it('the verification checksum: a LARGEINT sum of row hashes that counts duplicates and reads NULLs', async () => {
    const hash = `murmur_hash3_64(ifnull(concat('v', CAST(k AS STRING)), 'n'), ifnull(concat('v', CAST(s AS STRING)), 'n'))`;
    const r = await typed(conn, `SELECT COUNT(*), SUM(CAST(${hash} AS LARGEINT)) FROM t`);
    const each = await query<{ h: string | number }>(conn, `SELECT ${hash} AS h FROM t`);
    const expected = each.reduce((sum, row) => sum + BigInt(row.h), 0n);
    assert.deepEqual(r.values, ['4', expected.toString()]);
    assert.equal(r.types[1], STRING, 'LARGEINT is announced as a string, as Doris does');
    // The two duplicate rows add their hash twice rather than cancel out (as XOR would).
    const dup = await query<{ h: string | number }>(conn, `SELECT ${hash} AS h FROM t WHERE k = 1 LIMIT 1`);
    const without = await typed(conn, `SELECT SUM(CAST(${hash} AS LARGEINT)) FROM t WHERE k <> 1`);
    assert.equal(BigInt(String(without.values[0])) + 2n * BigInt(dup[0]!.h), expected);
    // The NULL of row 2 hashes differently from the text 'n'.
    const nulls = await query(
      conn,
      `SELECT ${hash} = murmur_hash3_64('v2', 'vn') AS same FROM t WHERE k = 2`,
    );
    assert.deepEqual(nulls, [{ same: 0 }]);
  });

  it('SELECT … FROM t PARTITION (…) reads only those partitions, PARTITIONS too', async () => {
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n FROM t PARTITION (p1)'), [{ n: '3' }]);
    assert.deepEqual(await query(conn, 'SELECT k FROM hf.t PARTITION p2'), [{ k: 3 }]);
    assert.deepEqual(
      await query(conn, 'SELECT COUNT(*) AS n FROM t PARTITIONS (p1, P2) AS x WHERE x.k > 1'),
      [{ n: '2' }],
    );
  });

  it('a partition the table lacks, or a view, is refused with Doris’s messages', async () => {
    await assert.rejects(
      conn.query('SELECT * FROM t PARTITION (p9)'),
      /Partition: p9 is not exists on table internal\.hf\.t/,
    );
    await conn.query('CREATE VIEW v AS SELECT k FROM t');
    await assert.rejects(
      conn.query('SELECT * FROM v PARTITION (p1)'),
      /Only OLAP table is support select by partition for now,Table: v is not OLAP table/,
    );
  });
});

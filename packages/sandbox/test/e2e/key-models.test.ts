// Each key model's merge semantics, observed only through SQL on a real sandbox process.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';

describe('key models over the MySQL protocol', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 3 });
    conn = await sandbox.connect();
    await conn.query('CREATE DATABASE km; USE km');
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('DUPLICATE KEY keeps every row', async () => {
    await conn.query(`CREATE TABLE dup (k INT, v VARCHAR(10)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 4
      PROPERTIES ("replication_num" = "3")`);
    await conn.query(`INSERT INTO dup VALUES (1, 'a'), (1, 'a'), (2, 'b')`);
    await conn.query(`INSERT INTO dup VALUES (1, 'c')`);
    const rows = await query(conn, 'SELECT k, v FROM dup ORDER BY k, v');
    assert.deepEqual(rows, [
      { k: 1, v: 'a' },
      { k: 1, v: 'a' },
      { k: 1, v: 'c' },
      { k: 2, v: 'b' },
    ]);
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n FROM dup'), [{ n: '4' }]);
  });

  it('UNIQUE KEY keeps the last row per key and honours the delete sign', async () => {
    await conn.query(`CREATE TABLE uniq (k BIGINT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
      PROPERTIES ("replication_num" = "1")`);
    await conn.query('INSERT INTO uniq VALUES (9223372036854775807, 1), (2, 2)');
    await conn.query('INSERT INTO uniq VALUES (9223372036854775807, 10)');
    await conn.query('INSERT INTO uniq (k, v, __DORIS_DELETE_SIGN__) VALUES (2, 0, 1)');
    assert.deepEqual(await query(conn, 'SELECT k, v FROM uniq ORDER BY k'), [
      { k: '9223372036854775807', v: 10 },
    ]);
  });

  it('UNIQUE KEY with a sequence column keeps the row with the largest sequence value', async () => {
    await conn.query(`CREATE TABLE seq (k INT, s INT, v VARCHAR(5)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1", "function_column.sequence_col" = "s")`);
    await conn.query(`INSERT INTO seq VALUES (1, 5, 'new')`);
    await conn.query(`INSERT INTO seq VALUES (1, 3, 'old')`);
    assert.deepEqual(await query(conn, 'SELECT k, s, v FROM seq'), [{ k: 1, s: 5, v: 'new' }]);
  });

  it('AGGREGATE KEY folds value columns by their aggregation', async () => {
    await conn.query(`CREATE TABLE agg (k INT, s BIGINT SUM, mn INT MIN, mx INT MAX, r VARCHAR(5) REPLACE,
      rn VARCHAR(5) REPLACE_IF_NOT_NULL NULL) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO agg VALUES (1, 10, 5, 5, 'a', 'x'), (1, 5, 3, 9, 'b', NULL)`);
    await conn.query(`INSERT INTO agg VALUES (1, 1, 7, 1, 'c', NULL)`);
    assert.deepEqual(await query(conn, 'SELECT k, s, mn, mx, r, rn FROM agg'), [
      { k: 1, s: '16', mn: 3, mx: 9, r: 'c', rn: 'x' },
    ]);
  });

  it('rejects a row that fits no partition, and writes nothing', async () => {
    await conn.query(`CREATE TABLE parts (dt DATE, v INT) DUPLICATE KEY(dt)
      PARTITION BY RANGE(dt) (PARTITION p1 VALUES LESS THAN ("2024-02-01"), PARTITION p2 VALUES LESS THAN ("2024-03-01"))
      DISTRIBUTED BY HASH(dt) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
    await assert.rejects(
      conn.query(`INSERT INTO parts VALUES ('2024-01-05', 1), ('2024-04-01', 2)`),
      /no partition/,
    );
    await conn.query(`INSERT INTO parts VALUES ('2024-01-05', 1), ('2024-02-10', 2)`);
    assert.deepEqual(await query(conn, 'SELECT dt, v FROM parts ORDER BY dt'), [
      { dt: '2024-01-05', v: 1 },
      { dt: '2024-02-10', v: 2 },
    ]);
    const partitions = await query<{ PartitionName: string; VisibleVersion: string; Range: string }>(
      conn,
      'SHOW PARTITIONS FROM parts',
    );
    assert.deepEqual(
      partitions.map((p) => [p.PartitionName, p.VisibleVersion]),
      [
        ['p1', '2'],
        ['p2', '2'],
      ],
    );
    assert.equal(
      partitions[0]!.Range,
      '[types: [DATEV2]; keys: [0000-01-01]; ..types: [DATEV2]; keys: [2024-02-01]; )',
    );
  });
});

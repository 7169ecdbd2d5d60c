// ALTER TABLE … MODIFY DISTRIBUTION: the default bucket count of a partitioned table changes for partitions
// added later (existing ones keep theirs), SHOW CREATE TABLE shows it, no binlog record is written (as in
// Doris 2.1/3.0), and the ADD_PARTITION record of a later partition carries the new bucket count.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, lastSeq, readBinlogs, showCreate } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

describe('ALTER TABLE MODIFY DISTRIBUTION', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE md PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`CREATE TABLE md.p (k INT, v INT) DUPLICATE KEY(k)
      PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("10"))
      DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('changes the bucket count of partitions added later, without a binlog record', async () => {
    const from = await lastSeq(sandbox, 'md');
    await conn.query('ALTER TABLE md.p MODIFY DISTRIBUTION DISTRIBUTED BY HASH(k) BUCKETS 5');
    assert.deepEqual(await readBinlogs(sandbox, 'md', from), []);
    assert.match(await showCreate(conn, 'md.p'), /DISTRIBUTED BY HASH\(`k`\) BUCKETS 5/);
    await conn.query('ALTER TABLE md.p ADD PARTITION p1 VALUES LESS THAN ("20")');
    const buckets = await query<{ PartitionName: string; Buckets: number }>(
      conn,
      'SHOW PARTITIONS FROM md.p',
    );
    assert.deepEqual(
      buckets.map((p) => [p.PartitionName, Number(p.Buckets)]),
      [
        ['p0', 2],
        ['p1', 5],
      ],
    );
    const [add] = await readBinlogs(sandbox, 'md', from);
    assert.equal(add?.type, 'ADD_PARTITION');
    assert.equal(
      add?.record.kind === 'addPartition' ? add.record.partition.distributionInfo?.bucketNum : -1,
      5,
    );
    await conn.query('INSERT INTO md.p VALUES (1, 1), (15, 15)');
    assert.equal((await query(conn, 'SELECT * FROM md.p')).length, 2);
  });

  it('refuses what Doris refuses', async () => {
    await expectError(
      conn,
      'ALTER TABLE md.p MODIFY DISTRIBUTION DISTRIBUTED BY RANDOM BUCKETS 3',
      'Cannot change distribution type when modify default distribution bucket num',
    );
    await expectError(
      conn,
      'ALTER TABLE md.p MODIFY DISTRIBUTION DISTRIBUTED BY HASH(v) BUCKETS 3',
      'Cannot assign hash distribution with different distribution cols. new is: [v] default is: [k]',
    );
    await conn.query(`CREATE TABLE md.u (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
      PROPERTIES ("replication_num" = "1")`);
    await expectError(
      conn,
      'ALTER TABLE md.u MODIFY DISTRIBUTION DISTRIBUTED BY HASH(k) BUCKETS 3',
      "Only support change partitioned table's distribution.",
    );
  });
});

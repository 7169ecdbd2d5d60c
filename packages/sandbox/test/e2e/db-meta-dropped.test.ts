// getMeta's dropped-resource lists for a whole database, which a database CCR job reads to skip the data of
// tables and partitions that are gone upstream: DROP TABLE (also of a view), REPLACE TABLE without swap and
// TRUNCATE add ids, RECOVER takes them back out, and a swap drops nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FrontendClient } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { tableIdOf } from './catalog-ids.js';
import { query, SandboxProcess } from './sandbox-process.js';

const TABLE = (name: string) => `CREATE TABLE ${name} (k INT) DUPLICATE KEY(k)
  DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`;

describe("getMeta's dropped tables and partitions of a database", () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  let fe: FrontendClient;

  async function dropped() {
    const r = await fe.getMeta({ user: 'root', passwd: '', db: { name: 'd' } });
    const meta = r.db_meta!;
    return {
      tables: [...(meta.dropped_tables ?? [])].sort(),
      partitions: [...(meta.dropped_partitions ?? [])].sort(),
    };
  }
  const id = (table: string) => tableIdOf(conn, 'd', table);

  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    fe = sandbox.thrift();
    await conn.query(`CREATE DATABASE d PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`USE d; ${TABLE('a')}; ${TABLE('b')}; ${TABLE('c')}`);
    await conn.query('CREATE VIEW v AS SELECT k FROM a');
  });
  after(async () => {
    fe?.close();
    await conn?.end();
    await sandbox?.destroy();
  });

  it('lists a dropped table until it is recovered, and a dropped view', async () => {
    const [aId, vId] = [await id('a'), await id('v')];
    await conn.query('DROP TABLE a');
    await conn.query('DROP VIEW v');
    assert.deepEqual((await dropped()).tables, [aId, vId].sort());
    await conn.query('RECOVER TABLE a');
    assert.deepEqual((await dropped()).tables, [vId]);
  });

  it('lists the replaced table of a REPLACE without swap, nothing for a swap', async () => {
    const [bId, cId] = [await id('b'), await id('c')];
    const before = (await dropped()).tables;
    await conn.query(`ALTER TABLE b REPLACE WITH TABLE c PROPERTIES ("swap" = "true")`);
    assert.deepEqual((await dropped()).tables, before);
    // b is now c's table and c is b's: replacing b drops c's original id.
    await conn.query(`ALTER TABLE b REPLACE WITH TABLE c PROPERTIES ("swap" = "false")`);
    assert.deepEqual((await dropped()).tables, [...before, cId].sort());
    assert.equal(await id('b'), bId);
  });

  it('lists the partitions a TRUNCATE replaced', async () => {
    const [old] = await query<{ PartitionId: string }>(conn, 'SHOW PARTITIONS FROM a');
    await conn.query('TRUNCATE TABLE a');
    assert.ok((await dropped()).partitions.includes(BigInt(old!.PartitionId)));
    const [fresh] = await query<{ PartitionId: string }>(conn, 'SHOW PARTITIONS FROM a');
    assert.notEqual(fresh!.PartitionId, old!.PartitionId);
  });
});

// One transaction over several tables, as a database CCR job commits one on its target: beginTxn with every
// table id, ingest_binlog into each table's tablets, one commitTxn. The cluster records it as ONE UPSERT
// whose tableRecords name every table, in the db stream and in each table's stream. (The sandbox has no SQL
// BEGIN … COMMIT; this thrift path is how a multi-table UPSERT arises in it.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BinlogType,
  createBackendClient,
  type FrontendClient,
  StatusCode,
  type TTabletCommitInfo,
} from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { lastCommitSeq, readBinlogs } from './binlog-reader.js';
import { tableIdOf } from './catalog-ids.js';
import { query, SandboxProcess } from './sandbox-process.js';

const TABLE = (name: string) => `CREATE TABLE ${name} (k INT, v VARCHAR(8)) DUPLICATE KEY(k)
  DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ("replication_num" = "1")`;

describe('database-level binlog stream: a transaction over several tables', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  let fe: FrontendClient;

  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    fe = sandbox.thrift();
    await conn.query(`CREATE DATABASE d PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`USE d; ${TABLE('a')}; ${TABLE('b')}; ${TABLE('c')}`);
    await conn.query(`INSERT INTO a VALUES (1, 'one'), (2, 'two'), (3, 'three')`);
  });
  after(async () => {
    fe?.close();
    await conn?.end();
    await sandbox?.destroy();
  });

  /** The tablets of a one-partition table, in bucket order (getMeta's order), with the partition id. */
  async function tablets(table: string) {
    const meta = await fe.getMeta({ user: 'root', passwd: '', db: { name: 'd' } });
    const t = meta.db_meta!.tables!.find((x) => x.name === table)!;
    const [partition] = t.partitions!;
    return { partitionId: partition!.id!, tablets: partition!.indexes![0]!.tablets! };
  }

  it('records one UPSERT naming every table of the transaction', async () => {
    const [upsert] = (await readBinlogs(sandbox, 'd')).filter((r) => r.type === BinlogType.UPSERT);
    assert.equal(upsert!.record.kind, 'upsert');
    const version =
      upsert!.record.kind === 'upsert' ? [...upsert!.record.tableRecords.values()][0]! : undefined;
    const sourceVersion = version!.partitionRecords[0]!.version;
    const [bId, cId] = [await tableIdOf(conn, 'd', 'b'), await tableIdOf(conn, 'd', 'c')];
    const from = await lastCommitSeq(sandbox, 'd');

    const begin = await fe.beginTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      table_ids: [bId, cId],
      label: 'multi',
    });
    assert.equal(begin.status?.status_code, StatusCode.OK, JSON.stringify(begin.status));
    const source = await tablets('a');
    const backend = sandbox.ready.backends[0]!;
    const be = createBackendClient({ host: '127.0.0.1', port: backend.bePort });
    const infos: TTabletCommitInfo[] = [];
    try {
      for (const table of ['b', 'c']) {
        const target = await tablets(table);
        for (const [bucket, tablet] of target.tablets.entries()) {
          const r = await be.ingest_binlog({
            txn_id: begin.txn_id!,
            remote_tablet_id: source.tablets[bucket]!.id!,
            binlog_version: sourceVersion,
            remote_host: '127.0.0.1',
            remote_port: String(backend.httpPort),
            partition_id: target.partitionId,
            local_tablet_id: tablet.id!,
            load_id: { hi: 1n, lo: 1n },
          });
          assert.equal(r.status?.status_code, StatusCode.OK, JSON.stringify(r.status));
          infos.push({ tabletId: tablet.id!, backendId: tablet.replicas![0]!.backend_id! });
        }
      }
    } finally {
      be.close();
    }
    const commit = await fe.commitTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      txn_id: begin.txn_id!,
      commit_infos: infos,
    });
    assert.equal(commit.status?.status_code, StatusCode.OK, JSON.stringify(commit.status));

    const rows = await query(conn, 'SELECT k, v FROM a ORDER BY k');
    assert.deepEqual(await query(conn, 'SELECT k, v FROM b ORDER BY k'), rows);
    assert.deepEqual(await query(conn, 'SELECT k, v FROM c ORDER BY k'), rows);

    const records = await readBinlogs(sandbox, 'd', from);
    assert.deepEqual(
      records.map((r) => r.type),
      [BinlogType.UPSERT],
    );
    const [multi] = records;
    assert.deepEqual([...multi!.tableIds].sort(), [bId, cId].sort());
    assert.equal(multi!.record.kind, 'upsert');
    if (multi!.record.kind === 'upsert') {
      assert.equal(multi!.record.label, 'multi');
      assert.equal(multi!.record.txnId, begin.txn_id);
      assert.deepEqual([...multi!.record.tableRecords.keys()].sort(), [bId, cId].sort());
      for (const [tableId, tr] of multi!.record.tableRecords) {
        const { partitionId } = await tablets(tableId === bId ? 'b' : 'c');
        assert.deepEqual(
          tr.partitionRecords.map((p) => [p.partitionId, p.version]),
          [[partitionId, 2n]],
        );
      }
    }
    // Each table's own stream carries the same record.
    for (const table of ['b', 'c']) {
      const r = await fe.getBinlog({ user: 'root', passwd: '', db: 'd', table, prev_commit_seq: from });
      assert.equal(r.binlogs?.[0]?.commit_seq, multi!.commitSeq, table);
    }
  });
});

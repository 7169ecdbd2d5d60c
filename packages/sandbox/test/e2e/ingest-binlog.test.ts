// Replicating one UPSERT by hand between two sandbox processes, exactly as CCR does: read the binlog on
// the source, beginTxn on the target, ingest_binlog on every target replica (the target BE pulls the rowset
// from the source BE), commitTxn — using only the protocol package's clients and SQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type BackendClient,
  BinlogType,
  createBackendClient,
  type FrontendClient,
  parseBinlog,
  StatusCode,
  type TTabletCommitInfo,
  type UpsertRecord,
} from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { query, SandboxProcess } from './sandbox-process.js';

const DDL = `CREATE TABLE t (k INT, v VARCHAR(20), doc VARIANT NULL) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
  PROPERTIES ("replication_num" = "2", "binlog.enable" = "true", "variant_enable_flatten_nested" = "true")`;

describe('ingest_binlog between two sandboxes', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;
  let srcFe: FrontendClient;
  let dstFe: FrontendClient;
  const beClients: BackendClient[] = [];

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: 2 }),
      SandboxProcess.start({ backends: 2 }),
    ]);
    src = await source.connect();
    dst = await target.connect();
    await src.query(`CREATE DATABASE d PROPERTIES ("binlog.enable" = "true"); USE d; ${DDL}`);
    await dst.query(`CREATE DATABASE d; USE d; ${DDL}`);
    srcFe = source.thrift();
    dstFe = target.thrift();
  });
  after(async () => {
    for (const c of beClients) c.close();
    srcFe?.close();
    dstFe?.close();
    await src?.end();
    await dst?.end();
    await Promise.all([source?.destroy(), target?.destroy()]);
  });

  async function lastUpsert(): Promise<{ seq: bigint; record: UpsertRecord }> {
    let prev = -1n;
    let found: { seq: bigint; record: UpsertRecord } | undefined;
    for (;;) {
      const r = await srcFe.getBinlog({ user: 'root', passwd: '', db: 'd', prev_commit_seq: prev });
      if (r.status?.status_code !== StatusCode.OK) break;
      const b = parseBinlog(r.binlogs![0]!);
      if (b.record.kind === 'upsert') found = { seq: b.commitSeq, record: b.record };
      prev = b.commitSeq;
    }
    assert.ok(found, 'an UPSERT binlog exists');
    return found;
  }

  async function tableMeta(fe: FrontendClient) {
    const backends = await fe.getBackendMeta({ user: 'root', passwd: '' });
    const meta = await fe.getMeta({ user: 'root', passwd: '', db: { name: 'd' } });
    const table = meta.db_meta!.tables![0]!;
    return { table, backends: backends.backends! };
  }

  /** Applies an UPSERT to the target; returns the commit infos or throws the first failing status. */
  async function apply(upsert: UpsertRecord, label: string, mutate?: (txnId: bigint) => bigint) {
    const source = await tableMeta(srcFe);
    const dest = await tableMeta(dstFe);
    const begin = await dstFe.beginTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      table_ids: [dest.table.id!],
      label,
    });
    assert.equal(begin.status?.status_code, StatusCode.OK, JSON.stringify(begin.status));
    const txnId = begin.txn_id!;
    const infos: TTabletCommitInfo[] = [];
    const [tableRecord] = [...upsert.tableRecords.values()];
    for (const pr of tableRecord!.partitionRecords) {
      const sp = source.table.partitions!.find((p) => p.range === pr.range)!;
      const dp = dest.table.partitions!.find((p) => p.range === pr.range)!;
      const sTablets = [...sp.indexes![0]!.tablets!].sort((a, b) => (a.id! < b.id! ? -1 : 1));
      const dTablets = [...dp.indexes![0]!.tablets!].sort((a, b) => (a.id! < b.id! ? -1 : 1));
      assert.equal(sTablets.length, dTablets.length);
      for (const [i, dTablet] of dTablets.entries()) {
        const sReplica = sTablets[i]!.replicas![0]!;
        const sBe = source.backends.find((b) => b.id === sReplica.backend_id)!;
        for (const replica of dTablet.replicas!) {
          const dBe = dest.backends.find((b) => b.id === replica.backend_id)!;
          const client = createBackendClient({ host: dBe.host, port: dBe.be_port });
          beClients.push(client);
          const result = await client.ingest_binlog({
            txn_id: mutate ? mutate(txnId) : txnId,
            remote_tablet_id: sTablets[i]!.id!,
            binlog_version: pr.version,
            remote_host: sBe.host,
            remote_port: String(sBe.http_port),
            partition_id: dp.id!,
            local_tablet_id: dTablet.id!,
            load_id: { hi: -1n, lo: -1n },
          });
          if (result.status?.status_code !== StatusCode.OK) {
            await dstFe.rollbackTxn({
              user: 'root',
              passwd: '',
              db: 'd',
              txn_id: txnId,
              reason: 'ingest failed',
            });
            return { txnId, failure: result.status };
          }
          infos.push({ tabletId: dTablet.id!, backendId: replica.backend_id! });
        }
      }
    }
    return { txnId, infos };
  }

  it('replicates an UPSERT so both clusters return the same rows', async () => {
    await src.query(`INSERT INTO t (k, v) VALUES (1, 'one'), (2, 'two'), (3, '三')`);
    const { seq, record } = await lastUpsert();
    const applied = await apply(record, `ccr_test:${seq}`);
    assert.ok(applied.infos);
    const commit = await dstFe.commitTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      txn_id: applied.txnId,
      commit_infos: applied.infos,
    });
    assert.equal(commit.status?.status_code, StatusCode.OK, JSON.stringify(commit.status));
    const expected = await query(src, 'SELECT k, v FROM t ORDER BY k');
    assert.deepEqual(await query(dst, 'SELECT k, v FROM t ORDER BY k'), expected);
    assert.equal(expected.length, 3);

    // (3) A repeated ingest and a repeated commit are harmless.
    const again = await dstFe.commitTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      txn_id: applied.txnId,
      commit_infos: applied.infos,
    });
    assert.equal(again.status?.status_code, StatusCode.OK);
    assert.deepEqual(await query(dst, 'SELECT k, v FROM t ORDER BY k'), expected);
    // The label is taken now: a second begin with it says so, with the existing txn's state.
    const dup = await dstFe.beginTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      table_ids: [(await tableMeta(dstFe)).table.id!],
      label: `ccr_test:${seq}`,
    });
    assert.equal(dup.status?.status_code, StatusCode.LABEL_ALREADY_EXISTS);
    assert.equal(dup.job_status, 'FINISHED');
  });

  it('carries VARIANT documents, nested arrays of objects included', async () => {
    await src.query(`INSERT INTO t VALUES
      (20, 'doc', '{"nested":[{"a":1,"c":1.1},{"b":"x"}],"n":1234567890123456789}'),
      (21, 'arr', '[{"a":5},{"a":6}]'), (22, 'scalar', '"text"')`);
    const { seq, record } = await lastUpsert();
    const applied = await apply(record, `ccr_variant:${seq}`);
    assert.ok(applied.infos);
    const commit = await dstFe.commitTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      txn_id: applied.txnId,
      commit_infos: applied.infos,
    });
    assert.equal(commit.status?.status_code, StatusCode.OK, JSON.stringify(commit.status));
    const sql = `SELECT k, doc, doc['nested']['a'] AS a, doc['nested']['b'] AS b, doc['n'] AS n, doc['a'] AS top
      FROM t WHERE k >= 20 ORDER BY k`;
    const expected = await query(src, sql);
    assert.deepEqual(await query(dst, sql), expected);
    assert.deepEqual(expected[0], {
      k: 20,
      doc: '{"nested":[{"a":1,"c":1.1},{"b":"x"}],"n":1234567890123456789}',
      a: '[1, null]',
      b: '[null, "x"]',
      n: '1234567890123456789',
      top: null,
    });
    assert.equal(expected[1]?.top, '[5, 6]');
  });

  it('repeats an ingest of the same txn and tablet without harm', async () => {
    await src.query(`INSERT INTO t (k, v) VALUES (1, 'uno')`);
    const { seq, record } = await lastUpsert();
    const first = await apply(record, `ccr_twice:${seq}`);
    // Ingest every tablet a second time under the same txn.
    const second = await apply(record, `ccr_twice_b:${seq}`, () => first.txnId);
    await dstFe.rollbackTxn({ user: 'root', passwd: '', db: 'd', txn_id: second.txnId });
    const commit = await dstFe.commitTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      txn_id: first.txnId,
      commit_infos: first.infos!,
    });
    assert.equal(commit.status?.status_code, StatusCode.OK, JSON.stringify(commit.status));
    assert.deepEqual(
      await query(dst, 'SELECT k, v FROM t ORDER BY k'),
      await query(src, 'SELECT k, v FROM t ORDER BY k'),
    );
  });

  it('rolls back a txn whose ingest failed and leaves no trace', async () => {
    await src.query(`INSERT INTO t (k, v) VALUES (9, 'nine')`);
    const { seq, record } = await lastUpsert();
    const before = await query(dst, 'SELECT k, v FROM t ORDER BY k');
    const broken = {
      ...record,
      tableRecords: new Map(
        [...record.tableRecords].map(([id, tr]) => [
          id,
          { ...tr, partitionRecords: tr.partitionRecords.map((p) => ({ ...p, version: p.version + 100n })) },
        ]),
      ),
    };
    const result = await apply(broken as UpsertRecord, `ccr_fail:${seq}`);
    assert.ok(result.failure, 'ingest of a missing version fails');
    assert.equal(result.failure?.status_code, StatusCode.HTTP_ERROR);
    assert.match(result.failure?.error_msgs?.[0] ?? '', /get binlog info failed/);
    const txns = await query<{ TransactionStatus: string }>(
      dst,
      `SHOW TRANSACTION FROM d WHERE id = ${result.txnId}`,
    );
    assert.equal(txns[0]!.TransactionStatus, 'ABORTED');
    assert.deepEqual(await query(dst, 'SELECT k, v FROM t ORDER BY k'), before);
    // The label of an aborted txn can be used again.
    const retry = await apply(record, `ccr_fail:${seq}`);
    assert.ok(retry.infos);
    await dstFe.commitTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      txn_id: retry.txnId,
      commit_infos: retry.infos,
    });
    assert.deepEqual(
      await query(dst, 'SELECT k, v FROM t ORDER BY k'),
      await query(src, 'SELECT k, v FROM t ORDER BY k'),
    );
  });

  it('refuses a commit whose commit infos miss tablets', async () => {
    const dest = await tableMeta(dstFe);
    const begin = await dstFe.beginTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      table_ids: [dest.table.id!],
      label: 'partial_commit',
    });
    const oneTablet = dest.table.partitions![0]!.indexes![0]!.tablets![0]!;
    const commit = await dstFe.commitTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      txn_id: begin.txn_id!,
      commit_infos: [{ tabletId: oneTablet.id!, backendId: oneTablet.replicas![0]!.backend_id! }],
    });
    assert.equal(commit.status?.status_code, StatusCode.ANALYSIS_ERROR);
    assert.match(commit.status?.error_msgs?.[0] ?? '', /succ replica num/);
    const unknown = await dstFe.commitTxn({
      user: 'root',
      passwd: '',
      db: 'd',
      txn_id: 424242n,
      commit_infos: [],
    });
    assert.match(unknown.status?.error_msgs?.[0] ?? '', /transaction \[424242\] not found/);
  });

  it('measurably slows a download with download_binlog_rate_limit_kbs', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `(${1000 + i}, '${'x'.repeat(18)}')`).join(',');
    await src.query(`INSERT INTO t (k, v) VALUES ${rows}`);
    const { seq, record } = await lastUpsert();
    let t = performance.now();
    const fast = await apply(record, `rate_fast:${seq}`);
    const fastMs = performance.now() - t;
    await dstFe.rollbackTxn({ user: 'root', passwd: '', db: 'd', txn_id: fast.txnId });
    for (const be of source.ready.backends) {
      const r = await fetch(
        `http://127.0.0.1:${be.httpPort}/api/update_config?download_binlog_rate_limit_kbs=40`,
        { method: 'POST' },
      );
      assert.equal(r.status, 200);
    }
    t = performance.now();
    const slow = await apply(record, `rate_slow:${seq}`);
    const slowMs = performance.now() - t;
    assert.ok(slow.infos);
    // ~100 KB of segment data per replica set at 40 KB/s takes over a second; unthrottled it is far faster.
    assert.ok(
      slowMs > fastMs * 3 && slowMs > 1000,
      `throttled ${slowMs.toFixed(0)} ms vs ${fastMs.toFixed(0)} ms`,
    );
    const show = await fetch(
      `http://127.0.0.1:${source.ready.backends[0]!.httpPort}/api/show_config?conf_item=download_binlog_rate_limit_kbs`,
    );
    assert.deepEqual(await show.json(), [['download_binlog_rate_limit_kbs', 'int64_t', '40', 'true']]);
  });

  it('is recorded as UPSERT on the target too when its binlog is on', async () => {
    const r = await dstFe.getBinlog({ user: 'root', passwd: '', db: 'd', table: 't', prev_commit_seq: -1n });
    assert.equal(r.status?.status_code, StatusCode.OK);
    assert.equal(parseBinlog(r.binlogs![0]!).type, BinlogType.UPSERT);
  });
});

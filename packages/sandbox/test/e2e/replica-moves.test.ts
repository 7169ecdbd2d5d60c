// Moving replicas under CCR's feet, driven as a syncer would see it through thrift and HTTP:
// - a target replica decommissioned while a transaction has ingested into it stays (DECOMMISSION state)
//   until that transaction commits, the commit lands on the new replica too, then the old BE answers
//   ingest_binlog with TABLET_MISSING "tablet <id> not found";
// - a source replica moved by ADMIN SET REPLICA STATUS "drop" keeps its binlog rowsets on the new BE, and
//   the old BE's /api/_binlog/_download answers that the tablet does not exist; a backup then snapshots the
//   new replica and a restore downloads it from the new BE.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type BackendClient,
  createBackendClient,
  type FrontendClient,
  parseBinlog,
  StatusCode,
  type TIngestBinlogRequest,
  type UpsertRecord,
} from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { backup, getSnapshot, restore } from './backup-restore-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';
import { backends, placement, waitUntil } from './topology-helpers.js';

const FAST = ['--spare-backends', '1', '--fe-config', 'tablet_schedule_interval_ms=100'];
const DDL = `CREATE TABLE t (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
  PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`;
const AUTH = { user: 'root', passwd: '' };

describe('replica moves during CCR', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;
  let srcFe: FrontendClient;
  let dstFe: FrontendClient;
  const clients: BackendClient[] = [];

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: 1, args: FAST }),
      SandboxProcess.start({ backends: 1, args: FAST }),
    ]);
    src = await source.connect();
    dst = await target.connect();
    await src.query(`CREATE DATABASE d PROPERTIES ("binlog.enable" = "true"); USE d; ${DDL}`);
    await dst.query(`CREATE DATABASE d; USE d; ${DDL}`);
    srcFe = source.thrift();
    dstFe = target.thrift();
  });
  after(async () => {
    for (const c of clients) c.close();
    srcFe?.close();
    dstFe?.close();
    await src?.end();
    await dst?.end();
    await Promise.all([source?.destroy(), target?.destroy()]);
  });

  async function lastUpsert(): Promise<UpsertRecord> {
    let prev = -1n;
    let found: UpsertRecord | undefined;
    for (;;) {
      const r = await srcFe.getBinlog({ ...AUTH, db: 'd', prev_commit_seq: prev });
      if (r.status?.status_code !== StatusCode.OK) break;
      const b = parseBinlog(r.binlogs![0]!);
      if (b.record.kind === 'upsert') found = b.record;
      prev = b.commitSeq;
    }
    assert.ok(found);
    return found;
  }

  async function layout(fe: FrontendClient) {
    const [meta, be] = await Promise.all([
      fe.getMeta({ ...AUTH, db: { name: 'd' } }),
      fe.getBackendMeta(AUTH),
    ]);
    const partition = meta.db_meta!.tables![0]!.partitions![0]!;
    const tablets = [...partition.indexes![0]!.tablets!].sort((a, b) => (a.id! < b.id! ? -1 : 1));
    return { partition, tablets, backends: be.backends! };
  }

  /** ingest_binlog requests for every target replica of the UPSERT's single partition, per current placement. */
  async function ingestRequests(upsert: UpsertRecord, txnId: bigint) {
    const [s, t] = await Promise.all([layout(srcFe), layout(dstFe)]);
    const version = [...upsert.tableRecords.values()][0]!.partitionRecords[0]!.version;
    return t.tablets.flatMap((tablet, i) => {
      const sBe = s.backends.find((b) => b.id === s.tablets[i]!.replicas![0]!.backend_id)!;
      return tablet.replicas!.map((replica) => {
        const dBe = t.backends.find((b) => b.id === replica.backend_id)!;
        const request: TIngestBinlogRequest = {
          txn_id: txnId,
          remote_tablet_id: s.tablets[i]!.id!,
          binlog_version: version,
          remote_host: sBe.host!,
          remote_port: String(sBe.http_port),
          partition_id: t.partition.id!,
          local_tablet_id: tablet.id!,
          load_id: { hi: -1n, lo: -1n },
        };
        return { request, backendId: replica.backend_id!, bePort: dBe.be_port! };
      });
    });
  }

  function beClient(port: number): BackendClient {
    const client = createBackendClient({ host: '127.0.0.1', port });
    clients.push(client);
    return client;
  }

  it('keeps a decommissioned target replica until the transaction that ingested into it commits', async () => {
    await src.query('INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40)');
    const upsert = await lastUpsert();
    const table = (await layout(dstFe)).partition;
    assert.ok(table);
    const meta = await dstFe.getMeta({ ...AUTH, db: { name: 'd' } });
    const begin = await dstFe.beginTxn({
      ...AUTH,
      db: 'd',
      table_ids: [meta.db_meta!.tables![0]!.id!],
      label: 'move_1',
    });
    assert.equal(begin.status?.status_code, StatusCode.OK);
    const txnId = begin.txn_id!;
    const requests = await ingestRequests(upsert, txnId);
    for (const { request, bePort } of requests) {
      const r = await beClient(bePort).ingest_binlog(request);
      assert.equal(r.status?.status_code, StatusCode.OK, JSON.stringify(r.status));
    }
    const [old] = await backends(dst);
    const spare = target.ready.spareBackends[0]!;
    await dst.query(`ALTER SYSTEM ADD BACKEND "127.0.0.1:${spare.heartbeatPort}"`);
    await dst.query(`ALTER SYSTEM DECOMMISSION BACKEND "127.0.0.1:${old!.heartbeatPort}"`);
    // The new replicas exist; the old ones wait for the open transaction.
    await waitUntil('new replicas beside the old ones', async () =>
      [...(await placement(dstFe, 'd')).values()].every((ids) => ids.length === 2),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok([...(await placement(dstFe, 'd')).values()].every((ids) => ids.includes(old!.id)));
    assert.ok((await backends(dst)).some((b) => b.id === old!.id && b.tabletNum === 2));

    const commit = await dstFe.commitTxn({
      ...AUTH,
      db: 'd',
      txn_id: txnId,
      commit_infos: requests.map((r) => ({ tabletId: r.request.local_tablet_id!, backendId: r.backendId })),
    });
    assert.equal(commit.status?.status_code, StatusCode.OK, JSON.stringify(commit.status));
    await waitUntil('the emptied BE to be dropped', async () =>
      (await backends(dst)).every((b) => b.id !== old!.id),
    );
    const now = await placement(dstFe, 'd');
    assert.ok([...now.values()].every((ids) => ids.length === 1 && ids[0] !== old!.id));
    assert.deepEqual(
      await query(dst, 'SELECT k, v FROM t ORDER BY k'),
      await query(src, 'SELECT k, v FROM t ORDER BY k'),
    );

    // A syncer still holding the old placement: the old BE process answers TABLET_MISSING.
    const next = await dstFe.beginTxn({
      ...AUTH,
      db: 'd',
      table_ids: [meta.db_meta!.tables![0]!.id!],
      label: 'move_2',
    });
    const stale = requests[0]!;
    const answer = await beClient(stale.bePort).ingest_binlog({ ...stale.request, txn_id: next.txn_id! });
    assert.equal(answer.status?.status_code, StatusCode.TABLET_MISSING);
    assert.deepEqual(answer.status?.error_msgs, [`tablet ${stale.request.local_tablet_id} not found`]);
    await dstFe.rollbackTxn({ ...AUTH, db: 'd', txn_id: next.txn_id!, reason: 'stale placement' });
  });

  it('moves a source replica with ADMIN SET REPLICA STATUS "drop"; its binlog versions download from the new BE', async () => {
    await src.query('INSERT INTO t VALUES (5, 50), (6, 60)');
    const upsert = await lastUpsert();
    const { tablets, backends: srcBackends } = await layout(srcFe);
    const tablet = tablets[0]!;
    const oldBe = srcBackends.find((b) => b.id === tablet.replicas![0]!.backend_id)!;
    const spare = source.ready.spareBackends[0]!;
    await src.query(`ALTER SYSTEM ADD BACKEND "127.0.0.1:${spare.heartbeatPort}"`);
    await src.query('ADMIN SET FRONTEND CONFIG ("disable_balance" = "true")');
    await src.query(
      `ADMIN SET REPLICA STATUS PROPERTIES ("tablet_id" = "${tablet.id}", "backend_id" = "${oldBe.id}", "status" = "drop")`,
    );
    const moved = await waitUntil('the tablet to move', async () => {
      const ids = (await placement(srcFe, 'd')).get(tablet.id!.toString());
      return ids?.length === 1 && ids[0] !== oldBe.id!.toString() && ids;
    });
    const version = [...upsert.tableRecords.values()][0]!.partitionRecords[0]!.version;
    const info = (port: number) =>
      fetch(
        `http://127.0.0.1:${port}/api/_binlog/_download?method=get_binlog_info&tablet_id=${tablet.id}&binlog_version=${version}`,
      );
    const gone = await info(oldBe.http_port!);
    assert.equal(gone.status, 500);
    assert.match(await gone.text(), /tablet is not exist/);
    const newBe = (await srcFe.getBackendMeta(AUTH)).backends!.find((b) => b.id!.toString() === moved[0])!;
    const there = await info(newBe.http_port!);
    assert.equal(there.status, 200);
    assert.match(await there.text(), /^[0-9a-f]+:\d+$/);

    // Ingest on the target with the source's new placement: every row arrives.
    const meta = await dstFe.getMeta({ ...AUTH, db: { name: 'd' } });
    const begin = await dstFe.beginTxn({
      ...AUTH,
      db: 'd',
      table_ids: [meta.db_meta!.tables![0]!.id!],
      label: 'move_3',
    });
    const requests = await ingestRequests(upsert, begin.txn_id!);
    for (const { request, bePort } of requests) {
      const r = await beClient(bePort).ingest_binlog(request);
      assert.equal(r.status?.status_code, StatusCode.OK, JSON.stringify(r.status));
    }
    const commit = await dstFe.commitTxn({
      ...AUTH,
      db: 'd',
      txn_id: begin.txn_id!,
      commit_infos: requests.map((r) => ({ tabletId: r.request.local_tablet_id!, backendId: r.backendId })),
    });
    assert.equal(commit.status?.status_code, StatusCode.OK);
    assert.deepEqual(
      await query(dst, 'SELECT k, v FROM t ORDER BY k'),
      await query(src, 'SELECT k, v FROM t ORDER BY k'),
    );
  });

  it('checks ADMIN SET REPLICA STATUS as Doris does', async () => {
    const [tabletId, [backendId]] = [...(await placement(srcFe, 'd'))][0]! as [string, string[]];
    const cases: Array<[string, RegExp]> = [
      [
        `("tablet_id" = "${tabletId}", "backend_id" = "${backendId}")`,
        /Should add following properties: TABLET_ID, BACKEND_ID and STATUS/,
      ],
      [`("tablet_id" = "x", "backend_id" = "1", "status" = "bad")`, /Invalid tablet id format: x/],
      [
        `("tablet_id" = "${tabletId}", "backend_id" = "${backendId}", "status" = "lost")`,
        /Do not support setting replica status as lost/,
      ],
      [
        `("tablet_id" = "${tabletId}", "backend_id" = "${backendId}", "status" = "ok", "x" = "1")`,
        /Unknown property: x/,
      ],
      [
        `("tablet_id" = "1", "backend_id" = "${backendId}", "status" = "bad")`,
        /errCode = 7, detailMessage = tablet does not exist/,
      ],
      [
        `("tablet_id" = "${tabletId}", "backend_id" = "1", "status" = "bad")`,
        /replica does not exist on backend, beId=1/,
      ],
    ];
    for (const [props, error] of cases) {
      await assert.rejects(src.query(`ADMIN SET REPLICA STATUS PROPERTIES ${props}`), error, props);
    }
    await src.query("CREATE USER plain IDENTIFIED BY 'pw'");
    const plain = await source.connect('plain', 'pw');
    try {
      await assert.rejects(
        plain.query(
          `ADMIN SET REPLICA STATUS PROPERTIES ("tablet_id" = "${tabletId}", "backend_id" = "${backendId}", "status" = "bad")`,
        ),
        /\(ADMIN\) privilege/,
      );
    } finally {
      await plain.end();
    }
  });

  it('backs up the moved tablet from its new BE; a restore downloads it from there', async () => {
    await backup(src, 'd', 'after_move');
    const snapshot = await getSnapshot(source, 'd', 'after_move');
    await dst.query('CREATE DATABASE r');
    const row = await restore(source, target, dst, snapshot, { db: 'r', label_name: 'restore_after_move' });
    assert.equal(row.State, 'FINISHED', JSON.stringify(row));
    assert.deepEqual(
      await query(dst, 'SELECT k, v FROM r.t ORDER BY k'),
      await query(src, 'SELECT k, v FROM t ORDER BY k'),
    );
  });
});

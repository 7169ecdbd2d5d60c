// The direct apply ceiling: single-row UPSERT binlogs applied from one sandbox to another by a minimal
// beginTxn → ingest_binlog (every target tablet, in parallel) → commitTxn loop, with no syncer logic. This is
// the physical limit a syncer is measured against.
import {
  type BackendClient,
  createBackendClient,
  type FrontendClient,
  parseBinlog,
  StatusCode,
  type TTabletCommitInfo,
  type UpsertRecord,
} from '@doris-ccr/protocol';
import { query, type SandboxProcess } from '@doris-ccr/sandbox';

const DDL = (
  db: string,
) => `CREATE TABLE ${db}.t (k BIGINT, v VARCHAR(32)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 8
  PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`;

export async function measureApplyCeiling(
  source: SandboxProcess,
  target: SandboxProcess,
  count: number,
): Promise<number> {
  const src = await source.connect();
  const dst = await target.connect();
  await src.query(`CREATE DATABASE ceil PROPERTIES ("binlog.enable" = "true")`);
  await src.query(DDL('ceil'));
  await dst.query('CREATE DATABASE ceil');
  await dst.query(DDL('ceil'));
  for (let i = 0; i < count; i++) await src.query(`INSERT INTO ceil.t VALUES (${i}, 'v${i}')`);
  const srcFe = source.thrift();
  const dstFe = target.thrift();
  const clients = new Map<string, BackendClient>();
  try {
    const upserts: UpsertRecord[] = [];
    for (let prev = -1n; ; ) {
      const r = await srcFe.getBinlog({
        user: 'root',
        passwd: '',
        db: 'ceil',
        table: 't',
        prev_commit_seq: prev,
        num_acquired: 255n,
      });
      if (r.status?.status_code !== StatusCode.OK) break;
      for (const b of r.binlogs ?? []) {
        const parsed = parseBinlog(b);
        if (parsed.record.kind === 'upsert') upserts.push(parsed.record);
        prev = parsed.commitSeq;
      }
    }
    const meta = async (fe: FrontendClient) => {
      const m = await fe.getMeta({ user: 'root', passwd: '', db: { name: 'ceil' } });
      const b = await fe.getBackendMeta({ user: 'root', passwd: '' });
      return { table: m.db_meta!.tables![0]!, backends: b.backends! };
    };
    const s = await meta(srcFe);
    const d = await meta(dstFe);
    const byId = (a: { id?: bigint }, b: { id?: bigint }) => (a.id! < b.id! ? -1 : 1);
    const sTablets = [...s.table.partitions![0]!.indexes![0]!.tablets!].sort(byId);
    const dPartition = d.table.partitions![0]!;
    const dTablets = [...dPartition.indexes![0]!.tablets!].sort(byId);
    const client = (host: string, port: number) => {
      const key = `${host}:${port}`;
      let c = clients.get(key);
      if (!c) {
        c = createBackendClient({ host, port, maxConnections: 16 });
        clients.set(key, c);
      }
      return c;
    };
    const started = performance.now();
    for (const upsert of upserts) {
      const version = [...upsert.tableRecords.values()][0]!.partitionRecords[0]!.version;
      const begin = await dstFe.beginTxn({
        user: 'root',
        passwd: '',
        db: 'ceil',
        table_ids: [d.table.id!],
        label: `ceil_${upsert.commitSeq}`,
      });
      const txnId = begin.txn_id!;
      const infos: TTabletCommitInfo[] = await Promise.all(
        dTablets.map(async (dt, i) => {
          const sRep = sTablets[i]!.replicas![0]!;
          const sBe = s.backends.find((b) => b.id === sRep.backend_id)!;
          const dRep = dt.replicas![0]!;
          const dBe = d.backends.find((b) => b.id === dRep.backend_id)!;
          const r = await client(dBe.host, dBe.be_port).ingest_binlog({
            txn_id: txnId,
            remote_tablet_id: sTablets[i]!.id!,
            binlog_version: version,
            remote_host: sBe.host,
            remote_port: String(sBe.http_port),
            partition_id: dPartition.id!,
            local_tablet_id: dt.id!,
            load_id: { hi: -1n, lo: -1n },
          });
          if (r.status?.status_code !== StatusCode.OK)
            throw new Error(`ingest failed: ${JSON.stringify(r.status)}`);
          return { tabletId: dt.id!, backendId: dRep.backend_id! };
        }),
      );
      const c = await dstFe.commitTxn({
        user: 'root',
        passwd: '',
        db: 'ceil',
        txn_id: txnId,
        commit_infos: infos,
      });
      if (c.status?.status_code !== StatusCode.OK)
        throw new Error(`commit failed: ${JSON.stringify(c.status)}`);
    }
    const rate = upserts.length / ((performance.now() - started) / 1000);
    const [srcRows, dstRows] = await Promise.all([
      query<{ n: string }>(src, 'SELECT COUNT(*) AS n FROM ceil.t'),
      query<{ n: string }>(dst, 'SELECT COUNT(*) AS n FROM ceil.t'),
    ]);
    if (srcRows[0]?.n !== dstRows[0]?.n)
      throw new Error(`target has ${dstRows[0]?.n} rows, source ${srcRows[0]?.n}`);
    return rate;
  } finally {
    for (const c of clients.values()) c.close();
    srcFe.close();
    dstFe.close();
    await src.end();
    await dst.end();
  }
}

// The sandbox's own copy of tables, without a syncer: BACKUP on the source, getSnapshot, restoreSnapshot
// on the target, wait for the restore. The full-sync section is measured against this time.
import { gunzipSync } from 'node:zlib';
import { SnapshotType, StatusCode } from '@doris-ccr/protocol';
import { query, type SandboxProcess } from '@doris-ccr/sandbox';
import { waitFor } from './bench-clusters.js';

export async function snapshotCopySeconds(
  source: SandboxProcess,
  target: SandboxProcess,
  db: string,
  tables: readonly string[],
  label: string,
): Promise<{ backupSeconds: number; restoreSeconds: number; totalSeconds: number }> {
  const src = await source.connect();
  const dst = await target.connect();
  const srcFe = source.thrift();
  const dstFe = target.thrift();
  try {
    await dst.query(`CREATE DATABASE IF NOT EXISTS ${db}`);
    const started = performance.now();
    await src.query(
      `BACKUP SNAPSHOT ${db}.${label} TO \`__keep_on_local__\` ON (${tables.join(', ')}) PROPERTIES ("type" = "full")`,
    );
    await waitFor(async () => {
      const [row] = await query<{ State: string }>(
        src,
        `SHOW BACKUP FROM ${db} WHERE SnapshotName = "${label}"`,
      );
      return row?.State === 'FINISHED';
    }, `backup ${label}`);
    const backupDone = performance.now();
    const shot = await srcFe.getSnapshot({
      user: 'root',
      passwd: '',
      db,
      table: '',
      label_name: label,
      snapshot_name: '',
      snapshot_type: SnapshotType.LOCAL,
      enable_compress: true,
    });
    if (shot.status?.status_code !== StatusCode.OK) throw new Error(JSON.stringify(shot.status));
    const unzip = (b: Uint8Array | undefined) =>
      shot.compressed && b ? gunzipSync(b) : Buffer.from(b ?? []);
    const token = await srcFe.getMasterToken({ cluster: '', user: 'root', password: '' });
    const backends = await srcFe.getBackendMeta({ cluster: '', user: 'root', passwd: '' });
    const network = Object.fromEntries(
      (backends.backends ?? []).map((b) => [String(b.id), { ip: b.host, port: b.http_port }]),
    );
    const info = unzip(shot.job_info).toString('utf8');
    const jobInfo = `${info.slice(0, info.lastIndexOf('}'))},"extra_info":${JSON.stringify({ be_network_map: network, token: token.token })}}`;
    const restored = await dstFe.restoreSnapshot({
      user: 'root',
      passwd: '',
      db,
      table: '',
      label_name: `${label}_restore`,
      repo_name: '__keep_on_local__',
      table_refs: [],
      properties: new Map([['reserve_replica', 'true']]),
      meta: unzip(shot.meta),
      job_info: Buffer.from(jobInfo),
    });
    if (restored.status?.status_code !== StatusCode.OK) throw new Error(JSON.stringify(restored.status));
    await waitFor(async () => {
      const [row] = await query<{ State: string }>(
        dst,
        `SHOW RESTORE FROM ${db} WHERE Label = "${label}_restore"`,
      );
      if (row?.State === 'CANCELLED') throw new Error(`restore cancelled: ${JSON.stringify(row)}`);
      return row?.State === 'FINISHED';
    }, `restore ${label}`);
    const done = performance.now();
    return {
      backupSeconds: (backupDone - started) / 1000,
      restoreSeconds: (done - backupDone) / 1000,
      totalSeconds: (done - started) / 1000,
    };
  } finally {
    srcFe.close();
    dstFe.close();
    await src.end();
    await dst.end();
  }
}

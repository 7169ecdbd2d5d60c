// Deleting a job mid full sync: its own restore on the target is cancelled, nothing else is touched.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { SnapshotType, StatusCode } from '@doris-ccr/protocol';
import type { ClusterAccess } from '../../src/jobs/cluster-access.js';
import { initialProgress } from '../../src/jobs/progress.js';
import { cancelSnapshotJobs } from '../../src/jobs/snapshot/cancel-snapshot.js';
import { withExtraInfo } from '../../src/jobs/snapshot/snapshot-info.js';
import { clusterAccess, type SandboxCluster, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { until } from '../support/until.js';

describe('cancelSnapshotJobs', () => {
  let source: SandboxCluster;
  let target: SandboxCluster;
  let src: ClusterAccess;
  let dest: ClusterAccess;

  before(async () => {
    // The source BEs send snapshot files at 20 KB/s, so the restore is still downloading when it is
    // cancelled (an unthrottled restore of these rows finishes within a second).
    [source, target] = await Promise.all([
      startSandboxCluster(['--be-config', 'download_binlog_rate_limit_kbs=20']),
      startSandboxCluster(),
    ]);
    src = await clusterAccess(specOf(source, 'big', 't'));
    dest = await clusterAccess(specOf(target, 'big', 't'));
    await src.sql.execute(`CREATE DATABASE big PROPERTIES ("binlog.enable" = "true")`);
    await src.sql.execute(`CREATE TABLE big.t (k BIGINT, v VARCHAR(40)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 4
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
    await dest.sql.execute('CREATE DATABASE big');
    const lines = Array.from({ length: 20_000 }, (_, i) => `${i}\tvalue number ${i}`).join('\n');
    const load = await fetch(`http://127.0.0.1:${source.httpPort}/api/big/t/_stream_load`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${Buffer.from('root:').toString('base64')}` },
      body: lines,
    });
    assert.equal(((await load.json()) as { Status: string }).Status, 'Success');
  });

  after(async () => {
    await src?.close();
    await dest?.close();
    await Promise.all([source?.stop(), target?.stop()]);
  });

  it('cancels the running restore that belongs to the job', async () => {
    const snapshot = 'ccrs_job_1_full_1';
    await src.sql.execute(
      `BACKUP SNAPSHOT big.${snapshot} TO \`__keep_on_local__\` ON (t) PROPERTIES ("type" = "full")`,
    );
    await until(async () => (await src.sql.query(`SHOW BACKUP FROM big`))[0]?.State === 'FINISHED', 'backup');
    const shot = await src.fe.getSnapshot({
      user: 'root',
      passwd: '',
      db: 'big',
      table: 't',
      label_name: snapshot,
      snapshot_name: '',
      snapshot_type: SnapshotType.LOCAL,
      enable_compress: true,
    });
    const unzip = (b: Uint8Array | undefined) =>
      shot.compressed && b ? gunzipSync(b) : Buffer.from(b ?? []);
    const token = await src.fe.getMasterToken({ cluster: '', user: 'root', password: '' });
    const bes = await src.fe.getBackendMeta({ cluster: '', user: 'root', passwd: '' });
    const network = Object.fromEntries(
      (bes.backends ?? []).map((b) => [String(b.id), { ip: b.host, port: b.http_port }]),
    );
    const info = unzip(shot.job_info).toString('utf8');
    const jobInfo = withExtraInfo(info, { be_network_map: network, token: token.token });
    const restored = await dest.fe.restoreSnapshot({
      user: 'root',
      passwd: '',
      db: 'big',
      table: 't',
      label_name: `${snapshot}_r_1`,
      repo_name: '__keep_on_local__',
      table_refs: [],
      properties: new Map(),
      meta: unzip(shot.meta),
      job_info: Buffer.from(jobInfo),
    });
    assert.equal(restored.status?.status_code, StatusCode.OK, JSON.stringify(restored.status));

    const progress = { ...initialProgress(Date.now(), 'TableFullSync'), snapshot };
    const cancelled = await cancelSnapshotJobs(progress, src, dest, 'big', 'big');
    assert.deepEqual(cancelled, [`restore ${snapshot}_r_1`]);
    const [job] = await dest.sql.query(`SHOW RESTORE FROM big`);
    assert.equal(job?.State, 'CANCELLED');
    // A second call finds nothing of ours running and cancels nothing.
    assert.deepEqual(await cancelSnapshotJobs(progress, src, dest, 'big', 'big'), []);
  });
});

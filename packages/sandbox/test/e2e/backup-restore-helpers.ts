// Test helpers for backup/restore across two sandboxes, doing what the CCR syncer does: BACKUP and poll
// SHOW BACKUP on the source, getSnapshot, build extra_info from getMasterToken + getBackendMeta, splice it
// into job_info without touching the 64-bit ids, restoreSnapshot on the target and poll SHOW RESTORE.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import {
  SnapshotType,
  StatusCode,
  type TGetSnapshotResult,
  type TRestoreSnapshotRequest,
  type TRestoreSnapshotResult,
} from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { query, type SandboxProcess } from './sandbox-process.js';

export type Row = Record<string, unknown>;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls SHOW BACKUP / SHOW RESTORE until the job is FINISHED or CANCELLED; returns its last row. */
export async function waitJob(
  conn: mysql.Connection,
  kind: 'BACKUP' | 'RESTORE',
  db: string,
  label: string,
  timeoutMs = 60_000,
): Promise<Row> {
  const column = kind === 'BACKUP' ? 'SnapshotName' : 'Label';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await query(conn, `SHOW ${kind} FROM \`${db}\` WHERE ${column} = "${label}"`);
    const row = rows.at(-1);
    if (row && (row.State === 'FINISHED' || row.State === 'CANCELLED')) return row;
    if (Date.now() > deadline) throw new Error(`${kind} ${label} did not finish: ${JSON.stringify(row)}`);
    await sleep(20);
  }
}

export async function backup(conn: mysql.Connection, db: string, label: string, on = ''): Promise<Row> {
  await conn.query(
    `BACKUP SNAPSHOT \`${db}\`.\`${label}\` TO \`__keep_on_local__\` ${on} PROPERTIES ("type" = "full")`,
  );
  const row = await waitJob(conn, 'BACKUP', db, label);
  assert.equal(row.State, 'FINISHED', JSON.stringify(row));
  return row;
}

export interface Snapshot {
  readonly result: TGetSnapshotResult;
  readonly meta: Buffer;
  readonly jobInfo: string;
}

export async function getSnapshot(
  source: SandboxProcess,
  db: string,
  label: string,
  compress = false,
): Promise<Snapshot> {
  const fe = source.thrift();
  try {
    const result = await fe.getSnapshot({
      user: 'root',
      passwd: '',
      db,
      table: '',
      label_name: label,
      snapshot_name: '',
      snapshot_type: SnapshotType.LOCAL,
      enable_compress: compress,
    });
    assert.equal(result.status?.status_code, StatusCode.OK, JSON.stringify(result.status));
    const meta = Buffer.from(result.meta!);
    const info = Buffer.from(result.job_info!);
    return {
      result,
      meta: result.compressed ? gunzipSync(meta) : meta,
      jobInfo: (result.compressed ? gunzipSync(info) : info).toString('utf8'),
    };
  } finally {
    fe.close();
  }
}

/** `extra_info` as the syncer builds it: source BE http addresses and the source cluster's token. */
export async function extraInfo(source: SandboxProcess): Promise<string> {
  const fe = source.thrift();
  try {
    const token = await fe.getMasterToken({ cluster: '', user: 'root', password: '' });
    assert.equal(token.status?.status_code, StatusCode.OK);
    const meta = await fe.getBackendMeta({ cluster: '', user: 'root', passwd: '' });
    assert.equal(meta.status?.status_code, StatusCode.OK);
    const network = (meta.backends ?? []).map((b) => `"${b.id}":{"ip":"${b.host}","port":${b.http_port}}`);
    return `{"be_network_map":{${network.join(',')}},"token":"${token.token}"}`;
  } finally {
    fe.close();
  }
}

/** Splices `extra_info` into job_info text (a generic JSON round trip would round the 64-bit ids). */
export function withExtraInfo(jobInfo: string, extra: string): string {
  return jobInfo.replace(/}\s*$/, `,"extra_info":${extra}}`);
}

export async function restoreSnapshot(
  target: SandboxProcess,
  request: Partial<TRestoreSnapshotRequest>,
): Promise<TRestoreSnapshotResult> {
  const fe = target.thrift();
  try {
    return await fe.restoreSnapshot({
      user: 'root',
      passwd: '',
      repo_name: '__keep_on_local__',
      properties: new Map([['reserve_replica', 'true']]),
      ...request,
    } as TRestoreSnapshotRequest);
  } finally {
    fe.close();
  }
}

/** Starts a restore of a snapshot (job_info with the source's extra_info, as the syncer sends it). */
export async function startRestore(
  source: SandboxProcess,
  target: SandboxProcess,
  snapshot: Snapshot,
  request: Partial<TRestoreSnapshotRequest> & { db: string; label_name: string },
): Promise<void> {
  const jobInfo = withExtraInfo(snapshot.jobInfo, await extraInfo(source));
  const started = await restoreSnapshot(target, {
    meta: snapshot.meta,
    job_info: Buffer.from(jobInfo),
    ...request,
  });
  assert.equal(started.status?.status_code, StatusCode.OK, JSON.stringify(started.status));
}

/** The usual full restore of a snapshot; returns the final SHOW RESTORE row. */
export async function restore(
  source: SandboxProcess,
  target: SandboxProcess,
  targetConn: mysql.Connection,
  snapshot: Snapshot,
  request: Partial<TRestoreSnapshotRequest> & { db: string; label_name: string },
): Promise<Row> {
  await startRestore(source, target, snapshot, request);
  return waitJob(targetConn, 'RESTORE', request.db, request.label_name);
}

/** SHOW CREATE TABLE text with the CCR mark normalised (the restore sets it on the target only). */
export async function createTableText(conn: mysql.Connection, table: string): Promise<string> {
  const [row] = await query(conn, `SHOW CREATE TABLE ${table}`);
  return String(row!['Create Table']).replace('"is_being_synced" = "true"', '"is_being_synced" = "false"');
}

export async function partitionVersions(
  conn: mysql.Connection,
  table: string,
): Promise<Record<string, string>> {
  const rows = await query(conn, `SHOW PARTITIONS FROM ${table}`);
  return Object.fromEntries(rows.map((r) => [String(r.PartitionName), String(r.VisibleVersion)]));
}

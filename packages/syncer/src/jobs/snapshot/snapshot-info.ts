// A backup's job_info (fe-thrift.md §7): the followed table's snapshot commit seq, which of its partitions
// it holds and at which visible version, and the `extra_info` a cross-cluster restore needs added. Ids,
// seqs and versions are read as bigints (they exceed 2^53 on real clusters), and the text is never
// re-serialised, so no 64-bit value in it can be rounded.
import { isJsonObject, parseJson, StatusCode } from '@doris-ccr/protocol';
import type { ClusterAccess } from '../cluster-access.js';
import { cred } from '../job-context.js';
import { retryable } from '../job-errors.js';

/** Adds `extra_info` to the job info by splicing it before the closing brace. */
export function withExtraInfo(jobInfo: string, extra: object): string {
  const end = jobInfo.lastIndexOf('}');
  if (end < 0) throw new Error('job_info is not a JSON object');
  const head = jobInfo.slice(0, end).trimEnd();
  const sep = head.endsWith('{') ? '' : ',';
  return `${head}${sep}"extra_info":${JSON.stringify(extra)}}`;
}

export interface SnapshotTableInfo {
  /** The table's snapshot commit seq (table_commit_seq_map); undefined when the backup lacks the table id. */
  readonly commitSeq: bigint | undefined;
  /** Source partition id → visible version at the snapshot, for the table of that name. */
  readonly partitionVersions: ReadonlyMap<string, bigint>;
}

/** What the backup says about one table, from a single parse of the job info. */
export function readSnapshotInfo(jobInfo: string, table: { name: string; id: bigint }): SnapshotTableInfo {
  const root = parseJson(jobInfo);
  const partitionVersions = new Map<string, bigint>();
  if (!isJsonObject(root)) return { commitSeq: undefined, partitionVersions };
  const seqs = root.table_commit_seq_map;
  const seq = isJsonObject(seqs) ? seqs[table.id.toString()] : undefined;
  const objects = root.backup_objects;
  const info = isJsonObject(objects) ? objects[table.name] : undefined;
  const partitions = isJsonObject(info) ? info.partitions : undefined;
  for (const partition of isJsonObject(partitions) ? Object.values(partitions) : []) {
    if (!isJsonObject(partition)) continue;
    const { id, version } = partition;
    if (typeof id === 'bigint' && typeof version === 'bigint') partitionVersions.set(id.toString(), version);
  }
  return { commitSeq: typeof seq === 'bigint' ? seq : undefined, partitionVersions };
}

/** One table or view a snapshot holds, with the commit seq its copy is at. */
export interface SnapshotObject {
  readonly name: string;
  readonly id: bigint;
  /** Tables: their snapshot commit seq; views carry none. */
  readonly commitSeq: bigint | undefined;
  readonly isView: boolean;
}

/** Every table and view a backup holds (backup_objects, new_backup_objects.views, table_commit_seq_map). */
export function snapshotObjects(jobInfo: string): SnapshotObject[] {
  const root = parseJson(jobInfo);
  if (!isJsonObject(root)) return [];
  const seqs = isJsonObject(root.table_commit_seq_map) ? root.table_commit_seq_map : {};
  const out: SnapshotObject[] = [];
  const objects = isJsonObject(root.backup_objects) ? root.backup_objects : {};
  for (const [name, info] of Object.entries(objects)) {
    if (!isJsonObject(info) || typeof info.id !== 'bigint') continue;
    const seq = seqs[info.id.toString()];
    out.push({ name, id: info.id, commitSeq: typeof seq === 'bigint' ? seq : undefined, isView: false });
  }
  const extra = isJsonObject(root.new_backup_objects) ? root.new_backup_objects.views : undefined;
  for (const view of Array.isArray(extra) ? extra : []) {
    if (isJsonObject(view) && typeof view.id === 'bigint' && typeof view.name === 'string')
      out.push({ name: view.name, id: view.id, commitSeq: undefined, isView: true });
  }
  return out;
}

/** What a target BE needs to pull a snapshot's files from the source: the BEs' HTTP addresses and a token. */
export async function sourceExtraInfo(src: ClusterAccess): Promise<object> {
  const token = await src.fe.getMasterToken({
    cluster: src.spec.cluster,
    user: src.spec.user,
    password: src.spec.password,
  });
  if (token.status?.status_code !== StatusCode.OK)
    throw retryable(`getMasterToken failed: ${token.status?.error_msgs?.join('; ')}`);
  const backends = await src.fe.getBackendMeta({ cluster: src.spec.cluster, ...cred(src) });
  if (backends.status?.status_code !== StatusCode.OK)
    throw retryable(`getBackendMeta failed: ${backends.status?.error_msgs?.join('; ')}`);
  const mapping = src.spec.host_mapping ?? {};
  const network: Record<string, { ip: string; port: number }> = {};
  for (const b of backends.backends ?? [])
    network[String(b.id)] = { ip: mapping[b.host] ?? b.host, port: b.http_port };
  return { be_network_map: network, token: token.token };
}

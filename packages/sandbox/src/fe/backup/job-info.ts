// The job_info JSON of a local snapshot (Doris's BackupJobInfo, fe-thrift.md §7.5): written by a finished
// backup with Gson's conventions (ids as plain 64-bit numbers, id-keyed maps with string keys), and read
// back by restoreSnapshot together with the `extra_info` the syncer adds. Parsing keeps 64-bit ids exact.
import {
  asInt64,
  asObject,
  asString,
  type JsonValue,
  type ObjectReader,
  parseIdKey,
  parseJson,
} from '@doris-ccr/protocol';
import type { OlapTable } from '../../catalog/table.js';
import { gsonJson } from '../load/publisher.js';
import type { BackupJob, SnapshotMeta } from './job-types.js';

/** The FE version a sandbox snapshot claims (a 2.1.8 FE; meta_version is that FE's image version). */
const VERSIONS = { meta_version: 135, major_version: 2, minor_version: 1, patch_version: 8 };

function tableInfo(job: BackupJob, table: OlapTable): object {
  const files = new Map(job.tablets.map((t) => [t.tabletId, t.files]));
  const partitions: Record<string, object> = {};
  for (const p of table.partitions.values()) {
    const indexes: Record<string, object> = {};
    for (const index of p.indexes.values()) {
      const meta = table.indexes.get(index.indexId);
      if (!meta) continue;
      const tablets: Record<string, readonly string[]> = {};
      for (const tablet of index.tablets) tablets[tablet.id.toString()] = files.get(tablet.id) ?? [];
      indexes[meta.name] = {
        id: index.indexId,
        schema_hash: meta.schemaHash,
        tablets,
        tablets_order: index.tablets.map((t) => t.id),
      };
    }
    partitions[p.name] = { id: p.id, version: p.visibleVersion, indexes };
  }
  return { id: table.id, partitions };
}

/** job_info of a finished backup (`backup_result` succeed). */
export function buildJobInfo(job: BackupJob, meta: SnapshotMeta): string {
  const backupObjects: Record<string, object> = {};
  for (const table of meta.tables) backupObjects[table.name] = tableInfo(job, table);
  const tabletBe: Record<string, bigint> = {};
  const tabletPath: Record<string, string> = {};
  for (const t of job.tablets) {
    tabletBe[t.tabletId.toString()] = t.backendId;
    tabletPath[t.tabletId.toString()] = t.root;
  }
  const commitSeqs: Record<string, bigint> = {};
  for (const { tableId, seq } of job.tableCommitSeqs) commitSeqs[tableId.toString()] = seq;
  return gsonJson({
    name: job.label,
    database: job.dbName,
    id: job.dbId,
    backup_time: BigInt(job.createTime),
    content: 'ALL',
    backup_objects: backupObjects,
    new_backup_objects: {
      views: meta.views.map((v) => ({ id: v.id, name: v.name })),
      odbc_tables: [],
      odbc_resources: [],
    },
    backup_result: 'succeed',
    ...VERSIONS,
    is_force_replication_allocation: false,
    tablet_be_map: tabletBe,
    tablet_snapshot_path_map: tabletPath,
    table_commit_seq_map: commitSeqs,
  });
}

export interface JobInfoIndex {
  readonly id: bigint;
  readonly schemaHash: number;
  /** Source tablet ids in bucket order. */
  readonly tabletsOrder: bigint[];
}

export interface JobInfoPartition {
  readonly id: bigint;
  readonly version: bigint;
  readonly indexes: Map<string, JobInfoIndex>;
}

export interface JobInfoTable {
  readonly id: bigint;
  readonly partitions: Map<string, JobInfoPartition>;
}

export interface ParsedJobInfo {
  readonly name: string;
  readonly database: string;
  readonly dbId: bigint;
  readonly backupTime: number;
  readonly tables: Map<string, JobInfoTable>;
  readonly views: Array<{ id: bigint; name: string }>;
  readonly tabletBe: Map<bigint, bigint>;
  readonly tabletPath: Map<bigint, string>;
  readonly extraInfo?: {
    readonly beNetworkMap?: Map<bigint, { ip: string; port: number }>;
    readonly token: string;
  };
}

function readIndex(r: ObjectReader): JobInfoIndex {
  let order = r.int64List('tablets_order');
  if (order.length === 0) order = [...r.idMap('tablets', (v) => v).keys()];
  return { id: r.int64('id'), schemaHash: r.int('schema_hash'), tabletsOrder: order };
}

function namedObjects<T>(r: ObjectReader, member: string, read: (o: ObjectReader) => T): Map<string, T> {
  const out = new Map<string, T>();
  const o = r.objectOrEmpty(member);
  for (const [name, value] of Object.entries(o.raw)) {
    if (value !== null) out.set(name, read(asObject(value, `${o.path}.${name}`)));
  }
  return out;
}

/** Parses job_info text; throws on JSON or type errors (the caller reports them as analysis errors). */
export function parseJobInfo(text: string): ParsedJobInfo {
  const root = asObject(parseJson(text), '');
  const tables = namedObjects(root, 'backup_objects', (t) => ({
    id: t.int64('id'),
    partitions: namedObjects(t, 'partitions', (p) => ({
      id: p.int64('id'),
      version: p.int64('version'),
      indexes: namedObjects(p, 'indexes', readIndex),
    })),
  }));
  const views = (root.object('new_backup_objects')?.objectList('views', (v) => v) ?? []).map((v) => ({
    id: v.int64('id'),
    name: v.string('name'),
  }));
  const extra = root.object('extra_info');
  const network = extra?.object('be_network_map');
  return {
    name: root.string('name'),
    database: root.string('database'),
    dbId: root.int64('id'),
    backupTime: Number(root.int64('backup_time')),
    tables,
    views,
    tabletBe: root.idMap('tablet_be_map', (v: JsonValue, path: string) => asInt64(v, path)),
    tabletPath: root.idMap('tablet_snapshot_path_map', (v: JsonValue, path: string) => asString(v, path)),
    ...(extra
      ? {
          extraInfo: {
            token: extra.string('token'),
            ...(network ? { beNetworkMap: readNetwork(network) } : {}),
          },
        }
      : {}),
  };
}

function readNetwork(network: ObjectReader): Map<bigint, { ip: string; port: number }> {
  const out = new Map<bigint, { ip: string; port: number }>();
  for (const [key, value] of Object.entries(network.raw)) {
    if (value === null) continue;
    const path = `${network.path}.${key}`;
    const addr = asObject(value, path);
    out.set(parseIdKey(key, path), { ip: addr.string('ip'), port: addr.int('port') });
  }
  return out;
}

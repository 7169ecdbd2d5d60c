// The `meta` blob of a local snapshot: the catalog objects a backup copied, in the sandbox's own encoding
// (Doris serialises its Java objects; the syncer only forwards the bytes, fe-thrift.md §7.3). A table keeps
// only the backed-up partitions, each at the visible version its data was copied at.
import type { Database } from '../../catalog/database.js';
import type { OlapTable, View } from '../../catalog/table.js';
import { decodeJson, encodeJson } from '../../storage/json-codec.js';
import type { SnapshotMeta } from './job-types.js';

function clone<T>(value: T): T {
  return decodeJson<T>(encodeJson(value));
}

/** A copy of `table` restricted to `partitionNames` (all when undefined) and without temp partitions. */
export function copyTableForBackup(
  table: OlapTable,
  partitionNames: readonly string[] | undefined,
): OlapTable {
  const copy = clone(table);
  copy.tempPartitions.clear();
  if (partitionNames) {
    const wanted = new Set(partitionNames.map((n) => n.toLowerCase()));
    for (const [id, p] of copy.partitions) if (!wanted.has(p.name.toLowerCase())) copy.partitions.delete(id);
  }
  return copy;
}

export function copyView(view: View): View {
  return clone(view);
}

export function newSnapshotMeta(db: Database, tables: OlapTable[], views: View[]): SnapshotMeta {
  return { format: 'doris-sandbox-backup-meta', version: 1, dbId: db.id, dbName: db.name, tables, views };
}

export function encodeMeta(meta: SnapshotMeta): Buffer {
  return Buffer.from(encodeJson(meta), 'utf8');
}

export class MetaFormatError extends Error {
  override readonly name = 'MetaFormatError';
}

/** Reads a meta blob; anything but a sandbox snapshot (e.g. a real Doris BackupMeta) is rejected. */
export function decodeMeta(bytes: Uint8Array): SnapshotMeta {
  let meta: SnapshotMeta;
  try {
    meta = decodeJson<SnapshotMeta>(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new MetaFormatError(`failed to read backup meta: ${(error as Error).message}`);
  }
  if (meta?.format !== 'doris-sandbox-backup-meta' || meta.version !== 1) {
    throw new MetaFormatError('failed to read backup meta: not a doris-sandbox snapshot');
  }
  return meta;
}

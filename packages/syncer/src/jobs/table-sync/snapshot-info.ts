// Reading a backup's job_info (fe-thrift.md §7): which partitions of the followed table it holds and at
// which visible version. Ids and versions are read as bigints (they exceed 2^53 on real clusters).
import { isJsonObject, parseJson } from '@doris-ccr/protocol';

/** Source partition id → visible version at the snapshot, for table `tableName` of the backup. */
export function snapshotPartitionVersions(jobInfo: string, tableName: string): Map<string, bigint> {
  const root = parseJson(jobInfo);
  const out = new Map<string, bigint>();
  if (!isJsonObject(root)) return out;
  const objects = root.backup_objects;
  const table = isJsonObject(objects) ? objects[tableName] : undefined;
  const partitions = isJsonObject(table) ? table.partitions : undefined;
  if (!isJsonObject(partitions)) return out;
  for (const info of Object.values(partitions)) {
    if (!isJsonObject(info)) continue;
    const { id, version } = info;
    if (typeof id === 'bigint' && typeof version === 'bigint') out.set(id.toString(), version);
  }
  return out;
}

// Whether an existing target table can receive a snapshot's table (OlapTable.getSignature in Doris): same
// key model, same materialized indexes with the same columns, same partitioning and, for the partitions
// both have, the same distribution. Table and base-index names are left out, so a table restored under an
// alias compares by structure. Views compare by definition, after the source database name is rewritten.
import type { Column } from '../../catalog/column.js';
import { itemCanonicalText } from '../../catalog/partition-item.js';
import type { OlapTable, Partition, View } from '../../catalog/table.js';
import { renderTypeSql } from '../../types/index.js';
import { partitionTypes } from '../load/publisher.js';

function columnSignature(c: Column): string {
  return [c.name.toLowerCase(), renderTypeSql(c.type), c.isKey, c.aggregation, c.nullable].join(':');
}

function indexSignatures(table: OlapTable): string[] {
  return [...table.indexes.values()]
    .map((index) => {
      const name = index.id === table.baseIndexId ? '<base>' : index.name;
      return `${name}(${index.keysType};${index.columns.map(columnSignature).join(',')})`;
    })
    .sort();
}

function partitionSignature(table: OlapTable, p: Partition): string {
  const d = table.distribution;
  return `${p.name.toLowerCase()}:${d.type}(${d.columns.map((c) => c.toLowerCase()).join(',')}):${p.buckets}`;
}

function partitionByName(table: OlapTable, name: string): Partition | undefined {
  const lower = name.toLowerCase();
  return [...table.partitions.values()].find((p) => p.name.toLowerCase() === lower);
}

/** Same structure over the partitions both tables have. */
export function sameSchema(local: OlapTable, remote: OlapTable): boolean {
  const head = (t: OlapTable) =>
    [
      t.keysType,
      t.partitionType,
      t.partitionColumns.map((c) => c.toLowerCase()).join(','),
      ...indexSignatures(t),
    ].join('|');
  if (head(local) !== head(remote)) return false;
  for (const rp of remote.partitions.values()) {
    const lp = partitionByName(local, rp.name);
    if (lp && partitionSignature(local, lp) !== partitionSignature(remote, rp)) return false;
  }
  return true;
}

/** Whether the same-named partition covers the same range or values in both tables. */
export function samePartitionItem(
  local: OlapTable,
  lp: Partition,
  remote: OlapTable,
  rp: Partition,
): boolean {
  return (
    itemCanonicalText(partitionTypes(local), lp.item) === itemCanonicalText(partitionTypes(remote), rp.item)
  );
}

/** View.resetViewDefForRestore: `internal`.`src` becomes `internal`.`dst` in the stored definition. */
export function rewriteViewDefinition(definition: string, srcDb: string, dstDb: string): string {
  if (srcDb === dstDb) return definition;
  const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;
  return definition
    .split(`${q('internal')}.${q(srcDb)}.`)
    .join(`${q('internal')}.${q(dstDb)}.`)
    .split(`${q(`default_cluster:${srcDb}`)}.`)
    .join(`${q(`default_cluster:${dstDb}`)}.`);
}

export function sameView(local: View, remote: View, srcDb: string, dstDb: string): boolean {
  const columns = (v: View) => v.columns.map((c) => `${c.name}:${c.typeSql}`).join(',');
  if (columns(local) !== columns(remote)) return false;
  return (
    local.definition === remote.definition ||
    local.definition === rewriteViewDefinition(remote.definition, srcDb, dstDb)
  );
}

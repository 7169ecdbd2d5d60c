// ALTER TABLE … REPLACE PARTITION (p…) WITH TEMPORARY PARTITION (tp…) [FORCE] [PROPERTIES ("strict_range",
// "use_temp_partition_name")] (InternalCatalog.replaceTempPartition): the temporary partitions become
// formal ones (taking the replaced names when the counts match and use_temp_partition_name is false),
// the replaced partitions go to the recycle bin unless FORCE. Recorded as REPLACE_PARTITIONS.
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../../catalog/database.js';
import {
  compareKeys,
  type KeyPart,
  type PartitionItem,
  rangesOverlap,
} from '../../../catalog/partition-item.js';
import type { OlapTable, Partition } from '../../../catalog/table.js';
import { partitionByName } from '../../alter/partition-ops.js';
import { partitionTypes } from '../../load/publisher.js';
import { dorisError } from '../../mysql/session-types.js';
import { recyclePartition } from '../../recycle/recycle-bin.js';
import type { ReplacePartitionClause } from '../../sql/index.js';
import { logDdl } from '../ddl-log.js';
import type { ExecContext } from '../exec-context.js';

function boolProperty(value: string, key: string): boolean {
  const v = value.toLowerCase();
  if (v !== 'true' && v !== 'false') throw dorisError(`Invalid ${key} property value: ${value}`);
  return v === 'true';
}

/** strict_range: the temporary partitions cover exactly what the replaced partitions covered. */
function sameCoverage(table: OlapTable, formal: readonly Partition[], temp: readonly Partition[]): boolean {
  const types = partitionTypes(table);
  const items = (ps: readonly Partition[]) =>
    ps.map((p) => p.item).filter((i): i is PartitionItem => i !== undefined);
  const a = items(formal);
  const b = items(temp);
  if (a.every((i) => i.kind === 'list') && b.every((i) => i.kind === 'list')) {
    const keys = (is: PartitionItem[]) =>
      is
        .flatMap((i) => (i.kind === 'list' ? i.keys : []))
        .map((k) => JSON.stringify(k))
        .sort();
    return JSON.stringify(keys(a)) === JSON.stringify(keys(b));
  }
  const merge = (is: PartitionItem[]) => {
    const ranges = is
      .flatMap((i) => (i.kind === 'range' ? [i] : []))
      .sort((x, y) => compareKeys(types, x.lower, y.lower));
    const out: Array<{ lower: readonly KeyPart[]; upper: readonly KeyPart[] }> = [];
    for (const r of ranges) {
      const last = out[out.length - 1];
      if (last && compareKeys(types, last.upper, r.lower) === 0) last.upper = r.upper;
      else out.push({ lower: r.lower, upper: r.upper });
    }
    return out.map((r) => JSON.stringify([r.lower, r.upper]));
  };
  return JSON.stringify(merge(a)) === JSON.stringify(merge(b));
}

export function replacePartitions(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: ReplacePartitionClause,
): void {
  let strictRange = true;
  let useTempName = false;
  for (const p of clause.properties) {
    if (p.key === 'strict_range') strictRange = boolProperty(p.value, p.key);
    else if (p.key === 'use_temp_partition_name') useTempName = boolProperty(p.value, p.key);
    else throw dorisError(`Unknown properties: [${p.key}]`);
  }
  const formal = clause.partitions.map((name) => {
    const p = partitionByName(table.partitions, name);
    if (!p) throw dorisError(`Partition[${name}] does not exist`);
    return p;
  });
  const temp = clause.tempPartitions.map((name) => {
    const p = partitionByName(table.tempPartitions, name);
    if (!p) throw dorisError(`Temp partition[${name}] does not exist`);
    return p;
  });
  const types = partitionTypes(table);
  if (strictRange) {
    if (!sameCoverage(table, formal, temp)) {
      throw dorisError(
        'The partition range of the temp partitions does not equal to the range of the replaced partitions',
      );
    }
  } else {
    const kept = [...table.partitions.values()].filter((p) => !formal.includes(p));
    for (const t of temp) {
      for (const k of kept) {
        if (t.item?.kind === 'range' && k.item?.kind === 'range' && rangesOverlap(types, t.item, k.item)) {
          throw dorisError(`Range of temp partition ${t.name} is intersected with partition ${k.name}`);
        }
      }
    }
  }
  const rename = !useTempName && formal.length === temp.length;
  const now = ctx.fe.clock.now();
  ctx.fe.commit(() => {
    const order = [...table.partitions.values()];
    const firstAt = order.findIndex((p) => formal.includes(p));
    const promoted = temp.map((t, i) => ({ ...t, isTemp: false, name: rename ? formal[i]!.name : t.name }));
    const rebuilt = order.filter((p) => !formal.includes(p));
    rebuilt.splice(firstAt < 0 ? rebuilt.length : firstAt, 0, ...promoted);
    table.partitions.clear();
    for (const p of rebuilt) table.partitions.set(p.id, p);
    for (const t of temp) table.tempPartitions.delete(t.id);
    for (const old of formal) {
      if (clause.force) {
        for (const index of old.indexes.values()) {
          for (const tablet of index.tablets)
            for (const r of tablet.replicas) ctx.fe.backends.get(r.backendId)?.dropTablet(tablet.id);
        }
        ctx.fe.store.deletePartitionVersion(old.id);
      }
    }
    ctx.fe.catalog.saveTable(db, table);
    if (!clause.force) for (const old of formal) recyclePartition(ctx.fe, db, table, old);
    logDdl(ctx.fe, BinlogType.REPLACE_PARTITIONS, db.id, [table.id], () => ({
      dbId: db.id,
      dbName: db.name,
      tblId: table.id,
      tblName: table.name,
      partitions: formal.map((p) => p.name),
      tempPartitions: temp.map((p) => p.name),
      strictRange,
      useTempPartitionName: useTempName,
      version: promoted.reduce((v, p) => (p.visibleVersion > v ? p.visibleVersion : v), 1n),
      versionTime: now,
      force: clause.force,
      replacedPartitionIds: formal.map((p) => p.id),
    }));
  });
}

// Pairing source and target tablets for one UPSERT: partitions by their range text, indexes by name (the
// base index is named after its table), tablets by bucket — getMeta lists an index's tablets in bucket
// order, as the FE keeps them, on both clusters; the Go syncer sorts them by id instead, which pairs the
// wrong buckets as soon as a restore allocates ids in another order — and, for each target replica, a
// source replica that already has the version (round-robin, so one source BE is not asked for everything).
import type { TGetMetaTableMeta, UpsertTableRecord } from '@doris-ccr/protocol';
import { needsFullSync, needsPartialSync, retryable } from '../job-errors.js';

export interface IngestTask {
  readonly targetPartitionId: bigint;
  readonly targetTabletId: bigint;
  readonly targetBackendId: bigint;
  readonly sourceTabletId: bigint;
  readonly sourceBackendId: bigint;
  readonly version: bigint;
}

const byId = <T extends { id?: bigint }>(a: T, b: T) => (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0);

export function planIngest(
  record: UpsertTableRecord,
  source: TGetMetaTableMeta,
  target: TGetMetaTableMeta,
  shadowIndexes: ReadonlySet<string>,
  /** Require a source replica that reports the version (only meaningful with a fresh layout). */
  checkVersions = true,
): IngestTask[] {
  const tasks: IngestTask[] = [];
  const targetByRange = new Map(
    (target.partitions ?? []).filter((p) => !p.is_temp).map((p) => [p.range ?? '', p]),
  );
  const sourceById = new Map((source.partitions ?? []).map((p) => [p.id!, p]));
  for (const pr of record.partitionRecords) {
    if (pr.isTempPartition) continue;
    const sp = sourceById.get(pr.partitionId);
    // Dropped on the source since this load (a replay of a backlog meets that): its rows are gone there
    // too, and a replaced or recovered partition comes back through a partial sync, not through this load.
    if (!sp) continue;
    const tp = targetByRange.get(pr.range);
    if (!tp)
      throw needsFullSync(
        `no target partition with range ${JSON.stringify(pr.range)} (source partition ${sp.name})`,
      );
    let rr = 0;
    const written = new Set<bigint>();
    for (const indexId of record.indexIds) {
      if (shadowIndexes.has(indexId.toString())) continue;
      const si = (sp.indexes ?? []).find((i) => i.id === indexId);
      if (!si) continue;
      const wanted = si.name === source.name ? target.name : si.name;
      const ti = (tp.indexes ?? []).find((i) => i.name === wanted);
      if (!ti) throw needsFullSync(`target partition ${tp.name} has no index ${wanted}`);
      written.add(ti.id!);
      const sTablets = si.tablets ?? [];
      const tTablets = ti.tablets ?? [];
      if (sTablets.length !== tTablets.length) {
        throw needsFullSync(
          `index ${wanted}: ${sTablets.length} source tablets, ${tTablets.length} target tablets`,
        );
      }
      tTablets.forEach((tt, i) => {
        const st = sTablets[i]!;
        const ready = (st.replicas ?? []).filter((r) => !checkVersions || (r.version ?? 0n) >= pr.version);
        if (ready.length === 0)
          throw retryable(`no source replica of tablet ${st.id} has version ${pr.version} yet`);
        for (const replica of [...(tt.replicas ?? [])].sort(byId)) {
          const from = ready[rr++ % ready.length]!;
          tasks.push({
            targetPartitionId: tp.id!,
            targetTabletId: tt.id!,
            targetBackendId: replica.backend_id!,
            sourceTabletId: st.id!,
            sourceBackendId: from.backend_id!,
            version: pr.version,
          });
        }
      });
    }
    // The target commits a load only when every index of the partition got it. An index whose source
    // rowsets are gone (a rollup dropped on the source since this load, its DROP not replayed yet) cannot be
    // written: the table is copied again instead, and replay skips what that copy holds.
    const unwritten = (tp.indexes ?? []).filter((i) => !written.has(i.id!));
    if (written.size > 0 && unwritten.length > 0)
      throw needsPartialSync(
        `target index ${unwritten.map((i) => i.name).join(', ')} of partition ${tp.name} has no source rowset for version ${pr.version} (dropped on the source since)`,
      );
  }
  return tasks;
}

// The FE's tablet scheduler (Doris's TabletChecker + TabletScheduler + BeLoadRebalancer, and the
// SystemHandler check that drops an emptied decommissioned BE), one pass per `tablet_schedule_interval_ms`:
// 1. repair: a tablet with fewer healthy replicas than its replication number gets a new replica on the
//    least-loaded schedulable BE that holds none of it, cloned from a usable replica (rows and binlog
//    rowsets). Replicas on decommissioned BEs, marked "drop" or "bad", or on dropped or dead BEs are not
//    healthy;
// 2. redundancy: once a tablet has enough healthy replicas the others leave — a usable one is marked
//    DECOMMISSION with a watermark and deleted when no transaction of its database that started before is
//    still running (so in-flight loads and ingests still commit), an unusable one at once;
// 3. balance (unless disable_balance): while the most-loaded schedulable BE holds at least two replicas
//    more than the least-loaded one, a replica moves from the first to the second (clone, then leave);
// 4. a decommissioned BE holding no replica is dropped (drop_backend_after_decommission); its process keeps
//    running as a spare, as a real BE process does after DROP BACKEND.
// At most `schedule_batch_size` clones per pass. Tables under schema change, rollup or restore are skipped,
// and colocated tables are not balanced (a decommission still moves their tablets, one by one). Replicas on
// a dead or dropped BE are replaced after tablet_repair_delay_factor_second × 2, as Doris delays them.
import type { Backend } from '../../be/backend.js';
import type { Database } from '../../catalog/database.js';
import {
  allPartitions,
  type OlapTable,
  type Partition,
  type Replica,
  type Tablet,
} from '../../catalog/table.js';
import type { Frontend } from '../frontend.js';
import { isHealthy, usableBackend } from './replica-state.js';

export interface SchedulePass {
  readonly cloned: number;
  readonly dropped: number;
  readonly droppedBackends: readonly bigint[];
}

interface TabletRef {
  readonly db: Database;
  readonly table: OlapTable;
  readonly partition: Partition;
  readonly tablet: Tablet;
}

/** Replicas per registered backend (what SHOW BACKENDS calls TabletNum). */
export function replicaCounts(fe: Frontend): Map<bigint, number> {
  const counts = new Map<bigint, number>([...fe.backends.keys()].map((id) => [id, 0]));
  for (const { table } of fe.catalog.olapTables()) {
    for (const p of allPartitions(table)) {
      for (const index of p.indexes.values()) {
        for (const t of index.tablets) {
          for (const r of t.replicas)
            if (counts.has(r.backendId)) counts.set(r.backendId, counts.get(r.backendId)! + 1);
        }
      }
    }
  }
  return counts;
}

function* stableTablets(fe: Frontend): IterableIterator<TabletRef> {
  for (const { db, table } of fe.catalog.olapTables()) {
    if (table.state !== 'NORMAL') continue;
    for (const partition of allPartitions(table)) {
      for (const index of partition.indexes.values()) {
        for (const tablet of index.tablets) yield { db, table, partition, tablet };
      }
    }
  }
}

class Pass {
  cloned = 0;
  dropped = 0;
  readonly dirty = new Map<OlapTable, Database>();
  readonly load: Map<bigint, number>;
  private readonly running = new Map<bigint, bigint[]>();

  constructor(
    private readonly fe: Frontend,
    private budget: number,
  ) {
    this.load = replicaCounts(fe);
  }

  get canClone(): boolean {
    return this.budget > 0;
  }

  /** Schedulable BEs (registered, alive, not decommissioned) holding no replica of the tablet, least loaded first. */
  destinations(tablet: Tablet): Backend[] {
    return [...this.fe.backends.values()]
      .filter((b) => b.alive && !b.decommissioned && !tablet.replicas.some((r) => r.backendId === b.id))
      .sort((a, b) => (this.load.get(a.id) ?? 0) - (this.load.get(b.id) ?? 0) || (a.id < b.id ? -1 : 1));
  }

  clone(ref: TabletRef, source: Backend, dest: Backend): void {
    const replica: Replica = { id: this.fe.sequences.allocId(), backendId: dest.id };
    ref.tablet.replicas.push(replica);
    dest.cloneFrom(source, ref.tablet.id);
    this.load.set(dest.id, (this.load.get(dest.id) ?? 0) + 1);
    this.dirty.set(ref.table, ref.db);
    this.budget--;
    this.cloned++;
  }

  private runningTxnIds(dbId: bigint): bigint[] {
    let ids = this.running.get(dbId);
    if (!ids) {
      ids = this.fe.txns.running(dbId).map((t) => t.id);
      this.running.set(dbId, ids);
    }
    return ids;
  }

  /** Marks the replica leaving (watermark: the newest running transaction of its database), or deletes it. */
  leave(ref: TabletRef, replica: Replica): void {
    const backend = usableBackend(this.fe.backends, replica);
    if (backend && !replica.leaving) {
      const running = this.runningTxnIds(ref.db.id);
      replica.leaving = { afterTxn: running.reduce((max, id) => (id > max ? id : max), 0n) };
      this.dirty.set(ref.table, ref.db);
    }
    if (backend && this.runningTxnIds(ref.db.id).some((id) => id <= replica.leaving!.afterTxn)) return;
    ref.tablet.replicas.splice(ref.tablet.replicas.indexOf(replica), 1);
    this.fe.backends.get(replica.backendId)?.dropTablet(ref.tablet.id);
    if (this.load.has(replica.backendId))
      this.load.set(replica.backendId, this.load.get(replica.backendId)! - 1);
    this.dirty.set(ref.table, ref.db);
    this.dropped++;
  }
}

/**
 * When each unhealthy tablet with a replica on a lost BE (dead, or dropped) was first seen: Doris repairs
 * those only after tablet_repair_delay_factor_second × 2 (NORMAL priority), since a dead BE often comes
 * back; tablets on decommissioned BEs or with bad/drop replicas are repaired at once.
 */
export type RepairDelays = Map<bigint, number>;

function readyToRepair(fe: Frontend, delays: RepairDelays, tablet: Tablet): boolean {
  const lost = tablet.replicas.some((r) => {
    const backend = fe.backends.get(r.backendId);
    return !backend || (!backend.alive && !backend.decommissioned);
  });
  if (!lost) return true;
  const now = fe.clock.now();
  const first = delays.get(tablet.id) ?? now;
  delays.set(tablet.id, first);
  return now - first >= fe.config.int('tablet_repair_delay_factor_second') * 2 * 1000;
}

function repair(fe: Frontend, pass: Pass, ref: TabletRef, delays: RepairDelays): void {
  const { tablet, partition } = ref;
  const healthy = tablet.replicas.filter((r) => isHealthy(fe.backends, r));
  if (healthy.length < partition.replicationNum) {
    if (!pass.canClone || !readyToRepair(fe, delays, tablet)) return;
    const sourceReplica = healthy[0] ?? tablet.replicas.find((r) => usableBackend(fe.backends, r));
    const dest = pass.destinations(tablet)[0];
    // No usable replica left (every copy bad or lost) or no BE to put one on: the tablet stays unhealthy.
    if (!sourceReplica || !dest) return;
    pass.clone(ref, fe.backends.get(sourceReplica.backendId)!, dest);
    return;
  }
  delays.delete(tablet.id);
  const leaving = tablet.replicas.filter((r) => !healthy.includes(r));
  if (leaving.length === 0 && healthy.length > partition.replicationNum) {
    // A surplus healthy replica (e.g. "ok" again after a repair): the one on the most-loaded BE leaves.
    const byLoad = [...healthy].sort(
      (a, b) => (pass.load.get(b.backendId) ?? 0) - (pass.load.get(a.backendId) ?? 0),
    );
    leaving.push(byLoad[0]!);
  }
  for (const replica of leaving) pass.leave(ref, replica);
}

function balance(fe: Frontend, pass: Pass): void {
  const schedulable = [...fe.backends.values()].filter((b) => b.alive && !b.decommissioned);
  if (schedulable.length < 2) return;
  while (pass.canClone) {
    const sorted = [...schedulable].sort((a, b) => (pass.load.get(a.id) ?? 0) - (pass.load.get(b.id) ?? 0));
    const low = sorted[0]!;
    const high = sorted[sorted.length - 1]!;
    if ((pass.load.get(high.id) ?? 0) - (pass.load.get(low.id) ?? 0) < 2) return;
    let moved = false;
    for (const ref of stableTablets(fe)) {
      const { tablet, partition } = ref;
      // Colocated tables move as groups in Doris (ColocateTableCheckerAndBalancer), never one tablet alone.
      if (ref.table.properties.get('colocate_with')) continue;
      if (tablet.replicas.length !== partition.replicationNum) continue;
      if (!tablet.replicas.every((r) => isHealthy(fe.backends, r))) continue;
      const from = tablet.replicas.find((r) => r.backendId === high.id);
      if (!from || tablet.replicas.some((r) => r.backendId === low.id)) continue;
      pass.clone(ref, high, low);
      pass.leave(ref, from);
      moved = true;
      break;
    }
    if (!moved) return;
  }
}

/** One scheduling pass, as one durable unit. */
export function scheduleTablets(fe: Frontend, delays: RepairDelays = new Map()): SchedulePass {
  if (fe.config.bool('disable_tablet_scheduler')) return { cloned: 0, dropped: 0, droppedBackends: [] };
  return fe.commit(() => {
    const pass = new Pass(fe, Math.max(1, fe.config.int('schedule_batch_size')));
    for (const ref of stableTablets(fe)) repair(fe, pass, ref, delays);
    if (!fe.config.bool('disable_balance')) balance(fe, pass);
    for (const [table, db] of pass.dirty) fe.catalog.saveTable(db, table);
    const droppedBackends: bigint[] = [];
    if (fe.config.bool('drop_backend_after_decommission')) {
      const counts = replicaCounts(fe);
      for (const backend of [...fe.backends.values()]) {
        if (!backend.decommissioned || (counts.get(backend.id) ?? 0) > 0) continue;
        backend.discardAll();
        fe.system.drop(backend);
        droppedBackends.push(backend.id);
      }
    }
    return { cloned: pass.cloned, dropped: pass.dropped, droppedBackends };
  });
}

/** Runs a pass every tablet_schedule_interval_ms (read before each pass, so a change applies at once). */
export function startTabletScheduler(fe: Frontend, log: (line: string) => void): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const delays: RepairDelays = new Map();
  const tick = () => {
    try {
      const pass = scheduleTablets(fe, delays);
      if (pass.cloned + pass.dropped + pass.droppedBackends.length > 0) {
        log(
          `tablet scheduler: ${pass.cloned} replicas cloned, ${pass.dropped} deleted${pass.droppedBackends.length ? `, decommissioned backends dropped: ${pass.droppedBackends.join(', ')}` : ''}`,
        );
      }
    } catch (error) {
      log(`tablet scheduler failed: ${(error as Error).message}`);
    }
    if (!stopped) {
      timer = setTimeout(tick, Math.max(10, fe.config.int('tablet_schedule_interval_ms')));
      timer.unref();
    }
  };
  timer = setTimeout(tick, Math.max(10, fe.config.int('tablet_schedule_interval_ms')));
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

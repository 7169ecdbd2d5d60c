// Which replicas serve reads and loads, and which count toward a tablet's health — one definition for the
// load path, the publisher, the query path and the tablet scheduler.
import type { Backend } from '../../be/backend.js';
import type { Replica, Tablet } from '../../catalog/table.js';

/** The backend of a replica that can be read and written: registered, alive, and the replica not bad. */
export function usableBackend(backends: ReadonlyMap<bigint, Backend>, replica: Replica): Backend | undefined {
  if (replica.bad) return undefined;
  const backend = backends.get(replica.backendId);
  return backend?.alive ? backend : undefined;
}

/** A replica that stays: usable, not on a decommissioned BE, not marked drop, not being removed. */
export function isHealthy(backends: ReadonlyMap<bigint, Backend>, replica: Replica): boolean {
  const backend = usableBackend(backends, replica);
  return backend !== undefined && !backend.decommissioned && !replica.userDrop && !replica.leaving;
}

/** The backend a query reads a tablet from: a healthy replica if there is one, else any usable one. */
export function readableBackend(backends: ReadonlyMap<bigint, Backend>, tablet: Tablet): Backend | undefined {
  const healthy = tablet.replicas.find((r) => isHealthy(backends, r));
  if (healthy) return backends.get(healthy.backendId);
  for (const r of tablet.replicas) {
    const backend = usableBackend(backends, r);
    if (backend) return backend;
  }
  return undefined;
}

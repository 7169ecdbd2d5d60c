// Jobs that talk to the same cluster as the same user share one set of connections (SQL pool, FE thrift
// pool, BE ingest pool) instead of opening their own: a syncer following 100 tables of one database then
// holds two sets, not 200, and the per-BE ingest limit really is per BE. The last job to let go closes them.
import type { Spec } from '../model/spec.js';
import type { ClusterAccess } from './cluster-access.js';

export type ClusterConnector = (spec: Spec) => Promise<ClusterAccess>;

interface Entry {
  readonly access: Promise<ClusterAccess>;
  refs: number;
}

/** What makes two specs interchangeable for a connection: everything but the table. */
function connectionKey(spec: Spec): string {
  return JSON.stringify([
    spec.host,
    spec.port,
    spec.thrift_port,
    spec.user,
    spec.password,
    spec.cluster ?? '',
    spec.database,
    spec.host_mapping ?? {},
  ]);
}

export function sharedClusters(connect: ClusterConnector): ClusterConnector {
  const entries = new Map<string, Entry>();
  return async (spec) => {
    const key = connectionKey(spec);
    let entry = entries.get(key);
    if (!entry) {
      const created: Entry = { access: connect(spec), refs: 0 };
      entries.set(key, created);
      created.access.catch(() => {
        if (entries.get(key) === created) entries.delete(key);
      });
      entry = created;
    }
    entry.refs++;
    let access: ClusterAccess;
    try {
      access = await entry.access;
    } catch (error) {
      entry.refs--;
      throw error;
    }
    const held = entry;
    let released = false;
    return {
      ...access,
      // The caller's own spec (its table); the connections only use what the key covers.
      spec,
      close: async () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs === 0 && entries.get(key) === held) {
          entries.delete(key);
          await access.close();
        }
      },
    };
  };
}

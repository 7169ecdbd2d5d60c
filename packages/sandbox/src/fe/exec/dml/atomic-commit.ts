// One durable unit for statements that change the catalog in several steps (INSERT OVERWRITE, RECOVER):
// the store transaction rolls back on failure, and the in-memory catalog, which the steps mutated as they
// went, is reloaded from the store so it matches again. Callers record binlogs only after every step that
// can fail, because binlog streams are in memory too and are not reloaded.
import type { Frontend } from '../../frontend.js';

export function commitAtomically<T>(fe: Frontend, fn: () => T): T {
  try {
    return fe.commit(fn);
  } catch (error) {
    fe.catalog.load();
    throw error;
  }
}

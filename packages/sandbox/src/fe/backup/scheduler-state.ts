// The backup/restore scheduler's state per FE, apart from the scheduler itself so that the jobs it runs can
// ask whether they may still touch the FE without importing the module that runs them.
import type { Frontend } from '../frontend.js';

export interface SchedulerState {
  log: (line: string) => void;
  running: boolean;
  readonly active: Set<bigint>;
  sweeper: NodeJS.Timeout | undefined;
}

const schedulers = new WeakMap<Frontend, SchedulerState>();

export function scheduler(fe: Frontend): SchedulerState {
  let state = schedulers.get(fe);
  if (!state) {
    state = { log: () => {}, running: false, active: new Set(), sweeper: undefined };
    schedulers.set(fe, state);
  }
  return state;
}

/** Whether jobs may still touch the FE (false once the scheduler stopped or the store closed). */
export function schedulerActive(fe: Frontend): boolean {
  return scheduler(fe).running && fe.sqlite.open;
}

// What a table job's steps need besides the common job context: the one table it follows (under which
// names on both sides), and the full sync it may share with other table jobs of its database pair.
import type { JobContext } from '../job-context.js';
import type { BatchTicket } from '../snapshot/full-sync-batches.js';

export interface TableJobNames {
  readonly srcDb: string;
  readonly srcTable: string;
  readonly destDb: string;
  readonly destTable: string;
  /** Source table id this job follows (re-pointed after a REPLACE TABLE on the source). */
  readonly srcTableId: bigint;
}

export interface TableJobContext extends JobContext {
  names: TableJobNames;
  /** The full sync this job shares with other jobs of its database pair (absent: each job syncs alone). */
  readonly sharedSync?: { take(): BatchTicket };
  /** This full sync goes the per-job way (its shared sync could not serve it); reset when a sync ends. */
  syncAlone?: boolean;
  /**
   * Follows the source table to a new id (REPLACE TABLE, or a re-created table when the job allows it):
   * the job record is rewritten so a restart follows the new id too.
   */
  repoint(srcTableId: bigint): Promise<void>;
  /** Whether a source table dropped and re-created under the job's name is followed (else: pause). */
  readonly followRecreated: boolean;
  /** Clock time the source table was last seen to exist (table-replay.ts); not persisted. */
  presenceCheckedAt?: number;
}
